"""``parentbot db rotate-key`` while the bot runs (issue 16, failure 1): a write the bot confirmed
during rotation is never undone, and an interrupted rotation resumes where it stopped."""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Awaitable, Callable
from datetime import datetime

import pytest

from storage import rotate
from storage.crypto import Cipher, new_key
from storage.repositories import FamilyDefaults
from storage.rotate import rotate_all
from storage.uow import Store
from tests.support.db_rows import snapshot
from tests.support.family import Family

DEFAULTS = FamilyDefaults("UTC", 10)
CHATS = range(1, 8)


class Hooked(Cipher):
    """A master cipher that runs ``hook`` before its n-th re-encryption (1-based)."""

    def __init__(self, keys: list[str], hooks: dict[int, Callable[[], None]]) -> None:
        super().__init__(keys)
        self.hooks = hooks
        self.calls = 0

    def rotate(self, token: bytes) -> bytes:
        self.calls += 1
        if hook := self.hooks.get(self.calls):
            hook()
        return super().rotate(token)


def in_another_process(
    url: str, keys: list[str], work: Callable[[Store], Awaitable[None]]
) -> None:
    """Run ``work`` on its own store, event loop and thread, as another process would, and
    wait for it: rotation is held in the middle of a batch meanwhile."""

    async def main() -> None:
        store = Store(url, Cipher(keys), DEFAULTS)
        try:
            await work(store)
        finally:
            await store.close()

    thread = threading.Thread(target=asyncio.run, args=(main(),))
    thread.start()
    thread.join()


async def erase(store: Store, chat: int, now: datetime) -> None:
    family = Family(store, now, chat)
    await family.say("/delete")
    await family.press("dl:yes")


async def rename(store: Store, chat: int, nickname: str) -> None:
    async with store.unit_of_work() as uow:
        family = await uow.families.lock_or_create(chat)
        [child] = await uow.children.of_family(family.id)
        uow.children.rename(child, nickname)
        await uow.commit()


async def nickname(store: Store, chat: int) -> str:
    async with store.unit_of_work() as uow:
        family = await uow.families.get(chat)
        assert family is not None
        [child] = await uow.children.of_family(family.id)
        return uow.children.nickname(child)


@pytest.mark.postgres
async def test_a_rename_or_erasure_confirmed_during_rotation_is_kept(
    pg_url: str, clock: Callable[[], datetime]
) -> None:
    old, new = new_key(), new_key()
    store = Store(pg_url, Cipher([old]), DEFAULTS)
    await store.open()
    for chat in CHATS:
        await Family(store, clock(), chat, nickname=f"Kid{chat}").onboard()
    await store.close()
    *renamed, erased = CHATS

    def meanwhile() -> None:
        """Between rotation reading the keys and writing them back, the bot confirms a
        rename in six families and erases the seventh."""
        for chat in renamed:
            work = functools.partial(rename, chat=chat, nickname=f"Renamed{chat}")
            in_another_process(pg_url, [new, old], work)
        in_another_process(pg_url, [new, old], functools.partial(erase, chat=erased, now=clock()))

    hooked = Hooked([new, old], {1: meanwhile})
    rotating = Store(pg_url, hooked, DEFAULTS)
    done = await rotate_all(rotating)
    await rotating.close()
    assert (done.rewrapped, done.erased) == (len(renamed), 1)

    after = Store(pg_url, Cipher([new]), DEFAULTS)
    assert [await nickname(after, chat) for chat in renamed] == [f"Renamed{c}" for c in renamed]
    async with after.unit_of_work() as uow:
        assert await uow.families.get(erased) is None  # its key was not written back
    _, rows = await snapshot(after.engine)
    assert len(rows["family_keys"]) == len(renamed)
    await after.close()


async def test_an_interrupted_rotation_resumes_where_it_stopped(
    database_url: str, clock: Callable[[], datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = new_key(), new_key()
    store = Store(database_url, Cipher([old]), DEFAULTS)
    await store.open()
    for chat in CHATS:
        # Not shared: a join queues a notice in the outbox, which rotation re-encrypts too,
        # and this test counts the family keys it re-wraps.
        await Family(store, clock(), chat, nickname=f"Kid{chat}").everything(share=False)
    await store.close()
    monkeypatch.setattr(rotate, "BATCH", 2)

    def crash() -> None:
        raise RuntimeError("the rotation is killed in its second batch")

    first = Hooked([new, old], {3: crash})
    interrupted = Store(database_url, first, DEFAULTS)
    with pytest.raises(RuntimeError):
        await rotate_all(interrupted)
    await interrupted.close()

    # The first batch (two families) is done; the rest, and the canary last, are left.
    second = Hooked([new, old], {})
    resumed = Store(database_url, second, DEFAULTS)
    await rotate_all(resumed)
    await resumed.close()
    assert second.calls == len(CHATS) - 2 + 1
    third = Hooked([new, old], {})
    again = Store(database_url, third, DEFAULTS)
    await rotate_all(again)
    await again.close()
    assert third.calls == 0

    only_new = Store(database_url, Cipher([new]), DEFAULTS)
    assert [await nickname(only_new, chat) for chat in CHATS] == [f"Kid{c}" for c in CHATS]
    await only_new.close()


async def test_waiting_inbox_and_outbox_rows_are_readable_with_the_new_key_alone(
    database_url: str, clock: Callable[[], datetime]
) -> None:
    """The inbox and outbox hold their payloads under the master key: rotation re-encrypts
    the rows still waiting, so dropping the old key strands no update or reply."""
    old, new = new_key(), new_key()
    store = Store(database_url, Cipher([old]), DEFAULTS)
    await store.open()
    async with store.unit_of_work() as uow:
        await uow.inbox.add(77, 5, {"message": {"text": "Mila is crawling"}}, clock())
        uow.outbox.add(5, [{"text": "Noted for Mila"}], clock())
        await uow.commit()
    await store.close()

    rotating = Store(database_url, Cipher([new, old]), DEFAULTS)
    done = await rotate_all(rotating)
    await rotating.close()
    assert done.queued == 2

    store = Store(database_url, Cipher([new]), DEFAULTS)
    try:
        async with store.unit_of_work() as uow:
            [update] = await uow.inbox.pending()
            assert (update.id, update.payload) == (77, {"message": {"text": "Mila is crawling"}})
            due, _ = await uow.outbox.heads(clock(), 10)
            [reply] = await uow.outbox.claim(due, clock(), clock())
            assert reply.payload == {"text": "Noted for Mila"}
    finally:
        await store.close()
