"""Files a step asks for (the summary PDF, the chart picture) are made after the dialog
transaction commits, in a
worker thread: while one is drawn, the conversation is saved, the family's row and SQLite's
writer lock are free for others, and the event loop serves other chats.

The checks look at the database from a second connection that refuses to wait for a lock
(``NOWAIT``, a zero busy timeout), so a file made inside the transaction fails at once rather
than after some time.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import asyncpg
import pytest
from sqlalchemy import delete, select
from sqlalchemy.engine import URL

from bot.domain.replies import Document, FileRequest, Photo, Reply, Text, reply_from_json, say
from bot.engine import files
from bot.engine.dialog import DialogEngine, made, parse_text
from bot.flows.base import ButtonIn
from bot.summary import chart, pdf
from bot.summary.build import Report
from storage.models import OutboxMessage
from storage.repositories import FamilyDefaults, Stored
from storage.uow import Store
from tests.support.context import KB

CHAT = 10
DEFAULTS = FamilyDefaults("Europe/Berlin", 10)
FAMILY_FLOW = (
    "SELECT d.flow FROM families f JOIN dialog_states d ON d.family_id = f.id "
    "WHERE f.chat_id = {param}"
)


def saved_flow_taking_the_lock(url: URL, chat_id: int) -> str | None:
    """Lock the family from a second connection without waiting (an error if the dialog
    transaction still holds it) and read the flow its committed state is in."""
    if url.get_backend_name() == "sqlite":
        assert url.database is not None
        with closing(sqlite3.connect(url.database, timeout=0, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")  # SQLite's one writer lock, as each dialog step
            row = conn.execute(FAMILY_FLOW.format(param="?"), (chat_id,)).fetchone()
            conn.execute("ROLLBACK")
        return row[0]
    return asyncio.run(_postgres_flow(url, chat_id))


async def _postgres_flow(url: URL, chat_id: int) -> str | None:
    conn = await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password,
        database=url.database,
    )  # fmt: skip
    try:
        async with conn.transaction():
            query = FAMILY_FLOW.format(param="$1") + " FOR UPDATE OF f NOWAIT"
            return await conn.fetchval(query, chat_id)
    finally:
        await conn.close()


@dataclass
class Seen:
    """What the PDF renderer saw when it started."""

    threads: list[int] = field(default_factory=list)
    writer_queue_held: list[bool] = field(default_factory=list)
    saved_flows: list[str | None] = field(default_factory=list)


async def test_the_summary_pdf_and_chart_are_made_after_the_commit_and_off_the_event_loop(
    store: Store, clock: Callable[[], datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = DialogEngine(store, KB, clock)
    for line in ("/start", "Mila", "2025-09-01", "no", "/summary"):
        await engine.handle(CHAT, parse_text(line))
    await engine.handle(CHAT, ButtonIn("sm:p:all"))
    url = store.engine.url
    seen = Seen()

    def watch(render: Callable[[Report], bytes]) -> Callable[[Report], bytes]:
        def watched(report: Report) -> bytes:
            seen.threads.append(threading.get_ident())
            seen.writer_queue_held.append(store.writer is not None and store.writer.locked())
            seen.saved_flows.append(saved_flow_taking_the_lock(url, CHAT))
            return render(report)

        return watched

    monkeypatch.setattr(pdf, "render_pdf", watch(pdf.render_pdf))
    monkeypatch.setattr(chart, "render_chart", watch(chart.render_chart))
    outcome = await engine.handle(CHAT, ButtonIn("sm:d:both"))

    assert len(seen.threads) == 2  # the chart and the PDF were drawn once each...
    assert threading.get_ident() not in seen.threads  # ...in worker threads, not the loop's
    assert seen.writer_queue_held == [False, False]  # this process's SQLite queue was free
    assert seen.saved_flows == [None, None]  # committed: the summary flow had ended
    *texts, picture, document = outcome.replies
    assert texts
    assert all(isinstance(t, Text) for t in texts)
    assert isinstance(picture, Photo)
    assert picture.data.startswith(b"\x89PNG")
    assert isinstance(document, Document)
    assert document.filename == f"sprout-summary-Mila-{clock().date().isoformat()}.pdf"
    assert document.data.startswith(b"%PDF")


async def queued(store: Store) -> list[Reply]:
    """The outbox's rows, oldest first, as the sender would send them."""
    async with store.unit_of_work() as uow:
        rows = await uow.session.execute(
            select(OutboxMessage.payload_enc).order_by(OutboxMessage.id)
        )
        return [reply_from_json(json.loads(store.cipher.decrypt(p))) for p in rows.scalars()]


