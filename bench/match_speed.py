"""Matcher latency per query: the shipped knowledge base, and synthetic copies 10x and 100x.

Run from the repo root: ``.venv/bin/python bench/match_speed.py``.

Each synthetic copy of a matchable entry gets a new id and perturbed phrasings: words
shuffled, one dropped, and one word from elsewhere in the knowledge base added. The vocabulary
therefore stays that of the real content (as a bigger real knowledge base's would, mostly)
while phrasings and postings grow 10x / 100x. Queries are the dev set's texts, timed one
``Matcher.match`` call each, single-threaded. "cold" clears every cache first (normalisation,
triage and matcher spelling corrections), so each query is seen for the first time; "warm"
repeats the same queries (a parent re-sending, or a popular phrasing).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge import triage  # noqa: E402
from knowledge.loader import KnowledgeBase, default_knowledge  # noqa: E402
from knowledge.matcher import MATCHABLE, Matcher  # noqa: E402
from knowledge.normalize import normalize  # noqa: E402

DEV_SET = ROOT / "tests" / "data" / "concerns_dev.tsv"


def _perturb(text: str, vocabulary: list[str], rng: random.Random) -> str:
    words = text.split()
    rng.shuffle(words)
    if len(words) > 2:
        words.pop(rng.randrange(len(words)))
    words.insert(rng.randrange(len(words) + 1), rng.choice(vocabulary))
    return " ".join(words)


def scaled(kb: KnowledgeBase, factor: int, seed: int = 7) -> KnowledgeBase:
    """``kb`` plus ``factor - 1`` perturbed copies of every matchable entry."""
    rng = random.Random(seed)
    matchable = [e for e in kb.entries if isinstance(e, MATCHABLE)]
    vocabulary = sorted({w for e in matchable for p in e.phrasings for w in p.split()})
    copies = [
        entry.model_copy(
            update={
                "id": f"{entry.id}_copy{n}",
                "title": _perturb(entry.title, vocabulary, rng),
                "phrasings": tuple(_perturb(p, vocabulary, rng) for p in entry.phrasings),
            }
        )
        for n in range(1, factor)
        for entry in matchable
    ]
    return KnowledgeBase(entries=kb.entries + tuple(copies), sources=kb.sources)


def _queries() -> list[str]:
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t", 1)[0] for line in lines]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time(matcher: Matcher, queries: list[str]) -> list[float]:
    timings: list[float] = []
    for query in queries:
        started = time.perf_counter_ns()
        matcher.match(query)
        timings.append((time.perf_counter_ns() - started) / 1e6)
    return timings


def _clear_caches(matcher: Matcher) -> None:
    normalize.cache_clear()
    triage._correct.cache_clear()
    matcher._correct.cache_clear()


def main() -> None:
    base = default_knowledge()
    queries = _queries()
    print(f"{len(queries)} queries; latency per query in ms")
    print(
        f"{'size':<6}{'entries':>8}{'phrasings':>10}{'build s':>8}"
        f"{'cold p50':>10}{'cold p99':>10}{'warm p50':>10}{'warm p99':>10}"
    )
    for factor in (1, 10, 100):
        kb = scaled(base, factor)
        matchable = [e for e in kb.entries if isinstance(e, MATCHABLE)]
        started = time.perf_counter()
        matcher = Matcher(kb)
        build = time.perf_counter() - started
        _time(matcher, [q[::-1] for q in queries])  # exercise the code paths, not the caches
        _clear_caches(matcher)
        cold = _time(matcher, queries)
        warm = _time(matcher, queries) + _time(matcher, queries)
        phrasings = sum(len(e.phrasings) + 1 for e in matchable)
        print(
            f"{factor:>3}x  {len(matchable):>8}{phrasings:>10}{build:>8.2f}"
            f"{statistics.median(cold):>10.2f}{_percentile(cold, 0.99):>10.2f}"
            f"{statistics.median(warm):>10.2f}{_percentile(warm, 0.99):>10.2f}"
        )


if __name__ == "__main__":
    main()
