"""A long fuzz run of every flow step: crashes and stuck conversations (target: 0 of each).

Run from the repo root::

    .venv/bin/python bench/fuzz.py [--examples 1000] [--max-actions 12] [--seed 16]
                                   [--db sqlite|postgres]

The same generator and checks as the CI property test (``tests/support/fuzzing.py``), for
longer: each example is a fresh family that a path takes to one step of one flow (every step
of every flow, the idle chat and a danger-sign pause included), then up to ``--max-actions``
actions: typed text with odd unicode (superscript digits, lone surrogates, joiners, NUL,
5,000-digit numbers), commands with odd arguments, buttons on screen, stale buttons and forged
payloads, all through ``bot.engine.inbound`` as the adapters send them. After every action
the conversation is read back from the database. Printed: how many examples and actions ran,
and each finding by kind (``crash``, ``stuck``: a question with no buttons at a step that
takes no typed text, ``silent``: an input with no answer, ``refused``: a button on screen
refused as stale), with one input that shows it. Hypothesis generates (no shrinking, no
example database), seeded, so a run can be repeated.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bot.engine.dialog import DialogEngine  # noqa: E402
from knowledge.loader import default_knowledge  # noqa: E402
from storage.crypto import Cipher, new_key  # noqa: E402
from storage.repositories import FamilyDefaults  # noqa: E402
from storage.uow import Store  # noqa: E402
from tests.conftest import FIXED_NOW  # noqa: E402
from tests.support.databases import throwaway_postgres  # noqa: E402
from tests.support.fuzzing import ACTIONS, PATHS, Action, Finding, Kind, explore  # noqa: E402

KINDS: tuple[Kind, ...] = ("crash", "stuck", "silent", "refused")


@dataclass
class Report:
    examples: int = 0
    actions: int = 0
    paths: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    def add(self, path: str, actions: list[Action], found: list[Finding]) -> None:
        self.examples += 1
        self.actions += len(actions)
        self.paths[path] += 1
        self.findings += found

    def print(self, db: str, seconds: float, seed_: int) -> None:
        print(
            f"fuzz: {self.examples:,} examples (seed {seed_}), {self.actions:,} actions after "
            f"the paths, {len(self.paths)} of {len(PATHS)} paths, {db}, {seconds:.0f} s"
        )
        kinds = Counter(f.kind for f in self.findings)
        for kind in KINDS:
            print(f"  {kind:8s} {kinds[kind]:6,}")
        distinct: dict[tuple[str, str, str], Finding] = {}
        for finding in self.findings:
            signature = finding.detail.split(":", 1)[0]
            distinct.setdefault((finding.kind, finding.where, signature), finding)
        for _, finding in sorted(distinct.items())[:30]:
            print(f"  - {finding.kind} at {finding.where}: {finding.action} {finding.detail}")
        per_path = ", ".join(f"{p} {n}" for p, n in sorted(self.paths.items()))
        print(f"  examples per path: {per_path}")


def run(url: str | None, examples: int, max_actions: int, seed_: int) -> Report:
    report = Report()
    with asyncio.Runner() as runner, tempfile.TemporaryDirectory() as folder:
        stack = contextlib.AsyncExitStack()
        if url is None:
            url = runner.run(stack.enter_async_context(throwaway_postgres("sprout_fuzz")))
        store = Store(
            url.format(folder=folder), Cipher([new_key()]), FamilyDefaults("Europe/Berlin", 10)
        )
        runner.run(store.upgrade())
        engine = DialogEngine(store, default_knowledge(), lambda: FIXED_NOW)

        def at(number: int, path: str) -> None:
            """``examples`` spread evenly: hypothesis alone would favour some paths."""

            @seed(seed_ * 1000 + number)  # the same seed would send every path the same
            @settings(
                max_examples=max(1, examples // len(PATHS)),
                deadline=None,
                database=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(actions=st.lists(ACTIONS, min_size=1, max_size=max_actions))
            def one(actions: list[Action]) -> None:
                report.add(path, actions, runner.run(explore(engine, path, actions)))

            one()

        try:
            for number, path in enumerate(sorted(PATHS)):
                at(number, path)
        finally:
            runner.run(store.close())
            runner.run(stack.aclose())
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--max-actions", type=int, default=12)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    url = "sqlite+aiosqlite:///{folder}/fuzz.db" if args.db == "sqlite" else None
    started = time.perf_counter()
    report = run(url, args.examples, args.max_actions, args.seed)
    report.print(args.db, time.perf_counter() - started, args.seed)
    found = sum(1 for f in report.findings if f.kind in ("crash", "stuck"))
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
