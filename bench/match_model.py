"""The learned match (``knowledge.topic_model``): what does it add on new wording?

Run from the repo root after ``.venv/bin/pip install -e '.[bench]'`` (scikit-learn):
``.venv/bin/python bench/match_model.py [set.tsv ...]``; ``--write`` instead trains both models
on today's labelled sets and writes ``knowledge/content/match_model.tsv`` and
``scope_model.tsv``, which tests require after a set changes.

1. Transfer, simulated on the 27 blind sets inside the matching tuning set: for each, the
   matcher and content as they were before the set was read (a ``git archive`` of that
   commit's ``knowledge/``, run in a subprocess, without its own learned model) answer the
   set; a model trained only on the labelled rows that came before the set is then merged
   with that answer as ``Matcher`` merges it (``knowledge.topic_model.fused``). Counted: right
   entries the model brought into the first three and first place (gained), and right answers
   it pushed out (lost), at ``MATCHER_SHARE`` and around it. How it was chosen. About ten
   minutes.
   The same simulation weighs the learned scope opinion (``knowledge.scope_model``), trained
   on the same rows: right answers in the first three it gains and loses over the merged
   answers, at ``OUT_OF_SCOPE_AT`` and ``IN_SCOPE_AT`` and around them.
2. The held-out set and any sets given: today's matcher without the learned models, with the
   learned match, and with the scope opinion too, top-1 and top-3 (totals only: no row is printed).
3. Cost: thread CPU time of the model's opinion per message over the tuning set's texts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from match_quality import DATA, Row, read_set  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.feature_extraction.text import TfidfTransformer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from knowledge.loader import default_knowledge  # noqa: E402
from knowledge.matcher import Matcher  # noqa: E402
from knowledge.scope_model import (  # noqa: E402
    CLASSES,
    IN_SCOPE_AT,
    KEPT_FROM,
    MOTOR,
    OUT_OF_SCOPE_AT,
    motor_probability,
    scope_rows,
)
from knowledge.scope_model import DEFAULT_PATH as SCOPE_PATH  # noqa: E402
from knowledge.topic_model import (  # noqa: E402
    CANDIDATES,
    FLOOR,
    MATCHER_SHARE,
    TopicModel,
    fused,
    topic_features,
    training_digest,
    training_rows,
    write_model,
)

#: Inverse regularisation strength (scikit-learn's ``C``): with word pairs 16, 32, 64, 128 and
#: 256 were simulated; gains grew up to 128 (23 / 1 third, 46 / 1 first), 256 lost more.
STRENGTH = 128.0
#: The scope opinion's ``C``: 4, 16 and 64 were simulated (docs/benchmarks.md, "A learned
#: scope opinion").
SCOPE_STRENGTH = 16.0
#: A feature is kept when at least this many training messages have it.
MIN_MESSAGES = 2
#: Weights smaller than this are dropped from the file (a twentieth of the weights are kept; in
#: the simulation with phrasings, 21 -> 18 right entries gained at 0.2, none lost at 0.3).
SMALLEST_WEIGHT = 0.3
SETS = ("concerns_dev.tsv", "match_tuning.tsv")
HELD_OUT = DATA / "match_heldout.tsv"


@dataclass(frozen=True)
class Simulation:
    """A blind set inside the tuning set, and the commit whose matcher had not yet read it."""

    name: str
    commit: str
    #: File lines of the set (the header is line 1); the labelled rows before it train.
    first: int
    last: int


SIMULATIONS = (
    Simulation("set 14", "d594ed2", 2599, 2938),
    Simulation("set 15", "992389b", 2939, 3198),
    Simulation("set 16", "e84b5a4", 3199, 3518),
    Simulation("set 17", "fa4d2df", 3519, 3838),
    Simulation("set 18", "7bdaa2c", 3839, 4088),
    Simulation("set 19", "288567d", 4089, 4337),
    Simulation("set 20", "3d0658f", 4338, 4636),
    Simulation("set m41", "cf6e25a", 4957, 5252),
    Simulation("set m43", "5f4d12d", 5549, 5841),
    Simulation("set m45", "ee78c1c", 5842, 6237),
    Simulation("set m47", "fe1a932", 6238, 6628),
    Simulation("set m47b", "18d033c", 6629, 6926),
    Simulation("set m48", "b4f02c7", 6927, 7321),
    Simulation("set m49", "8541a1a", 7322, 7719),
    Simulation("set m50", "edb79ca", 7720, 8115),
    Simulation("set m51a", "62101ac", 8515, 8740),
    Simulation("set m52a", "809efc6", 8951, 9177),
    Simulation("set r31a", "e49a458", 9388, 9620),
    Simulation("set r32a", "9ac9351", 9621, 9857),
    Simulation("set r33a", "c00f865", 9858, 10088),
    Simulation("set r34a", "8bda604", 10089, 10324),
    Simulation("set r35a", "aa977cf", 10325, 10563),
    Simulation("set r36a", "ae6c2af", 10564, 10799),
    Simulation("set r37a", "f30cb1e", 10800, 11032),
    Simulation("set r38a", "eb3270d", 11033, 11267),
    Simulation("set r39a", "31aa2a4", 11268, 11524),
    Simulation("set r40a", "1057678", 11525, 11784),
)
#: The scope opinion's limits simulated: the shipped ones and their neighbours.
OUT_LIMITS = (0.05, 0.1, OUT_OF_SCOPE_AT, 0.2)
IN_LIMITS = (0.93, 0.95, 0.97, IN_SCOPE_AT)
#: The matcher's share of the merged weight: the shipped one and its neighbours.
SHARES = (0.35, 0.4, MATCHER_SHARE, 0.6)

#: Commits from session 42 on have a learned match of their own, and from session 66 a learned
#: scope opinion, which the simulation leaves out: the models trained here stand in for them.
_RUN_OLD_MATCHER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from knowledge.loader import default_knowledge
from knowledge.matcher import Matcher
try:
    matcher = Matcher(default_knowledge(), learned=False, scope=False)
except TypeError:
    try:
        matcher = Matcher(default_knowledge(), learned=False)
    except TypeError:
        matcher = Matcher(default_knowledge())
answers = []
for text in json.load(sys.stdin):
    result = matcher.match(text)
    answers.append([result.triage, [[m.id, m.score] for m in result.matches]])
print(json.dumps(answers))
"""

