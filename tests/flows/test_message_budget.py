"""No message over the budget (issue 15, problem 2): about one phone screen.

Topic answers ran 1,250-1,810 characters, activity pages 1,100-1,300 and a check-in's result
up to 3,000. Every topic of the knowledge base (and every part of it a button shows), every
page of ideas with its "How" and "Easier" views, every check-in result's views and the help
are measured here, for children of every checklist age and a long nickname (21 letters;
what to do now is never cut, so the longest nickname Sprout takes, said four times in an
urgent result, can add a few dozen characters).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.age import add_months, latest_checklist_age
from bot.domain.replies import BUDGET, Text, shown_text
from bot.domain.views import Answer, ChildView
from bot.flows import activities, concern
from bot.flows.base import ButtonIn, FlowContext, Step
from bot.flows.checkin import plan as checkin_plan
from bot.flows.checkin import result as checkin_result
from bot.flows.checkin import shown
from bot.flows.registry import HELP_TEXT
from bot.flows.topics import ChildAge, topic_page
from tests.support.context import KB, TODAY, ctx

AGES = (2, 4, 6, 9, 12, 15, 18, 24, 30, 36, 48, 60, 72)
NAME = "Maximiliane-Charlotte"


def child(months: int) -> ChildView:
    return ChildView(1, NAME, add_months(TODAY, -months) - timedelta(days=3))


def over(messages: list[tuple[str, Text | None]]) -> dict[str, int]:
    return {
        where: len(text.plain)
        for where, text in messages
        if text is not None and len(text.plain) > BUDGET
    }


def texts(step: Step) -> list[Text]:
    return [text for reply in step.replies if (text := shown_text(reply))]


@pytest.mark.parametrize("months", AGES)
def test_every_topic_and_every_part_of_it_fits(months: int) -> None:
    context = ctx(child(months))
    age = ChildAge(NAME, child(months).clock(TODAY))
    seen: list[tuple[str, Text | None]] = []
    for entry in KB.entries:
        seen.append((entry.id, concern.show_topic(context, entry.id, [])))
        for section in topic_page(entry, KB, age).sections:
            where = f"{entry.id} {section.key}"
            seen.append((where, concern.show_section(context, entry.id, section.key)))
    assert len(seen) > 2 * len(KB.entries)
    assert over(seen) == {}


def pages(context: FlowContext) -> list[tuple[str, Text | None]]:
    """Every page of /activities, and each page's "How" and "Easier" views."""
    seen: list[tuple[str, Text | None]] = []
    step = activities.start(context, "")
    for number in range(50):
        seen += [(f"page {number}", text) for text in texts(step)]
        state = step.state
        if not isinstance(state, activities.ActivitiesState):
            return seen
        payloads = [b.payload for text in texts(step) for b in text.all_buttons]
        for payload in payloads:
            if payload.startswith((activities.HOW, activities.ADAPT)):
                views = texts(activities.FLOW.handle(state, ButtonIn(payload), context))
                seen += [(payload, text) for text in views]
        more = [p for p in payloads if p.startswith(activities.MORE)]
        if not more:
            return seen
        step = activities.FLOW.handle(state, ButtonIn(more[0]), context)
    raise AssertionError("more than 50 pages of ideas")


@pytest.mark.parametrize("months", AGES)
def test_every_page_of_ideas_fits(months: int) -> None:
    seen = pages(ctx(child(months)))
    assert any(where.startswith(activities.HOW) for where, _ in seen)
    assert over(seen) == {}


@pytest.mark.parametrize("answer", ["yes", "not_yet", "not_sure"])
@pytest.mark.parametrize("months", AGES)
def test_every_view_of_a_check_in_result_fits(months: int, answer: Answer) -> None:
    young = child(months)
    checklist_age = latest_checklist_age(months)
    if checklist_age is None:
        pytest.skip("no check-in this young")
    asked = checkin_plan.sitting(checkin_plan.questions_for(checklist_age, (), KB))
    for lost in (False, True):
        _, found = checkin_result.views(
            young, young.clock(TODAY), dict.fromkeys(asked, answer), set(), KB, lost_skills=lost,
            told=[("he had a fit and went blue", "emergency")] if lost else [],
        )  # fmt: skip
        state = shown.on_screen(young.id, found, ()).state
        seen: list[tuple[str, Text | None]] = [
            (view.key, shown.view(state, view.key))
            if isinstance(state, shown.ResultState)
            else (view.key, view.text)
            for view in found
        ]
        assert over(seen) == {}


def test_the_help_fits() -> None:
    assert len(HELP_TEXT) <= BUDGET
