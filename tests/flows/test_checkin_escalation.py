"""Issue 11, finding by finding, on the pure check-in flow and the shipped content.

Each test names the finding it covers. ``Chat`` (from test_checkin) plays the engine: it
records effects and applies answers to the family snapshot.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.domain.age import add_months
from bot.domain.views import (
    ChildView,
    ObservationView,
    ReminderKind,
    ReminderStatus,
    ReminderView,
)
from bot.engine import states
from bot.flows.base import ButtonIn
from bot.flows.checkin import flow as checkin
from bot.flows.checkin import guidance as guidance_text
from bot.flows.checkin import plan as checkin_plan
from bot.flows.checkin.flow import CheckinState
from bot.flows.effects import CloseFollowUp, SaveConcern, ScheduleFollowUp
from knowledge.escalation import default_rules
from knowledge.signs import default_danger_signs
from tests.flows.test_checkin import KB, TODAY, Chat, ids_at, months_old
from tests.support.flows import text

RULES = default_rules()


def run(chat: Chat, answers: dict[str, str], *, lost: bool = False) -> str:
    """Answer this sitting ("yes" unless ``answers`` says) and the lost-skills question."""
    chat.start()
    chat.answer(*(answers.get(q, "yes") for q in chat.asking))
    if lost:
        chat.send(ButtonIn(checkin.LOST_YES))
        return text(chat.send("She stopped sitting up on her own last week"))
    return text(chat.no_lost_skills())


def follow_ups(chat: Chat) -> dict[str, ScheduleFollowUp]:
    return {e.kind: e for e in chat.effects if isinstance(e, ScheduleFollowUp)}


def exact(months: int, days: int = 0, **fields: object) -> ChildView:
    """A child with a full history, exactly ``months`` and ``days`` old today."""
    child = months_old(months)
    born = add_months(TODAY, -months) - timedelta(days=days)
    return replace(child, birth_date=born, **fields)  # type: ignore[arg-type]


# --- red flags fire at the check-in where they are asked -----------------------------------


def test_not_sitting_at_the_nine_month_check_in_is_talk_to_the_doctor_soon() -> None:
    out = run(Chat(exact(9)), {"sits_unsupported": "not_yet"})
    assert "Gross motor (whole body): talk to the doctor soon" in out
    assert "from 9 months on, this is worth a doctor's check soon" in out
    assert "still missing after" not in out  # was "not yet at 9 months; still missing after"
    assert "worth raising" not in out.split("Gross motor")[1].split("\n")[0]


def test_a_red_flag_item_not_there_before_its_age_is_rechecked_on_the_red_flag_day() -> None:
    chat = Chat(exact(6, 25))
    run(chat, {"rolls_tummy_to_back": "not_yet"})  # red flag from 7 months, days away
    recheck = follow_ups(chat)["practise"]
    assert "rolls_tummy_to_back" in recheck.items
    born = chat.child().birth_date
    assert recheck.due_on == add_months(born, 7)  # the day it turns 7 months, not at 9


# --- asymmetry is a red flag, never the weakest level --------------------------------------


def test_moves_both_arms_and_legs_not_yet_is_a_red_flag_without_a_kicking_game() -> None:
    chat = Chat(exact(2, 3))
    out = run(chat, {"moves_all_limbs": "not_yet"})
    assert "Gross motor (whole body): talk to the doctor as soon as possible" in out
    assert "Ideas to try at home" not in out
    assert "kick" not in out.lower()
    assert "doctor" in follow_ups(chat)


# --- misses add up ------------------------------------------------------------------------


def test_everything_not_yet_at_two_months_is_more_than_one_missed_item() -> None:
    chat = Chat(exact(2, 3))
    out = run(chat, dict.fromkeys(ids_at(2), "not_yet"))
    assert guidance_text.SCREENING not in out  # "one missed item ... not a panic"
    assert "Together:" in out
    assert RULES.miss_rules[0].says.split(".")[0] in out


def test_two_misses_in_one_domain_at_two_years_raise_the_level() -> None:
    out = run(Chat(exact(24, 3)), {"kicks_ball": "not_yet", "runs": "not_yet"})
    assert "Next step: Please contact Leo's doctor soon" in out
    assert "Together:" in out


def test_a_single_miss_stays_worth_raising() -> None:
    out = run(Chat(exact(48, 3)), {"catches_large_ball": "not_yet"})
    assert "Next step: Raise it with Leo's doctor" in out
    assert "Together:" not in out


# --- "not sure" past a red-flag age: look for it this week, asked again in 7 days -----------


def test_not_sure_on_a_red_flag_item_past_its_age_is_look_this_week_and_asked_again() -> None:
    chat = Chat(exact(10, 3))
    out = run(chat, {"sits_unsupported": "not_sure"})
    assert "look for it this week" in out
    assert f"I'll ask about it again in {RULES.look_again_days} days" in out
    again = follow_ups(chat)["look_again"]
    assert again.items == ("sits_unsupported",)
    assert again.due_on == TODAY + timedelta(days=RULES.look_again_days)


def test_not_sure_before_a_red_flag_age_is_practise_and_look_again_later() -> None:
    chat = Chat(exact(9, 3))
    out = run(chat, {"hand_to_hand_transfer": "not_sure"})
    assert "I'll ask about those skills again within 14 days" in out
    practise = follow_ups(chat)["practise"]
    assert practise.items == ("hand_to_hand_transfer",)
    assert practise.due_on == TODAY + timedelta(days=RULES.practise_days)
    assert "look_again" not in follow_ups(chat)


def test_talk_to_the_doctor_soon_schedules_a_follow_up_a_week_later() -> None:
    chat = Chat(exact(10, 3))
    run(chat, {"sits_unsupported": "not_yet"})
    doctor = follow_ups(chat)["doctor"]
    assert doctor.due_on == TODAY + timedelta(days=RULES.doctor_follow_up_days)
    assert doctor.items == ()


def test_on_track_promises_nothing() -> None:
    chat = Chat(exact(10, 3))
    run(chat, {})
    assert follow_ups(chat) == {}


def test_a_recheck_asks_only_its_items_then_closes_its_reminder() -> None:
    chat = Chat(exact(10, 3))
    chat.family = replace(
        chat.family,
        reminders=(
            ReminderView(
                41, 1, 9, ReminderStatus.SENT, None, ReminderKind.LOOK_AGAIN, ("sits_unsupported",)
            ),
        ),
    )
    step = checkin.recheck(chat.ctx, "41")
    chat._apply(step)
    assert "a quick look again at one skill" in text(step)
    assert "1 of 2" in text(step)
    chat.answer("yes")
    out = text(chat.no_lost_skills())
    assert "on track" in out
    assert CloseFollowUp(41) in chat.effects


@pytest.mark.parametrize("args", ["", "99", "abc"])
def test_a_recheck_for_a_reminder_not_open_is_refused(args: str) -> None:
    chat = Chat(exact(10, 3))
    step = checkin.recheck(chat.ctx, args)
    assert step.state is None
    assert "no longer open" in text(step)


# --- every check-in asks about lost skills --------------------------------------------------


def test_every_check_in_ends_with_the_lost_skills_question() -> None:
    chat = Chat(exact(30, 3))
    chat.start()
    step = chat.answer(*["yes"] * len(chat.asking))
    assert "has Leo stopped doing something they used to do" in text(step)


def test_lost_skills_yes_asks_what_records_it_and_the_result_is_urgent() -> None:
    chat = Chat(exact(12, 3))
    out = run(chat, {}, lost=True)
    assert "Lost skills:" in out
    assert "contact Leo's doctor as soon as possible" in out
    assert "Ideas to try at home" not in out
    saved = [e for e in chat.effects if isinstance(e, SaveConcern)]
    words = "She stopped sitting up on her own last week"
    assert saved == [
        SaveConcern(1, guidance_text.LOST_SKILLS_YES, "regression", "urgent", TODAY),
        SaveConcern(1, words, "regression", "urgent", TODAY),
    ]
    assert "doctor" in follow_ups(chat)


def test_a_yes_to_lost_skills_is_advised_and_kept_at_once() -> None:
    """A pediatrician's review: a parent who said yes and then typed /cancel was told
    nothing and the summary showed nothing. The advice and the record come with the yes."""
    chat = Chat(exact(12, 3))
    chat.start()
    chat.answer(*["yes"] * len(chat.asking))
    step = chat.send(ButtonIn(checkin.LOST_YES))
    assert text(step).startswith(default_danger_signs().answers.urgent)
    assert "What has Leo stopped doing?" in text(step)
    assert SaveConcern(1, guidance_text.LOST_SKILLS_YES, "regression", "urgent", TODAY) in (
        step.effects
    )


def test_lost_skills_question_needs_yes_or_no() -> None:
    chat = Chat(exact(12, 3))
    chat.start()
    chat.answer(*["yes"] * len(chat.asking))
    step = chat.send("purple")
    assert guidance_text.LOST_SKILLS_HELP in text(step)
    assert chat.state is not None
    assert chat.state.step == "lost"


@pytest.mark.parametrize("typed", ["Not yet", "not sure", "dunno", "partly"])
def test_lost_skills_question_asks_again_for_a_check_in_answer(typed: str) -> None:
    """A clinician's read: "Not yet" typed out of habit (the check-in's own buttons) was
    taken as "No" and closed the check-in; a lost skill must not be closed on a guess."""
    chat = Chat(exact(12, 3))
    chat.start()
    chat.answer(*["yes"] * len(chat.asking))
    step = chat.send(typed)
    assert guidance_text.LOST_SKILLS_HELP in text(step)
    assert chat.state is not None
    assert chat.state.step == "lost"


@pytest.mark.parametrize(("typed", "step_after"), [("no", None), ("Yes", "lost_what")])
def test_lost_skills_question_takes_a_typed_yes_or_no(typed: str, step_after: str | None) -> None:
    chat = Chat(exact(12, 3))
    chat.start()
    chat.answer(*["yes"] * len(chat.asking))
    chat.send(typed)
    assert (chat.state.step if chat.state else None) == step_after


# --- a first check-in catches up, ten questions at most -----------------------------------


def test_first_check_in_at_two_years_asks_about_walking_first() -> None:
    chat = Chat(exact(24, 3, observations=()))
    chat.start()
    assert chat.asking[0] == "walks_independently"
    assert len(chat.asking) + 1 <= RULES.max_questions


def test_first_check_in_at_one_year_asks_about_sitting() -> None:
    chat = Chat(exact(12, 3, observations=()))
    chat.start()
    assert "sits_unsupported" in chat.asking[: RULES.catch_up_max]


def test_walking_answered_yes_before_is_not_caught_up_again() -> None:
    walked = ObservationView("walks_independently", "yes", TODAY, 18)
    assert "walks_independently" not in checkin_plan.questions_for(24, (walked,), KB)
    assert "walks_independently" in checkin_plan.questions_for(24, (), KB)


def test_questions_over_the_cap_come_as_a_follow_up() -> None:
    chat = Chat(exact(72, 3, observations=()))
    out = run(chat, {})
    plan = checkin_plan.questions_for(72, (), KB)
    rest = plan[RULES.max_questions - 1 :]
    assert f"There are {len(rest)} more questions" in out
    more = follow_ups(chat)["more"]
    assert list(more.items) == rest
    assert more.due_on == TODAY + timedelta(days=RULES.more_questions_days)


# --- the missing infant items ---------------------------------------------------------------


def test_infant_items_for_one_side_tone_and_fisting_are_asked() -> None:
    assert {"uses_both_sides", "body_tone_typical"} <= set(ids_at(2))
    assert "hands_mostly_open" in ids_at(4)
    for mid, age in (("uses_both_sides", 2), ("body_tone_typical", 2), ("hands_mostly_open", 4)):
        m = KB.milestone(mid)
        assert m.red_flag_after_months == age
        assert m.red_flag_sources


def test_one_side_used_less_can_no_longer_come_back_on_track() -> None:
    out = run(Chat(exact(2, 3)), {"uses_both_sides": "not_yet"})
    assert "Gross motor (whole body): talk to the doctor soon" in out


# --- honest wording ----------------------------------------------------------------------


def test_three_in_four_only_for_cdc_items_and_never_a_decimal_month() -> None:
    out = run(Chat(exact(12, 3)), {"stands_holding_on": "not_yet", "pulls_to_stand": "not_yet"})
    stands = next(line for line in out.splitlines() if "“Stands holding on to furniture”:" in line)
    assert "3 in 4" not in stands
    pulls = next(line for line in out.splitlines() if "“Pulls up to stand”:" in line)
    assert "3 in 4 children do this by 12 months" in pulls
    assert re.search(r"\d\.\d", out) is None


def test_past_the_who_window_says_weeks_not_decimals() -> None:
    out = run(Chat(exact(17, 25)), {"first_independent_steps": "not_yet"})
    assert "99 in 100 children did this by 17 months and 3 weeks" in out


# --- who to contact, by age and level ------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        (10, "in the US, Early Intervention; in the UK, your health visitor"),
        (48, "a physical or occupational therapist"),
        (72, "Leo's school"),
    ],
)
def test_who_to_contact_follows_the_age(months: int, expected: str) -> None:
    contact = guidance_text.who_to_contact("prompt", "Leo", months)
    assert contact is not None
    assert "Leo's doctor soon" in contact
    assert expected in contact
    assert guidance_text.who_to_contact("watch", "Leo", months) is None


def test_check_in_results_name_the_early_intervention_service_for_under_threes() -> None:
    out = run(Chat(exact(10, 3)), {"sits_unsupported": "not_yet"})
    assert "Early Intervention" in out
    assert "health visitor" in out


def test_after_a_recheck_the_next_check_in_is_not_offered_as_unfinished() -> None:
    chat = Chat(exact(10, 3))
    run(chat, {"sits_unsupported": "not_sure"})
    chat.family = replace(
        chat.family,
        reminders=(
            ReminderView(
                41, 1, 9, ReminderStatus.SENT, None, ReminderKind.LOOK_AGAIN, ("sits_unsupported",)
            ),
        ),
    )
    chat._apply(checkin.recheck(chat.ctx, "41"))
    chat.answer("yes")
    chat.no_lost_skills()
    step = chat.start()
    assert checkin.CONTINUE not in [b.payload for r in step.replies for b in r.all_buttons]  # type: ignore[union-attr]
    assert "1 of" in text(step)


def test_a_check_in_saved_before_sittings_were_capped_still_continues() -> None:
    chat = Chat(exact(10, 3))
    chat.start()
    stored = states.dump(chat.sitting)
    old = {k: v for k, v in stored.items() if k not in ("asking", "recheck_id")}
    loaded = states.load("checkin", "question", old)
    assert isinstance(loaded, CheckinState)
    assert loaded.asking is None
    chat.state = loaded
    for question in ids_at(9):  # the old state asks the age's own items, as before
        step = chat.send(ButtonIn(f"ci:{question}:y"))
    assert "stopped doing something" in text(step)
    assert "on track" in text(chat.no_lost_skills())


def test_only_look_this_week_makes_that_the_next_step_not_weeks_of_practice() -> None:
    out = run(Chat(exact(10, 3)), {"sits_unsupported": "not_sure"})
    step = out.split("Next step: ")[1]
    assert step.startswith("Please look for “Sits without support” this week")
    assert "those skills again within" not in out


def test_not_sure_whether_a_limb_moves_gets_no_game_for_it() -> None:
    out = run(Chat(exact(2, 3)), {"moves_all_limbs": "not_sure"})
    assert "look for “Moves both arms and both legs” this week" in out
    assert "Ideas to try at home" not in out


# --- merged with issue 10: a danger sign typed mid-check-in --------------------------------


def test_a_lost_skill_typed_mid_check_in_raises_the_result_and_is_followed_up() -> None:
    typed = "he could roll over last month but now he can't anymore"
    chat = Chat(exact(12, 3))
    chat.start()
    chat.state = replace(chat.sitting, asides=((typed, "urgent"),))
    chat.answer(*["yes"] * len(chat.asking))
    out = text(chat.no_lost_skills())
    assert f"“{typed}”: a sign like this" in out
    assert "contact Leo's doctor as soon as possible" in out
    assert "Ideas to try at home" not in out
    assert "doctor" in follow_ups(chat)


# --- merged with issue 12: for-information items --------------------------------------------


def test_a_for_information_not_yet_is_practised_and_asked_again_never_raised() -> None:
    from bot.flows.checkin import result as checkin_result
    from bot.flows.checkin.grading import grade

    child = exact(66, 3)
    clock = child.clock(TODAY)
    legacy = "legacy_stands_one_foot_10s"
    result = grade({legacy: "not_yet", "hops_one_foot": "yes"}, KB, clock, ())
    assert result.level == "watch"
    assert result.raised_by == ()
    ups = checkin_result.follow_ups(result, clock, child.id, 60)
    assert [(u.kind, u.items) for u in ups] == [("practise", (legacy,))]
    ideas = checkin_result.ideas(result, clock.age.months, KB)
    assert ideas is not None  # keep practising: home games, as for any ordinary finding


def test_a_two_month_old_who_does_not_move_all_limbs_needs_the_doctor_today() -> None:
    """A pediatrician's review: not moving both arms and legs, or a floppy or stiff body, at
    2 months was only "soon"; it is a same-day check (urgent), said in plain words."""
    for item in ("moves_all_limbs", "body_tone_typical"):
        out = run(Chat(exact(2, 3)), {item: "not_yet"})
        assert "Gross motor (whole body): talk to the doctor as soon as possible" in out
        assert "this needs a doctor's check today" in out
        assert "today if you can" in out
