"""Flow states as stored: declared by their flows, read back as their flow's type or as lost.

States written before flow data were typed (a plain dict per flow) must still be read, so
conversations under way when the bot is upgraded carry on; a flow or step that no longer
exists, or data that do not fit, are reported as ``Lost`` with names only, never the data.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.domain.replies import Button, say, text_to_json
from bot.engine import states
from bot.flows.activities import ActivitiesState
from bot.flows.asides import Paused
from bot.flows.base import FlowState
from bot.flows.checkin.flow import CheckinState
from bot.flows.children import ChildrenState
from bot.flows.data import DeleteState
from bot.flows.onboarding import OnboardingState
from bot.flows.registry import COMMANDS, FLOWS, FREE_TEXT, GLOBAL, MENU
from bot.flows.reminder_settings import RemindersState
from bot.flows.summary import SummaryState

QUESTION = say("Does Leo sit?", buttons=[[Button("Yes", "ci:sits:y")]])


def test_every_stored_flow_is_found_by_the_name_its_state_declares() -> None:
    for name, flow in FLOWS.items():
        assert flow.steps is not None, name  # a flow that never waits is never stored
        assert flow.name == name == flow.steps.state.flow
        assert flow.steps.names  # read from the state's ``step`` Literal


def test_every_flow_a_command_starts_that_waits_can_be_continued() -> None:
    for flow in [*COMMANDS.values(), FREE_TEXT]:
        assert flow is not None
        assert flow.steps is None or FLOWS[flow.name] is flow


def test_every_menu_command_is_a_flow_or_a_global_command_never_both() -> None:
    assert set(MENU) <= COMMANDS.keys() | GLOBAL.keys()
    assert not COMMANDS.keys() & GLOBAL.keys()


#: (flow, step, data) as the code before typed states wrote them, and the state they are.
WRITTEN_BEFORE: list[tuple[str, str, dict[str, object], FlowState]] = [
    ("onboarding", "nickname", {"mode": "add"}, OnboardingState(step="nickname")),
    (
        "onboarding",
        "nickname",
        {"mode": "rename", "child_id": 3},
        OnboardingState(step="nickname", child_id=3),
    ),
    (
        "onboarding",
        "birth_day",
        {"mode": "add", "nickname": "Mila", "year": 2024, "month": 3},
        OnboardingState(step="birth_day", nickname="Mila", year=2024, month=3),
    ),
    (
        "onboarding",
        "weeks",
        {"mode": "birth", "child_id": 3, "birth_date": "2024-03-15", "estimated": True},
        OnboardingState(step="weeks", child_id=3, birth_date=date(2024, 3, 15), estimated=True),
    ),
    ("children", "confirm_remove", {"child_id": 3}, ChildrenState(step="confirm_remove")),
    (
        "checkin",
        "lost_what",
        {
            "child_id": 3,
            "checklist_age": 9,
            "questions": ["sits", "crawls"],
            "asking": ["sits", "crawls"],
            "answers": {"sits": "yes", "crawls": "not_yet"},
            "yes_before": ["sits"],
            "recheck_id": None,
            "takes_worry": True,
            "asides": [["she is not crawling", "concern"]],
        },
        CheckinState(
            step="lost_what",
            child_id=3,
            checklist_age=9,
            questions=("sits", "crawls"),
            asking=("sits", "crawls"),
            answers={"sits": "yes", "crawls": "not_yet"},
            yes_before=("sits",),
            asides=(("she is not crawling", "concern"),),
        ),
    ),
    (
        "checkin",
        "question",  # saved before sittings were capped: no ``asking``
        {"child_id": 3, "checklist_age": 9, "questions": ["sits"], "answers": {}},
        CheckinState(step="question", child_id=3, checklist_age=9, questions=("sits",)),
    ),
    (
        "checkin",
        "resume",
        {"child_id": 3, "checklist_age": 9},
        CheckinState(step="resume", child_id=3, checklist_age=9),
    ),
    (
        "activities",
        "ideas",
        {"child_id": 3, "shown": ["tummy_time"], "more": True},
        ActivitiesState(step="ideas", child_id=3, shown=("tummy_time",), more=True),
    ),
    (
        "summary",
        "domains",
        {"child_id": 3, "period": "sm:p:12"},
        SummaryState(step="domains", child_id=3, period="sm:p:12"),
    ),
    ("reminders", "zone", {}, RemindersState(step="zone")),
    ("delete", "confirm", {}, DeleteState(step="confirm")),
    (
        "paused",
        "wait",
        {
            "flow": "checkin",
            "step": "question",
            "data": {
                "child_id": 3,
                "checklist_age": 9,
                "questions": ["sits"],
                "asking": ["sits"],
                "answers": {},
                "yes_before": [],
                "recheck_id": None,
                "asides": [["he is not breathing", "emergency"]],
            },
            "question": [text_to_json(QUESTION)],
            "label": "Continue the check-in",
        },
        Paused(
            held=CheckinState(
                step="question", child_id=3, checklist_age=9, questions=("sits",), asking=("sits",)
            ),
            question=(QUESTION,),
            label="Continue the check-in",
            asides=(("he is not breathing", "emergency"),),
        ),
    ),
]


@pytest.mark.parametrize(
    ("flow", "step", "data", "state"),
    WRITTEN_BEFORE,
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_states_written_before_typed_states_are_read(
    flow: str, step: str, data: dict[str, object], state: FlowState
) -> None:
    assert states.load(flow, step, data) == state


@pytest.mark.parametrize(
    "state", [state for *_, state in WRITTEN_BEFORE], ids=lambda s: f"{s.flow}-{s.step}"
)
def test_every_state_survives_being_stored_as_json(state: FlowState) -> None:
    stored = json.loads(json.dumps(states.dump(state)))
    assert states.load(state.flow, state.step, stored) == state


def test_a_flow_that_no_longer_exists_is_lost() -> None:
    assert states.load("retired", "ask", {"nickname": "Mila"}) == states.Lost(
        "unknown flow", "retired", "ask"
    )
    # flows that never wait are not stored either
    assert states.load("export", "", {}) == states.Lost("unknown flow", "export", "")


def test_a_step_its_flow_does_not_declare_is_lost() -> None:
    """Before, an unknown step fell through to the flow's last handler (onboarding's weeks)."""
    lost = states.load("onboarding", "favourite_colour", {"nickname": "Mila"})
    assert lost == states.Lost("unknown step", "onboarding", "favourite_colour")


@pytest.mark.parametrize(
    ("step", "data", "fields"),
    [
        ("question", {"child_id": "Mila", "checklist_age": 9}, ("child_id",)),
        (
            "question",
            {"child_id": 3, "checklist_age": 9, "answers": {"x": "maybe"}},
            ("answers.x",),
        ),
        ("question", {"checklist_age": 9}, ("child_id",)),
    ],
)
def test_data_that_do_not_fit_are_lost_naming_only_the_fields(
    step: str, data: dict[str, object], fields: tuple[str, ...]
) -> None:
    lost = states.load("checkin", step, data)
    assert lost == states.Lost("unreadable data", "checkin", step, fields)
    assert "Mila" not in repr(lost)


def test_a_step_without_what_it_reads_is_lost() -> None:
    """Onboarding asks for the day of a month it holds; without the month it cannot."""
    lost = states.load("onboarding", "birth_day", {"nickname": "Mila"})
    assert isinstance(lost, states.Lost)
    assert lost.reason == "unreadable data"
    with pytest.raises(ValueError, match="month"):
        OnboardingState(step="birth_day", nickname="Mila")


def test_a_pause_holding_a_lost_flow_is_lost() -> None:
    stored = {"flow": "retired", "step": "ask", "data": {}, "question": [], "label": "Continue"}
    assert states.load("paused", "wait", stored) == states.Lost("unknown flow", "retired", "ask")
