"""The token never reaches a log line, not even inside a traceback (issue 16, failure 5)."""

from __future__ import annotations

import io
import json
import logging

from telegram.error import InvalidToken

from bot.logs import JsonFormatter, RedactFilter

TOKEN = "987654321:ZZZZ-rejected-token-secret-part_xyz"


def test_a_traceback_quoting_the_token_is_redacted() -> None:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactFilter(TOKEN))
    log = logging.getLogger("test_log_redaction")
    log.addHandler(handler)
    log.propagate = False
    try:
        raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.")
    except InvalidToken:
        log.exception("polling stopped")
    finally:
        log.removeHandler(handler)
    (line,) = buffer.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["msg"] == "polling stopped"
    assert "InvalidToken: The token `[redacted]` was rejected" in entry["exc"]
    assert TOKEN.split(":", 1)[1] not in line
