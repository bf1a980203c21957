"""The urgent check-in result a parent reads on a phone (content leftovers, 2026-11-30): its
buttons say what they show, and its next step says where the urgency came from."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.age import add_months
from bot.domain.replies import ROW_WIDTH
from bot.domain.views import Answer, ChildView
from bot.flows.checkin import guidance
from bot.flows.checkin import plan as checkin_plan
from bot.flows.checkin import result as checkin_result
from bot.flows.checkin.result import View
from tests.support.context import KB, TODAY

#: 13 months old: a 12-month check-in with the earlier red-flag items caught up.
MILA = ChildView(1, "Mila", add_months(TODAY, -13) - timedelta(days=3))


def result_views(
    answer: Answer, *, lost: bool = False, told: str | None = None, only_first: bool = False
) -> list[View]:
    """The result's views when every question (``only_first``: the first; the rest "yes")
    is answered ``answer``."""
    asked = checkin_plan.sitting(checkin_plan.questions_for(12, (), KB))
    answers: dict[str, Answer] = {
        q: answer if i == 0 or not only_first else "yes" for i, q in enumerate(asked)
    }
    _, found = checkin_result.views(
        MILA, MILA.clock(TODAY), answers, set(), KB,
        lost_skills=lost, told=[(told, "urgent")] if told else [],
    )  # fmt: skip
    return list(found)


def test_the_parts_of_a_long_urgent_result_say_what_each_one_shows() -> None:
    """Was: "Each answer", "Each answer (2)", "Each answer (3)"; page 2 began mid-list with
    no heading, so nothing said which answers were behind which button."""
    views = result_views("not_yet")
    labels = [v.label for v in views[1:]]
    assert len(labels) > 1
    assert not any("(" in label for label in labels)
    assert labels[:3] == ["Why: whole body", "More: whole body", "Why: hands and fingers"]
    assert all(len(label) <= ROW_WIDTH for label in labels)
    for view in views[1:]:
        first_line = view.text.plain.split("\n")[0]
        assert first_line.startswith(("Gross motor", "Fine motor", "Together", "Later")), (
            view.label,
            first_line,
        )
    assert [v.key for v in views[1:]] == [
        "answers",
        *(f"answers{n}" for n in range(2, len(views))),
    ]


def test_a_short_result_keeps_one_each_answer_view() -> None:
    views = result_views("not_sure", only_first=True)
    assert [v.label for v in views[1:2]] == [guidance.EACH_ANSWER]


def test_urgent_from_the_answers_alone_does_not_say_what_you_told_me() -> None:
    """Was: "What you told me needs a prompt check" when the answers alone (skills long
    overdue) made the result urgent and the parent had typed nothing."""
    main = result_views("not_yet")[0].text.plain
    assert "What you told me" not in main
    assert "Some of these answers need a prompt check" in main


def test_urgent_from_the_parents_words_says_what_you_told_me() -> None:
    by_lost_skills = result_views("yes", lost=True)[0].text.plain
    assert "What you told me needs a prompt check" in by_lost_skills
    typed = result_views("yes", told="she can't lift her arm since this morning")[0].text.plain
    assert "What you told me needs a prompt check" in typed
    both = result_views("not_yet", lost=True)[0].text.plain
    assert "What you told me, and some of these answers, need a prompt check" in both
