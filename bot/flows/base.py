"""The contract every flow follows: ``(state, event, context) -> Step``.

A flow never touches the database, Telegram or the clock. It reads the family as an immutable
snapshot (``FlowContext``), and asks for changes by returning ``effects`` that the dialog engine
applies in the same transaction as the new state. That keeps every step a pure function, so
the conversations are unit-tested without a database and behave the same in every adapter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.domain.replies import StepReply
from bot.domain.views import FamilyView
from bot.flows.effects import Effect
from knowledge.loader import KnowledgeBase


@dataclass(frozen=True, slots=True)
class TextIn:
    """Free text the parent typed."""

    text: str


@dataclass(frozen=True, slots=True)
class ButtonIn:
    """A button press; ``payload`` is untrusted and checked against what is on screen."""

    payload: str


@dataclass(frozen=True, slots=True)
class CommandIn:
    """A ``/command`` with its (untrusted) arguments."""

    name: str
    args: str = ""


Event = TextIn | ButtonIn | CommandIn


@dataclass(frozen=True, slots=True)
class FlowState:
    """Where a conversation stands. ``data`` must stay JSON-serialisable: it is stored."""

    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)

    def at(self, step: str, **changes: Any) -> FlowState:
        """The same flow at ``step``, with ``changes`` merged into its data."""
        return FlowState(self.flow, step, {**self.data, **changes})


@dataclass(frozen=True, slots=True)
class FlowContext:
    """Everything a step may read: time, the family snapshot, the knowledge base."""

    now: datetime
    today: date
    family: FamilyView
    knowledge: KnowledgeBase


@dataclass(frozen=True, slots=True)
class Step:
    """A flow's answer: the next state (None: the flow is over), replies and effects.

    A reply may be a ``FileRequest``: the engine makes that file after the transaction.
    """

    state: FlowState | None
    replies: tuple[StepReply, ...] = ()
    effects: tuple[Effect, ...] = ()
    #: The step did not take the input as an answer and asks again. For typed text the
    #: engine then reads it as a possible worry (``bot.flows.asides``), so no flow has to.
    not_an_answer: bool = False


@dataclass(frozen=True, slots=True)
class Flow:
    """A conversation: how it starts (from a command or a button) and how it takes a step."""

    name: str
    start: Callable[[FlowContext, str], Step]
    handle: Callable[[FlowState, Event, FlowContext], Step]
    #: Whether steps read answers, concerns or reminders. Flows that do not (onboarding,
    #: /child, free-text concerns) get a snapshot without them, which saves the engine
    #: several queries and decryptions on the most frequent messages.
    reads_history: bool = True
    #: The button that takes the parent back after a danger sign paused this flow, in
    #: parent words ("Continue the check-in").
    continue_label: str = "Continue"
