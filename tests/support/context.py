"""What tests of flows share: the shipped knowledge base (loaded once), the fixed clock, and
the snapshot a flow step reads (``ctx``), so each test file says only what is special to it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from bot.domain.views import ChildView, FamilyView
from bot.flows.base import FlowContext
from knowledge.loader import KnowledgeBase, default_knowledge

#: The shipped knowledge base.
KB = default_knowledge()
#: For flows that read no content (onboarding, /child, /reminders) and for engine tests.
EMPTY_KB = KnowledgeBase(entries=(), sources={})
#: The fixed clock: Saturday 21 November 2026, 12:00 UTC (13:00 in Berlin).
NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
TODAY = NOW.date()


def context(family: FamilyView, kb: KnowledgeBase = KB) -> FlowContext:
    """What a step reads for ``family``, at ``NOW``."""
    return FlowContext(NOW, TODAY, family, kb)


def ctx(
    *children: ChildView,
    active: int | Literal["first"] | None = "first",
    kb: KnowledgeBase = KB,
    **family: Any,
) -> FlowContext:
    """A family (chat 5) with ``children``, the first of them active unless ``active`` says;
    other ``FamilyView`` fields (``timezone``, ``reminders``...) as keywords."""
    active_id = (children[0].id if children else None) if active == "first" else active
    view = FamilyView(chat_id=5, children=children, active_child_id=active_id, **family)
    return context(view, kb)
