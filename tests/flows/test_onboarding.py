"""Onboarding and /child as pure step functions: no database, no Telegram."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.views import ChildView
from bot.flows import children, onboarding
from bot.flows.base import ButtonIn, FlowContext, Step, TextIn
from bot.flows.children import ChildrenState
from bot.flows.effects import AddChild, CorrectBirth, RemoveChild, RenameChild, SetActiveChild
from tests.support.context import EMPTY_KB
from tests.support.context import ctx as context
from tests.support.flows import drive, text


def ctx(*kids: ChildView, active: int | None = None) -> FlowContext:
    """No content, and no child active unless a test says."""
    return context(*kids, active=active, kb=EMPTY_KB)


def run(*inputs: str | ButtonIn, context: FlowContext | None = None) -> Step:
    return drive(onboarding.FLOW, context or ctx(), *inputs)


def test_start_greets_and_asks_for_a_nickname() -> None:
    step = onboarding.start(ctx(), "")
    assert "Sprout" in text(step)
    assert step.state == onboarding.OnboardingState(step="nickname")


def test_full_term_child_is_added_with_age_in_months() -> None:
    step = run("Mila", "2024-03-15", "no")
    assert step.state is None
    assert step.effects == (AddChild("Mila", date(2024, 3, 15), False, None),)
    assert "Mila was born on 15 March 2024 and is 2 years 8 months old" in text(step)


@pytest.mark.parametrize("typed", ["15/03/2024", "15.03.2024", "2024-03-15", "15 March 2024"])
def test_accepted_date_formats(typed: str) -> None:
    step = run("Mila", typed, "no")
    assert step.effects[0].birth_date == date(2024, 3, 15)  # type: ignore[union-attr]


@pytest.mark.parametrize("typed", ["March 2024", "Mar 2024", "03/2024"])
def test_month_and_year_asks_for_the_day(typed: str) -> None:
    step = run("Mila", typed)
    assert step.state is not None
    assert step.state.step == "birth_day"
    assert "Which day of March 2024" in text(step)
    step = onboarding.FLOW.handle(step.state, TextIn("15"), ctx())
    assert isinstance(step.state, onboarding.OnboardingState)
    assert step.state.birth_date == date(2024, 3, 15)


@pytest.mark.parametrize("unknown", [ButtonIn(onboarding.DAY_UNKNOWN), "don't know", "dunno"])
def test_unknown_day_uses_mid_month_and_says_so(unknown: str | ButtonIn) -> None:
    step = run("Mila", "March 2024", unknown)
    assert "I'll use 15 March 2024" in text(step)
    step = run("Mila", "March 2024", unknown, "no")
    assert step.effects == (AddChild("Mila", date(2024, 3, 15), True, None),)


def test_preterm_baby_gets_corrected_age() -> None:
    step = run("Leo", "2026-02-21", ButtonIn(onboarding.PRETERM_YES), "32")
    assert step.effects == (AddChild("Leo", date(2026, 2, 21), False, 32),)
    reply = text(step)
    assert "is 9 months old" in reply
    assert "corrected age: 7 months" in reply


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("", "at least one letter"),
        ("   ", "at least one letter"),
        ("x" * 500, "500 characters"),
        ("x" * 41, "40 or fewer"),
        ("Mi\x00la", "simple punctuation"),
    ],
)
def test_bad_nickname_is_explained_and_asked_again(bad: str, says: str) -> None:
    step = run(bad)
    assert says in text(step)
    assert step.state is not None
    assert step.state.step == "nickname"
    assert not step.effects


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("2027-01-01", "in the future"),
        ("December 2026", "in the future"),
        ("2015-05-05", "birth to 7 years"),
        ("31/02/2024", "does not exist"),
        ("yesterday-ish", "couldn't read that"),
        ("2024-13-01", "couldn't read that"),
    ],
)
def test_bad_birth_date_is_explained_and_asked_again(bad: str, says: str) -> None:
    step = run("Mila", bad)
    assert says in text(step)
    assert isinstance(step.state, onboarding.OnboardingState)
    assert step.state.step == "birth_date"
    assert step.state.nickname == "Mila"


@pytest.mark.parametrize("bad", ["banana", "12", "50", "-3", "0"])
def test_nonsense_week_count_is_refused(bad: str) -> None:
    step = run("Leo", "2026-02-21", "yes", bad)
    assert "from 22 to 36" in text(step)
    assert step.state is not None
    assert step.state.step == "weeks"


def test_term_weeks_typed_after_yes_needs_no_correction() -> None:
    step = run("Leo", "2026-02-21", "yes", "38")
    assert "counts as full term" in text(step)
    assert step.effects == (AddChild("Leo", date(2026, 2, 21), False, None),)


def test_unclear_preterm_answer_asks_again() -> None:
    step = run("Leo", "2026-02-21", "perhaps on a tuesday")
    assert "yes or no" in text(step)
    assert step.state is not None
    assert step.state.step == "preterm"


MILA = ChildView(1, "Mila", date(2024, 3, 15))
LEO = ChildView(2, "Leo", date(2026, 2, 21), gestational_weeks=32)


def test_child_menu_lists_children_with_ages() -> None:
    step = children.start(ctx(MILA, LEO, active=1), "")
    assert "Mila (born 15 March 2024, 2 years 8 months) ← active" in text(step)
    assert "Leo (born 21 February 2026, 9 months; corrected 7 months)" in text(step)


@pytest.mark.parametrize(
    ("payloads", "effect"),
    [
        (["ch:switch:2"], SetActiveChild(2)),
        (["ch:remove:1", "ch:remove_yes:1"], RemoveChild(1)),
    ],
)
def test_child_menu_actions(payloads: list[str], effect: object) -> None:
    context = ctx(MILA, LEO, active=1)
    step = children.start(context, "")
    for payload in payloads:
        assert step.state is not None
        step = children.FLOW.handle(step.state, ButtonIn(payload), context)
    assert step.effects == (effect,)


def test_rename_and_birth_correction_reuse_the_onboarding_steps() -> None:
    context = ctx(MILA, active=1)
    step = children.handle(ChildrenState(step="menu"), ButtonIn("ch:rename:1"), context)
    assert step.state is not None
    step = onboarding.FLOW.handle(step.state, TextIn("Milusha"), context)
    assert step.effects == (RenameChild(1, "Milusha"),)

    step = children.handle(ChildrenState(step="menu"), ButtonIn("ch:birth:1"), context)
    for typed in ("2024-03-16", "no"):
        assert step.state is not None
        step = onboarding.FLOW.handle(step.state, TextIn(typed), context)
    assert step.effects == (CorrectBirth(1, date(2024, 3, 16), False, None),)


def test_forged_child_id_touches_nothing() -> None:
    step = children.handle(ChildrenState(step="menu"), ButtonIn("ch:remove_yes:999"), ctx(MILA))
    assert not step.effects
    assert "could not find" in text(step)
