"""Every sentence of check-in guidance, in one place, so its tone can be reviewed at once.

The rules for it: warm, plain words, short enough for a phone screen, never a diagnosis, and
always a next step. Grading (``grading.py``) decides the level; this module only says it.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.age import Age, describe_age, describe_months
from bot.flows.checkin.grading import Finding, Level, Reason
from knowledge.models import DailyTask, Domain, Milestone

#: Children under this age (months) are served by early intervention / child development.
EARLY_INTERVENTION_UNTIL = 36
#: From this age (months) the school and school-age therapists are the next contacts.
SCHOOL_AGE_FROM = 60

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
    """'9 months', '2 years', '9 months and 1 week': ages as parents read them, no decimals."""
    return describe_age(value)


def most_by(milestone: Milestone) -> str:
    """Where the "most children" age comes from, in plain words.

    "3 in 4 children" is said only for CDC 2022 items (their ages are the 75% line); the
    other sources give no 75% age, so they get "most children by about".
    """
    at = months(milestone.most_by_months)
    first = milestone.sources[0] if milestone.sources else ""
    if first == "cdc_2022":
        return f"3 in 4 children do this by {at}"
    if first.startswith("who"):
        return f"in the WHO study most children did this by about {at}"
    if first == "cdc_legacy_5y":
        return f"an older CDC list puts this at about {at}"
    return f"most children do this by about {at}"


def who_to_contact(level: Level, name: str, age_months: int) -> str | None:
    """Who to contact for a level at this age; None when no contact is needed.

    The child's doctor always; under 3s also the early-intervention or child-development
    service (named for any country); school-age children also the school and a therapist.
    """
    if level in ("on_track", "watch", "emergency"):
        return None
    when = {"discuss": "", "prompt": " soon", "urgent": " as soon as possible"}[level]
    doctor = f"{name}'s doctor{when}"
    if age_months < EARLY_INTERVENTION_UNTIL:
        other = (
            "your local early-intervention or child-development service (in the US, Early "
            "Intervention; in the UK, your health visitor). In many places you can contact "
            "them yourself, without waiting for a referral"
        )
    elif age_months < SCHOOL_AGE_FROM:
        other = (
            "a physical or occupational therapist, if the doctor agrees; nursery or preschool "
            "staff can tell you what they see too"
        )
    else:
        other = (
            f"{name}'s school (the teacher or the special needs coordinator) and an "
            "occupational or physical therapist"
        )
    return f"Who to contact: {doctor}; also {other}."


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


def recheck_intro(name: str, count: int) -> str:
    skills = "one skill" if count == 1 else f"{count} skills"
    return (
        f"As promised, a quick look again at {skills} for {name}. Answer what you have seen "
        "this week; “Not sure” is a fine answer."
    )


def questions_line(checklist_age: int, current: int, earlier: int) -> str:
    more = f", plus {earlier} from earlier ages" if earlier else ""
    return (
        f"Here are the {checklist_name(checklist_age)} questions ({current}){more}, and one "
        "I ask every time. Answer what you have seen lately; “Not sure” is a fine answer."
    )


#: Why an urgent result is urgent, by where the urgency came from: something the parent
#: told Sprout (typed during the check-in, or "yes" to the lost-skills question), answers
#: (a skill long overdue, lost since a "yes", or needing a same-day check), or both.
URGENT_BECAUSE: dict[tuple[bool, bool], str] = {
    (True, False): "What you told me needs a prompt check, whatever else this check-in says.",
    (False, True): "Some of these answers need a prompt check, whatever else this check-in says.",
    (True, True): "What you told me, and some of these answers, need a prompt check.",
}


def next_step(level: Level, name: str, practise_days: int, because: tuple[bool, bool]) -> str:
    """What to do now, for the most serious level of a check-in (``practise_days``: when the
    practised skills are asked about again; ``because``: for an urgent result, whether the
    parent's own words and whether the answers made it urgent, ``URGENT_BECAUSE``)."""
    return {
        "on_track": "Keep playing together as you do. I'll remind you when the next check-in "
        "is due.",
        "watch": f"Try the ideas below; I'll ask about those skills again within "
        f"{practise_days} days.",
        "discuss": f"Raise it with {name}'s doctor and ask about developmental screening. "
        + SCREENING,
        "prompt": f"Please contact {name}'s doctor soon, in the next few days rather than at "
        "the next routine visit, and say what you noticed. It is a check, not a diagnosis.",
        "urgent": f"Please contact {name}'s doctor as soon as possible, today if you can (or "
        f"urgent care). {URGENT_BECAUSE.get(because, URGENT_BECAUSE[False, True])}",
        "emergency": "Call emergency services now.",
    }[level]


LOST_SKILLS_QUESTION = (
    "One last question, asked at every check-in: has {child} stopped doing something they "
    "used to do, like holding the head up, reaching, sitting, walking or using a hand?"
)
LOST_SKILLS_WHAT = (
    "Thank you for telling me. What has {child} stopped doing? A few words are enough; it "
    "goes into the summary for the doctor."
)
LOST_SKILLS_HELP = "Please answer Yes or No (or type yes or no)."
#: Kept with the child's worries the moment a parent answers "yes" to the lost-skills question.
LOST_SKILLS_YES = "Answered yes at a check-in: stopped doing something they used to do"


def lost_skills_finding(name: str) -> str:
    return (
        f"You told me {name} has stopped doing something {name} used to do. A loss of skills "
        "always deserves a prompt check."
    )


def look_this_week(titles: list[str], days: int) -> str:
    """The next step for "not sure" on red-flag items past their age."""
    named = ", ".join(f"“{t}”" for t in titles)
    return f"Please look for {named} this week; I'll ask about it again in {days} days."


def more_questions(count: int, days: int) -> str:
    """Questions left over by the per-check-in cap."""
    return (
        f"There are {count} more questions for this age; I'll send them in {days} days, "
        "or /checkin continues now."
    )


TOLD_TITLE = "What you told me during the check-in"


def told(level: Level, name: str) -> str:
    """Why something the parent typed mid-check-in sets the result, whatever the answers."""
    if level == "emergency":
        return "this can be an emergency: call your local emergency number if you have not yet."
    # Not only lost skills reach here: any same-day sign typed as an aside does (a fever
    # with a new limp), so the line names none.
    return f"a sign like this needs {name}'s doctor today, whatever the answers say."


TOGETHER_TITLE = "Answered differently:"
#: How an answer reads in a line of answers that differ.
ANSWER_WORDS = {"yes": "yes", "not_yet": "not yet", "not_sure": "not sure"}


def together_line(title: str, said: Sequence[tuple[str, str]]) -> str:
    """'“Sits without support”: Mum yes, you not yet' (who, then their latest answer)."""
    return f"“{title}”: " + ", ".join(f"{who} {ANSWER_WORDS[answer]}" for who, answer in said)


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
    flag = months(milestone.red_flag_after_months or age_months)
    match finding.reason:
        case Reason.NOT_SURE:
            return "not sure yet"
        case Reason.LOOK_THIS_WEEK:
            return (
                f"not sure; from {flag} on this matters, so please look for it this week "
                "(I'll ask about it again in a week)"
            )
        case Reason.EMERGING:
            return f"not yet; {most_by(milestone)}, so there is time"
        case Reason.FOR_INFORMATION:
            return (
                f"not yet; for information only, not counted as a miss "
                f"({milestone.for_information}): keep practising"
            )
        case Reason.MISSED:
            return f"not yet; {most_by(milestone)}"
        case Reason.PAST_WHO_P99:
            p99 = milestone.who_window.p99_months if milestone.who_window else age_months
            return f"not yet; in the WHO study 99 in 100 children did this by {months(p99)}"
        case Reason.RED_FLAG:
            return f"not yet; from {flag} on, this is worth a doctor's check soon"
        case Reason.OVERDUE:
            return (
                f"not yet; a sign to check from {flag} on, and long past that now: please "
                "talk to the doctor as soon as possible, without waiting for a routine visit"
            )
        case Reason.SAME_DAY:
            return "not yet; this needs a doctor's check today, not only soon"
        case Reason.REGRESSION:
            return f"{name} could do this before and not now: a loss of skills"
        case Reason.YES:
            return "yes"


def all_yes(count: int) -> str:
    return "all answered yes." if count > 1 else "answered yes."


def more_yes(count: int) -> str:
    return f"{count} more answered yes"


IDEAS_TITLE = "Ideas to try at home"
EACH_ANSWER = "Each answer"
#: When "Each answer" needs more than one screen, a button per part, named by what it holds
#: (was "Each answer", "Each answer (2)", "(3)": nothing said which answers were where).
ANSWERS_OF: dict[Domain, str] = {"gross": "Why: whole body", "fine": "Why: hands and fingers"}
MORE_ANSWERS_OF: dict[Domain, str] = {
    "gross": "More: whole body",
    "fine": "More: hands and fingers",
}
CONTINUED = "continued"
TOGETHER_AND_LATER: dict[tuple[bool, bool], str] = {
    (True, False): "Why together it counts more",
    (False, True): "What I'll ask again later",
    (True, True): "Together, and later",
}


def look_again(name: str, practise_days: int) -> str:
    """For "not sure" answers when the next step is about something else."""
    return (
        f"For the “not sure” ones: watch {name} over the coming days; I'll ask about them "
        f"again within {practise_days} days."
    )


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
