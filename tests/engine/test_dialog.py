"""The dialog engine over a real database: restarts, duplicates, stale buttons, /cancel."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime

import pytest

from bot.engine.dialog import LOST_TRACK, DialogEngine, parse_text
from bot.flows.base import ButtonIn, CommandIn, TextIn
from storage.crypto import Cipher
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.context import EMPTY_KB as KB  # these tests need no content


async def say(engine: DialogEngine, line: str, chat: int = 10) -> str:
    outcome = await engine.handle(chat, parse_text(line))
    return "\n".join(getattr(r, "plain", "") for r in outcome.replies)


async def test_restart_after_the_nickname_asks_for_the_birth_date(
    database_url: str, cipher: Cipher, clock: Callable[[], datetime]
) -> None:
    defaults = FamilyDefaults("UTC", 10)
    first = Store(database_url, cipher, defaults)
    await first.upgrade()
    engine = DialogEngine(first, KB, clock)
    await say(engine, "/start")
    assert "When was Mila born" in await say(engine, "Mila")
    await first.close()  # the process stops

    second = Store(database_url, cipher, defaults)
    await second.upgrade()  # a restart applies migrations again: a no-op
    engine = DialogEngine(second, KB, clock)
    reply = await say(engine, "2024-03-15")
    assert "Was Mila born early" in reply
    assert "Mila was born on 15 March 2024 and is 2 years 8 months old" in await say(engine, "no")
    await second.close()


async def test_duplicate_update_is_processed_once(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine = DialogEngine(store, KB, clock)
    await engine.handle(10, CommandIn("start"), update_id=1)
    first = await engine.handle(10, TextIn("Mila"), update_id=2)
    again = await engine.handle(10, TextIn("Mila"), update_id=2)
    assert first.replies
    assert (again.replies, again.accepted) == ([], False)


async def test_stale_or_forged_button_changes_nothing(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine = DialogEngine(store, KB, clock)
    for line in ("/start", "Mila", "2024-03-15"):
        await say(engine, line)
    forged = await engine.handle(10, ButtonIn("ch:remove_yes:1"))
    assert not forged.accepted
    assert "earlier question" in forged.replies[0].plain  # type: ignore[union-attr]
    pressed = await engine.handle(10, ButtonIn("ob:preterm:no"))
    assert pressed.accepted
    twice = await engine.handle(10, ButtonIn("ob:preterm:no"))
    assert not twice.accepted
    assert "earlier conversation" in twice.replies[0].plain  # type: ignore[union-attr]


async def test_cancel_leaves_the_flow_and_keeps_saved_children(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine = DialogEngine(store, KB, clock)
    for line in ("/start", "Mila", "2024-03-15", "no", "/child"):
        await say(engine, line)
    await engine.handle(10, ButtonIn("ch:add"))
    await say(engine, "Leo")
    assert "saved" in await say(engine, "/cancel")
    assert "Mila" in await say(engine, "/child")
    assert "Welcome back" in await say(engine, "/start")


async def test_families_are_isolated(store: Store, clock: Callable[[], datetime]) -> None:
    engine = DialogEngine(store, KB, clock)
    for line in ("/start", "Mila", "2024-03-15", "no"):
        await say(engine, line, chat=1)
    await say(engine, "/start", chat=2)
    assert "Mila" not in await say(engine, "/child", chat=2)
    # chat 2 cannot act on chat 1's child even with a well-formed payload on its screen
    assert not (await engine.handle(2, ButtonIn("ch:remove_yes:1"))).accepted


async def test_overlong_text_is_refused_with_the_question_again(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine = DialogEngine(store, KB, clock)
    await say(engine, "/start")
    reply = await say(engine, "x" * 5000)
    assert "under 1000 characters" in reply
    assert "What should I call your child" in reply


async def test_an_emergency_typed_mid_flow_pauses_it_until_continue(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine = DialogEngine(store, KB, clock)
    await say(engine, "/start")
    reply = await say(engine, "help he is having a seizure")
    assert "emergency number now" in reply
    assert "What should I call your child" not in reply  # not asked again a second later
    resumed = await engine.handle(10, ButtonIn("pause:continue"))
    assert "What should I call your child" in resumed.replies[0].plain  # type: ignore[union-attr]
    assert "When was Mila born" in await say(engine, "Mila")


def test_history_is_loaded_whenever_a_flow_that_reads_it_may_run() -> None:
    from bot.engine.dialog import _reads_history
    from bot.flows.checkin.flow import CheckinState
    from bot.flows.onboarding import OnboardingState

    checkin = CheckinState(step="question", child_id=1, checklist_age=9)
    assert _reads_history(None, CommandIn("checkin"))
    assert _reads_history(None, ButtonIn("/checkin 3"))
    assert _reads_history(checkin, TextIn("yes"))
    assert _reads_history(checkin, ButtonIn("ci:runs:y"))
    assert _reads_history(OnboardingState(step="nickname"), CommandIn("summary"))
    assert not _reads_history(None, CommandIn("start"))
    assert not _reads_history(None, TextIn("she is not walking yet"))
    assert not _reads_history(OnboardingState(step="nickname"), TextIn("Mila"))


# --- a stored conversation the bot can no longer read ----------------------------------------


async def _rewrite(store: Store, chat: int, **changes: str) -> None:
    """Change where ``chat``'s stored conversation stands, as a release renaming or removing
    a flow or a step would leave it."""
    async with store.unit_of_work() as uow:
        _family, member = await uow.families.lock_member(chat)
        saved = await uow.dialogs.get(member.id)
        assert saved is not None
        data, prompt = uow.dialogs.contents(saved)
        stored = {"flow": saved.flow, "step": saved.step, **changes}
        await uow.dialogs.save(
            member, data=data, prompt=prompt, flow=stored["flow"], step=stored["step"]
        )
        await uow.commit()


def _resets(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.engine.dialog" and "reset" in r.msg]


async def test_a_conversation_in_a_flow_that_no_longer_exists_starts_afresh(
    store: Store, clock: Callable[[], datetime], caplog: pytest.LogCaptureFixture
) -> None:
    """Before, the registry lookup raised KeyError on every message until /cancel."""
    engine = DialogEngine(store, KB, clock)
    await say(engine, "/start")
    await say(engine, "Mila")
    await _rewrite(store, 10, flow="retired")
    with caplog.at_level(logging.WARNING, logger="bot.engine.dialog"):
        reply = await say(engine, "2024-03-15")
    assert reply.startswith(LOST_TRACK + "\n")
    (record,) = _resets(caplog)
    assert (record.reason, record.flow, record.step) == ("unknown flow", "retired", "birth_date")  # type: ignore[attr-defined]
    assert "Mila" not in json.dumps(record.__dict__, default=str)  # names only, never data
    assert "Here is what I can do" in await say(engine, "/help")  # no conversation left
    assert len(_resets(caplog)) == 1


async def test_a_step_its_flow_no_longer_has_starts_afresh(
    store: Store, clock: Callable[[], datetime], caplog: pytest.LogCaptureFixture
) -> None:
    """Before, an unknown onboarding step fell through to the last handler, which asked for
    weeks of pregnancy in answer to a birth date."""
    engine = DialogEngine(store, KB, clock)
    await say(engine, "/start")
    await say(engine, "Mila")
    await _rewrite(store, 10, step="favourite_colour")
    with caplog.at_level(logging.WARNING, logger="bot.engine.dialog"):
        reply = await say(engine, "2024-03-15")
    assert reply.split("\n")[0] == LOST_TRACK
    assert "weeks" not in reply
    (record,) = _resets(caplog)
    assert (record.reason, record.step) == ("unknown step", "favourite_colour")  # type: ignore[attr-defined]
    assert "What should I call your child" in await say(engine, "/start")  # afresh


async def test_after_a_reset_a_button_of_the_lost_question_does_nothing(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine = DialogEngine(store, KB, clock)
    for line in ("/start", "Mila", "2024-03-15"):  # asks whether Mila was born early
        await say(engine, line)
    await _rewrite(store, 10, step="early")
    pressed = await engine.handle(10, ButtonIn("ob:preterm:no"))
    assert not pressed.accepted
    assert pressed.replies[0].plain == LOST_TRACK  # type: ignore[union-attr]
    assert "earlier conversation" in pressed.replies[1].plain  # type: ignore[union-attr]
    async with store.unit_of_work() as uow:  # nothing of the child was added
        family = await uow.families.get(10)
        assert family is not None
        assert await uow.children.of_family(family.id) == []


async def test_after_a_reset_a_danger_sign_is_still_answered(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine = DialogEngine(store, KB, clock)
    await say(engine, "/start")
    await _rewrite(store, 10, flow="retired")
    reply = await say(engine, "help he is having a seizure")
    assert reply.startswith(LOST_TRACK)
    assert "emergency number now" in reply
