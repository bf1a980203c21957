"""``/child``: list the family's children, switch the active one, add, rename, correct, remove.

Child ids arrive in button payloads, which are untrusted: every id is looked up in the family
snapshot, so a forged payload can never touch another family's child.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from bot.domain.age import describe_months
from bot.domain.dates import format_date
from bot.domain.replies import Button, Span, bold, column, fit_name, say
from bot.domain.views import ChildView
from bot.flows import onboarding
from bot.flows.base import ButtonIn, Event, Flow, FlowContext, FlowState, Step, Steps
from bot.flows.effects import RemoveChild, SetActiveChild
from bot.flows.parsing import parse_id

NAME = "children"


@dataclass(frozen=True, slots=True, kw_only=True)
class ChildrenState(FlowState):
    """The list of children is on screen, or the question whether to remove one (the child
    is named by the button, checked against the family like every payload)."""

    flow: ClassVar[str] = NAME
    step: Literal["menu", "confirm_remove"]


def _line(child: ChildView, ctx: FlowContext, active: bool) -> list[str | Span]:
    age = child.age(ctx.today)
    text = f" (born {format_date(child.birth_date)}, {describe_months(age.chronological_months)}"
    if age.corrected_months is not None:
        text += f"; corrected {describe_months(age.corrected_months)}"
    return ["\n• ", bold(child.nickname), text + ")" + (" ← active" if active else "")]


def _menu(ctx: FlowContext) -> Step:
    family = ctx.family
    if not family.children:
        return onboarding.start_adding("You have not added a child yet.")
    active = family.active_child
    assert active is not None
    parts: list[str | Span] = ["Your children:"]
    for child in family.children:
        parts += _line(child, ctx, child.id == active.id)
    buttons = [
        [Button(fit_name("Switch to {name}", child.nickname), f"ch:switch:{child.id}")]
        for child in family.children
        if child.id != active.id
    ]
    buttons += column(
        Button("Add a child", "ch:add"),
        Button(fit_name("Rename {name}", active.nickname), f"ch:rename:{active.id}"),
        Button(fit_name("Correct {name}'s birth date", active.nickname), f"ch:birth:{active.id}"),
        Button(fit_name("Remove {name}", active.nickname), f"ch:remove:{active.id}"),
    )
    return Step(ChildrenState(step="menu"), (say(*parts, buttons=buttons),))


def start(ctx: FlowContext, _args: str) -> Step:
    return _menu(ctx)


def _child_from(payload: str, prefix: str, ctx: FlowContext) -> ChildView | None:
    child_id = parse_id(payload.removeprefix(prefix))
    return ctx.family.child(child_id) if child_id is not None else None


def handle(state: ChildrenState, event: Event, ctx: FlowContext) -> Step:
    if not isinstance(event, ButtonIn):
        again = say("Please choose one of the buttons, or type /cancel.")
        return Step(state, (again,), not_an_answer=True)
    payload = event.payload
    if payload == "ch:add":
        return onboarding.start_adding()
    if payload == "ch:remove_no":
        return Step(None, (say("Okay, nothing was removed."),))
    for prefix in ("ch:switch:", "ch:rename:", "ch:birth:", "ch:remove:", "ch:remove_yes:"):
        if payload.startswith(prefix):
            child = _child_from(payload, prefix, ctx)
            if child is None:
                return Step(
                    None, (say("I could not find that child. Type /child to see the list."),)
                )
            return _act(prefix, child)
    return Step(state, (say("Please choose one of the buttons, or type /cancel."),))


def _act(prefix: str, child: ChildView) -> Step:
    if prefix == "ch:switch:":
        return Step(
            None,
            (say(bold(child.nickname), " is now the active child."),),
            (SetActiveChild(child.id),),
        )
    if prefix == "ch:rename:":
        return onboarding.start_rename(child.id, child.nickname)
    if prefix == "ch:birth:":
        return onboarding.start_birth_correction(child.id, child.nickname)
    if prefix == "ch:remove:":
        return Step(
            ChildrenState(step="confirm_remove"),
            (say(
                "Remove ", bold(child.nickname), " and every answer and note about them? ",
                "This cannot be undone.",
                buttons=column(
                    Button(
                        fit_name("Yes, remove {name}", child.nickname), f"ch:remove_yes:{child.id}"
                    ),
                    Button("No, keep", "ch:remove_no"),
                ),
            ),),
        )  # fmt: skip
    return Step(
        None,
        (say(bold(child.nickname), " and everything about them has been removed."),),
        (RemoveChild(child.id),),
    )


FLOW = Flow(
    name=NAME,
    start=start,
    steps=Steps.of(ChildrenState, handle),
    reads_history=False,
    continue_label="Back to your children",
)
