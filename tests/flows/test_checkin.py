"""The check-in flow as pure steps on the shipped knowledge base: no database, no Telegram.

``Chat`` plays the engine's part: it applies ``RecordObservation`` effects to the family
snapshot, so resuming, regression and later check-ins are exercised as a parent sees them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.age import add_months, latest_checklist_age
from bot.domain.replies import Text
from bot.domain.views import Answer, ChildView, FamilyView, MemberView, ObservationView, Role
from bot.engine import states
from bot.flows.base import ButtonIn, Event, FlowContext, FlowState, Step, TextIn
from bot.flows.checkin import flow as checkin
from bot.flows.checkin import guidance as guidance_text
from bot.flows.checkin import plan as checkin_plan
from bot.flows.checkin.flow import CheckinState
from bot.flows.checkin.shown import ResultState
from bot.flows.effects import RecordObservation, SetActiveChild
from tests.support.context import KB, TODAY
from tests.support.flows import text

CODE = {"yes": "y", "not_yet": "n", "not_sure": "u"}


def ids_at(age: int) -> list[str]:
    return [m.id for m in KB.milestones if m.checklist_age == age]


def months_old(
    months: int,
    *,
    weeks: int | None = None,
    cid: int = 1,
    name: str = "Leo",
    history: bool = True,
) -> ChildView:
    """A child of ``months``; with ``history``, every earlier checklist item was answered yes
    at its own check-in (so nothing is caught up and the plan is the current age's items)."""
    born = add_months(TODAY, -months) - timedelta(days=3)
    child = ChildView(id=cid, nickname=name, birth_date=born, gestational_weeks=weeks)
    age = child.age(TODAY).months
    past = tuple(
        ObservationView(m.id, "yes", add_months(TODAY, m.checklist_age - age), m.checklist_age)
        for m in KB.milestones
        if history and m.checklist_age < (latest_checklist_age(age) or 0)
    )
    return replace(child, observations=past)


def payloads(step: Step) -> list[str]:
    return [b.payload for r in step.replies if isinstance(r, Text) for b in r.all_buttons]


class Chat:
    """One family talking to the check-in flow, with answers saved as the engine would."""

    def __init__(self, *children: ChildView, today: date = TODAY) -> None:
        self.family = FamilyView(
            chat_id=5,
            children=children,
            active_child_id=children[0].id,
            members=(MemberView(1, "Mum", Role.ADMIN), MemberView(2, "Dad", Role.CAREGIVER)),
            me=1,
        )
        self.today = today
        self.state: FlowState | None = None
        self.effects: list[object] = []

    @property
    def ctx(self) -> FlowContext:
        now = datetime.combine(self.today, datetime.min.time(), tzinfo=UTC)
        return FlowContext(now, self.today, self.family, KB)

    def _apply(self, step: Step) -> Step:
        for effect in step.effects:
            self.effects.append(effect)
            if isinstance(effect, RecordObservation):
                kids = tuple(
                    replace(
                        c,
                        observations=(
                            *c.observations,
                            ObservationView(
                                effect.milestone_id,
                                effect.answer,  # type: ignore[arg-type]
                                effect.observed_on,
                                effect.age_months,
                                effect.checklist_age,
                                self.family.me,  # the engine records the member writing
                            ),
                        ),
                    )
                    if c.id == effect.child_id
                    else c
                    for c in self.family.children
                )
                self.family = replace(self.family, children=kids)
        self.state = step.state
        return step

    @property
    def sitting(self) -> CheckinState:
        """The check-in's state (the flow is under way)."""
        assert isinstance(self.state, CheckinState)
        return self.state

    @property
    def asking(self) -> tuple[str, ...]:
        """This sitting's questions."""
        assert self.sitting.asking is not None
        return self.sitting.asking

    def start(self, args: str = "") -> Step:
        return self._apply(checkin.start(self.ctx, args))

    def send(self, event: Event | str) -> Step:
        assert self.state is not None
        item = TextIn(event) if isinstance(event, str) else event
        return self._apply(checkin.FLOW.handle(self.state, item, self.ctx))

    def answer(self, *answers: str) -> Step:
        step = Step(self.state)
        for answer in answers:
            current = next(q for q in self.asking if q not in self.sitting.answers)
            step = self.send(ButtonIn(f"ci:{current}:{CODE[answer]}"))
        return step

    def no_lost_skills(self) -> Step:
        """Answer the closing lost-skills question "No": the result follows."""
        return self.send(ButtonIn(checkin.LOST_NO))

    def child(self) -> ChildView:
        return self.family.children[0]

    def as_member(self, member_id: int, *, days_later: int = 0) -> None:
        """Another member of the family (1 Mum, 2 Dad) writes from their own chat, with a
        conversation of their own."""
        self.family = replace(self.family, me=member_id)
        self.today += timedelta(days=days_later)
        self.state = None


def test_preterm_nine_month_old_is_asked_the_six_month_questions_at_corrected_age() -> None:
    chat = Chat(months_old(9, weeks=32))
    step = chat.start()
    assert "Using Leo's corrected age, 7 months" in text(step)
    assert "6-month questions" in text(step)
    assert chat.sitting.questions == tuple(ids_at(6))
    assert f"1 of {len(ids_at(6)) + 1}" in text(step)  # the lost-skills question comes last


def test_term_ten_month_old_is_asked_the_nine_month_questions() -> None:
    chat = Chat(months_old(10))
    step = chat.start()
    assert "Leo is 10 months old." in text(step)
    assert chat.sitting.questions == tuple(ids_at(9))


def test_corrected_age_stops_at_24_months() -> None:
    chat = Chat(months_old(25, weeks=30))
    step = chat.start()
    assert "corrected" not in text(step)
    assert chat.sitting.checklist_age == 24


def test_questions_have_three_buttons_unique_to_the_milestone_and_a_progress_marker() -> None:
    chat = Chat(months_old(10))
    step = chat.start()
    first = ids_at(9)[0]
    assert payloads(step) == [f"ci:{first}:y", f"ci:{first}:n", f"ci:{first}:u"]
    assert [b.label for b in step.replies[-1].all_buttons] == ["Yes", "Not yet", "Not sure"]  # type: ignore[union-attr]
    step = chat.answer("yes")
    assert f"2 of {len(ids_at(9)) + 1}" in text(step)


def test_each_answer_is_saved_at_once_with_age_and_checklist_age() -> None:
    chat = Chat(months_old(9, weeks=32))
    chat.start()
    step = chat.answer("not_sure")
    assert step.effects == (RecordObservation(1, ids_at(6)[0], "not_sure", TODAY, 7, 6),)


def test_earlier_not_yet_and_not_sure_come_back_after_the_current_ones() -> None:
    earlier = (
        ObservationView("reaches_grabs_toy", "not_yet", TODAY - timedelta(days=90), 6),
        ObservationView("mouths_objects", "not_sure", TODAY - timedelta(days=90), 6),
        ObservationView("rolls_tummy_to_back", "not_yet", TODAY - timedelta(days=90), 6),
        ObservationView("rolls_tummy_to_back", "yes", TODAY - timedelta(days=60), 7),
    )
    child = months_old(10)
    chat = Chat(replace(child, observations=(*child.observations, *earlier)))
    step = chat.start()
    assert chat.sitting.questions == (*ids_at(9), "reaches_grabs_toy", "mouths_objects")
    assert "plus 2 from earlier ages" in text(step)
    step = chat.answer(*["yes"] * len(ids_at(9)))
    assert "from an earlier age" in text(step)


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("yes", "yes"),
        ("Y", "yes"),
        ("yep!", "yes"),
        ("nope", "not_yet"),
        ("not really", "not_yet"),
        ("Not yet", "not_yet"),
        ("no", "not_yet"),
        ("dunno", "not_sure"),
        ("not sure", "not_sure"),
        ("sometimes", "not_sure"),
    ],
)
def test_typed_answers(typed: str, answer: Answer) -> None:
    chat = Chat(months_old(10))
    chat.start()
    step = chat.send(typed)
    assert step.effects == (RecordObservation(1, ids_at(9)[0], answer, TODAY, 10, 9),)


