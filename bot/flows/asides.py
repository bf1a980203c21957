"""Worries typed in the middle of a flow: triaged like any other free text. Pure.

A parent answering a check-in may type "he could roll over last month but now he can't
anymore" instead of pressing a button. The engine (``bot.engine.dialog``) hands every typed message
inside a flow to this module twice, so no flow repeats the logic:

1. ``pause_for_danger``, before the flow sees the text: a danger sign (emergency, urgent or
   the safety net, see ``bot.flows.safety``) is answered at once, kept, and pauses the flow
   behind a "Continue the check-in" button. Before the flow, because a step that takes any text (a
   nickname) must not swallow an emergency.
2. ``keep_worry``, when the step says the text was ``not_an_answer``: an ordinary worry is
   acknowledged, kept in the flow's state and answered when the flow ends (``follow_up``);
   anything else (small talk, gibberish) gets the step's own "please answer" reply.

Every worry is recorded (``SaveConcern``) the moment it is typed, so /summary has it even if
the flow is never finished. The worries of a flow live in its state (``FlowState.asides``,
``(text, level)`` pairs; a pause keeps them for the flow it holds), so a paused flow, a
restart or a second process keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar, Literal

from bot.domain.replies import (
    Button,
    Reply,
    StepReply,
    Text,
    column,
    say,
)
from bot.domain.views import FamilyView
from bot.flows import concern
from bot.flows.base import (
    Aside,
    ButtonIn,
    Event,
    Flow,
    FlowContext,
    FlowState,
    Step,
    Steps,
    TextIn,
)
from bot.flows.effects import DeleteFamily
from bot.flows.safety import is_danger, safety_replies
from knowledge.triage import assess

NAME = "paused"
CONTINUE = "pause:continue"
#: Longest quote of the parent's words in a later message; the whole text is recorded.
QUOTE = 200
#: Shorter typed text at a question is taken as an attempt to answer it, never as a worry.
MIN_WORRY_WORDS = 3

NOTED = "Thank you, I have noted that worry and will come back to it when we finish here. For now:"
WAITING = "Everything so far is saved. When you are ready, the button takes you back."


def quote(text: str) -> str:
    """The parent's words in quotes, shortened for a message that is about something else."""
    short = text if len(text) <= QUOTE else text[: QUOTE - 1].rstrip() + "…"
    return f"“{short}”"


@dataclass(frozen=True, slots=True, kw_only=True)
class Paused(FlowState):
    """A flow paused by a danger sign typed in it, until the parent presses "Continue".

    Its ``asides`` are the held flow's worries, given back to it on "Continue".
    """

    flow: ClassVar[str] = NAME
    step: Literal["wait"] = "wait"
    #: The interrupted flow, as it stood.
    held: FlowState
    #: The question that was on screen, shown again on "Continue".
    question: tuple[Text, ...]
    #: The button's words ("Continue the check-in").
    label: str

    def child_months(self, family: FamilyView, today: date) -> int | None:
        """The held flow's child: a second danger sign typed while paused is about it too."""
        return self.held.child_months(family, today)


def noted(state: FlowState | None) -> list[Aside]:
    """The worries typed during this flow, as ``(text, triage level)``, oldest first."""
    return [] if state is None else list(state.asides)


def _waiting(label: str) -> Text:
    return say(WAITING, buttons=column(Button(label, CONTINUE)))


def pause_for_danger(
    state: FlowState, text: str, question: Sequence[StepReply], label: str, ctx: FlowContext
) -> Step | None:
    """A danger sign typed in a flow: answered at once, recorded, and the flow paused.

    ``question`` is what is on screen (shown again on "Continue") and ``label`` the button's
    words. Returns None when ``text`` is no danger sign, for the flow to read.
    """
    if state.takes_worry or state.is_own_answer(text):
        return None
    months = state.child_months(ctx.family, ctx.today)
    danger = assess(text, months)
    alarm = safety_replies(danger)
    if not alarm:
        return None
    result = concern.matcher_for(ctx.knowledge).match(text, age_months=months, danger=danger)
    worries = (*state.asides, (text, result.triage))
    paused = (
        replace(state, asides=worries)  # a second danger sign while paused: keep the question
        if isinstance(state, Paused)
        else Paused(
            held=replace(state, asides=()),
            question=tuple(r for r in question if isinstance(r, Text)),
            label=label,
            asides=worries,
        )
    )
    replies = (*alarm, _waiting(paused.label))
    return Step(paused, replies, concern.record(ctx, text, result))


def keep_worry(step: Step, text: str, question: Sequence[Reply], ctx: FlowContext) -> Step:
    """Text a flow step did not take: an ordinary worry is kept for the end of the flow."""
    if step.state is None:
        return step
    if len(text.split()) < MIN_WORRY_WORDS:
        return step  # "Both", "the second one": an attempt at the question, not a worry
    result = concern.matcher_for(ctx.knowledge).match(text)
    if result.triage != "concern":
        return step
    kept = replace(step.state, asides=(*step.state.asides, (text, result.triage)))
    again = tuple(question) or step.replies
    return Step(kept, (say(NOTED), *again), (*step.effects, *concern.record(ctx, text, result)))


def follow_up(before: FlowState | None, step: Step, ctx: FlowContext) -> Step:
    """Carry kept worries into the flow that follows, or answer them when the flow ends."""
    worries = noted(before)
    if not worries or any(isinstance(e, DeleteFamily) for e in step.effects):
        return step
    if step.state is not None:
        if step.state.asides:  # the same flow, with them
            return step
        return Step(replace(step.state, asides=tuple(worries)), step.replies, step.effects)
    answers: list[Reply] = []
    for text, level in worries:
        if is_danger(level):  # answered at once when typed
            continue
        result = concern.matcher_for(ctx.knowledge).match(text)
        topic = concern.topic_answer(ctx, result)
        if topic is not None:
            answers += [say("You also mentioned ", quote(text), ". Here is what I know:"), topic]
    return Step(None, (*step.replies, *answers), step.effects)


def _handle(state: Paused, event: Event, _ctx: FlowContext) -> Step:
    """A paused flow: "Continue" shows its question again; anything else waits."""
    typed = event.text.strip().lower() if isinstance(event, TextIn) else ""
    pressed = isinstance(event, ButtonIn) and event.payload == CONTINUE
    if pressed or typed in {"continue", state.label.lower()}:
        return Step(replace(state.held, asides=state.asides), state.question)
    return Step(state, (_waiting(state.label),), not_an_answer=True)


def _never_started(_ctx: FlowContext, _args: str) -> Step:
    """A pause begins only from ``pause_for_danger``, never from a command."""
    return Step(None)


FLOW = Flow(name=NAME, start=_never_started, steps=Steps.of(Paused, _handle), reads_history=False)
