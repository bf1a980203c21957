"""The contract every flow follows: ``(state, event, context) -> Step``.

A flow never touches the database, Telegram or the clock. It reads the family as an immutable
snapshot (``FlowContext``), and asks for changes by returning ``effects`` that the dialog engine
applies in the same transaction as the new state. That keeps every step a pure function, so
the conversations are unit-tested without a database and behave the same in every adapter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar, TypeVar, get_args, get_type_hints

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


#: A worry typed during a flow (``bot.flows.asides``): the parent's words, its triage level.
Aside = tuple[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowState:
    """Where a conversation stands. Each flow that waits for the parent subclasses it: the
    class variable ``flow`` names the flow, ``step`` is a ``Literal`` of the flow's steps, and
    the fields are what the flow keeps between them.

    The state is stored (sealed JSON in ``dialog_states``), so fields hold JSON-like values:
    strings, numbers, booleans, None, dates, and tuples or dicts of them. The engine reads a
    stored state back only as the type its flow declares (``bot.engine.states``).
    """

    flow: ClassVar[str]
    step: str
    #: Worries typed during the flow and kept for its end, oldest first.
    asides: tuple[Aside, ...] = ()

    @property
    def takes_worry(self) -> bool:
        """Whether this step takes a worry in the parent's own words as its answer (what a
        child stopped doing): it answers danger signs itself, so the engine does not pause
        the flow for one (``bot.flows.asides``)."""
        return False

    def is_own_answer(self, text: str) -> bool:
        """Whether ``text`` can only be this step's answer, which the engine must not read as
        a worry: a bare number of weeks typed where the weeks of pregnancy are asked ("38" is
        weeks there, not a temperature of 38 in a baby; ``bot.flows.asides``)."""
        return False

    @property
    def takes_correction(self) -> bool:
        """Whether text typed at this step is data the parent may correct by editing the
        message (a nickname, a birth date): the engine then takes the edit again from here,
        as long as nothing was done with it yet (no effects)."""
        return False

    def child_months(self, family: FamilyView, today: date) -> int | None:
        """The age in months of the child this step is about, for the danger signs that
        depend on it (``bot.flows.asides``): the active child's, unless the flow says
        otherwise; None when unknown."""
        return family.active_child_months(today)


@dataclass(frozen=True, slots=True)
class InviteView:
    """An invite a join command or the join flow refers to, as the engine found it (under the
    inviting family's lock): whether it can be used, and what the question names."""

    #: "ok", "unknown" (no such code), "used", "expired", "revoked", "slowed" (too many
    #: failures from this chat: not looked up), "own" (the chat is in that family already).
    status: str
    id: int | None = None
    #: The children's nicknames and the inviting member's name, for "Join ...?".
    children: tuple[str, ...] = ()
    invited_by: str = ""
    #: Minutes to wait when ``slowed``.
    wait_minutes: int = 0


@dataclass(frozen=True, slots=True)
class FlowContext:
    """Everything a step may read: time, the family snapshot, the knowledge base; for the
    family flows, the invite being joined, a fresh invite code (128 random bits, from the
    engine) and the bot's username for links."""

    now: datetime
    today: date
    family: FamilyView
    knowledge: KnowledgeBase
    invite: InviteView | None = None
    code: str = ""
    bot_username: str | None = None


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


S = TypeVar("S", bound=FlowState)


@dataclass(frozen=True, slots=True)
class Steps:
    """Where a flow waits for the parent: its state type, the steps that type declares (its
    ``step`` ``Literal``), and the function taking one step from such a state."""

    state: type[FlowState]
    names: frozenset[str]
    take: Callable[[FlowState, Event, FlowContext], Step]

    @classmethod
    def of(cls, state: type[S], handle: Callable[[S, Event, FlowContext], Step]) -> Steps:
        """The steps of ``state``, taken by ``handle``, which is only given such states."""

        def take(current: FlowState, event: Event, ctx: FlowContext) -> Step:
            if not isinstance(current, state):
                raise TypeError(f"{type(current).__name__} is not a {state.__name__}")
            return handle(current, event, ctx)

        names = frozenset(get_args(get_type_hints(state)["step"]))
        return cls(state, names, take)


@dataclass(frozen=True, slots=True)
class Flow:
    """A conversation: how it starts (from a command, a button or free text) and, if it waits
    for the parent, its steps."""

    name: str
    start: Callable[[FlowContext, str], Step]
    #: None: the flow answers at once and never waits.
    steps: Steps | None = None
    #: Whether steps read answers, concerns or reminders. Flows that do not (onboarding,
    #: /child, free-text concerns) get a snapshot without them, which saves the engine
    #: several queries and decryptions on the most frequent messages.
    reads_history: bool = True
    #: The button that takes the parent back after a danger sign paused this flow, in
    #: parent words ("Continue the check-in").
    continue_label: str = "Continue"

    def handle(self, state: FlowState, event: Event, ctx: FlowContext) -> Step:
        """One step from ``state``, a state of this flow."""
        if self.steps is None:
            raise TypeError(f"the {self.name} flow never waits")
        return self.steps.take(state, event, ctx)
