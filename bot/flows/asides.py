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
the flow is never finished. The worries of a flow live in its state under ``KEY`` as
``[text, level]`` pairs, so a paused flow, a restart or a second process keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.replies import (
    Button,
    Reply,
    StepReply,
    Text,
    column,
    say,
    text_from_json,
    text_to_json,
)
from bot.flows import concern
from bot.flows.base import ButtonIn, Event, Flow, FlowContext, FlowState, Step, TextIn
from bot.flows.effects import DeleteFamily
from bot.flows.safety import is_danger, safety_replies
from knowledge.triage import assess

NAME = "paused"
#: Where a flow's state keeps the worries typed during it.
KEY = "asides"
CONTINUE = "pause:continue"
#: Set in a flow's state while its step asks for a worry in the parent's own words (what a
#: child stopped doing): that step answers danger signs itself and takes the text as its
#: answer, so the engine does not pause for it.
TAKES_WORRY = "takes_worry"
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


def _inner(state: FlowState) -> FlowState:
    """The flow a pause holds (or ``state`` itself when it is not a pause)."""
    if state.flow != NAME:
        return state
    return FlowState(str(state.data["flow"]), str(state.data["step"]), dict(state.data["data"]))


def noted(state: FlowState | None) -> list[tuple[str, str]]:
    """The worries typed during this flow, as ``(text, triage level)``, oldest first."""
    if state is None:
        return []
    return [(str(text), str(level)) for text, level in _inner(state).data.get(KEY, [])]


def _with(state: FlowState, worries: list[tuple[str, str]]) -> FlowState:
    """``state`` (a pause: the flow it holds) with ``worries`` as its kept worries."""
    pairs = [[text, level] for text, level in worries]
    if state.flow != NAME:
        return state.at(state.step, **{KEY: pairs})
    inner = _inner(state)
    return state.at(state.step, data=inner.at(inner.step, **{KEY: pairs}).data)


def _waiting(label: str) -> Text:
    return say(WAITING, buttons=column(Button(label, CONTINUE)))


def pause_for_danger(
    state: FlowState, text: str, question: Sequence[StepReply], label: str, ctx: FlowContext
) -> Step | None:
    """A danger sign typed in a flow: answered at once, recorded, and the flow paused.

    ``question`` is what is on screen (shown again on "Continue") and ``label`` the button's
    words. Returns None when ``text`` is no danger sign, for the flow to read.
    """
    if _inner(state).data.get(TAKES_WORRY):
        return None
    months = concern.child_months(ctx)
    danger = assess(text, months)
    alarm = safety_replies(danger)
    if not alarm:
        return None
    result = concern.matcher_for(ctx.knowledge).match(text, age_months=months, danger=danger)
    worries = [*noted(state), (text, result.triage)]
    if state.flow == NAME:  # a second danger sign while paused: keep the first question
        paused = _with(state, worries)
    else:
        held = _with(state, worries)
        paused = FlowState(
            NAME,
            "wait",
            {
                "flow": held.flow,
                "step": held.step,
                "data": held.data,
                "question": [text_to_json(r) for r in question if isinstance(r, Text)],
                "label": label,
            },
        )
    replies = (*alarm, _waiting(str(paused.data["label"])))
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
    kept = _with(step.state, [*noted(step.state), (text, result.triage)])
    again = tuple(question) or step.replies
    return Step(kept, (say(NOTED), *again), (*step.effects, *concern.record(ctx, text, result)))


def follow_up(before: FlowState | None, step: Step, ctx: FlowContext) -> Step:
    """Carry kept worries into the flow that follows, or answer them when the flow ends."""
    worries = noted(before)
    if not worries or any(isinstance(e, DeleteFamily) for e in step.effects):
        return step
    if step.state is not None:
        if KEY in _inner(step.state).data:
            return step
        return Step(_with(step.state, worries), step.replies, step.effects)
    answers: list[Reply] = []
    for text, level in worries:
        if is_danger(level):  # answered at once when typed
            continue
        result = concern.matcher_for(ctx.knowledge).match(text)
        topic = concern.topic_answer(ctx, result)
        if topic is not None:
            answers += [say("You also mentioned ", quote(text), ". Here is what I know:"), topic]
    return Step(None, (*step.replies, *answers), step.effects)


def _handle(state: FlowState, event: Event, _ctx: FlowContext) -> Step:
    """A paused flow: "Continue" shows its question again; anything else waits."""
    label = str(state.data["label"])
    typed = event.text.strip().lower() if isinstance(event, TextIn) else ""
    pressed = isinstance(event, ButtonIn) and event.payload == CONTINUE
    if pressed or typed in {"continue", label.lower()}:
        question: list[dict[str, Any]] = state.data["question"]
        return Step(_inner(state), tuple(text_from_json(q) for q in question))
    return Step(state, (_waiting(label),), not_an_answer=True)


def _never_started(_ctx: FlowContext, _args: str) -> Step:
    """A pause begins only from ``pause_for_danger``, never from a command."""
    return Step(None)


FLOW = Flow(name=NAME, start=_never_started, handle=_handle, reads_history=False)
