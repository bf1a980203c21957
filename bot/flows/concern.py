"""Free text outside any flow: triage first, then the best matching guidance.

An emergency is answered before anything else and sends the parent to emergency services, with
the first steps to take while help comes; a loss of skills or sudden weakness is urgent; a
danger sign the rules cannot place gets the safety net (when to call whom) first. Otherwise the
best match is shown for the active child's age, with buttons for the next best matches on the
same subject (``Matcher.alternatives``) and a next step. The parent's words and what they
matched are saved with the child (encrypted), so the summary for the doctor can quote them.
Small talk and other topics are answered honestly (naming the other subject and where to ask
about it) and not stored.
"""

from __future__ import annotations

from functools import cache

from bot.domain.replies import BUDGET, Button, Edit, Reply, Span, Text, bold, column, say
from bot.flows.base import Flow, FlowContext, Step
from bot.flows.effects import SaveConcern
from bot.flows.safety import safety_replies
from bot.flows.topics import ChildAge, closing, topic_page
from knowledge.loader import KnowledgeBase
from knowledge.matcher import Matcher, MatchResult
from knowledge.models import Condition, Entry
from knowledge.normalize import normalize

NAME = "concern"
#: Other matches offered as buttons under the answer.
ALTERNATIVES = 3

OUT_OF_SCOPE = (
    "I'm not sure I can help with that. I know about movement: hands and fingers (grasping, "
    "crayons, scissors, buttons, spoons) and the big movements (head control, sitting, "
    "crawling, walking, balance, ball games). You could tell me what your child does or "
    "doesn't do yet, for example “she still isn't walking” or “he holds his crayon in a fist”."
)
#: For a message about another subject: "{label}" is it, "{refer}" the better place to ask.
ELSEWHERE = "That sounds like a question about {label}, which I don't cover. "
REFER = "{refer} can help with that. "
COVERS = (
    "I know about movement: hands and fingers (grasping, crayons, scissors, buttons, spoons) "
    "and the big movements (head control, sitting, crawling, walking, balance, ball games). "
    "If something about how your child moves worries you, tell me in your own words."
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


def child_months(ctx: FlowContext) -> int | None:
    """The active child's age in whole months, for the danger signs that depend on it."""
    return ctx.family.active_child_months(ctx.today)


#: Under an answer with other topics' buttons, which the labels no longer say ("Or: ...").
#: The answer's own parts ("Activities", "When to call the doctor") come first, right under
#: it, so the line says where the other topics are rather than "below" (which read as if
#: "Activities" were a topic of its own).
OTHER_TOPICS = "\nOr did you mean another topic? Those buttons come after this answer's parts."
#: The same line under an answer that has no parts behind buttons.
OTHER_TOPICS_BELOW = "\nOr did you mean one of the topics below?"


#: The button back from a part of an answer to the answer itself; its payload's last word.
BACK, MAIN = "Back to the answer", "main"


def _section_button(entry_id: str, key: str, label: str) -> Button:
    return Button(label, f"/about {entry_id} {key}")


def show_topic(ctx: FlowContext, entry_id: str, alternatives: list[Button]) -> Text:
    """The answer for one entry: what matters for this child, buttons for the rest of it
    (shown in place), for alternatives and for the next step."""
    child = _child_age(ctx)
    entry = ctx.knowledge.by_id[entry_id]
    ends = closing(entry, child)
    room = BUDGET - len(ends) - len(OTHER_TOPICS) - 2
    page = topic_page(entry, ctx.knowledge, child, room)
    others = [OTHER_TOPICS if page.sections else OTHER_TOPICS_BELOW] if alternatives else []
    parts = (*page.lead, "\n\n", ends, *others)
    sections = [_section_button(entry_id, s.key, s.label) for s in page.sections]
    return say(*parts, buttons=[*column(*sections), *column(*alternatives), *MENU])


def show_section(ctx: FlowContext, entry_id: str, key: str) -> Text:
    """One part of an answer ("When to call the doctor"), with buttons for the other parts
    and back to the answer; the answer itself when ``key`` names no part."""
    child = _child_age(ctx)
    entry = ctx.knowledge.by_id[entry_id]
    room = BUDGET - len(closing(entry, child)) - len(OTHER_TOPICS) - 2
    page = topic_page(entry, ctx.knowledge, child, room)
    section = page.section(key)
    if section is None:
        return show_topic(ctx, entry_id, [])
    others = [_section_button(entry_id, s.key, s.label) for s in page.sections if s != section]
    back = _section_button(entry_id, MAIN, BACK)
    return say(bold(entry.title), "\n", *section.parts, buttons=column(*others, back))


def _alternatives(kb: KnowledgeBase, result: MatchResult, months: int | None) -> list[Button]:
    """Next best matches on the message's own subject (``Matcher.alternatives``). Conditions
    only when the parent named one: offering "cerebral palsy" under "she isn't walking yet"
    would read as a diagnosis. With the child's age known (``months``), only entries written
    for that age (``written_for``): no "Hands often in fists" under a 4-year-old's pencil
    grip. The best match itself stays whatever the age: the parent's words chose it."""
    top = kb.by_id[result.matches[0].id]
    named_condition = isinstance(top, Condition) and names_condition(result.query, top)
    matcher = matcher_for(kb)
    others = [
        m
        for m in matcher.alternatives(result, len(result.matches))
        if (named_condition or m.kind != "condition")
        and (months is None or kb.by_id[m.id].written_for(months))
    ]
    return [topic_button(kb.by_id[m.id]) for m in others[:ALTERNATIVES]]


def topic_button(entry: Entry) -> Button:
    """A button for another topic: its short label where the title would not fit a phone's
    row (the message says these are other topics, so the label needs no "Or:")."""
    return Button(entry.button or entry.title, f"/about {entry.id}")


def out_of_scope_text(result: MatchResult) -> str:
    """What Sprout covers, after naming the other subject and a better place to ask (a subject
    with no better place, like shopping, gets the plain answer)."""
    other = result.elsewhere
    if other is None or other.refer is None:
        return OUT_OF_SCOPE
    refer = REFER.format(refer=other.refer[0].upper() + other.refer[1:])
    return ELSEWHERE.format(label=other.label) + refer + COVERS


def record(ctx: FlowContext, text: str, result: MatchResult) -> tuple[SaveConcern, ...]:
    """Keep a worry with the active child, wherever it was typed; small talk and other
    topics (``out_of_scope``) are not kept."""
    if result.triage == "out_of_scope":
        return ()
    child = ctx.family.active_child
    top = result.matches[0].id if result.matches else None
    return (SaveConcern(child.id if child else None, text, top, result.triage, ctx.today),)


#: Said before a condition the parent did not name: the answer describes, never diagnoses.
NOT_A_DIAGNOSIS = (
    "What you describe can have several causes, and only a doctor can tell which, so it is "
    "worth a check with {child}'s doctor soon. Here is background on one condition doctors "
    "think about when they hear this; it is not a diagnosis."
)


def names_condition(text: str, entry: Entry) -> bool:
    """Whether the parent named ``entry`` (a condition) in their own words: its title, or a
    short name given in brackets ("DCD, dyspraxia")."""
    words = set(normalize(text).split())
    main, _, aliases = entry.title.partition("(")
    names = [main, *aliases.rstrip(")").split(",")]
    return any(
        (name_words := normalize(name).split()) and set(name_words) <= words for name in names
    )


def topic_answer(ctx: FlowContext, result: MatchResult) -> Reply | None:
    """The best matching topic with the next best as buttons; None when nothing matched.

    A condition the parent did not name is introduced as background, never as the answer.
    """
    if not result.matches:
        return None
    alternatives = _alternatives(ctx.knowledge, result, child_months(ctx))
    answer = show_topic(ctx, result.matches[0].id, alternatives)
    entry = ctx.knowledge.by_id[result.matches[0].id]
    if isinstance(entry, Condition) and not names_condition(result.query, entry):
        child = ctx.family.active_child
        framing = NOT_A_DIAGNOSIS.replace("{child}", child.nickname if child else "your child")
        return Text((Span(framing + "\n\n"), *answer.spans), answer.buttons)
    return answer


def start(ctx: FlowContext, text: str) -> Step:
    """Answer a worry typed in the parent's own words: a danger sign first, then the topic.

    A danger sign with no topic gets its safety answer alone, never "I'm not sure I can help".
    """
    months = child_months(ctx)
    result = matcher_for(ctx.knowledge).match(text, age_months=months)
    alarm = safety_replies(result.danger)
    if result.triage == "emergency":
        return Step(None, alarm, record(ctx, text, result))
    answer = topic_answer(ctx, result)
    if answer is None:
        nothing = (say(out_of_scope_text(result), buttons=MENU),)
        return Step(None, alarm or nothing, record(ctx, text, result))
    return Step(None, (*alarm, answer), record(ctx, text, result))


def about(ctx: FlowContext, args: str) -> Step:
    """``/about <id>``: one entry by id (the buttons under an answer use it); ``/about <id>
    <part>``: that part of it, in place of the answer whose button was pressed."""
    entry_id, _, key = args.strip().partition(" ")
    if entry_id not in ctx.knowledge.by_id:
        return Step(None, (say("I don't have that topic. Type your question in your own words."),))
    if key:
        return Step(None, (Edit(show_section(ctx, entry_id, key.strip())),))
    return Step(None, (show_topic(ctx, entry_id, []),))


FLOW = Flow(name=NAME, start=start, reads_history=False)
ABOUT = Flow(name="about", start=about, reads_history=False)
