"""Safety triage quality: does every danger sign escalate, and nothing ordinary?

Run from the repo root: ``.venv/bin/python bench/triage_quality.py [set.tsv ...]``; with no
arguments it scores the tuning set and the held-out set side by side.

Sets are ``text<TAB>level`` with level ``emergency``, ``urgent`` or ``ordinary``:

* ``tests/data/triage_dev.tsv``: the tuning set, written while building the rules (with the
  issue's examples); the rules were tuned on it.
* ``tests/data/triage_heldout.tsv``: written by someone who had not read the rules, labelled
  by the same person, never tuned on. Its figures are the honest ones.

Figures:

* emergency recall: emergency rows answered ``emergency``;
* urgent recall: urgent rows answered ``urgent`` or ``emergency`` (both send the parent to a
  doctor today or sooner);
* emergency on ordinary / urgent on ordinary: ordinary rows escalated (false alarms);
* safety net on ordinary: ordinary rows that got the safety net first (not an escalation,
  but worth watching: it is noise for a parent with a motor question).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.triage import triage  # noqa: E402

TUNING_SET = ROOT / "tests" / "data" / "triage_dev.tsv"
HELD_OUT_SET = ROOT / "tests" / "data" / "triage_heldout.tsv"
LEVELS = ("emergency", "urgent", "ordinary")


@dataclass(frozen=True)
class TriageFigures:
    counts: dict[str, int]
    emergency_recall: float
    urgent_recall: float
    emergency_on_ordinary: float
    urgent_on_ordinary: float
    safety_net_on_ordinary: float


def read_triage_set(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["text"], row["level"]) for row in rows]


def triage_figures(rows: list[tuple[str, str]]) -> TriageFigures:
    answered: dict[str, Counter[str]] = {level: Counter() for level in LEVELS}
    for text, level in rows:
        answered[level][triage(text)] += 1
    counts = {level: sum(answered[level].values()) for level in LEVELS}

    def share(level: str, *answers: str) -> float:
        return sum(answered[level][a] for a in answers) / max(counts[level], 1)

    return TriageFigures(
        counts=counts,
        emergency_recall=share("emergency", "emergency"),
        urgent_recall=share("urgent", "urgent", "emergency"),
        emergency_on_ordinary=share("ordinary", "emergency"),
        urgent_on_ordinary=share("ordinary", "urgent"),
        safety_net_on_ordinary=share("ordinary", "safety_net"),
    )


def print_triage_table(sets: dict[str, Path]) -> None:
    results = {name: triage_figures(read_triage_set(path)) for name, path in sets.items()}
    print(f"{'triage':<26}" + "".join(f"{name:>12}" for name in results))
    for level in LEVELS:
        print(
            f"{level + ' rows':<26}" + "".join(f"{f.counts[level]:>12}" for f in results.values())
        )
    for field, label in (
        ("emergency_recall", "emergency recall"),
        ("urgent_recall", "urgent recall"),
        ("emergency_on_ordinary", "emergency on ordinary"),
        ("urgent_on_ordinary", "urgent on ordinary"),
        ("safety_net_on_ordinary", "safety net on ordinary"),
    ):
        cells = "".join(f"{getattr(f, field):>12.1%}" for f in results.values())
        print(f"{label:<26}" + cells)


def main() -> None:
    paths = [Path(arg) for arg in sys.argv[1:]]
    sets = (
        {path.stem: path for path in paths}
        if paths
        else {"tuning": TUNING_SET, "held-out": HELD_OUT_SET}
    )
    print_triage_table(sets)


if __name__ == "__main__":
    main()