Answer = tuple[str, list[str]]
#: An old matcher's answer with its scores: triage and ``(entry id, score)`` best first.
Scored = tuple[str, list[tuple[str, float]]]


def _vectorised(
    rows: list[tuple[str, str]],
) -> tuple[DictVectorizer, TfidfTransformer, Any]:
    """``rows``' features kept by ``MIN_MESSAGES``, TF-IDF weighted, as a sparse matrix."""
    counted = [topic_features(text) for text, _ in rows]
    seen = Counter(feature for found in counted for feature in found)
    kept = [{f: n for f, n in found.items() if seen[f] >= MIN_MESSAGES} for found in counted]
    vectorizer = DictVectorizer()
    tfidf = TfidfTransformer(sublinear_tf=True)
    return vectorizer, tfidf, tfidf.fit_transform(vectorizer.fit_transform(kept))


def fit(rows: list[tuple[str, str]]) -> TopicModel:
    """Train on ``(text, entry id)`` rows (deterministic: lbfgs from zero)."""
    vectorizer, tfidf, matrix = _vectorised(rows)
    model = LogisticRegression(C=STRENGTH, max_iter=3000)
    model.fit(matrix, [entry for _, entry in rows])
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): tuple(
            (entry, float(w))
            for entry, w in enumerate(model.coef_[:, column])
            if abs(w) >= SMALLEST_WEIGHT
        )
        for column, name in enumerate(names)
    }
    return TopicModel(
        digest=training_digest(rows),
        entries=tuple(str(entry) for entry in model.classes_),
        bias=tuple(float(b) for b in model.intercept_),
        idf=dict(zip(map(str, names), tfidf.idf_.tolist(), strict=True)),
        weights=weights,
    )


def fit_scope(rows: list[tuple[str, str]], strength: float = SCOPE_STRENGTH) -> TopicModel:
    """Train the scope opinion on ``(text, MOTOR or OTHER)`` rows, stored as two classes
    (``knowledge.scope_model``): each logistic weight halved, with opposite signs."""
    vectorizer, tfidf, matrix = _vectorised(rows)
    model = LogisticRegression(C=strength, max_iter=3000)
    model.fit(matrix, [label == MOTOR for _, label in rows])
    names = vectorizer.get_feature_names_out()
    halves = model.coef_[0] / 2
    weights: dict[str, tuple[tuple[int, float], ...]] = {
        str(name): ((0, -float(half)), (1, float(half))) if abs(half) >= SMALLEST_WEIGHT else ()
        for name, half in zip(names, halves, strict=True)
    }
    bias = float(model.intercept_[0]) / 2
    return TopicModel(
        digest=training_digest(rows),
        entries=CLASSES,
        bias=(-bias, bias),
        idf=dict(zip(map(str, names), tfidf.idf_.tolist(), strict=True)),
        weights=weights,
    )


