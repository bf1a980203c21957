"""The progress picture over the Bot API stand-in (issue 15, problem 10).

The milestone chart was only inside the PDF: a parent saw progress only by opening a file.
After a check-in and with /summary the chart now arrives as a photo (sendPhoto, a PNG sized
for a phone) whose caption says in words what it shows, for screen readers.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.age import add_months
from bot.flows.checkin import flow as checkin
from bot.summary.chart import WIDTH_PX
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import WAIT, Parent, RunningBot
from tests.telegram.test_summary_bot import two_checkins

pytestmark = pytest.mark.e2e


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


async def test_summary_sends_the_chart_as_a_photo_before_the_pdf(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    await parent.onboard()
    await two_checkins(sprout, parent.chat_id)
    await parent.says("/summary")
    await parent.presses(parent.last_message()["message_id"], "sm:p:all")
    since = len(tg.calls)
    tg.press_button(parent.chat_id, parent.last_message()["message_id"], "sm:d:both")
    await tg.wait_for("sendDocument", since=since, timeout=WAIT)
    sent = [c for c in tg.calls[since:] if c.method in ("sendPhoto", "sendDocument") and c.ok]
    assert [c.method for c in sent] == ["sendPhoto", "sendDocument"]
    photo = sent[0].result
    caption = photo["caption"]
    assert caption.startswith("Chart of Mila's milestones")
    assert "Answers:" in caption
    assert "Lost:" in caption  # the regression two_checkins wrote
    assert len(caption) <= 1024
    width, height = png_size(tg.file_content(photo["photo"][-1]["file_id"]))
    assert width == WIDTH_PX
    assert height > width  # upright, for a phone


async def test_a_check_in_ends_with_the_chart_after_the_result(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    born = add_months(date.today(), -9) - timedelta(days=5)
    await parent.onboard("Leo", born.isoformat())
    await parent.says("/checkin", replies=2)
    while True:
        keyboard = parent.last_message()["reply_markup"]["inline_keyboard"]
        if keyboard[0][0]["callback_data"] == checkin.LOST_YES:
            break
        await parent.presses(parent.last_message()["message_id"], keyboard[0][0]["callback_data"])
    since = len(tg.calls)
    tg.press_button(parent.chat_id, parent.last_message()["message_id"], checkin.LOST_NO)
    [photo] = await tg.wait_for("sendPhoto", since=since, timeout=WAIT)
    said = [c.result["text"] for c in tg.calls[since:] if c.method == "sendMessage" and c.ok]
    assert any("Leo" in text and "on track" in text for text in said)
    caption = photo.result["caption"]
    assert caption.startswith("Chart of Leo's milestones (9 months)")
    assert " yes." in caption
    assert png_size(tg.file_content(photo.result["photo"][-1]["file_id"]))[0] == WIDTH_PX
