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
from typing import Any, Literal

from bot.age import Age, AgeClock, age_on
from bot.flows.effects import Effect
from bot.replies import Reply
from knowledge.loader import KnowledgeBase

Answer = Literal["yes", "not_yet", "not_sure"]


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
class ObservationView:
    """One answer a parent gave about one milestone."""

    milestone_id: str
    answer: Answer
    observed_on: date
    age_months: int
    #: The check-in it was given in (its checklist age), so summaries can show each one.
    checklist_age: int | None = None


@dataclass(frozen=True, slots=True)
class ConcernView:
    """A worry the parent wrote, in their own words, and what it matched."""

    text: str
    matched_id: str | None
    triage: str
    created_on: date


@dataclass(frozen=True, slots=True)
class ChildView:
    """A child as flows see it (nickname already decrypted)."""

    id: int
    nickname: str
    birth_date: date
    birth_date_estimated: bool = False
    gestational_weeks: int | None = None
    observations: tuple[ObservationView, ...] = ()
    concerns: tuple[ConcernView, ...] = ()

    def age(self, today: date) -> Age:
        """The child's age on ``today``, corrected for prematurity where that applies."""
        return age_on(self.birth_date, self.gestational_weeks, today)

    def clock(self, today: date) -> AgeClock:
        """The child's exact age on ``today``, for thresholds compared to the day."""
        return AgeClock(self.birth_date, self.gestational_weeks, today)


@dataclass(frozen=True, slots=True)
class ReminderView:
    """A check-in reminder still open: ``pending`` (not sent yet) or ``sent`` (not answered).

    ``next_at`` is when it (or its follow-up) goes out next; None when nothing more will.
    """

    id: int
    child_id: int
    checklist_age: int
    status: str
    next_at: datetime | None
    #: ``checkin`` or a follow-up kind (``bot.flows.effects.FOLLOW_UP_KINDS``).
    kind: str = "checkin"
    #: The milestones a follow-up asks again.
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FamilyView:
    """The family (one private Telegram chat) and its children."""

    chat_id: int
    children: tuple[ChildView, ...] = ()
    active_child_id: int | None = None
    timezone: str = "UTC"
    reminder_hour: int = 10
    #: Worries typed before any child was added: kept, exported and erased with the family.
    family_concerns: tuple[ConcernView, ...] = ()
    #: Check-in reminders: pause, stop and the open reminders (``/reminders``, snooze buttons).
    paused_until: datetime | None = None
    reminders_stopped: bool = False
    reminders: tuple[ReminderView, ...] = ()

    @property
    def active_child(self) -> ChildView | None:
        for child in self.children:
            if child.id == self.active_child_id:
                return child
        return self.children[0] if self.children else None

    def child(self, child_id: int) -> ChildView | None:
        return next((c for c in self.children if c.id == child_id), None)


@dataclass(frozen=True, slots=True)
class FlowContext:
    """Everything a step may read: time, the family snapshot, the knowledge base."""

    now: datetime
    today: date
    family: FamilyView
    knowledge: KnowledgeBase


@dataclass(frozen=True, slots=True)
class Step:
    """A flow's answer: the next state (None: the flow is over), replies and effects."""

    state: FlowState | None
    replies: tuple[Reply, ...] = ()
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
