"""Adding a child: nickname, birth date, and weeks of gestation for babies born early.

The same steps serve ``/child`` for renaming a child and correcting a birth date (the state's
``child_id``), so every entry point validates input the same way. Every bad input gets a reply
that says what was wrong and asks the same question again; nothing typed before is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar, Literal, assert_never

from bot.domain.age import age_on, describe_months, is_preterm
from bot.domain.dates import format_date, format_month
from bot.domain.replies import Button, Reply, Span, bold, column, say
from bot.domain.views import FamilyView
from bot.flows.base import (
    ButtonIn,
    CommandIn,
    Event,
    Flow,
    FlowContext,
    FlowState,
    Step,
    Steps,
    TextIn,
)
from bot.flows.effects import AddChild, CorrectBirth, RenameChild
from bot.flows.parsing import (
    PartialDate,
    Problem,
    is_unsure,
    parse_birth_date,
    parse_day,
    parse_weeks,
    parse_yes_no,
)
from knowledge.models import MAX_AGE_MONTHS

NAME = "onboarding"
MAX_NICKNAME = 40
MIN_WEEKS, MAX_PRETERM_WEEKS, MAX_WEEKS = 22, 36, 44
MID_MONTH = 15

DAY_UNKNOWN = "ob:day:unknown"
PRETERM_YES, PRETERM_NO = "ob:preterm:yes", "ob:preterm:no"


@dataclass(frozen=True, slots=True, kw_only=True)
class OnboardingState(FlowState):
    """A child's details, asked one at a time; each step keeps what the earlier ones took."""

    flow: ClassVar[str] = NAME
    step: Literal["nickname", "birth_date", "birth_day", "preterm", "weeks"]
    #: The child being renamed or whose birth date is corrected; None: adding a child.
    child_id: int | None = None
    nickname: str | None = None
    #: A birth date typed without its day: the month, while asking for the day.
    year: int | None = None
    month: int | None = None
    #: The birth date taken, and whether it is the middle of a month (day unknown).
    birth_date: date | None = None
    estimated: bool = False

    @property
    def takes_correction(self) -> bool:
        """A nickname or a birth date typed here can be corrected by editing it."""
        return self.step in ("nickname", "birth_date", "birth_day")

    def is_own_answer(self, text: str) -> bool:
        """Weeks typed at the prematurity questions ("38", "40 weeks"): a parent answering "born
        before 37 weeks?" with the weeks must not be told a baby with 38 C needs an ambulance.
        A temperature with its point ("38.4") or its words ("38 and hot") is still read."""
        if self.step not in ("preterm", "weeks"):
            return False
        weeks = parse_weeks(text)
        return not isinstance(weeks, Problem) and MIN_WEEKS <= weeks <= MAX_WEEKS

    def child_months(self, family: FamilyView, today: date) -> int | None:
        """The child being added or corrected, not the active one: its birth date as soon as
        it is typed (the weeks of pregnancy are asked after it, so the age since birth), the
        stored child's before that when correcting, and unknown for a new child. A parent
        adding a newborn who types "she has a temperature of 38.2" is answered for a baby of
        weeks, not for the older sibling who is active (NICE NG143 grades fever by age)."""
        if self.birth_date is not None:
            return age_on(self.birth_date, None, today).months
        child = family.child(self.child_id) if self.child_id is not None else None
        return child.age(today).months if child else None

    def __post_init__(self) -> None:
        """The steps that read a date have it; a stored state without one is unreadable."""
        if self.step == "birth_day" and (self.year is None or self.month is None):
            raise ValueError("the day is asked for a month")
        if self.step in ("preterm", "weeks") and self.birth_date is None:
            raise ValueError("prematurity is asked after the birth date")


NEXT_STEPS = column(
    Button("Start a check-in", "/checkin"),
    Button("Ideas to try at home", "/activities"),
)


# --- questions ---------------------------------------------------------------------------


def _ask_nickname() -> Reply:
    return say(
        "What should I call your child? A first name or a nickname is enough ",
        "(I store it encrypted).",
    )


