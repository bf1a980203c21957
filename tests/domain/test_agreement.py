"""Two caregivers' answers (``bot.domain.agreement``): what is a disagreement, and when a
"not yet" is still a loss of skills."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.agreement import differing, excuses_regression
from bot.domain.views import Answer, ObservationView
from knowledge.escalation import default_rules

DAY = date(2026, 11, 1)
WITHIN = default_rules().disagreement.within_days
MUM, DAD = 1, 2


def said(answer: Answer, member: int | None, days: int = 0, item: str = "sits") -> ObservationView:
    return ObservationView(item, answer, DAY + timedelta(days=days), 9, 9, member)


def test_the_window_is_the_reviewed_14_days() -> None:
    assert WITHIN == 14


def test_another_members_recent_yes_excuses_a_not_yet() -> None:
    assert excuses_regression([said("yes", MUM)], "sits", DAD, DAY + timedelta(WITHIN), WITHIN)
    late = DAY + timedelta(WITHIN + 1)
    assert not excuses_regression([said("yes", MUM)], "sits", DAD, late, WITHIN)


def test_ones_own_yes_or_an_answer_with_no_member_keeps_the_regression() -> None:
    assert not excuses_regression([said("yes", DAD)], "sits", DAD, DAY, WITHIN)
    assert not excuses_regression(
        [said("yes", None, -60), said("yes", MUM)], "sits", DAD, DAY, WITHIN
    )
    assert not excuses_regression([said("yes", MUM)], "sits", None, DAY, WITHIN)
    assert not excuses_regression([said("yes", MUM, item="walks")], "sits", DAD, DAY, WITHIN)


def test_members_latest_answers_that_differ_within_the_window_are_a_disagreement() -> None:
    [found] = differing([said("yes", MUM), said("not_sure", DAD, 3)], WITHIN)
    assert [(o.member_id, o.answer) for o in found.answers] == [(MUM, "yes"), (DAD, "not_sure")]
    assert not differing([said("yes", MUM), said("not_yet", DAD, WITHIN + 1)], WITHIN)
    assert not differing([said("yes", MUM), said("yes", DAD, 3)], WITHIN)
    # A member who changed their own mind agrees with themselves; no member: nobody's.
    assert not differing([said("not_yet", MUM), said("yes", MUM, 2), said("yes", DAD, 3)], WITHIN)
    assert not differing([said("yes", None), said("not_yet", DAD, 1)], WITHIN)
    assert not differing([said("yes", MUM), said("not_yet", DAD, 1)], WITHIN, ["walks"])
