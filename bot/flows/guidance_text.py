"""Every sentence of check-in guidance, in one place, so its tone can be reviewed at once.

The rules for it: warm, plain words, short enough for a phone screen, never a diagnosis, and
always a next step. Grading (``grading.py``) decides the level; this module only says it.
"""

from __future__ import annotations

from bot.age import Age, describe_months
from bot.flows.grading import Finding, Level, Reason
from knowledge.models import DailyTask, Domain

LEVEL_LABEL: dict[Level, str] = {
    "on_track": "on track",
    "watch": "keep practising and look again",
    "discuss": "worth raising with the doctor",
    "prompt": "talk to the doctor soon",
    "urgent": "talk to the doctor as soon as possible",
    "emergency": "call emergency services now",
}

DOMAIN_LABEL: dict[Domain, str] = {
    "gross": "Gross motor (whole body)",
    "fine": "Fine motor (hands and fingers)",
}

TASK_LABEL: dict[DailyTask, str] = {
    "eating": "eating",
    "dressing": "dressing",
    "drawing": "drawing",
    "play": "play",
    "hygiene": "washing and teeth",
    "school": "school tasks",
}

SCREENING = (
    "These checklists are set at what 75% of children do, so one missed item is worth a "
    "conversation, not a panic."
)

CORE_FIRST = (
    "Hands work best from a steady base: core and shoulder strength come first (proximal "
    "stability), so start with the ones for the body."
)

NO_QUESTIONS = (
    "I have no questions for this age yet. /activities has ideas, and you can tell me any "
    "worry in your own words."
)

ANSWER_HELP = "Please answer Yes, Not yet or Not sure (or type yes, no or not sure)."


def months(value: float) -> str:
    """'9 months', '2 years', '9.2 months': ages as parents read them."""
    return describe_months(int(value)) if value == int(value) else f"{value:g} months"


def age_line(name: str, age: Age, weeks: int | None) -> str:
    """Which age the check-in uses, said plainly (corrected age needs a reason)."""
    if age.corrected_months is not None:
        return (
            f"Using {name}'s corrected age, {describe_months(age.corrected_months)}: "
            f"born at {weeks} weeks, so until 24 months I count from the due date."
        )
    return f"{name} is {describe_months(age.chronological_months)} old."


def checklist_name(checklist_age: int) -> str:
    """'6-month', '2-year', '30-month': how the checklists are named."""
    if checklist_age >= 24 and checklist_age % 12 == 0:
        return f"{checklist_age // 12}-year"
    return f"{checklist_age}-month"


def questions_line(checklist_age: int, current: int, earlier: int) -> str:
    more = f", plus {earlier} from earlier check-ins to look at again" if earlier else ""
    return (
        f"Here are the {checklist_name(checklist_age)} questions ({current}){more}. "
        "Answer what you have seen lately; “Not sure” is a fine answer."
    )


def next_step(level: Level, name: str) -> str:
    """What to do now, for the most serious level of a check-in."""
    return {
        "on_track": "Keep playing together as you do. I'll remind you when the next check-in "
        "is due.",
        "watch": "Try the ideas below for two or three weeks, then look again with /checkin.",
        "discuss": f"Raise it with {name}'s doctor and ask about developmental screening. "
        + SCREENING,
        "prompt": f"Please contact {name}'s doctor soon, in the next few days rather than at "
        "the next routine visit, and say what you noticed. It is a check, not a diagnosis.",
        "urgent": f"Please contact {name}'s doctor as soon as possible. A loss of skills always "
        "deserves a prompt check, whatever else this check-in says.",
        "emergency": "Call emergency services now.",
    }[level]


TOLD_TITLE = "What you told me during the check-in"


def told(level: Level, name: str) -> str:
    """Why something the parent typed mid-check-in sets the result, whatever the answers."""
    if level == "emergency":
        return "this can be an emergency: call your local emergency number if you have not yet."
    return (
        f"a lost skill or a sudden change like this needs {name}'s doctor soon, today if you "
        "can, whatever the answers say."
    )


def regression_now(name: str, title: str) -> str:
    """Said right after the answer that shows a loss of skills, before anything else."""
    return (
        f"Earlier you told me {name} could do this (“{title}”), and now it is not yet. "
        f"A loss of skills always deserves a prompt check: please contact {name}'s doctor "
        "as soon as possible."
    )


def reason(finding: Finding, name: str, age_months: int) -> str:
    """Why one milestone sits at its level, in one short line."""
    milestone = finding.milestone
    at = describe_months(age_months)
    match finding.reason:
        case Reason.NOT_SURE:
            return "not sure yet"
        case Reason.EMERGING:
            return (
                f"not yet; most children get there by {months(milestone.most_by_months)}, "
                "so there is time"
            )
        case Reason.FOR_INFORMATION:
            return (
                f"not yet; for information only, not counted as a miss "
                f"({milestone.for_information}): keep practising"
            )
        case Reason.MISSED:
            return f"not yet; 3 in 4 children do this by {months(milestone.most_by_months)}"
        case Reason.PAST_WHO_P99:
            p99 = milestone.who_window.p99_months if milestone.who_window else age_months
            return (
                f"not yet at {at}; in the WHO study 99 in 100 children did this by {months(p99)}"
            )
        case Reason.RED_FLAG:
            after = months(milestone.red_flag_after_months or age_months)
            return f"not yet at {at}; still missing after {after}, it is worth a doctor's check"
        case Reason.REGRESSION:
            return f"{name} could do this before and not now: a loss of skills"
        case Reason.YES:
            return "yes"


def all_yes(count: int) -> str:
    return "all answered yes." if count > 1 else "answered yes."


def more_yes(count: int) -> str:
    return f"{count} more answered yes"


IDEAS_TITLE = "Ideas to try at home"


def look_again(name: str) -> str:
    """For "not sure" answers when the next step is about something else."""
    return f"For the “not sure” ones: watch {name} over the coming days; /checkin asks again."


def done_intro(name: str, age: Age) -> str:
    used = describe_months(age.months)
    at = f"corrected age {used}" if age.uses_corrected else used
    return f"Thank you! Here is what I make of {name}'s answers (at {at}):"


def resume_question(name: str, answered: int, total: int) -> str:
    return (
        f"You were part-way through {name}'s check-in ({answered} of {total} answered, all "
        "saved). Continue where you stopped, or start over?"
    )


def nothing_to_ask(name: str, age: Age) -> str:
    return (
        f"{name}'s first check-in is at 2 months (the age I use is "
        f"{describe_months(age.months)}). I'll remind you when it is due. Meanwhile, /activities "
        "has ideas, and you can tell me any worry in your own words."
    )