def _ask_birth_date(name: str) -> Reply:
    return say(
        "When was ", bold(name), " born? For example ",
        bold("2024-03-15"), ", ", bold("15/03/2024"), " or ", bold("March 2024"), ".",
    )  # fmt: skip


def _ask_day(name: str, year: int, month: int) -> Reply:
    return say(
        f"Which day of {format_month(year, month)} was ",
        bold(name),
        " born? Type the day ",
        "(1-31), or press “Don't know” and I'll use the middle of the month.",
        buttons=column(Button("Don't know", DAY_UNKNOWN)),
    )


def _ask_preterm(name: str) -> Reply:
    return say(
        "Was ", bold(name), " born early, before 37 weeks of pregnancy?",
        buttons=column(
            Button("Yes, before 37 weeks", PRETERM_YES), Button("No, at term", PRETERM_NO)
        ),
    )  # fmt: skip


def _ask_weeks(name: str) -> Reply:
    return say(
        "At how many weeks of pregnancy was ", bold(name), " born? ",
        f"A number from {MIN_WEEKS} to {MAX_PRETERM_WEEKS}, for example 32.",
    )  # fmt: skip


# --- helpers -----------------------------------------------------------------------------


#: Invisible characters some names need between visible ones: the zero-width non-joiner of
#: Persian ("علی‌رضا") and the joiner of emoji sequences ("👨‍👩‍👧"). ``str.isprintable``
#: refuses both; at the ends of a word they join nothing and are dropped.
JOINERS = "\u200c\u200d"
#: Invisible parts of emoji: variation selectors ("❤️") and the tags of subdivision flags
#: ("🏴󠁧󠁢󠁳󠁣󠁴󠁿"). Allowed, but a name needs something visible besides them.
EMOJI_PARTS = "".join(map(chr, (*range(0xFE00, 0xFE10), *range(0xE0020, 0xE0080))))
_INVISIBLE = dict.fromkeys(map(ord, JOINERS + EMOJI_PARTS))


def check_nickname(text: str) -> str | Reply:
    """The cleaned nickname, or a reply saying what is wrong with it."""
    name = " ".join(word for word in (w.strip(JOINERS) for w in text.split()) if word)
    visible = name.translate(_INVISIBLE)
    if not visible.strip():
        return say("A name needs at least one letter or number. What should I call your child?")
    if len(name) > MAX_NICKNAME:
        return say(
            f"That is {len(name)} characters; please keep the name to {MAX_NICKNAME} or fewer. "
            "A short nickname is perfect."
        )
    if not visible.isprintable():
        return say("Please use letters, numbers and simple punctuation only.")
    return name


def _age_summary(name: str, birth: date, weeks: int | None, today: date) -> list[str | Span]:
    age = age_on(birth, weeks, today)
    parts: list[str | Span] = [
        bold(name), f" was born on {format_date(birth)} and is ",
        bold(describe_months(age.chronological_months)), " old.",
    ]  # fmt: skip
    if age.corrected_months is not None:
        parts += [
            f" Born at {weeks} weeks, so until 24 months I use ",
            bold(f"corrected age: {describe_months(age.corrected_months)}"),
            " (counted from the due date), which is fairer to compare with milestones.",
        ]
    elif is_preterm(weeks):
        parts.append(" Born early, but past 24 months, so I use the age since birth.")
    return parts


def _child_name(state: OnboardingState, ctx: FlowContext) -> str:
    if state.nickname is not None:
        return state.nickname
    child = ctx.family.child(state.child_id) if state.child_id is not None else None
    return child.nickname if child else "your child"


# --- steps -------------------------------------------------------------------------------


def _on_nickname(state: OnboardingState, text: str, ctx: FlowContext) -> Step:
    checked = check_nickname(text)
    if not isinstance(checked, str):  # a long worry is not a name: the engine reads it
        return Step(state, (checked,), not_an_answer=True)
    if state.child_id is not None:
        return Step(
            None,
            (say("Done: from now on I'll call your child ", bold(checked), "."),),
            (RenameChild(state.child_id, checked),),
        )
    next_state = replace(state, step="birth_date", nickname=checked)
    return Step(next_state, (_ask_birth_date(checked),))


