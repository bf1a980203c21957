"""The learned third match (``knowledge.topic_model``): what does it add on new wording?

Run from the repo root after ``.venv/bin/pip install -e '.[bench]'`` (scikit-learn):
``.venv/bin/python bench/match_model.py [set.tsv ...]``; ``--write`` instead trains the model
on today's labelled sets and writes ``knowledge/content/match_model.tsv``, which
a test requires after a set changes.

1. Transfer, simulated on the seven blind sets inside the matching tuning set: for each, the
   matcher and content as they were before the set was read (a ``git archive`` of that
   commit's ``knowledge/``, run in a subprocess) answer the set; a model trained only on the
   labelled rows that came before the set then adds its entry third
   where the probability is at least a threshold. Counted: worries whose right entry the model
   brought into the first three (gained) and right answers it pushed out (lost), at
   ``SHOWN_AT`` and around it. How ``SHOWN_AT`` was chosen.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from match_quality import DATA, Row, read_set  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.feature_extraction.text import TfidfTransformer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from knowledge.examples import features  # noqa: E402
from knowledge.loader import default_knowledge  # noqa: E402
from knowledge.matcher import Matcher  # noqa: E402
from knowledge.topic_model import (  # noqa: E402
    SHOWN_AT,
    TopicModel,
    training_digest,
    training_rows,
    write_model,
)

#: Inverse regularisation strength (scikit-learn's ``C``): 1, 4 and 16 were simulated; 16
#: gained most.
STRENGTH = 16.0
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
)
THRESHOLDS = (0.2, SHOWN_AT, 0.4, 0.5)

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
    counted = [features(text) for text, _ in rows]
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


def third(answer: Answer, opinion: tuple[str, float] | None, at: float) -> Answer:
    """``answer`` with the model's entry third, as ``Matcher`` does (``_with_learned``)."""
    triage, ids = answer
    if triage != "concern" or not ids or opinion is None or opinion[1] < at:
        return answer
    entry = opinion[0]
    if entry in ids[:3]:
        return answer
    return triage, [*ids[:2], entry, *(i for i in ids[2:] if i != entry)]


def simulate() -> None:
    tuning = read_set(DATA / "match_tuning.tsv")  # tuning[i] is file line i + 2
    dev = [(row.text, row.expected) for row in read_set(DATA / "concerns_dev.tsv")]
    totals = Counter[tuple[float, str]]()
    heads = " | ".join(f"gained / lost at {at}" for at in THRESHOLDS)
    print(f"| set | rows | top-3 before | {heads} |")
    print("|---|--:|--:|" + "--:|" * len(THRESHOLDS))
    for sim in SIMULATIONS:
        rows = tuning[sim.first - 2 : sim.last - 1]
        answers = _old_matcher(sim.commit, [row.text for row in rows])
        before = [(row.text, row.expected) for row in tuning[: sim.first - 2]]
        model = fit(training_rows(dev + before))
        opinions = [model.best(row.text) for row in rows]
        right = sum(row.right(answer, 3) for row, answer in zip(rows, answers, strict=True))
        cells = []
        for at in THRESHOLDS:
            gained = lost = 0
            for row, answer, opinion in zip(rows, answers, opinions, strict=True):
                was, now = row.right(answer, 3), row.right(third(answer, opinion, at), 3)
                gained += now and not was
                lost += was and not now
            totals[at, "gained"] += gained
            totals[at, "lost"] += lost
            cells.append(f"{gained} / {lost}")
        totals[0, "rows"] += len(rows)
        totals[0, "right"] += right
        print(f"| {sim.name} | {len(rows)} | {100 * right / len(rows):.1f}% | "
              + " | ".join(cells) + " |")  # fmt: skip
    cells = [f"**{totals[at, 'gained']} / {totals[at, 'lost']}**" for at in THRESHOLDS]
    print(
        f"| **all seven** | {totals[0, 'rows']} | "
        f"{100 * totals[0, 'right'] / totals[0, 'rows']:.1f}% | " + " | ".join(cells) + " |"
    )


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
    print("\n| set | top-1 / top-3 without | with the learned third match |")
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
