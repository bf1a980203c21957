"""A check-in's result on screen: one message, its parts a button away, shown in place.

The result leads (the levels, who to contact, the next step); "Each answer" and "Ideas to try
at home" replace it in the same message, and "Back to the result" brings it back, so a parent
reads one phone screen at a time instead of a wall of messages. The views are made when the
check-in ends and kept in the state as they were said; "More ideas" goes on in
``/activities`` without the ideas the result showed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar, Literal

from bot.domain.replies import Button, Edit, Text, column, say, text_from_json, text_to_json
from bot.flows import activities, concern
from bot.flows.base import ButtonIn, Event, Flow, FlowContext, FlowState, Step, Steps, TextIn
from bot.flows.checkin.result import IDEAS, View

NAME = "result"
#: Payload prefix of a view's button: ``res:<key>``.
VIEW = "res:"


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultState(FlowState):
    """A check-in's result is on screen."""

    flow: ClassVar[str] = NAME
    step: Literal["shown"]
    child_id: int
    #: The views as (key, button label, the message as JSON), the result first.
    views: tuple[tuple[str, str, str], ...]
    #: The ideas the result showed: "More ideas" goes on without them.
    shown: tuple[str, ...] = ()


def on_screen(child_id: int, views: tuple[View, ...], shown: tuple[str, ...]) -> Step:
    """The result's first view, with buttons for the others; the result alone when it has
    nothing more to show."""
    if len(views) == 1:
        return Step(None, (views[0].text,))
    kept = tuple((v.key, v.label, json.dumps(text_to_json(v.text))) for v in views)
    state = ResultState(step="shown", child_id=child_id, views=kept, shown=shown)
    return Step(state, (view(state, views[0].key),))


def view(state: ResultState, key: str) -> Text:
    """One view's text, with a button for each other view (and "More ideas" under ideas)."""
    text = next(text_from_json(json.loads(t)) for k, _, t in state.views if k == key)
    buttons = [Button(label, f"{VIEW}{k}") for k, label, _ in state.views if k != key]
    if key == IDEAS:
        buttons.insert(0, activities.more_button(len(state.shown)))
    rows = [list(row) for row in text.buttons]
    return say(*text.spans, buttons=[*column(*buttons), *rows])


def handle(state: ResultState, event: Event, ctx: FlowContext) -> Step:
    if isinstance(event, TextIn):  # a worry typed here is answered like anywhere else
        return concern.FLOW.start(ctx, event.text)
    if isinstance(event, ButtonIn) and event.payload.startswith(activities.MORE):
        ideas = activities.continued(state.child_id, state.shown)
        return activities.FLOW.handle(ideas, event, ctx)
    if isinstance(event, ButtonIn) and event.payload.startswith(VIEW):
        key = event.payload.removeprefix(VIEW)
        if any(k == key for k, _, _ in state.views):
            return Step(state, (Edit(view(state, key)),))
    return Step(state, (say("Please press one of the buttons, or type /cancel."),))


FLOW = Flow(
    name=NAME,
    start=lambda _ctx, _args: Step(None, (say("/checkin starts a check-in."),)),
    steps=Steps.of(ResultState, handle),
    continue_label="Back to the result",
)
