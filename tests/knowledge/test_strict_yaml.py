"""A key written twice in a knowledge file is an error, not a silent overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge import strict_yaml
from knowledge.signs import DEFAULT_PATH, DangerSignsError, load_danger_signs


def test_a_key_written_twice_is_refused() -> None:
    with pytest.raises(yaml.YAMLError, match="the key 'note' is written twice"):
        strict_yaml.load("- id: a\n  note: first\n  note: second\n")


def test_what_safe_load_reads_is_read_the_same() -> None:
    text = "a: 1\nb: [x, y]\nc: {d: 2}\n"
    assert strict_yaml.load(text) == yaml.safe_load(text)


def test_a_danger_sign_with_two_notes_fails_the_knowledge_check(tmp_path: Path) -> None:
    """A second ``note:`` under a sign used to replace the first without a word."""
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    doubled = text.replace("    note: ", "    note: 'an earlier note'\n    note: ", 1)
    path = tmp_path / DEFAULT_PATH.name
    path.write_text(doubled, encoding="utf-8")
    with pytest.raises(DangerSignsError, match="written twice"):
        load_danger_signs(path)
