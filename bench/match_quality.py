"""Match quality on the dev set: Sprout's matcher against a BM25 baseline.

Run from the repo root: ``.venv/bin/python bench/match_quality.py [path/to/set.tsv]``.

Figures (all over the rows of the set, ``text<TAB>expected``):

* top-1 / top-3: the row is right at rank 1 / within the first 3. An entry id must be matched
  with triage ``concern``; ``emergency`` rows need triage emergency; ``urgent:<id>`` rows need
  triage urgent and ``<id>`` first; ``out_of_scope`` rows need triage out_of_scope and no match;
  ``safety_net`` rows (a danger word with no sign the rules can place) need triage safety_net.
* triage accuracy: the triage class alone is right (entry-id rows expect ``concern``).
* out-of-scope accuracy: share of ``out_of_scope`` rows answered with nothing.
* emergency recall: share of ``emergency`` rows triaged emergency.

The BM25 baseline (rank-bm25 ``BM25Okapi``) indexes the same entries' title + phrasings with the
same normalisation and tokens. It has no triage of its own, so, as a plain retrieval system
would: it never answers emergency; it answers urgent only when its top match is the
``regression`` concern; it answers out_of_scope when its best score is below a threshold,
chosen generously as the one that maximises its own top-1 on this very set; else concern.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rank_bm25 import BM25Okapi  # noqa: E402
from triage_quality import HELD_OUT_SET, TUNING_SET, print_triage_table  # noqa: E402

from knowledge.loader import KnowledgeBase, default_knowledge  # noqa: E402
from knowledge.matcher import MATCHABLE, REGRESSION_ID, Matcher  # noqa: E402
from knowledge.normalize import content_tokens, normalize  # noqa: E402

DEV_SET = ROOT / "tests" / "data" / "concerns_dev.tsv"

#: (triage, ranked ids) for one query.
Answer = tuple[str, list[str]]


@dataclass(frozen=True)
class Figures:
    top1: float
    top3: float
    triage: float
    out_of_scope: float
    emergency_recall: float


def read_set(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["text"], row["expected"]) for row in rows]


def _expected_triage(expected: str) -> str:
    if expected in ("emergency", "out_of_scope", "safety_net"):
        return expected
    return "urgent" if expected.startswith("urgent:") else "concern"


def score(rows: list[tuple[str, str]], answer: Callable[[str], Answer]) -> Figures:
    top1 = top3 = triage_ok = oos = oos_ok = emergencies = emergency_ok = 0
    for text, expected in rows:
        triage, ids = answer(text)
        want = _expected_triage(expected)
        triage_ok += triage == want
        if want == "emergency":
            hit1 = hit3 = triage == "emergency"
            emergencies += 1
            emergency_ok += hit1
        elif want == "safety_net":
            hit1 = hit3 = triage == "safety_net"
        elif want == "out_of_scope":
            hit1 = hit3 = triage == "out_of_scope" and not ids
            oos += 1
            oos_ok += hit1
        elif want == "urgent":
            hit1 = hit3 = triage == "urgent" and ids[:1] == [expected.split(":", 1)[1]]
        else:
            hit1 = triage == "concern" and ids[:1] == [expected]
            hit3 = triage == "concern" and expected in ids[:3]
        top1 += hit1
        top3 += hit3
    n = len(rows)
    return Figures(
        top1=top1 / n,
        top3=top3 / n,
        triage=triage_ok / n,
        out_of_scope=oos_ok / max(oos, 1),
        emergency_recall=emergency_ok / max(emergencies, 1),
    )


class Bm25Baseline:
    """BM25Okapi over title + phrasings, one document per entry."""

    def __init__(self, kb: KnowledgeBase) -> None:
        entries = [e for e in kb.entries if isinstance(e, MATCHABLE)]
        self.ids = [e.id for e in entries]
        docs = [
            [t for text in (e.title, *e.phrasings) for t in content_tokens(normalize(text))]
            for e in entries
        ]
        self.bm25 = BM25Okapi(docs)
        self.threshold = 0.0

    def ranked(self, text: str) -> list[tuple[float, str]]:
        scores = self.bm25.get_scores(content_tokens(normalize(text)))
        return sorted(zip(scores.tolist(), self.ids, strict=True), reverse=True)[:5]

    def answer(self, text: str) -> Answer:
        ranked = self.ranked(text)
        if not ranked or ranked[0][0] < self.threshold:
            return "out_of_scope", []
        ids = [entry_id for _, entry_id in ranked]
        return ("urgent" if ids[0] == REGRESSION_ID else "concern"), ids

    def tune(self, rows: list[tuple[str, str]]) -> None:
        """Pick the out-of-scope threshold that maximises the baseline's own top-1."""
        best = (-1.0, 0.0)
        for candidate in [x / 4 for x in range(81)]:
            self.threshold = candidate
            best = max(best, (score(rows, self.answer).top1, candidate))
        self.threshold = best[1]


def main() -> None:
    rows = read_set(Path(sys.argv[1]) if len(sys.argv) > 1 else DEV_SET)
    kb = default_knowledge()
    matcher = Matcher(kb)

    def sprout(text: str) -> Answer:
        result = matcher.match(text)
        return result.triage, [m.id for m in result.matches]

    baseline = Bm25Baseline(kb)
    baseline.tune(rows)
    results = {"Sprout": score(rows, sprout), "BM25": score(rows, baseline.answer)}
    print(f"dev set: {len(rows)} rows; BM25 out-of-scope threshold {baseline.threshold:.2f}")
    print(f"{'figure':<22}" + "".join(f"{name:>10}" for name in results))
    for field, label in (
        ("top1", "top-1"),
        ("top3", "top-3"),
        ("triage", "triage accuracy"),
        ("out_of_scope", "out-of-scope accuracy"),
        ("emergency_recall", "emergency recall"),
    ):
        print(f"{label:<22}" + "".join(f"{getattr(f, field):>10.1%}" for f in results.values()))
    print()
    print_triage_table({"tuning": TUNING_SET, "held-out": HELD_OUT_SET})


if __name__ == "__main__":
    main()