@pytest.mark.parametrize("event", [TextIn("purple"), ButtonIn("ci:sits_unsupported:x")])
def test_an_unreadable_answer_asks_again_and_saves_nothing(event: Event) -> None:
    chat = Chat(months_old(10))
    chat.start()
    step = chat.send(event)
    assert step.effects == ()
    assert "Please answer Yes, Not yet or Not sure" in text(step)
    assert "1 of" in text(step)


def test_a_button_for_another_question_answers_nothing() -> None:
    chat = Chat(months_old(10))
    chat.start()
    chat.answer("yes")
    step = chat.send(ButtonIn(f"ci:{ids_at(9)[0]}:n"))  # the first question, no longer on screen
    assert step.effects == ()
    assert chat.sitting.answers == {ids_at(9)[0]: "yes"}


# --- guidance levels ---------------------------------------------------------------------


def run_nine_month_check(answers: dict[str, Answer], **child: object) -> str:
    chat = Chat(replace(months_old(10), **child))  # type: ignore[arg-type]
    chat.start()
    step = chat.answer(*(answers.get(q, "yes") for q in ids_at(9)))
    assert "stopped doing something" in text(step)
    step = chat.no_lost_skills()
    # The check-in is over; its result is on screen, each part a button away.
    assert chat.state is None or isinstance(chat.state, ResultState)
    return text(step)


