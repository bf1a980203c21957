"""The outbox's bookkeeping in batches (issue 16, "Durable and fast"): one statement leases a
batch, one settles it (and one paces the chats that have rows left), and the sender's looks
commit without waiting for the disk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import event, text

from storage.crypto import Cipher
from storage.repositories import FamilyDefaults
from storage.uow import Store

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


async def _queue(store: Store, rows: dict[int, list[str]]) -> None:
    async with store.unit_of_work() as uow:
        for chat, texts in rows.items():
            uow.outbox.add(chat, [{"text": t} for t in texts], NOW)
        await uow.commit()


async def test_a_batch_is_leased_once_and_comes_back_in_order(store: Store) -> None:
    await _queue(store, {1: ["a1", "a2"], 2: ["b1"]})
    async with store.unit_of_work() as uow:
        due, later = await uow.outbox.heads(NOW, 10)
        first = await uow.outbox.claim(due, NOW, NOW + timedelta(seconds=30))
        again = await uow.outbox.claim(due, NOW, NOW + timedelta(seconds=30))
        await uow.commit()
    assert [(r.chat_id, r.payload["text"]) for r in first] == [(1, "a1"), (2, "b1")]
    assert [r.id for r in first] == sorted(r.id for r in first)
    assert (again, later) == ([], None)


async def test_settling_forgets_the_rows_and_paces_only_the_sent_rows_chats(store: Store) -> None:
    await _queue(store, {1: ["a1", "a2"], 2: ["b1", "b2"], 3: ["c1"]})
    async with store.unit_of_work() as uow:
        due, _ = await uow.outbox.heads(NOW, 10)
        a1, b1, c1 = await uow.outbox.claim(due, NOW, NOW + timedelta(seconds=30))
        paced = NOW + timedelta(seconds=1)
        due, later = await uow.outbox.heads(
            NOW, 10, paced={1, 3}, next_at=paced, settling=[a1.id, c1.id, b1.id]
        )
        [b2] = await uow.outbox.claim(due, NOW, NOW + timedelta(seconds=30))
        await uow.commit()
    # Chat 1's next row waits for the pacing; chat 2's row was dropped, not sent: no wait.
    assert (b2.chat_id, b2.payload["text"], later) == (2, "b2", paced)
    async with store.unit_of_work() as uow:
        due, _ = await uow.outbox.heads(paced, 10)
        [a2] = await uow.outbox.claim(due, paced, paced + timedelta(seconds=30))
    assert a2.payload["text"] == "a2"


async def test_pacing_holds_a_chats_rows_even_past_the_heads_a_look_reads(store: Store) -> None:
    """A look writes the pacing only for the chats it sees rows of (most chats it just sent
    to have none left); when the heads were cut at the limit it cannot know, so all."""
    await _queue(store, {1: ["a1"], 2: ["b1", "b2"]})
    paced = NOW + timedelta(seconds=1)
    async with store.unit_of_work() as uow:
        due, later = await uow.outbox.heads(NOW, 1, paced={2}, next_at=paced)
        await uow.commit()
    assert len(due) == 1
    async with store.unit_of_work() as uow:
        due, later = await uow.outbox.heads(NOW, 10)
        [a1] = await uow.outbox.claim(due, NOW, NOW + timedelta(seconds=30))
    assert (a1.payload["text"], later) == ("a1", paced)


async def test_an_unflushed_unit_of_work_skips_only_the_disk_wait(
    sqlite_url: str, cipher: Cipher
) -> None:
    """On SQLite its commit is the same database's, seen at once by every other transaction;
    only the wait for the disk is left out (synchronous NORMAL), and the ordinary unit of work
    keeps it (FULL)."""
    store = Store(sqlite_url, cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    async with store.unit_of_work(flush=False) as uow:
        relaxed = (await uow.session.execute(text("PRAGMA synchronous"))).scalar_one()
        uow.outbox.add(9, [{"text": "later"}], NOW)
        await uow.commit()
    async with store.unit_of_work() as uow:
        strict = (await uow.session.execute(text("PRAGMA synchronous"))).scalar_one()
        due, _ = await uow.outbox.heads(NOW, 10)
    await store.close()
    assert len(due) == 1
    assert (relaxed, strict) == (1, 2)


async def test_a_step_leases_its_first_reply_only_when_its_chat_has_none_waiting(
    store: Store,
) -> None:
    """The direct path (issue 16, latency): a chat with nothing queued gets its first new
    row leased in the queuing transaction, to be sent at once; a chat with rows waiting
    queues behind them, for the sender's looks, so its replies keep their order."""
    until = NOW + timedelta(seconds=30)
    async with store.unit_of_work() as uow:
        leased = await uow.outbox.add_leased(1, [{"text": "a1"}, {"text": "a2"}], NOW, until)
        await uow.commit()
    assert leased is not None
    assert (leased.chat_id, leased.payload) == (1, {"text": "a1"})
    async with store.unit_of_work() as uow:
        behind = await uow.outbox.add_leased(1, [{"text": "a3"}], NOW, until)
        due, _ = await uow.outbox.heads(NOW, 10)
        await uow.commit()
    # Chat 1's head is leased (in flight): nothing of it is due, nothing new was leased.
    assert (behind, due) == (None, [])
    async with store.unit_of_work() as uow:
        due, _ = await uow.outbox.heads(NOW, 10, settling=[leased.id])
        [a2] = await uow.outbox.claim(due, NOW, until)
        await uow.commit()
    assert a2.payload["text"] == "a2"


