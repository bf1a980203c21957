"""A lost skill typed mid-check-in, end to end: the real bot over HTTP against the Bot API
stand-in. Answered at once, the check-in paused behind "Continue the check-in", its result
urgent, and the worry in the /summary text and PDF with its level and date."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from bot.domain.age import add_months
from bot.domain.dates import format_date
from bot.flows import asides
from bot.flows.checkin import flow as checkin
from knowledge.signs import default_danger_signs
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import WAIT, Parent, RunningBot

pytestmark = pytest.mark.e2e

ROLLED = "he could roll over last month but now he can't anymore"


async def test_a_lost_skill_mid_check_in_pauses_it_and_reaches_the_summary(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    born = add_months(date.today(), -9) - timedelta(days=5)
    await parent.onboard("Leo", born.isoformat())
    _, question = await parent.says("/checkin", replies=2)

    alarm, _waiting = await parent.says(ROLLED, replies=2)
    assert alarm == default_danger_signs().answers.urgent
    keyboard = parent.last_message()["reply_markup"]["inline_keyboard"]
    assert [[b["text"] for b in row] for row in keyboard] == [["Continue the check-in"]]
    (again,) = await parent.presses(parent.last_message()["message_id"], asides.CONTINUE)
    assert again == question
    # Yes to every question (issue 11: earlier red-flag items come first), then no to the
    # lost-skills question.
    while True:
        keyboard = parent.last_message()["reply_markup"]["inline_keyboard"]
        payload = keyboard[0][0]["callback_data"]
        if payload == checkin.LOST_YES:
            break
        await parent.presses(parent.last_message()["message_id"], payload)
    (said,) = await parent.presses(parent.last_message()["message_id"], checkin.LOST_NO)
    assert f"“{ROLLED}”: a sign like this" in said
    assert "Please contact Leo's doctor as soon as possible" in said

    await parent.says("/summary")
    await parent.presses(parent.last_message()["message_id"], "sm:p:all")
    since = len(tg.calls)
    tg.press_button(parent.chat_id, parent.last_message()["message_id"], "sm:d:both")
    [upload] = await tg.wait_for("sendDocument", since=since, timeout=WAIT)
    text = "\n".join(
        c.result["text"] for c in tg.calls[since:] if c.method == "sendMessage" and c.ok
    )
    # The bot dates it in the family's time zone; the machine's may be a day apart.
    days = {format_date(date.today() + timedelta(days=d)) for d in (-1, 0, 1)}
    assert any(f"“{ROLLED}” ({day}; level: urgent; topic:" in text for day in days)
    pdf = PdfReader(io.BytesIO(tg.file_content(upload.result["document"]["file_id"])))
    pdf_text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "level: urgent" in pdf_text
