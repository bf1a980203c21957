"""Matcher latency per query: the shipped knowledge base, and synthetic copies 10x and 100x.

Run from the repo root: ``.venv/bin/python bench/match_speed.py``.

Each synthetic copy of a matchable entry gets a new id and perturbed phrasings: words
shuffled, one dropped, and one word from elsewhere in the knowledge base added. The vocabulary
therefore stays that of the real content (as a bigger real knowledge base's would, mostly)
while phrasings and postings grow 10x / 100x. Queries are the dev set's texts, timed one
``Matcher.match`` call each, single-threaded. "cold" clears every cache first (normalisation,
triage and matcher spelling corrections), so each query is seen for the first time; "warm"
repeats the same queries (a parent re-sending, or a popular phrasing). Each figure is the
median over ``ROUNDS`` rounds, so that a burst from another process on the machine does not
pass for the matcher's tail latency; the load average is printed alongside, and "cpu p99"
(thread CPU time, cold) shows the matcher's own cost when the machine is busy.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge import triage  # noqa: E402
from knowledge.examples import features  # noqa: E402
from knowledge.loader import KnowledgeBase, default_knowledge  # noqa: E402
from knowledge.matcher import MATCHABLE, Matcher  # noqa: E402
from knowledge.normalize import normalize  # noqa: E402

DEV_SET = ROOT / "tests" / "data" / "concerns_dev.tsv"
ROUNDS = 5


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


def _time(
    matcher: Matcher, queries: list[str], clock: Callable[[], int] = time.perf_counter_ns
) -> list[float]:
    timings: list[float] = []
    for query in queries:
        started = clock()
        matcher.match(query)
        timings.append((clock() - started) / 1e6)
    return timings


def _clear_caches(matcher: Matcher) -> None:
    normalize.cache_clear()
    triage._correct.cache_clear()
    matcher._correct.cache_clear()
    matcher._text.cache_clear()
    features.cache_clear()


def _round(matcher: Matcher, queries: list[str]) -> tuple[float, ...]:
    """Cold and warm wall-clock (p50, p99), then cold CPU-time p99, for one round."""
    _clear_caches(matcher)
    cold = _time(matcher, queries)
    warm = _time(matcher, queries)
    _clear_caches(matcher)
    cpu = _time(matcher, queries, clock=time.thread_time_ns)
    return (
        statistics.median(cold),
        _percentile(cold, 0.99),
        statistics.median(warm),
        _percentile(warm, 0.99),
        _percentile(cpu, 0.99),
    )


def main() -> None:
    base = default_knowledge()
    queries = _queries()
    print(f"{len(queries)} queries; ms per query, median of {ROUNDS} rounds")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        f"{'size':<6}{'entries':>8}{'phrasings':>10}{'build s':>8}"
        f"{'cold p50':>10}{'cold p99':>10}{'warm p50':>10}{'warm p99':>10}{'cpu p99':>10}"
    )
    for factor in (1, 10, 100):
        kb = scaled(base, factor)
        matchable = [e for e in kb.entries if isinstance(e, MATCHABLE)]
        started = time.perf_counter()
        matcher = Matcher(kb)
        build = time.perf_counter() - started
        _time(matcher, [q[::-1] for q in queries])  # exercise the code paths, not the caches
        rounds = [_round(matcher, queries) for _ in range(ROUNDS)]
        figures = [statistics.median(column) for column in zip(*rounds, strict=True)]
        phrasings = sum(len(e.phrasings) + 1 for e in matchable)
        print(
            f"{factor:>3}x  {len(matchable):>8}{phrasings:>10}{build:>8.2f}"
            + "".join(f"{value:>10.2f}" for value in figures)
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
