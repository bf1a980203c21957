"""The chart picture (``bot.summary.chart``): a PNG for a phone, its words for screen readers."""

from __future__ import annotations

from bot.domain.views import ObservationView
from bot.summary.chart import (
    LABEL_PT,
    MAX_CAPTION,
    TICK_PT,
    WIDTH_PX,
    alt_text,
    readable_px,
    render_chart,
)
from tests.summary.test_summary import KB, TODAY, report, title


def test_the_chart_is_a_png_as_wide_as_two_phone_widths_and_taller_than_wide() -> None:
    data = render_chart(report())
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == WIDTH_PX
    assert width < height <= 20 * width  # Telegram refuses a side over 20 times the other


def test_text_stays_readable_shown_360_pixels_wide() -> None:
    # About 11 pixels is the smallest text phone guidelines call readable.
    assert readable_px(TICK_PT) >= 11
    assert readable_px(LABEL_PT) >= readable_px(TICK_PT)


def test_the_caption_says_what_the_chart_shows_in_words() -> None:
    words = alt_text(report())
    assert words.startswith("Chart of Mila's milestones (14 months)")
    assert "3 yes, 3 not yet, 2 not sure" in words
    assert f"Past the age most children show it: “{title('gets_to_sitting')}”" in words
    assert f"Lost: “{title('gets_to_sitting')}”." in words
    assert len(words) <= MAX_CAPTION


def test_a_nickname_with_a_dollar_sign_is_not_read_as_maths() -> None:
    assert render_chart(report("$x^2$ Mila"))


def test_a_chart_of_every_milestone_stays_within_what_telegram_takes() -> None:
    every = tuple(ObservationView(m.id, "yes", TODAY, 72, m.checklist_age) for m in KB.milestones)
    data = render_chart(report(observations=every))
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert len(KB.milestones) > 80
    assert width + height <= 10_000
