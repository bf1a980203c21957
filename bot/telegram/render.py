"""Replies as Telegram sees them: HTML text (every span escaped), inline keyboards, chunks.

Telegram refuses messages over 4096 characters, so long texts are split at paragraph
boundaries (then lines, then words); the buttons go with the last chunk, under the question.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.domain.replies import Text

LIMIT = MessageLimit.MAX_TEXT_LENGTH


def _span_html(text: str, *, bold: bool) -> str:
    """One run of text as Telegram HTML; user text can never become markup."""
    html = escape(text, quote=False)
    return f"<b>{html}</b>" if bold else html


def keyboard(message: Text) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(b.label, callback_data=b.payload)
                for b in row
            ]
            for row in message.buttons
        ]
    )


def split_message(message: Text, limit: int = LIMIT) -> list[str]:
    """HTML chunks under ``limit``, cut between paragraphs where possible, never inside a tag.

    Splitting works on spans, so a bold span is never cut open; a span longer than the limit
    is itself cut at line or word boundaries.
    """
    pieces: list[tuple[str, int]] = []  # (html, visible length): counted once, not per join
    for span in message.spans:
        paragraphs = span.text.split("\n\n")
        with_breaks = [p + "\n\n" for p in paragraphs[:-1]] + paragraphs[-1:]
        for part in (cut for paragraph in with_breaks for cut in _cut(paragraph, limit)):
            pieces.append((_span_html(part, bold=span.bold), len(part)))
    chunks: list[str] = []
    current, length = "", 0
    for piece, visible in pieces:
        if length + visible <= limit:
            current, length = current + piece, length + visible
            continue
        if current:
            chunks.append(current)
        current, length = piece, visible
    if current or not chunks:
        chunks.append(current)
    return [chunk.strip("\n") or "…" for chunk in chunks]


def _cut(text: str, limit: int) -> list[str]:
    """``text`` in parts under ``limit``, preferring paragraph, then line, then word breaks."""
    parts: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), 0) or max(window.rfind("\n"), 0) or window.rfind(" ")
        cut = cut if cut > 0 else limit
        parts.append(text[:cut])
        text = text[cut:]
    parts.append(text)
    return parts