async def test_with_the_outbox_the_pdf_is_queued_after_the_commit_behind_the_texts(
    store: Store, clock: Callable[[], datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram's path: the step's transaction queues the texts and, in the files' places, their
    recipes; each file, made after the commit and off the event loop, then takes its recipe's
    place, so the parent gets the PDF last and a crash while it is drawn loses nothing."""
    engine = DialogEngine(store, KB, clock)
    for line in ("/start", "Mila", "2025-09-01", "no", "/summary"):
        await engine.handle(CHAT, parse_text(line))
    await engine.handle(CHAT, ButtonIn("sm:p:all"))
    async with store.unit_of_work() as uow:
        await uow.session.execute(delete(OutboxMessage))  # only this step's replies below
        await uow.commit()
    url = store.engine.url
    seen = Seen()
    render = pdf.render_pdf
    waiting: list[list[str]] = []

    def watched(report: Report) -> bytes:
        seen.threads.append(threading.get_ident())
        seen.saved_flows.append(saved_flow_taking_the_lock(url, CHAT))
        waiting.append(asyncio.run(queued_elsewhere(store)))
        return render(report)

    monkeypatch.setattr(pdf, "render_pdf", watched)
    outcome = await engine.handle(CHAT, ButtonIn("sm:d:both"), outbox=True)

    [thread] = seen.threads
    assert thread != threading.get_ident()
    assert seen.saved_flows == [None]  # committed before the PDF was drawn
    *texts, picture, document = await queued(store)
    # Committed while the PDF was drawn: the texts, the chart (made first, in its place) and
    # the PDF's recipe, last.
    assert waiting == [["text"] * len(texts) + ["photo", "make"]]
    assert texts == outcome.replies[:-2]
    assert isinstance(picture, Photo)
    assert all(isinstance(t, Text) for t in texts)
    assert isinstance(document, Document)
    assert document == outcome.replies[-1]
    assert document.data.startswith(b"%PDF")


async def queued_elsewhere(store: Store) -> list[str]:
    """What the outbox holds, oldest first (``text``, ``photo``, ``make`` for a recipe...),
    read from a fresh store on the same database (the worker thread has its own event loop,
    so it cannot use the test's engine)."""
    other = Store(store.engine.url.render_as_string(hide_password=False), store.cipher, DEFAULTS)
    try:
        async with other.engine.connect() as conn:
            query = select(OutboxMessage.payload_enc).order_by(OutboxMessage.id)
            rows = await conn.execute(query)
            return [next(iter(json.loads(other.cipher.decrypt(p)))) for p in rows.scalars()]
    finally:
        await other.close()


@dataclass(frozen=True, slots=True)
class Chart(FileRequest):
    """A stand-in for a future chart image: any ``FileRequest`` takes the same path."""

    caption: str
    threads: list[int] = field(default_factory=list, compare=False)

    def make(self) -> Photo:
        self.threads.append(threading.get_ident())
        return Photo(b"\x89PNG", self.caption)

    def recipe(self) -> dict[str, Any]:
        return {"kind": "growth_chart", "caption": self.caption}


async def test_requested_files_are_made_in_a_worker_thread_in_their_place() -> None:
    chart = Chart("growth")
    before, after = say("Here is the chart:"), say("Anything else?")
    assert await made([before, chart, after]) == [before, Photo(b"\x89PNG", "growth"), after]
    [thread] = chart.threads
    assert thread != threading.get_ident()


async def _summary_step_whose_maker_dies(
    engine: DialogEngine, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/summary's last step over the outbox, the process dying right after its commit."""
    for line in ("/start", "Mila", "2025-09-01", "no", "/summary"):
        await engine.handle(CHAT, parse_text(line))
    await engine.handle(CHAT, ButtonIn("sm:p:all"))
    async with store.unit_of_work() as uow:
        await uow.session.execute(delete(OutboxMessage))  # only this step's replies below
        await uow.commit()

    async def dies(*_args: object) -> list[Reply]:
        return []

    monkeypatch.setattr(engine, "_made_in_place", dies)
    await engine.handle(CHAT, ButtonIn("sm:d:both"), outbox=True)


async def _recipes_taken_over(store: Store, at: datetime) -> list[Stored]:
    """The recipe rows, leased by a later look once their maker's hold has ended."""
    async with store.unit_of_work() as uow:
        ids = (await uow.session.execute(select(OutboxMessage.id))).scalars().all()
        rows = await uow.outbox.claim(ids, at, at + timedelta(seconds=30))
        await uow.commit()
    return [row for row in rows if files.recipe_in(row.payload) is not None]


async def test_a_file_whose_maker_died_is_made_again_from_its_recipe_in_its_place(
    store: Store, clock: Callable[[], datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = DialogEngine(store, KB, clock)
    await _summary_step_whose_maker_dies(engine, store, monkeypatch)
    later = clock() + files.HOLD + timedelta(seconds=1)
    chart_recipe, pdf_recipe = await _recipes_taken_over(store, later)
    assert set(pdf_recipe.payload["make"]) == {
        "kind", "child", "today", "months", "domains", "filename", "caption",
    }  # fmt: skip
    assert "Mila" not in json.dumps(chart_recipe.payload)  # the child by id, not by name
    for row in (chart_recipe, pdf_recipe):
        await engine.remake(row, later + timedelta(seconds=30))
    *texts, picture, document = await queued(store)
    assert texts
    assert all(isinstance(t, Text) for t in texts)
    assert isinstance(picture, Photo)
    assert picture.data.startswith(b"\x89PNG")
    assert isinstance(document, Document)
    assert document.filename == f"sprout-summary-Mila-{clock().date().isoformat()}.pdf"
    assert document.data.startswith(b"%PDF")


async def test_a_recipe_whose_child_was_removed_is_forgotten(
    store: Store, clock: Callable[[], datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = DialogEngine(store, KB, clock)
    await _summary_step_whose_maker_dies(engine, store, monkeypatch)
    async with store.unit_of_work() as uow:
        family = await uow.families.get(CHAT)
        assert family is not None
        [child] = await uow.children.of_family(family.id)
        await uow.children.remove(child)
        await uow.commit()
    later = clock() + files.HOLD + timedelta(seconds=1)
    for row in await _recipes_taken_over(store, later):
        await engine.remake(row, later + timedelta(seconds=30))
    assert all(isinstance(reply, Text) for reply in await queued(store))


async def test_a_file_that_cannot_be_made_leaves_no_recipe_holding_back_the_chat(
    store: Store, clock: Callable[[], datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent is told something went wrong (the error propagates to the adapter), and
    the replies after the file are not held back behind a recipe nobody will make."""
    engine = DialogEngine(store, KB, clock)
    for line in ("/start", "Mila", "2025-09-01", "no", "/summary"):
        await engine.handle(CHAT, parse_text(line))
    await engine.handle(CHAT, ButtonIn("sm:p:all"))

    def broken(_request: pdf.SummaryPdf) -> Document:
        raise RuntimeError("the PDF could not be drawn")

    monkeypatch.setattr(pdf.SummaryPdf, "make", broken)
    with pytest.raises(RuntimeError):
        await engine.handle(CHAT, ButtonIn("sm:d:both"), outbox=True)
    replies = await queued(store)
    assert isinstance(replies[-1], Photo)  # the chart, made before the PDF failed
    assert not any(isinstance(reply, Document) for reply in replies)
