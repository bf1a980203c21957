"""Files a step asks for, kept durable from the step's commit until they are sent (issue 16).

A step that asks for a file (``FileRequest``: the summary PDF, the progress chart) queues, in
its own transaction, the file's recipe (``FileRequest.recipe``) as an outbox row in the file's
place among its replies, leased to the process for ``HOLD``. That process makes the file in a
worker thread and, in one short transaction, puts it in the recipe's place (``fill``). The
sender only ever sends a chat's first row and never a row another holds, so nothing queued
after the file is sent before it.

If the process dies in between, its lease ends (on SQLite at the next start, where
``OutboxSender.recover`` takes back a dead run's leases; on PostgreSQL after ``HOLD``) and an
outbox sender, in this process or another, takes the recipe like a reply at one of its looks,
sees what it is and has the engine make the file again from the recipe and the family's data
as committed (``DialogEngine.remake``). A recipe is never sent as a message. A file may be
made twice (a maker slower than its lease, or killed after making it), never sent twice from
one recipe: ``fill`` takes the place only of a row its caller still holds.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.domain.replies import Document, FileRequest, Photo, reply_to_json
from bot.domain.views import FamilyView
from bot.summary.requests import requested_again
from knowledge.loader import KnowledgeBase
from storage.uow import Store

log = logging.getLogger(__name__)

#: How long the process that committed a step holds its recipes while it makes the files;
#: drawing a PDF takes tenths of a second, a loaded machine a few seconds.
HOLD = timedelta(seconds=30)
#: The outbox payload key of a recipe (replies use ``text``, ``document``, ``photo``...).
RECIPE = "make"


def recipe_payload(request: FileRequest) -> dict[str, Any]:
    """The outbox payload that stands for ``request`` until its file is made."""
    return {RECIPE: request.recipe()}


def recipe_in(payload: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The recipe an outbox payload holds, or None when it is a reply to send."""
    recipe = payload.get(RECIPE)
    return recipe if isinstance(recipe, Mapping) else None


def again(recipe: Mapping[str, Any], family: FamilyView, kb: KnowledgeBase) -> FileRequest | None:
    """The request ``recipe`` stands for, from ``family`` as committed; None when there is
    nothing to make any more (the child was removed)."""
    request = requested_again(recipe, family, kb)
    if request is None:
        log.info("file not made again: its child is gone", extra={"kind": recipe.get("kind")})
    return request


async def fill(store: Store, row_id: int, file: Document | Photo | None, until: datetime) -> None:
    """Put the made ``file`` in the place of the recipe ``row_id`` held until ``until``, for
    the sender; with no file, forget the recipe. One transaction."""
    async with store.unit_of_work() as uow:
        if file is None:
            await uow.outbox.drop_held([row_id], until)
        elif not await uow.outbox.fill(row_id, reply_to_json(file), until):
            log.info("file made, its recipe no longer held (taken over or erased)")
        await uow.commit()


async def forget(store: Store, row_ids: Sequence[int], until: datetime) -> None:
    """Forget recipes whose files could not be made, so the chat's later replies do not
    wait behind them (the parent was told something went wrong)."""
    if row_ids:
        async with store.unit_of_work() as uow:
            await uow.outbox.drop_held(row_ids, until)
            await uow.commit()
