"""Text from outside (Telegram, the terminal), made safe once, before any flow reads it.

Both adapters turn what the parent typed and what a button carries into events here, so no
step has to care about text that is valid in a JSON string or a terminal but not in Python's
encoders: a lone surrogate (JSON's ``"\\ud800"``, or bad bytes a terminal decoded) cannot be
encoded as UTF-8, so it crashed encryption and the database; it becomes U+FFFD, the usual
"unreadable character". NUL, which PostgreSQL text refuses, is dropped, and the text is put in
NFC so that "é" typed as one character or as "e" and an accent is the same name.
"""

from __future__ import annotations

import re
import unicodedata

from bot.engine.dialog import parse_text
from bot.flows.base import ButtonIn, Event

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean(text: str) -> str:
    """``text`` with lone surrogates replaced and NUL dropped, in NFC."""
    replaced = _LONE_SURROGATE.sub(REPLACEMENT, text).replace("\x00", "")
    return unicodedata.normalize("NFC", replaced)


def typed(text: str) -> Event:
    """A typed line as a command or free text."""
    return parse_text(clean(text))


def pressed(payload: str) -> ButtonIn:
    """A button press; the payload stays untrusted (the engine checks it against the screen)."""
    return ButtonIn(clean(payload))
