"""The summary PDF from the command line (``parentbot summary``), for support staff and for
checking the layout. It reads the family through the same snapshot the dialog engine gives
flows, so the file is byte-for-byte what ``/summary`` would send on the same day.
"""

from __future__ import annotations

from bot.engine.dialog import DialogEngine
from bot.summary.build import ReportOptions, build_report, names_of
from bot.summary.pdf import render_pdf


class NotFound(Exception):
    """No such family or child; the message says which."""


async def summary_pdf(
    engine: DialogEngine, chat_id: int, nickname: str, options: ReportOptions
) -> bytes:
    """The PDF summary of the child called ``nickname`` (case-insensitive) in ``chat_id``."""
    async with engine.store.unit_of_work() as uow:
        family = await uow.families.get(chat_id)
        if family is None:
            raise NotFound(f"no family with chat id {chat_id}")
        ctx = await engine.context(uow, family, engine.clock())
    wanted = nickname.casefold()
    matches = [c for c in ctx.family.children if c.nickname.casefold() == wanted]
    if len(matches) != 1:
        why = "no child" if not matches else "more than one child"
        count = len(ctx.family.children)
        raise NotFound(f"{why} called {nickname!r} in chat {chat_id} ({count} children there)")
    worries = ctx.family.family_concerns
    names = names_of(ctx.family.members)
    return render_pdf(build_report(matches[0], ctx.knowledge, ctx.today, options, worries, names))
