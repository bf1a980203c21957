"""The terminal chat and input Python cannot take for granted (issue 16, failure 9)."""

from __future__ import annotations

from pathlib import Path

from tests.support.console import Terminal


async def test_the_terminal_chat_survives_odd_digits_and_bad_bytes(tmp_path: Path) -> None:
    """Typing "²" at a prompt killed the terminal chat; so did bytes that are not UTF-8."""
    not_utf8 = b"Mi\xffla\n\xed\xa0\x80\n"  # a stray byte; an encoded lone surrogate
    script = "/start\n²\n".encode() + not_utf8 + "2024-03-15\n³\nno\n/child\n¹\n".encode()
    out = await Terminal(tmp_path).chat_bytes(script)
    assert "When was ² born" in out  # a name of its own, like any other
    assert "Was ² born early" in out
    assert "All set!" in out
    assert out.count("Please choose one of the buttons") == 1
