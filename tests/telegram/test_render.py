"""Telegram rendering: user text is always escaped, long texts split under the limit."""

from __future__ import annotations

from bot.domain.replies import Button, bold, column, say
from bot.telegram.render import LIMIT, keyboard, split_message


def _visible_length(html: str) -> int:
    """Length Telegram counts: tags removed, entities as one character."""
    text, inside = [], False
    for char in html:
        if char == "<":
            inside = True
        elif char == ">":
            inside = False
        elif not inside:
            text.append(char)
    return len("".join(text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def test_user_text_is_escaped_and_bold_is_structural() -> None:
    message = say("Hi ", bold("<b>Mila & Co</b>"), " *not bold*")
    assert split_message(message) == ["Hi <b>&lt;b&gt;Mila &amp; Co&lt;/b&gt;</b> *not bold*"]


def test_short_message_is_one_chunk() -> None:
    assert split_message(say("hello")) == ["hello"]


def test_long_text_splits_at_paragraphs_under_the_limit() -> None:
    paragraphs = [f"Paragraph {i}. " + "word " * 150 for i in range(12)]
    chunks = split_message(say("\n\n".join(paragraphs)))
    assert len(chunks) > 1
    assert all(_visible_length(chunk) <= LIMIT for chunk in chunks)
    assert all(chunk.startswith("Paragraph") for chunk in chunks)
    assert sum(chunk.count("Paragraph") for chunk in chunks) == 12


def test_a_single_huge_paragraph_is_cut_at_words() -> None:
    chunks = split_message(say(bold("x" * 3000 + " " + "y" * 3000)))
    assert all(_visible_length(chunk) <= LIMIT for chunk in chunks)
    assert all(chunk.startswith("<b>") and chunk.endswith("</b>") for chunk in chunks)


def test_escaping_counts_as_one_character_towards_the_limit() -> None:
    chunks = split_message(say("&" * LIMIT))
    assert chunks == ["&amp;" * LIMIT]


def test_keyboard_keeps_rows_and_payloads() -> None:
    markup = keyboard(say("q", buttons=column(Button("Yes", "ci:x:y"), Button("No", "ci:x:n"))))
    assert markup is not None
    assert [[b.callback_data for b in row] for row in markup.inline_keyboard] == [
        ["ci:x:y"],
        ["ci:x:n"],
    ]
    assert keyboard(say("no buttons")) is None