def test_all_yes_is_on_track() -> None:
    out = run_nine_month_check({})
    assert "Gross motor (whole body): on track" in out
    assert "Fine motor (hands and fingers): on track" in out
    assert "I'll remind you when the next check-in is due" in out


def test_not_sure_is_watch_with_activities_and_look_again() -> None:
    out = run_nine_month_check({"hand_to_hand_transfer": "not_sure"})
    assert "Fine motor (hands and fingers): keep practising and look again" in out
    assert "Gross motor (whole body): on track" in out
    assert "I'll ask about those skills again within 14 days" in out
    assert "Ideas to try at home" in out


def test_a_missed_milestone_is_discuss_with_screening_and_the_75_percent_framing() -> None:
    out = run_nine_month_check({"hand_to_hand_transfer": "not_yet"})
    assert "Fine motor (hands and fingers): worth raising with the doctor" in out
    assert "3 in 4 children do this by 9 months" in out
    assert "ask about developmental screening" in out
    assert "75% of children" in out
    names = [a.title for a in KB.activities_for_milestone("hand_to_hand_transfer")]
    assert any(name in out for name in names)


def test_past_the_who_window_or_a_red_flag_is_prompt() -> None:
    out = run_nine_month_check({"sits_unsupported": "not_yet"})
    assert "Gross motor (whole body): talk to the doctor soon" in out
    assert "Fine motor (hands and fingers): on track" in out
    assert "contact Leo's doctor soon" in out


def test_regression_across_two_check_ins_weeks_apart_is_urgent_at_once() -> None:
    chat = Chat(months_old(9))
    chat.start()
    chat.answer(*["yes"] * len(ids_at(9)))
    chat.today = TODAY + timedelta(weeks=3)
    step = chat.start()
    assert "1 of" in text(step)  # a finished check-in is not offered for continuing
    step = chat.answer("not_yet")
    urgent, question = step.replies
    assert "as soon as possible" in urgent.plain  # type: ignore[union-attr]
    assert "loss of skills" in urgent.plain  # type: ignore[union-attr]
    assert "2 of" in question.plain  # type: ignore[union-attr]
    chat.answer(*["yes"] * (len(ids_at(9)) - 1))
    out = text(chat.no_lost_skills())
    assert "talk to the doctor as soon as possible" in out
    assert "whatever else this check-in says" in out


def test_fine_and_trunk_behind_together_puts_core_and_shoulder_activities_first() -> None:
    chat = Chat(months_old(6))
    chat.start()
    answers = {"prop_sits_on_hands": "not_yet", "reaches_grabs_toy": "not_yet"}
    chat.answer(*(answers.get(q, "yes") for q in ids_at(6)))
    ideas = text(chat.no_lost_skills()).split(guidance_text.IDEAS_TITLE)[-1]
    assert "core and shoulder strength come first" in ideas
    first = ideas.split("\n• ")[1].split(":")[0]
    assert next(a for a in KB.activities if a.title == first).proximal


def test_a_hard_daily_task_gets_an_adaptation() -> None:
    out = run_nine_month_check({"rakes_food": "not_yet"})
    assert "Easier eating:" in out


# --- resume, start over, entry points ------------------------------------------------------


def test_cancel_mid_way_then_checkin_offers_to_continue() -> None:
    chat = Chat(months_old(10))
    chat.start()
    chat.answer("yes", "not_yet")
    chat.state = None  # /cancel: the engine drops the flow state, the answers stay
    step = chat.start()
    assert "2 of 5 answered" in text(step).replace(str(len(ids_at(9))), "5")
    assert payloads(step) == [checkin.CONTINUE, checkin.START_OVER]
    step = chat.send(ButtonIn(checkin.CONTINUE))
    # this sitting: the rest + lost skills, numbered on from the two answers saved
    assert f"3 of {len(ids_at(9)) + 1}" in text(step)
    assert ids_at(9)[2] in payloads(step)[0]
    chat.answer(*["yes"] * (len(ids_at(9)) - 2))
    out = text(chat.no_lost_skills())
    assert f"“{KB.milestone(ids_at(9)[1]).title}”: not yet" in out  # given before /cancel


def test_start_over_asks_everything_again() -> None:
    chat = Chat(months_old(10))
    chat.start()
    chat.answer("yes")
    chat.state = None
    chat.start()
    step = chat.send(ButtonIn(checkin.START_OVER))
    assert f"1 of {len(ids_at(9)) + 1}" in text(step)
    chat.answer("yes")
    chat.state = None
    assert payloads(chat.start()) == [checkin.CONTINUE, checkin.START_OVER]


def test_reminder_button_checks_in_on_that_child_and_makes_it_active() -> None:
    chat = Chat(months_old(10), months_old(9, weeks=32, cid=2, name="Mia"))
    step = chat.start("2")
    assert "Using Mia's corrected age, 7 months" in text(step)
    assert SetActiveChild(2) in chat.effects


