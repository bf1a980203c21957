"""Free text outside any flow: triage first, then the best matching guidance.

An emergency is answered before anything else and sends the parent to emergency services; a
loss of skills or sudden weakness is urgent. Otherwise the best match is shown for the active
child's age, with buttons for the next best matches and a next step. The parent's words and
what they matched are saved with the child (encrypted), so the summary for the doctor can quote
them. Small talk and other topics are answered honestly and not stored.
"""

from __future__ import annotations

from functools import cache

from bot.flows.base import Event, Flow, FlowContext, FlowState, Step
from bot.flows.effects import SaveConcern
from bot.flows.topics import ChildAge, closing, render_entry
from bot.replies import Button, Reply, bold, column, say
from knowledge.loader import KnowledgeBase
from knowledge.matcher import Matcher, MatchResult

NAME = "concern"
#: Other matches offered as buttons under the answer.
ALTERNATIVES = 3

EMERGENCY = (
    "This sounds like a medical emergency. Call your local emergency number now "
    "(for example 112 in Europe, 911 in the US and Canada, 999 in the UK), or go to the "
    "nearest emergency department. Do not wait for an answer here."
)
URGENT = (
    "A loss of skills your child had, or a sudden new weakness or limp, needs a doctor soon: "
    "please contact your child's doctor today, or urgent care if you cannot reach them. "
    "A loss of skills always deserves a prompt check."
)
OUT_OF_SCOPE = (
    "I'm not sure I can help with that. I know about movement: hands and fingers (grasping, "
    "crayons, scissors, buttons, spoons) and the big movements (head control, sitting, "
    "crawling, walking, balance, ball games). You could tell me what your child does or "
    "doesn't do yet, for example “she still isn't walking” or “he holds his crayon in a fist”."
)
MENU = column(
    Button("Start a check-in", "/checkin"),
    Button("Ideas to try at home", "/activities"),
)


@cache
def matcher_for(kb: KnowledgeBase) -> Matcher:
    """One matcher per knowledge base: building it precomputes every phrasing once."""
    return Matcher(kb)


def _child_age(ctx: FlowContext) -> ChildAge | None:
    child = ctx.family.active_child
    return None if child is None else ChildAge(child.nickname, child.clock(ctx.today))


def show_topic(ctx: FlowContext, entry_id: str, alternatives: list[Button]) -> Reply:
    """The answer for one entry, with buttons for alternatives and the next step."""
    child = _child_age(ctx)
    entry = ctx.knowledge.by_id[entry_id]
    parts = render_entry(entry, ctx.knowledge, child)
    return say(*parts, "\n\n", closing(entry, child), buttons=[*column(*alternatives), *MENU])


def _alternatives(result: MatchResult) -> list[Button]:
    """Next best matches. Conditions only when the parent named one: offering "cerebral
    palsy" under "she isn't walking yet" would read as a diagnosis."""
    named_condition = result.matches[0].kind == "condition"
    others = [m for m in result.matches[1:] if named_condition or m.kind != "condition"]
    return [Button(f"Or: {m.title}"[:60], f"/about {m.id}") for m in others[:ALTERNATIVES]]


def start(ctx: FlowContext, text: str) -> Step:
    """Answer a worry typed in the parent's own words."""
    result = matcher_for(ctx.knowledge).match(text)
    child = ctx.family.active_child
    top = result.matches[0].id if result.matches else None
    save = SaveConcern(child.id if child else None, text, top, result.triage, ctx.today)
    if result.triage == "emergency":
        return Step(None, (say(bold(EMERGENCY)),), (save,))
    if result.triage == "out_of_scope" or top is None:
        if result.triage == "urgent":
            return Step(None, (say(bold(URGENT)), say(OUT_OF_SCOPE, buttons=MENU)), (save,))
        return Step(None, (say(OUT_OF_SCOPE, buttons=MENU),))
    answer = show_topic(ctx, top, _alternatives(result))
    if result.triage == "urgent":
        return Step(None, (say(bold(URGENT)), answer), (save,))
    return Step(None, (answer,), (save,))


def about(ctx: FlowContext, args: str) -> Step:
    """``/about <id>``: one entry by id (the buttons under an answer use it)."""
    entry_id = args.strip().split(" ", 1)[0]
    if entry_id not in ctx.knowledge.by_id:
        return Step(None, (say("I don't have that topic. Type your question in your own words."),))
    return Step(None, (show_topic(ctx, entry_id, []),))


def _never_waits(state: FlowState, _event: Event, _ctx: FlowContext) -> Step:
    """These flows answer in one step and never hold a conversation open."""
    return Step(None)


FLOW = Flow(name=NAME, start=start, handle=_never_waits, reads_history=False)
ABOUT = Flow(name="about", start=about, handle=_never_waits, reads_history=False)
