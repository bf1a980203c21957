"""The learned match (``knowledge.topic_model``): what does it add on new wording?

Run from the repo root after ``.venv/bin/pip install -e '.[bench]'`` (scikit-learn):
``.venv/bin/python bench/match_model.py [set.tsv ...]``; ``--write`` instead trains the model
on today's labelled sets and writes ``knowledge/content/match_model.tsv``, which
a test requires after a set changes.

1. Transfer, simulated on the eight blind sets inside the matching tuning set: for each, the
   matcher and content as they were before the set was read (a ``git archive`` of that
   commit's ``knowledge/``, run in a subprocess) answer the set; a model trained only on the
   labelled rows that came before the set then places its entry as ``Matcher`` does, first
   from one probability and third from another. Counted: right entries the model brought into
   the first three and first place (gained), and right answers it pushed out (lost), at
   ``SHOWN_AT`` and ``LEADS_AT`` and around them. How both were chosen.
2. The held-out set and any sets given: today's matcher without and with the shipped model,
   top-1 and top-3 (totals only: no row is printed).
3. Cost: thread CPU time of the model's opinion per message over the tuning set's texts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from match_quality import DATA, Row, read_set  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.feature_extraction.text import TfidfTransformer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from knowledge.loader import default_knowledge  # noqa: E402
from knowledge.matcher import Matcher  # noqa: E402
from knowledge.topic_model import (  # noqa: E402
    LEADS_AT,
    SHOWN_AT,
    TopicModel,
    topic_features,
    training_digest,
    training_rows,
    write_model,
)

#: Inverse regularisation strength (scikit-learn's ``C``): with word pairs 16, 32, 64, 128 and
#: 256 were simulated; gains grew up to 128 (23 / 1 third, 46 / 1 first), 256 lost more.
STRENGTH = 128.0
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
)
#: ``(shown third from, first from)``: the shipped pair and its neighbours.
PLACINGS = (
    (0.25, LEADS_AT),
    (SHOWN_AT, LEADS_AT),
    (SHOWN_AT, 0.7),
    (SHOWN_AT, 0.9),
    (SHOWN_AT, 1.1),
)

_RUN_OLD_MATCHER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from knowledge.loader import default_knowledge
from knowledge.matcher import Matcher
matcher = Matcher(default_knowledge())
answers = []
for text in json.load(sys.stdin):
    result = matcher.match(text)
    answers.append([result.triage, [m.id for m in result.matches]])
print(json.dumps(answers))
"""

Answer = tuple[str, list[str]]


def fit(rows: list[tuple[str, str]]) -> TopicModel:
    """Train on ``(text, entry id)`` rows (deterministic: lbfgs from zero)."""
    counted = [topic_features(text) for text, _ in rows]
    seen = Counter(feature for found in counted for feature in found)
    kept = [{f: n for f, n in found.items() if seen[f] >= MIN_MESSAGES} for found in counted]
    vectorizer = DictVectorizer()
    tfidf = TfidfTransformer(sublinear_tf=True)
    matrix = tfidf.fit_transform(vectorizer.fit_transform(kept))
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


def shipped_rows() -> list[tuple[str, str]]:
    """Today's training rows, from the labelled sets."""
    return training_rows(
        [(row.text, row.expected) for name in SETS for row in read_set(DATA / name)]
    )


def _old_matcher(commit: str, texts: list[str]) -> list[Answer]:
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
    return [(triage, ids) for triage, ids in json.loads(out)]


def placed(
    answer: Answer, opinion: tuple[str, float] | None, third_at: float, first_at: float
) -> Answer:
    """``answer`` with the model's entry placed as ``Matcher._with_learned`` places it."""
    triage, ids = answer
    if triage != "concern" or not ids or opinion is None or opinion[1] < third_at:
        return answer
    entry = opinion[0]
    if opinion[1] >= first_at:
        return triage, [entry, *(i for i in ids if i != entry)]
    if entry in ids[:3]:
        return answer
    return triage, [*ids[:2], entry, *(i for i in ids[2:] if i != entry)]


Tally = Counter[tuple[tuple[float, float], int, str]]


def simulate() -> None:
    tuning = read_set(DATA / "match_tuning.tsv")  # tuning[i] is file line i + 2
    dev = [(row.text, row.expected) for row in read_set(DATA / "concerns_dev.tsv")]
    totals = Tally()
    heads = " | ".join(f"third {third} / first {first}" for third, first in PLACINGS)
    print("Right entries gained / lost: top-3, then top-1 (first from 1.1: it never leads)")
    print(f"| set | rows | top-3 before | {heads} |")
    print("|---|--:|--:|" + "--:|" * len(PLACINGS))
    seen = Counter[str]()
    for sim in SIMULATIONS:
        rows = tuning[sim.first - 2 : sim.last - 1]
        answers = _old_matcher(sim.commit, [row.text for row in rows])
        before = [(row.text, row.expected) for row in tuning[: sim.first - 2]]
        model = fit(training_rows(dev + before))
        opinions = [model.best(row.text) for row in rows]
        tally = Tally()
        for placing, within in product(PLACINGS, (3, 1)):
            for row, answer, opinion in zip(rows, answers, opinions, strict=True):
                was = row.right(answer, within)
                now = row.right(placed(answer, opinion, *placing), within)
                tally[placing, within, "gained"] += now and not was
                tally[placing, within, "lost"] += was and not now
        totals.update(tally)
        right = sum(row.right(answer, 3) for row, answer in zip(rows, answers, strict=True))
        seen.update(rows=len(rows), right=right)
        print(f"| {sim.name} | {len(rows)} | {100 * right / len(rows):.1f}% | "
              + " | ".join(_cell(tally, placing) for placing in PLACINGS) + " |")  # fmt: skip
    cells = " | ".join(f"**{_cell(totals, placing)}**" for placing in PLACINGS)
    print(f"| **all {len(SIMULATIONS)}** | {seen['rows']} | "
          f"{100 * seen['right'] / seen['rows']:.1f}% | {cells} |")  # fmt: skip


def _cell(tally: Tally, placing: tuple[float, float]) -> str:
    """``top-3 gained / lost; top-1 gained / lost``."""
    top3 = f"{tally[placing, 3, 'gained']} / {tally[placing, 3, 'lost']}"
    return f"{top3}; {tally[placing, 1, 'gained']} / {tally[placing, 1, 'lost']}"


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
    without, with_model = Matcher(kb, learned=False), Matcher(kb)
    print("\n| set | top-1 / top-3 without | with the learned match |")
    print("|---|--:|--:|")
    for path in paths:
        rows = read_set(path)
        print(f"| {path.name} | {_figures(rows, without)} | {_figures(rows, with_model)} |")


def cost() -> None:
    model = fit(shipped_rows())
    texts = [row.text for row in read_set(DATA / "match_tuning.tsv")]
    spent = []
    for text in texts:
        start = time.thread_time_ns()
        model.best(text)
        spent.append((time.thread_time_ns() - start) / 1e6)
    spent.sort()
    p50, p99 = spent[len(spent) // 2], spent[int(len(spent) * 0.99)]
    print(f"\nThe model's opinion, thread CPU per message over {len(texts)} texts: "
          f"p50 {p50:.3f} ms, p99 {p99:.3f} ms")  # fmt: skip


def main() -> None:
    if sys.argv[1:] == ["--write"]:
        write_model(fit(shipped_rows()))
        print("wrote knowledge/content/match_model.tsv")
        return
    simulate()
    compare([HELD_OUT, *map(Path, sys.argv[1:])])
    cost()


if __name__ == "__main__":
    main()