@pytest.mark.parametrize("args", ["99", "abc", "-1"])
def test_a_child_id_not_in_the_family_is_refused(args: str) -> None:
    chat = Chat(months_old(10))
    step = chat.start(args)
    assert step.state is None
    assert step.effects == ()
    assert "could not find that child" in text(step)


def test_too_young_for_a_check_in() -> None:
    step = Chat(months_old(1)).start()
    assert step.state is None
    assert "first check-in is at 2 months" in text(step)


def test_no_child_yet_starts_onboarding() -> None:
    ctx = FlowContext(datetime(2026, 11, 21, tzinfo=UTC), TODAY, FamilyView(chat_id=5), KB)
    step = checkin.start(ctx, "")
    assert step.state is not None
    assert step.state.flow == "onboarding"


def test_the_flow_state_is_stored_as_json_and_read_back_the_same() -> None:
    import json

    chat = Chat(months_old(10))
    chat.start()
    chat.answer("yes", "not_sure")
    stored = json.loads(json.dumps(states.dump(chat.sitting)))
    assert states.load("checkin", "question", stored) == chat.sitting


def test_sessions_split_on_a_repeated_milestone_or_a_new_checklist_age() -> None:
    day = TODAY
    obs = [
        ObservationView("a", "yes", day, 9),
        ObservationView("b", "yes", day, 9),
        ObservationView("a", "not_yet", day, 10),
        ObservationView("c", "yes", day, 12),
    ]
    found = checkin_plan.sessions(obs)
    assert [(s.checklist_age, list(s.answers)) for s in found] == [
        (9, ["a", "b"]),
        (9, ["a"]),
        (12, ["c"]),
    ]
    assert found[1].prior == tuple(obs[:2])


# --- two members answering (issue 17) ------------------------------------------------------


def _second_opinion(first: Answer, then: Answer, *, days: int, member: int) -> tuple[Step, str]:
    """Mum answers the 9-month check-in all "yes" but its first item ``first``; ``days``
    later, ``member`` answers a check-in with ``then`` for that item and "yes" for the rest:
    the reply to that answer, and the result."""
    chat = Chat(months_old(9))
    chat.start()
    chat.answer(first, *["yes"] * (len(ids_at(9)) - 1))
    chat.no_lost_skills()
    chat.as_member(member, days_later=days)
    step = chat.start()
    assert ids_at(9)[0] in payloads(step)[0]  # the check-in asks that item again
    answered = chat.answer(then)
    chat.answer(*["yes"] * (len(ids_at(9)) - 1))
    return answered, text(chat.no_lost_skills())


def test_two_members_answering_differently_within_two_weeks_is_not_a_regression() -> None:
    answered, out = _second_opinion("yes", "not_yet", days=3, member=2)
    assert "loss of skills" not in text(answered)
    assert "Urgent" not in text(answered)
    title = KB.milestone(ids_at(9)[0]).title
    assert "Answered differently:" in out
    assert f"“{title}”: Mum yes, you not yet" in out
    assert "watch for them together" in out
    assert "as soon as possible" not in out  # graded like any "not yet", not urgent


def test_a_not_yet_after_a_yes_from_the_other_member_weeks_ago_is_still_a_regression() -> None:
    answered, out = _second_opinion("yes", "not_yet", days=15, member=2)
    assert "loss of skills" in text(answered)
    assert "Answered differently:" not in out
    assert "talk to the doctor as soon as possible" in out


def test_the_same_member_reporting_a_lost_skill_is_still_urgent() -> None:
    answered, out = _second_opinion("yes", "not_yet", days=3, member=1)
    assert "loss of skills" in text(answered)
    assert "Answered differently:" not in out
    assert "talk to the doctor as soon as possible" in out


def test_the_other_member_seeing_a_skill_is_a_disagreement_too() -> None:
    _, out = _second_opinion("not_yet", "yes", days=3, member=2)
    title = KB.milestone(ids_at(9)[0]).title
    assert f"“{title}”: Mum not yet, you yes" in out


def test_a_lost_skill_reported_by_one_member_stays_urgent_amid_a_disagreement() -> None:
    chat = Chat(months_old(9))
    chat.start()
    chat.answer(*["yes"] * len(ids_at(9)))
    chat.no_lost_skills()
    chat.as_member(2, days_later=3)
    chat.start()
    chat.answer("not_yet", *["yes"] * (len(ids_at(9)) - 1))
    chat.send(ButtonIn(checkin.LOST_YES))
    out = text(chat.send("she stopped rolling over"))
    assert "Answered differently:" in out
    assert "Please contact Leo's doctor as soon as possible" in out
    assert "whatever else this check-in says" in out
