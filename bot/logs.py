"""Structured logs (one JSON object per line) that never carry the token or child data.

httpx logs every request URL at INFO, and Bot API URLs contain the token, so that logger is
kept at WARNING; a redacting filter on every handler is the second line of defence. At DEBUG
python-telegram-bot logs whole updates and call parameters (a parent's words, a child's
name), so its loggers never go below INFO, and aiosqlite logs every statement with its
parameters (birth dates), so it stays at WARNING. Log calls in Sprout pass only ids and event
names in ``extra``, never nicknames or free text.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        exc = self.formatException(record.exc_info) if record.exc_info else record.exc_text
        if exc:
            entry["exc"] = exc
        return json.dumps(entry, default=str, ensure_ascii=False)


class RedactFilter(logging.Filter):
    """Replaces every occurrence of a secret in a record's final text and its traceback.

    Exceptions quote what they were given (PTB's ``InvalidToken`` quotes the token), so a
    traceback holding a secret is formatted here, redacted, and kept as ``exc_text``.
    """

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            record.msg, record.args = self._redact(message), None
        if record.exc_info:
            trace = logging.Formatter().formatException(record.exc_info)
            if any(secret in trace for secret in self.secrets):
                record.exc_info, record.exc_text = None, self._redact(trace)
        return True

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return text


#: Third-party loggers kept at WARNING whatever LOG_LEVEL says: httpx logs the token's URL,
#: aiosqlite every statement's parameters, and fontTools (through fpdf2) the glyphs each PDF
#: keeps, which spell out the characters of a child's name (issue 15); matplotlib (the chart
#: picture) and Pillow log every font lookup and image chunk at DEBUG.
THIRD_PARTY = (
    "httpx",
    "httpcore",
    "apscheduler",
    "aiosqlite",
    "fontTools",
    "fpdf",
    "matplotlib",
    "PIL",
)


def configure_logging(level: str, *secrets: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactFilter(*secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in THIRD_PARTY:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(max(logging.INFO, root.level))
