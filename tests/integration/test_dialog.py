"""The dialog engine over a real database: restarts, duplicates, stale buttons, /cancel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.engine.dialog import DialogEngine, parse_text
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
    from bot.flows.base import FlowState

    checkin = FlowState("checkin", "question")
    assert _reads_history(None, CommandIn("checkin"))
    assert _reads_history(None, ButtonIn("/checkin 3"))
    assert _reads_history(checkin, TextIn("yes"))
    assert _reads_history(checkin, ButtonIn("ci:runs:y"))
    assert _reads_history(FlowState("onboarding", "nickname"), CommandIn("summary"))
    assert not _reads_history(None, CommandIn("start"))
    assert not _reads_history(None, TextIn("she is not walking yet"))
    assert not _reads_history(FlowState("onboarding", "nickname"), TextIn("Mila"))
