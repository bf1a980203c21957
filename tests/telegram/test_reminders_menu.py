"""``/reminders`` stays open and edits itself in place until "Done" (issue 15, problem 4),
over the Bot API stand-in.

Changing the hour, the zone, pausing and resuming took four ``/reminders`` before: the menu
closed after every change. "+5:30" was refused with a reason about daylight saving that does
not apply to India, and "Your time zone is now UTC." read as a change.
"""

from __future__ import annotations

import pytest

from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import Parent, RunningBot, outbox_drained

pytestmark = pytest.mark.e2e

FIXED = "UTC+05:30 (fixed offset, no daylight saving)"


async def test_one_reminders_menu_changes_hour_zone_pause_and_resume(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.onboard()
    (menu,) = await parent.says("/reminders")
    assert "Your time zone is UTC." in menu
    menu_id = first_menu = parent.last_message()["message_id"]
    sent_before = len(parent.texts())

    assert "At what hour" in await parent.edits(menu_id, "rem:hour")
    changed = await parent.edits(menu_id, "rem:h:9")
    assert changed.startswith("Reminder hour changed to 09:00.")
    assert "Change the time zone" in str(parent.last_message()["reply_markup"])

    asked = await parent.edits(menu_id, "rem:zone")
    assert "Your time zone is UTC." in asked
    assert "now" not in asked
    (zone_set,) = await parent.says("+5:30")  # typed: a new message below the parent's words
    assert zone_set.startswith(f"Time zone changed to {FIXED}. It is ")
    assert f"Your time zone is {FIXED}." in zone_set
    menu_id = parent.last_message()["message_id"]

    assert "how long" in await parent.edits(menu_id, "rem:pause")
    assert (await parent.edits(menu_id, "rem:p:7")).startswith("Paused until ")
    assert (await parent.edits(menu_id, "rem:resume")).startswith("Reminders are back on.")
    closed = await parent.edits(menu_id, "rem:done")
    assert "Done. /reminders opens these settings again." in closed
    await outbox_drained(sprout.engine)

    # One message for the menu, one for the typed zone: everything else was an edit.
    assert len(parent.texts()) == sent_before + 1
    shown = [m for m in tg.messages(parent.chat_id) if m["message_id"] >= first_menu]
    assert len(shown) == 2
    assert not any(m.get("reply_markup") for m in shown)
    async with sprout.engine.store.unit_of_work() as uow:
        family = await uow.families.get(parent.chat_id)
        assert family is not None
        assert (family.timezone, family.reminder_hour) == ("UTC+05:30", 9)
