"""Transport-neutral replies: what the bot says, independent of Telegram or the terminal.

Flows build replies from plain strings and ``Span``s; adapters decide how to show them.
Emphasis is structural (a ``Span`` with ``bold=True``) rather than markup inside strings, so a
parent's own words can never be interpreted as formatting by any adapter.
"""

from __future__ import annotations

import base64
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import Any, assert_never

#: Telegram's limit on callback data; payloads are kept under it for every adapter.
MAX_PAYLOAD_BYTES = 64


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text, optionally emphasised."""

    text: str
    bold: bool = False


#: The longest message a parent should get, in characters: about one phone screen. Longer
#: answers lead with what matters for the child and put the rest behind buttons (issue 15).
BUDGET = 700

#: What a phone row shows of a button without cutting it: about 30 characters alone on a row,
#: 15 each when two share one (issue 15). Three or more share the 30.
ROW_WIDTH = 30


def row_width(buttons: int) -> int:
    """The longest label that fits when ``buttons`` share a row."""
    return ROW_WIDTH // max(buttons, 1)


def fit_name(template: str, name: str, width: int = ROW_WIDTH) -> str:
    """``template`` with ``{name}`` filled in, the name cut short with "…" so the label fits
    ``width``: a long nickname must not push "Rename" or "Remove" off a phone's row."""
    room = width - len(template.format(name=""))
    if len(name) > room:
        name = name[: max(room - 1, 1)].rstrip() + "…"
    return template.format(name=name)


@dataclass(frozen=True, slots=True)
class Button:
    """A choice the parent can press. ``payload`` comes back as untrusted input. A button with
    a ``url`` opens that link instead (Telegram's share link for an invite): it sends
    nothing back."""

    label: str
    payload: str
    url: str | None = None

    def __post_init__(self) -> None:
        if len(self.payload.encode()) > MAX_PAYLOAD_BYTES:
            raise ValueError(f"button payload over {MAX_PAYLOAD_BYTES} bytes: {self.payload!r}")