async def test_a_row_sent_and_erased_before_its_settle_takes_no_later_row_with_it(
    store: Store,
) -> None:
    """Erasure deletes a chat's rows, one of them sent and not settled yet; rows queued after
    it must not get its id, or the settle deletes them unsent. On SQLite an id was reused
    (the highest rowid + 1): an erased family's notice to another member vanished this way
    (``test_an_admin_erasing_a_shared_family_tells_the_others[sqlite]``, flaky)."""
    await _queue(store, {1: ["question"]})
    async with store.unit_of_work() as uow:
        due, _ = await uow.outbox.heads(NOW, 10)
        [sent] = await uow.outbox.claim(due, NOW, NOW + timedelta(seconds=30))
        await uow.commit()
    async with store.unit_of_work() as uow:  # erasure: the chat's rows go, a notice comes
        await uow.outbox.drop(sent.id)
        uow.outbox.add(2, [{"text": "notice"}], NOW)
        await uow.commit()
    async with store.unit_of_work() as uow:
        due, _ = await uow.outbox.heads(NOW, 10, settling=[sent.id])
        left = await uow.outbox.claim(due, NOW, NOW + timedelta(seconds=30))
        await uow.commit()
    assert [(row.chat_id, row.payload["text"]) for row in left] == [(2, "notice")]


async def test_a_look_settles_and_reads_the_heads_in_one_statement_on_postgres(
    store: Store,
) -> None:
    """Each statement is a round trip to PostgreSQL; the look's settle and heads share one
    there (a statement whose parts share one snapshot, so the heads must leave out the rows
    it deletes: chat 1's next row is its head, not the settled one). SQLite: two."""
    await _queue(store, {1: ["a1", "a2"], 2: ["b1"]})
    async with store.unit_of_work() as uow:
        due, _ = await uow.outbox.heads(NOW, 10)
        a1, b1 = await uow.outbox.claim(due, NOW, NOW + timedelta(seconds=30))
        await uow.commit()
    statements: list[str] = []
    event.listen(
        store.engine.sync_engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_: statements.append(statement.split()[0]),
    )
    async with store.unit_of_work() as uow:
        statements.clear()
        due, later = await uow.outbox.heads(NOW, 10, settling=[a1.id, b1.id])
        counted = [s for s in statements if s not in ("BEGIN", "BEGIN IMMEDIATE")]
        [a2] = await uow.outbox.claim(due, NOW, NOW + timedelta(seconds=30))
        await uow.commit()
    postgres = store.engine.dialect.name == "postgresql"
    assert counted == (["WITH"] if postgres else ["DELETE", "SELECT"])
    assert (a2.chat_id, a2.payload["text"], later) == (1, "a2", None)
