"""A PDF and a chart picture rendered at LOG_LEVEL=DEBUG leave nothing about the child in the
logs (issue 15, 9).

The font library logged about 75 INFO lines per PDF, among them the glyphs it kept, which
spell out the characters of the child's name; ``bot.logs.configure_logging`` keeps it, like
the other third-party loggers, at WARNING whatever the level. matplotlib, which draws the
chart picture, logged each font lookup at DEBUG; it is kept at WARNING too.
"""

from __future__ import annotations

import logging

import pytest
from fontTools.ttLib import TTFont

from bot.domain.views import ConcernView
from bot.logs import configure_logging
from bot.summary.chart import alt_text, render_chart
from bot.summary.pdf import FONT_FILES, render_pdf
from tests.summary.test_summary import CONCERNS, report

NICKNAME = "Żyłkowska Ǆ"
WORRY = "she wobbles on the trampoline"


def test_a_pdf_at_debug_logs_no_glyph_name_nickname_or_worry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    configure_logging("DEBUG")
    try:
        logging.getLogger("sprout.test").debug("logging works")
        concern = ConcernView(WORRY, None, "concern", CONCERNS[0].created_on)
        child = report(NICKNAME, concerns=(concern,))
        assert render_pdf(child)
        assert render_chart(child)
        assert NICKNAME in alt_text(child)
        logs = capsys.readouterr().err
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    assert "logging works" in logs
    cmap = TTFont(FONT_FILES[""]).getBestCmap()
    glyphs = {cmap[ord(c)] for c in NICKNAME if not c.isascii() and ord(c) in cmap}
    assert glyphs
    assert [g for g in glyphs if g in logs] == []
    assert NICKNAME not in logs
    assert WORRY not in logs
    assert "findfont" not in logs  # matplotlib's font lookups
    assert "matplotlib" not in logs