def labelled_rows() -> list[tuple[str, str]]:
    """Today's labelled sets' ``(text, expected)`` rows."""
    return [(row.text, row.expected) for name in SETS for row in read_set(DATA / name)]


def shipped_rows() -> list[tuple[str, str]]:
    """Today's training rows of the learned match."""
    return training_rows(labelled_rows())


def _old_matcher(commit: str, texts: list[str]) -> list[Scored]:
    """The answers of ``commit``'s matcher."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "knowledge"], capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory() as tree:
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        out = subprocess.run(
            [sys.executable, "-c", _RUN_OLD_MATCHER, tree],
            input=json.dumps(texts).encode(),
            capture_output=True,
            check=True,
            cwd=tree,
        ).stdout
    return [(triage, [(i, s) for i, s in found]) for triage, found in json.loads(out)]


def placed(answer: Scored, opinion: tuple[tuple[str, float], ...], share: float) -> Answer:
    """``answer`` merged with the model's ``opinion`` as ``Matcher._with_learned`` merges it,
    the matcher weighing ``share``."""
    triage, found = answer
    if triage != "concern" or not found:
        return triage, [entry for entry, _ in found]
    return triage, fused(found, opinion, share)


Tally = Counter[tuple[float, int, str]]


def simulate() -> None:
    tuning = read_set(DATA / "match_tuning.tsv")  # tuning[i] is file line i + 2
    dev = [(row.text, row.expected) for row in read_set(DATA / "concerns_dev.tsv")]
    totals = Tally()
    heads = " | ".join(f"share {share}" for share in SHARES)
    print("Right entries gained / lost against the matcher alone: top-3, then top-1")
    print(f"| set | rows | top-3 alone | {heads} |")
    print("|---|--:|--:|" + "--:|" * len(SHARES))
    seen = Counter[str]()
    scoped = Tally()
    moving = _moving(Matcher(default_knowledge()))
    for sim in SIMULATIONS:
        rows = tuning[sim.first - 2 : sim.last - 1]
        answers = _old_matcher(sim.commit, [row.text for row in rows])
        before = [(row.text, row.expected) for row in tuning[: sim.first - 2]]
        model = fit(training_rows(dev + before))
        opinions = [model.ranked(row.text, CANDIDATES) for row in rows]
        tally = Tally()
        alone = [(triage, [entry for entry, _ in found]) for triage, found in answers]
        for share, within in product(SHARES, (3, 1)):
            for row, answer, was_answer, opinion in zip(
                rows, answers, alone, opinions, strict=True
            ):
                was = row.right(was_answer, within)
                now = row.right(placed(answer, opinion, share), within)
                tally[share, within, "gained"] += now and not was
                tally[share, within, "lost"] += was and not now
        totals.update(tally)
        merged = [placed(a, o, MATCHER_SHARE) for a, o in zip(answers, opinions, strict=True)]
        scope_model = fit_scope(scope_rows(dev + before))
        scoped.update(_scope_tally(rows, answers, opinions, merged, scope_model, moving))
        right = sum(row.right(answer, 3) for row, answer in zip(rows, alone, strict=True))
        seen.update(rows=len(rows), right=right)
        print(f"| {sim.name} | {len(rows)} | {100 * right / len(rows):.1f}% | "
              + " | ".join(_cell(tally, share) for share in SHARES) + " |")  # fmt: skip
    cells = " | ".join(f"**{_cell(totals, share)}**" for share in SHARES)
    print(f"| **all {len(SIMULATIONS)}** | {seen['rows']} | "
          f"{100 * seen['right'] / seen['rows']:.1f}% | {cells} |")  # fmt: skip
    print("\nThe learned scope opinion, over the merged answers: right answers in the first three")
    print("gained / lost, a worry put out of scope from movement's probability at most ...")
    print(" | ".join(f"{limit}: {scoped[limit, 0, 'gained']} / {scoped[limit, 0, 'lost']}"
                     for limit in OUT_LIMITS))  # fmt: skip
    print("... and a message the word lists put out brought in from at least ...")
    print(" | ".join(f"{limit}: {scoped[limit, 1, 'gained']} / {scoped[limit, 1, 'lost']}"
                     for limit in IN_LIMITS))  # fmt: skip


def _moving(matcher: Matcher) -> Callable[[str], bool]:
    """Whether a text names no other subject or has a word of movement, as ``Matcher`` asks
    before the scope opinion brings a message in (today's word lists: the old matchers' own
    are not kept)."""
    return lambda text: matcher._scope.may_be_movement(matcher._text(text))


def _scope_tally(
    rows: list[Row],
    answers: list[Scored],
    opinions: list[tuple[tuple[str, float], ...]],
    merged: list[Answer],
    scope_model: TopicModel,
    moving: Callable[[str], bool],
) -> Tally:
    """Right answers in the first three the scope opinion gains and loses against ``merged``,
    per limit (``(limit, 0 out or 1 in, ...)``), as ``Matcher._learned_scope`` decides (a
    worry the matcher scored ``KEPT_FROM`` or more stays, and a message naming another
    subject is brought in only with a word of movement); a message brought in is shown the
    learned match's entries (the old matcher gave none)."""
    tally = Tally()
    for row, (triage, found), opinion, answer in zip(rows, answers, opinions, merged, strict=True):
        motor = motor_probability(scope_model, row.text)
        if motor is None or triage not in ("concern", "out_of_scope"):
            continue
        was = row.right(answer, 3)
        if triage == "concern":
            kept = bool(found) and found[0][1] >= KEPT_FROM
            for limit in OUT_LIMITS:
                out = motor <= limit and not kept
                now = row.right(("out_of_scope", []), 3) if out else was
                tally[limit, 0, "gained"] += now and not was
                tally[limit, 0, "lost"] += was and not now
            continue
        entries = [entry for entry, probability in opinion if probability >= FLOOR]
        for limit in IN_LIMITS:
            brought = motor >= limit and moving(row.text)
            now = row.right(("concern", entries), 3) if brought else was
            tally[limit, 1, "gained"] += now and not was
            tally[limit, 1, "lost"] += was and not now
    return tally


