"""Driving a pure flow in unit tests: feed it inputs, read what it said."""

from __future__ import annotations

from bot.domain.replies import Text
from bot.flows.base import ButtonIn, Flow, FlowContext, Step, TextIn
from bot.flows.checkin.shown import ResultState, view


def text(step: Step) -> str:
    """Every text reply of ``step``, one per line; for a check-in's result, every view of it
    (each answer, ideas), each a button away in the chat."""
    said = [reply.plain for reply in step.replies if isinstance(reply, Text)]
    if isinstance(step.state, ResultState):
        said += [view(step.state, key).plain for key, _, _ in step.state.views[1:]]
    return "\n".join(said)


def drive(flow: Flow, context: FlowContext, *inputs: str | ButtonIn) -> Step:
    """Start ``flow`` and feed it ``inputs`` (strings are typed text); the last step."""
    step = flow.start(context, "")
    for item in inputs:
        assert step.state is not None, text(step)
        event = item if isinstance(item, ButtonIn) else TextIn(item)
        step = flow.handle(step.state, event, context)
    return step