def _in_future(name: str, born: date) -> Reply:
    return say(f"{format_date(born)} is in the future. When was ", bold(name), " born?")


def _too_old_or_future(name: str, born: date, today: date) -> Reply | None:
    if born > today:
        return _in_future(name, born)
    if age_on(born, None, today).chronological_months >= MAX_AGE_MONTHS:
        return say(
            f"Sprout is made for children from birth to 7 years, and {format_date(born)} ",
            "would make ", bold(name), " older than that. Please check the date, ",
            "or type /cancel to stop.",
        )  # fmt: skip
    return None


def _on_birth_date(state: OnboardingState, text: str, ctx: FlowContext) -> Step:
    name = _child_name(state, ctx)
    parsed = parse_birth_date(text)
    if parsed is Problem.NO_SUCH_DAY:
        return Step(state, (say("That day does not exist in that month. Please check the date."),))
    if not isinstance(parsed, PartialDate):
        return Step(
            state,
            (say("I couldn't read that as a date. Try 2024-03-15, 15/03/2024 or March 2024."),),
            not_an_answer=True,
        )
    if parsed.day is None:
        first_of_month = date(parsed.year, parsed.month, 1)
        if first_of_month > ctx.today:
            return Step(state, (_in_future(name, first_of_month),))
        return Step(
            replace(state, step="birth_day", year=parsed.year, month=parsed.month),
            (_ask_day(name, parsed.year, parsed.month),),
        )
    return _accept_date(state, parsed, estimated=False, ctx=ctx)


def _accept_date(
    state: OnboardingState, parsed: PartialDate, *, estimated: bool, ctx: FlowContext
) -> Step:
    name = _child_name(state, ctx)
    born = parsed.complete()
    if isinstance(born, Problem):
        return Step(state, (say("That day does not exist in that month. Please check the day."),))
    if estimated and born > ctx.today:
        born = ctx.today  # "March" of the current month: mid-month may not have come yet.
    if problem := _too_old_or_future(name, born, ctx.today):
        return Step(state, (problem,))
    note: tuple[Reply, ...] = ()
    if estimated:
        note = (say(f"No problem: I'll use {format_date(born)}. You can correct it in /child."),)
    next_state = replace(state, step="preterm", birth_date=born, estimated=estimated)
    return Step(next_state, (*note, _ask_preterm(name)))


def _on_birth_day(state: OnboardingState, event: Event, ctx: FlowContext) -> Step:
    year, month = state.year, state.month
    assert year is not None  # OnboardingState.__post_init__
    assert month is not None
    name = _child_name(state, ctx)
    if (isinstance(event, ButtonIn) and event.payload == DAY_UNKNOWN) or (
        isinstance(event, TextIn) and is_unsure(event.text)
    ):
        return _accept_date(state, PartialDate(year, month, MID_MONTH), estimated=True, ctx=ctx)
    if not isinstance(event, TextIn):
        return Step(state, (_ask_day(name, year, month),))
    day = parse_day(event.text)
    if isinstance(day, Problem):
        return Step(
            state,
            (say("Please type just the day, a number from 1 to 31, or press “Don't know”."),
             _ask_day(name, year, month)),
            not_an_answer=True,
        )  # fmt: skip
    return _accept_date(state, PartialDate(year, month, day), estimated=False, ctx=ctx)


def _on_preterm(state: OnboardingState, event: Event, ctx: FlowContext) -> Step:
    name = _child_name(state, ctx)
    answer: bool | None = None
    if isinstance(event, ButtonIn):
        answer = {PRETERM_YES: True, PRETERM_NO: False}.get(event.payload)
    elif isinstance(event, TextIn):
        answer = parse_yes_no(event.text)
        if answer is None and not isinstance(parse_weeks(event.text), Problem):
            return _on_weeks(replace(state, step="weeks"), event.text, ctx)
    if answer is None:
        please = say("Please answer yes or no.")
        return Step(state, (please, _ask_preterm(name)), not_an_answer=True)
    if answer:
        return Step(replace(state, step="weeks"), (_ask_weeks(name),))
    return _finish(state, None, ctx)