def _cell(tally: Tally, share: float) -> str:
    """``top-3 gained / lost; top-1 gained / lost``."""
    top3 = f"{tally[share, 3, 'gained']} / {tally[share, 3, 'lost']}"
    return f"{top3}; {tally[share, 1, 'gained']} / {tally[share, 1, 'lost']}"


def _figures(rows: list[Row], matcher: Matcher) -> str:
    answers = []
    for row in rows:
        result = matcher.match(row.text)
        answers.append((result.triage, [m.id for m in result.matches]))
    top1 = sum(row.right(a, 1) for row, a in zip(rows, answers, strict=True)) / len(rows)
    top3 = sum(row.right(a, 3) for row, a in zip(rows, answers, strict=True)) / len(rows)
    return f"{100 * top1:.1f} / {100 * top3:.1f}"


def compare(paths: list[Path]) -> None:
    kb = default_knowledge()
    matchers = (
        Matcher(kb, learned=False, scope=False),
        Matcher(kb, scope=False),
        Matcher(kb),
    )
    print("\n| set | top-1 / top-3 without | with the learned match | and the scope opinion |")
    print("|---|--:|--:|--:|")
    for path in paths:
        rows = read_set(path)
        print(f"| {path.name} | " + " | ".join(_figures(rows, m) for m in matchers) + " |")


def cost() -> None:
    model = fit(shipped_rows())
    texts = [row.text for row in read_set(DATA / "match_tuning.tsv")]
    spent = []
    for text in texts:
        start = time.thread_time_ns()
        model.ranked(text, CANDIDATES)
        spent.append((time.thread_time_ns() - start) / 1e6)
    spent.sort()
    p50, p99 = spent[len(spent) // 2], spent[int(len(spent) * 0.99)]
    print(f"\nThe model's opinion, thread CPU per message over {len(texts)} texts: "
          f"p50 {p50:.3f} ms, p99 {p99:.3f} ms")  # fmt: skip


def main() -> None:
    if sys.argv[1:] == ["--write"]:
        labelled = labelled_rows()
        write_model(fit(training_rows(labelled)))
        write_model(fit_scope(scope_rows(labelled)), SCOPE_PATH)
        print("wrote knowledge/content/match_model.tsv and scope_model.tsv")
        return
    simulate()
    compare([HELD_OUT, *map(Path, sys.argv[1:])])
    cost()


if __name__ == "__main__":
    main()
