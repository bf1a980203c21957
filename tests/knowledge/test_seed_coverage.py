"""docs/seed-coverage.md names, for every seed point, entries that exist (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

from knowledge.loader import default_knowledge

DOC = Path(__file__).resolve().parents[2] / "docs" / "seed-coverage.md"
ROW = re.compile(r"^\| (\d+) \| (.+) \| (.+) \|$")


def rows() -> list[tuple[str, list[str]]]:
    """(point, entry ids) for every numbered table row."""
    found = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if match := ROW.match(line):
            found.append((match.group(2), re.findall(r"`([a-z0-9_]+)`", match.group(3))))
    return found


def test_every_seed_point_is_carried_by_entries_that_exist() -> None:
    kb = default_knowledge()
    table = rows()
    assert len(table) >= 35
    for point, ids in table:
        assert ids, point
        missing = [i for i in ids if i not in kb.by_id]
        assert missing == [], point


def test_the_row_pattern_would_catch_a_renamed_entry() -> None:
    line = "| 1 | A point. | `no_such_entry` |"
    match = ROW.match(line)
    assert match is not None
    assert "no_such_entry" not in default_knowledge().by_id