def _on_weeks(state: OnboardingState, text: str, ctx: FlowContext) -> Step:
    weeks = parse_weeks(text)
    if isinstance(weeks, Problem) or not MIN_WEEKS <= weeks <= MAX_WEEKS:
        return Step(
            state,
            (say(
                f"Please type the number of weeks, from {MIN_WEEKS} to {MAX_PRETERM_WEEKS}, "
                "for example 32. If you are not sure, the discharge letter or your midwife "
                "can tell you."
            ),),
            not_an_answer=True,
        )  # fmt: skip
    if weeks > MAX_PRETERM_WEEKS:
        return _finish(
            state,
            None,
            ctx,
            note=say(f"{weeks} weeks counts as full term, so no correction for prematurity."),
        )
    return _finish(state, weeks, ctx)


def _finish(
    state: OnboardingState, weeks: int | None, ctx: FlowContext, note: Reply | None = None
) -> Step:
    born, estimated = state.birth_date, state.estimated
    assert born is not None  # OnboardingState.__post_init__
    name = _child_name(state, ctx)
    lead = (note,) if note else ()
    summary = _age_summary(name, born, weeks, ctx.today)
    if state.child_id is not None:
        return Step(
            None,
            (*lead, say("Updated. ", *summary)),
            (CorrectBirth(state.child_id, born, estimated, weeks),),
        )
    done = say(
        "All set! ", *summary,
        "\n\nWhenever something worries you, just type it in your own words.",
        buttons=NEXT_STEPS,
    )  # fmt: skip
    return Step(None, (*lead, done), (AddChild(name, born, estimated, weeks),))


# --- entry points ------------------------------------------------------------------------


def start_adding(intro: str = "") -> Step:
    """Start asking for a new child (after /start, or "Add a child" in /child)."""
    replies: tuple[Reply, ...] = (say(intro),) if intro else ()
    return Step(OnboardingState(step="nickname"), (*replies, _ask_nickname()))


def start_rename(child_id: int, current: str) -> Step:
    return Step(
        OnboardingState(step="nickname", child_id=child_id),
        (say("What should I call ", bold(current), " from now on?"),),
    )


def start_birth_correction(child_id: int, name: str) -> Step:
    return Step(
        OnboardingState(step="birth_date", child_id=child_id),
        (_ask_birth_date(name),),
    )


WELCOME = (
    "Hi, I'm Sprout. I help you follow your child's movement skills, from first head control "
    "to pencils, scissors, running and ball games. I'll ask a few questions about what your "
    "child does, suggest activities to try at home, remind you when the next check-in is due, "
    "and tell you when it is worth talking to your child's doctor. I never diagnose."
)


def start(ctx: FlowContext, _args: str) -> Step:
    """``/start``: greet, and add a first child if there is none yet."""
    child = ctx.family.active_child
    if child is None:
        return start_adding(WELCOME)
    return Step(
        None,
        (say(
            "Welcome back! ", bold(child.nickname), " is the active child. "
            "Type a worry in your own words, or choose:",
            buttons=[*NEXT_STEPS, [Button("Children and settings", "/child")]],
        ),),
    )  # fmt: skip


def handle(state: OnboardingState, event: Event, ctx: FlowContext) -> Step:
    if isinstance(event, CommandIn):  # the engine routes commands; kept total for safety
        return Step(state)
    if state.step == "birth_day":
        return _on_birth_day(state, event, ctx)
    if state.step == "preterm":
        return _on_preterm(state, event, ctx)
    if not isinstance(event, TextIn):
        return Step(state, (say("Please type your answer."),))
    match state.step:
        case "nickname":
            return _on_nickname(state, event.text, ctx)
        case "birth_date":
            return _on_birth_date(state, event.text, ctx)
        case "weeks":
            return _on_weeks(state, event.text, ctx)
        case _:
            assert_never(state.step)


FLOW = Flow(
    name=NAME,
    start=start,
    steps=Steps.of(OnboardingState, handle),
    reads_history=False,
    continue_label="Continue adding your child",
)