@dataclass(frozen=True, slots=True)
class Text:
    """A message: spans of text and, optionally, rows of buttons."""

    spans: tuple[Span, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()
    #: Replace the question on screen instead of adding a message below it: a menu that edits
    #: itself while the parent presses its buttons (``/reminders``). An adapter that cannot
    #: edit (the terminal) shows it as a new message.
    in_place: bool = False

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def all_buttons(self) -> tuple[Button, ...]:
        return tuple(button for row in self.buttons for button in row)


@dataclass(frozen=True, slots=True)
class Document:
    """A file to send (an export, a PDF summary)."""

    data: bytes = field(repr=False)
    filename: str
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Photo:
    """An image to send (a chart)."""

    data: bytes = field(repr=False)
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Edit:
    """A message shown in place of the one whose button was pressed ("When to call the
    doctor" under a topic answer): the answer changes in place rather than adding a message
    below it. Flows leave ``message_id`` unset; the engine sets it to the pressed message's,
    and where there is none (a typed command, the terminal) the text is sent as usual."""

    text: Text
    message_id: int | None = None


Reply = Text | Document | Photo | Edit


def shown_text(reply: Reply | StepReply) -> Text | None:
    """The text a reply puts on screen, whether sent or edited in (None for a file)."""
    if isinstance(reply, Edit):
        return reply.text
    return reply if isinstance(reply, Text) else None


class FileRequest(ABC):
    """A file too slow to make inside a dialog step (a PDF, a chart image): pure data that says
    what to draw, in the place the file takes among the replies.

    Making one takes tenths of a second of CPU. Inside the step it would hold the family's row
    lock (and SQLite's only writer lock) and stall the event loop, so every chat waited. The
    dialog engine instead makes the file after the transaction commits, in a worker thread,
    and adapters only ever receive the finished ``Document`` or ``Photo``.
    """

    __slots__ = ()

    @abstractmethod
    def make(self) -> Document | Photo:
        """The finished file. Pure and thread-safe: no I/O, no shared state."""

    @abstractmethod
    def recipe(self) -> dict[str, Any]:
        """What is needed to ask for this file again from the family's data, as JSON with a
        ``kind``: the outbox keeps it in the step's transaction, in the file's place among
        the replies, until the file is made, so a crash before then loses nothing (the
        engine's ``bot.engine.files``)."""


#: What a flow step may return: finished replies, and files still to be made.
StepReply = Reply | FileRequest


def bold(text: str) -> Span:
    """Emphasise ``text``."""
    return Span(text, bold=True)


def say(*parts: str | Span, buttons: list[list[Button]] | None = None) -> Text:
    """Build a message from strings and spans, with optional rows of buttons."""
    spans = tuple(part if isinstance(part, Span) else Span(part) for part in parts)
    rows = tuple(tuple(row) for row in (buttons or []) if row)
    return Text(spans=spans, buttons=rows)


def column(*buttons: Button) -> list[list[Button]]:
    """One button per row: the most readable layout on a phone."""
    return [[button] for button in buttons]


def text_to_json(message: Text) -> dict[str, object]:
    """Serialise a message so the question on screen can be stored and shown again."""
    return {
        "spans": [[span.text, span.bold] for span in message.spans],
        "buttons": [
            [[b.label, b.payload, b.url] if b.url else [b.label, b.payload] for b in row]
            for row in message.buttons
        ],
    }


def text_from_json(data: dict[str, object]) -> Text:
    spans = tuple(Span(str(text), bool(is_bold)) for text, is_bold in data["spans"])  # type: ignore[attr-defined]
    rows = tuple(
        tuple(Button(str(label), str(payload), *map(str, url)) for label, payload, *url in row)
        for row in data["buttons"]  # type: ignore[attr-defined]
    )
    return Text(spans=spans, buttons=rows)


def reply_to_json(reply: Reply, *, question: bool = False) -> dict[str, object]:
    """Any reply as JSON, so it can wait in the outbox; a file's bytes go as base64.

    ``question`` marks the message that is the conversation's question on screen (the one
    the engine stores as the prompt), so the sender can take the buttons off its earlier copy.
    """
    match reply:
        case Text():
            marks = {"in_place": True} if reply.in_place else {}
            return {"text": text_to_json(reply), **marks, **({QUESTION: True} if question else {})}
        case Document():
            data = base64.b64encode(reply.data).decode()
            return {"document": [data, reply.filename, reply.caption]}
        case Photo():
            return {"photo": [base64.b64encode(reply.data).decode(), reply.caption]}
        case Edit():
            return {"edit": [reply.message_id, text_to_json(reply.text)]}
        case _:
            assert_never(reply)


#: The outbox payload key saying the message is the question on screen.
QUESTION = "question"


def is_question(data: dict[str, Any]) -> bool:
    """Whether an outbox payload is the conversation's question (``reply_to_json``)."""
    return bool(data.get(QUESTION))


def edit_to_json(message_id: int, message: Text) -> dict[str, object]:
    """An edit of a message already sent (a reminder another member acted on), as the outbox
    stores it: the same payload as an ``Edit`` reply, so the sender replaces the message with
    ``message`` (without buttons when it has none)."""
    return reply_to_json(Edit(message, message_id))


def reply_from_json(data: dict[str, Any]) -> Reply:
    if "text" in data:
        text = text_from_json(data["text"])
        return replace(text, in_place=True) if data.get("in_place") else text
    if "edit" in data:
        message_id, text = data["edit"]
        return Edit(text_from_json(text), message_id)
    if "document" in data:
        content, filename, caption = data["document"]
        return Document(base64.b64decode(content), filename, caption)
    content, caption = data["photo"]
    return Photo(base64.b64decode(content), caption)


class Blocked(Exception):
    """The parent blocked the bot (Telegram answered 403)."""
