"""Text from outside made safe at the adapter boundary (issue 16, failure 9), and the
terminal's button numbers read as ASCII digits only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.console import Console
from bot.domain.replies import Button, say
from bot.engine.inbound import REPLACEMENT, clean, pressed, typed
from bot.flows.base import ButtonIn, CommandIn, TextIn
from bot.flows.parsing import parse_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mila", "Mila"),
        ("he can\ud800t sit", f"he can{REPLACEMENT}t sit"),
        ("\udcff\udc80", REPLACEMENT * 2),  # bad bytes a terminal decoded with surrogateescape
        ("Mi\x00la", "Mila"),
        ("Ame\u0301lie", "Amélie"),  # NFC: one "é", however it was typed
        ("علی\u200cرضا", "علی\u200cرضا"),  # joiners are kept
    ],
)
def test_clean_makes_text_encodable_and_keeps_the_rest(raw: str, expected: str) -> None:
    assert clean(raw) == expected
    clean(raw).encode()  # never raises


def test_typed_and_pressed_clean_their_text() -> None:
    assert typed("/about x\ud800") == CommandIn("about", f"x{REPLACEMENT}")
    assert typed("Berlin\ud800") == TextIn(f"Berlin{REPLACEMENT}")
    assert pressed("ch:switch:\ud800") == ButtonIn(f"ch:switch:{REPLACEMENT}")


@pytest.mark.parametrize("raw", ["²", "³", "٣", "1²", "-1", "+1", " ", "", "9" * 19, "9" * 5000])
def test_parse_id_takes_ascii_digits_only_and_bounded(raw: str) -> None:
    assert parse_id(raw) is None


def test_parse_id_reads_an_id() -> None:
    assert parse_id(" 12 ") == 12
    assert parse_id("9" * 18) == int("9" * 18)


@pytest.mark.parametrize("line", ["²", "¹", "٢", "9" * 5000, "\ud800"])
def test_the_terminal_reads_odd_digits_as_typed_text(tmp_path: Path, line: str) -> None:
    console = Console(io.StringIO(), rich=False, files_dir=tmp_path)
    console.render([say("Which?", buttons=[[Button("One", "x:1"), Button("Two", "x:2")]])])
    event = console.event(line)
    assert isinstance(event, TextIn)
    event.text.encode()
    assert console.event("2") == ButtonIn("x:2")
