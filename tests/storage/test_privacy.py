"""Summary, export, erasure and encryption at rest through the engine, on both databases.

The family's history is made the way a parent makes it: real check-ins (answered by the
buttons on screen) at 9 months, again three weeks later with a lost skill, and at 12 months,
plus worries typed in their own words, one of them before any child was added.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.domain.replies import Document, Photo, Text
from bot.engine.dialog import DialogEngine, Outcome, parse_text
from bot.flows.base import ButtonIn
from bot.flows.checkin import flow as checkin
from bot.summary.export_schema import SproutExport
from storage.crypto import Cipher, EncryptionKeyError, new_key
from storage.models import Base
from storage.repositories import OPEN, FamilyDefaults
from storage.rotate import rotate_all
from storage.uow import Store
from tests.support.context import KB
from tests.support.db_rows import NO_FAMILY_DATA, family_rows, snapshot, unreachable_tables
from tests.support.outcomes import plain

CHAT, OTHER = 10, 20
ANSWER = re.compile(r"^ci:([a-z0-9_]+):y$")
#: The 9-month checklist's own items (a first check-in asks earlier red-flag items too).
NINE = [m.id for m in KB.milestones if m.checklist_age == 9]
WORRY = "she still isn't walking on her own"


class Parent:
    """One family talking to the engine; the clock moves between check-ins."""

    def __init__(self, store: Store, now: datetime, chat: int = CHAT) -> None:
        self.now = now
        self.chat = chat
        self.engine = DialogEngine(store, KB, lambda: self.now)

    async def say(self, line: str) -> Outcome:
        return await self.engine.handle(self.chat, parse_text(line))

    async def press(self, payload: str) -> Outcome:
        return await self.engine.handle(self.chat, ButtonIn(payload))

    async def add_child(self, nickname: str, born: str) -> None:
        for line in ("/start", nickname, born, "no"):
            await self.say(line)

    async def checkin(self, answers: dict[str, str] | None = None) -> list[str]:
        """A whole check-in: every question answered ("y" unless ``answers`` says), "No" to
        the lost-skills question, and the questions left over by the cap continued at once."""
        outcome = await self.say("/checkin")
        asked: list[str] = []
        while True:
            buttons = [
                b.payload for r in outcome.replies if isinstance(r, Text) for b in r.all_buttons
            ]
            current = next((m.group(1) for p in buttons if (m := ANSWER.match(p))), None)
            if checkin.LOST_NO in buttons:
                outcome = await self.press(checkin.LOST_NO)
                if "more questions" not in plain(outcome):
                    return asked
                await self.say("/checkin")
                outcome = await self.press(checkin.CONTINUE)
                continue
            if current is None:
                return asked
            asked.append(current)
            outcome = await self.press(f"ci:{current}:{(answers or {}).get(current, 'y')}")


async def history(store: Store, now: datetime, chat: int = CHAT, name: str = "Mila") -> Parent:
    """A child 9 months old today, three check-ins with a regression, and worries."""
    parent = Parent(store, now, chat)
    await parent.say("is this the right place for baby questions about crawling?")
    await parent.add_child(name, (now - timedelta(days=273)).date().isoformat())
    nine = await parent.checkin()
    assert NINE[0] in nine
    parent.now += timedelta(weeks=3)
    await parent.checkin({NINE[0]: "n"})  # a skill answered "yes" is now "not yet"
    await parent.say(WORRY)
    parent.now += timedelta(days=95)  # 12 months
    twelve = await parent.checkin()
    assert twelve
    parent.now += timedelta(weeks=1)
    assert twelve[0] in await parent.checkin({twelve[0]: "u"})
    return parent


async def test_summary_after_checkins_names_everything_and_sends_a_pdf(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = await history(store, clock())
    assert "Which period" in plain(await parent.say("/summary"))
    assert "Which skills" in plain(await parent.press("sm:p:all"))
    outcome = await parent.press("sm:d:both")
    *texts, picture, document = outcome.replies
    assert isinstance(picture, Photo)  # the chart, before the PDF
    assert isinstance(document, Document)
    assert all(isinstance(t, Text) and len(t.plain) < 4096 for t in texts)
    text = "\n".join(t.plain for t in texts)  # type: ignore[union-attr]
    parts = ["Mila", "Loss of skills reported", "Check-in for 9 months", "Check-in for 12 months",
             WORRY, "not a medical assessment"]  # fmt: skip
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)
    assert "⚠ REGRESSION" in text
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(document.data)).pages)
    assert "Mila" in pdf
    assert "REGRESSION" in pdf
    assert "yes (9 m)" in pdf
    assert "not sure (1" in pdf  # at 12 or 13 months
    # The summary left no conversation open: a typed line is a worry again, not a button answer.
    assert "Please choose" not in plain(await parent.say("sm:d:both"))


async def test_export_round_trip_holds_every_stored_record(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = await history(store, clock())
    outcome = await parent.say("/export")
    [document] = [r for r in outcome.replies if isinstance(r, Document)]
    export = SproutExport.model_validate_json(document.data)  # strict: the documented shape

    async with store.unit_of_work() as uow:
        family = await uow.families.get(CHAT)
        assert family is not None
        children = await uow.children.of_family(family.id)
        observations = await uow.observations.of_children(family.id, [c.id for c in children])
        notes = await uow.concerns.of_family(family.id)
        stored_children = [
            (uow.children.nickname(c), uow.children.birth(c).date) for c in children
        ]
        stored_notes = sorted((n.text, n.created_on, n.matched_id) for n in notes)
        stored_answers = [
            (o.milestone_id, o.answer, o.observed_on, o.age_months, o.checklist_age)
            for o in observations
        ]
        reminders = await uow.reminders.of_children([c.id for c in children])
        stored_reminders = sorted(
            (r.checklist_age, r.status) for r in reminders if r.status in OPEN
        )
    assert [(c.nickname, c.birth_date) for c in export.children] == stored_children
    exported_answers = [
        (o.milestone_id, o.answer, o.observed_on, o.age_months, o.checklist_age)
        for c in export.children for o in c.observations
    ]  # fmt: skip
    assert exported_answers == stored_answers
    exported_notes = [*export.family_concerns, *(n for c in export.children for n in c.concerns)]
    assert sorted((n.text, n.created_on, n.matched_id) for n in exported_notes) == stored_notes
    assert len(export.family_concerns) == 1  # the worry typed before any child
    exported_reminders = sorted(
        (r.checklist_age, r.status) for c in export.children for r in c.reminders
    )
    assert exported_reminders == stored_reminders  # reminders still to come
    assert exported_reminders
    assert export.chat_id == CHAT


async def test_delete_erases_the_family_everywhere_and_leaves_the_other_untouched(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = await history(store, clock())
    await history(store, clock(), chat=OTHER, name="Leo")
    await parent.say("/summary")  # a conversation open: dialog state with a question on screen
    metadata, before = await snapshot(store.engine)
    assert set(Base.metadata.tables) <= set(metadata.tables)
    assert unreachable_tables(metadata) <= NO_FAMILY_DATA, "a table no erasure reaches"
    mine = family_rows(metadata, before, CHAT)
    assert mine["children"]
    assert mine["observations"]
    assert mine["concerns"]
    assert mine["dialog_states"]
    [family] = mine["families"]
    child_ids = {c["id"] for c in mine["children"]}

    asked = await parent.say("/delete")
    assert "cannot be undone" in plain(asked)
    assert "erased" in plain(await parent.press("dl:yes"))

    _, after = await snapshot(store.engine)
    for name, rows in after.items():
        for row in rows:
            assert row.get("chat_id") != CHAT, name
            assert row.get("family_id") != family["id"], name
            assert row.get("child_id") not in child_ids, name
        expected = [r for r in before[name] if r not in mine[name]]
        if name not in NO_FAMILY_DATA:
            assert rows == expected, name  # the other family's rows, every one, unchanged


async def test_delete_needs_the_confirmation(store: Store, clock: Callable[[], datetime]) -> None:
    parent = await history(store, clock())
    await parent.say("/delete")
    await parent.say("yes")  # typed, not the button
    assert "nothing was deleted" in plain(await parent.press("dl:no"))
    assert await parent.press("dl:yes") != Outcome()  # stale now: refused
    async with store.unit_of_work() as uow:
        assert await uow.families.get(CHAT) is not None


async def test_nicknames_and_worries_never_reach_the_sqlite_file_in_clear(
    sqlite_url: str, cipher: Cipher, clock: Callable[[], datetime], tmp_path: Path
) -> None:
    store = Store(sqlite_url, cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    parent = Parent(store, clock())
    await parent.add_child("Zephyrine", "2026-02-21")
    await parent.say("Zephyrine wobbles and still isn't walking on her own")
    await parent.say("/checkin")  # a question naming the child stays on screen
    files = sorted(tmp_path.glob("sprout.db*"))  # noqa: ASYNC240 (a test reading its files)
    assert {f.name for f in files} >= {"sprout.db", "sprout.db-wal"}
    for secret in (b"Zephyrine", b"wobbles"):
        for file in files:
            assert secret not in file.read_bytes(), file.name
    await store.close()
    for file in tmp_path.glob("sprout.db*"):  # noqa: ASYNC240
        assert b"Zephyrine" not in file.read_bytes()


async def test_rotate_key_rewraps_every_key_so_the_old_master_key_can_go(
    database_url: str, clock: Callable[[], datetime]
) -> None:
    old, new = new_key(), new_key()
    defaults = FamilyDefaults("UTC", 10)
    first = Store(database_url, Cipher([old]), defaults)
    await first.upgrade()
    parent = await history(first, clock())
    await parent.say("/summary")  # sealed dialog state, too
    await first.close()

    both = Store(database_url, Cipher([new, old]), defaults)
    done = await rotate_all(both)
    assert (done.rewrapped, done.current, done.erased) == (1, 0, 0)
    await both.close()

    only_new = Store(database_url, Cipher([new]), defaults)
    parent.engine = DialogEngine(only_new, KB, lambda: parent.now)
    assert "Which skills" in plain(await parent.press("sm:p:all"))  # the state reads back
    outcome = await parent.press("sm:d:both")
    assert "Mila" in plain(outcome)
    assert WORRY in plain(outcome)
    await only_new.close()

    stranger = Store(database_url, Cipher([new_key()]), defaults)
    with pytest.raises(EncryptionKeyError):
        await rotate_all(stranger)
    await stranger.close()
