"""``/summary`` and ``/delete`` end to end: the real bot over HTTP against the Bot API stand-in."""

from __future__ import annotations

import io
import logging
from datetime import date, timedelta

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from bot.domain.age import age_on
from bot.logs import configure_logging
from bot.summary.pdf import FONT_FILES
from tests.support.db_rows import family_rows, snapshot
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import WAIT, Parent, RunningBot, outbox_drained

pytestmark = pytest.mark.e2e

BORN = date(2024, 3, 15)  # Parent.onboard's child
#: Two check-ins at 30 months, weeks apart: the second reports a lost skill.
CHECKINS = {40: ("yes", "yes"), 5: ("not_yet", "not_sure")}  # days ago: the first two answers


async def two_checkins(sprout: RunningBot, chat_id: int) -> None:
    async with sprout.engine.store.unit_of_work() as uow:
        family = await uow.families.get(chat_id)
        assert family is not None
        [child] = await uow.children.of_family(family.id)
        milestones = [m.id for m in sprout.engine.knowledge.milestones if m.checklist_age == 30]
        for days_ago, answers in CHECKINS.items():
            day = date.today() - timedelta(days=days_ago)
            for milestone, answer in zip(milestones, answers, strict=False):
                await uow.observations.add(
                    family.id, child_id=child.id, milestone_id=milestone, answer=answer,
                    observed_on=day, age_months=age_on(BORN, None, day).months, checklist_age=30,
                )  # fmt: skip
        await uow.commit()


async def test_summary_sends_text_and_a_pdf_then_delete_leaves_nothing(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    await parent.onboard()
    await two_checkins(sprout, parent.chat_id)

    (ask_period,) = await parent.says("/summary")
    assert "Which period" in ask_period
    (ask_skills,) = await parent.presses(parent.last_message()["message_id"], "sm:p:all")
    assert "Which skills" in ask_skills
    since = len(tg.calls)
    tg.press_button(parent.chat_id, parent.last_message()["message_id"], "sm:d:both")
    [upload] = await tg.wait_for("sendDocument", since=since, timeout=WAIT)
    texts = [c.result["text"] for c in tg.calls[since:] if c.method == "sendMessage" and c.ok]
    text = "\n".join(texts)
    assert "Motor development summary: Mila" in text
    assert "Loss of skills reported (regression)" in text
    assert "Check-in for 30 months" in text
    assert all(len(t) <= 4096 for t in texts)
    document = upload.result["document"]
    assert document["file_name"] == f"sprout-summary-Mila-{date.today().isoformat()}.pdf"
    pdf = PdfReader(io.BytesIO(tg.file_content(document["file_id"])))
    pdf_text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Mila" in pdf_text
    assert "REGRESSION" in pdf_text
    assert "not yet (" in pdf_text  # the child's answers on the chart
    assert "not sure (" in pdf_text

    metadata, before = await snapshot(sprout.engine.store.engine)
    assert family_rows(metadata, before, parent.chat_id)["observations"]
    (confirm,) = await parent.says("/delete")
    assert "cannot be undone" in confirm
    (done,) = await parent.presses(parent.last_message()["message_id"], "dl:yes")
    assert "erased" in done
    await outbox_drained(sprout.engine)  # the confirmation's row, queued after the erasure
    _, after = await snapshot(sprout.engine.store.engine)
    assert not any(family_rows(metadata, after, parent.chat_id).values())
    assert not after["families"]


async def test_a_nickname_with_markup_names_the_pdf_by_its_letters(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    """Issue 15, problem 8: the file was ``sprout-summary-b-Zoë-Ali-b-<day>.pdf``."""
    await parent.onboard(nickname="<b>Zoë-Ali</b>")
    await parent.says("/summary")
    await parent.presses(parent.last_message()["message_id"], "sm:p:all")
    since = len(tg.calls)
    tg.press_button(parent.chat_id, parent.last_message()["message_id"], "sm:d:both")
    [upload] = await tg.wait_for("sendDocument", since=since, timeout=WAIT)
    name = upload.result["document"]["file_name"]
    assert name == f"sprout-summary-Zoë-Ali-{date.today().isoformat()}.pdf"


async def test_summary_at_debug_logs_nothing_about_the_child(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15, problem 9, over the stand-in: with the bot's logging at DEBUG, a worry, the
    chart picture and the PDF leave neither the nickname nor the worry in the logs (the font
    library listed the glyphs it kept, which spell out the name)."""
    nickname, worry = "Żyłkowska", "she wobbles on the trampoline"
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    configure_logging("DEBUG")
    try:
        logging.getLogger("sprout.test").debug("logging works")
        await parent.onboard(nickname=nickname)
        await parent.says(worry)
        await parent.says("/summary")
        await parent.presses(parent.last_message()["message_id"], "sm:p:all")
        since = len(tg.calls)
        tg.press_button(parent.chat_id, parent.last_message()["message_id"], "sm:d:both")
        await tg.wait_for("sendDocument", since=since, timeout=WAIT)
        logs = capsys.readouterr().err
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    assert "logging works" in logs
    assert nickname not in logs
    assert worry not in logs
    assert "findfont" not in logs
    cmap = TTFont(FONT_FILES[""]).getBestCmap()
    glyphs = {cmap[ord(c)] for c in nickname if not c.isascii() and ord(c) in cmap}
    assert glyphs
    assert [g for g in glyphs if g in logs] == []
