"""Showing one knowledge base entry to a parent, tailored to the child's age.

Answers stay phone-sized: a short summary, what is typical at this age, two or three things to
try, when to talk to the doctor, who helps, and always a next step. Helper names and wording
for the kinds live here so every entry of a kind reads the same way.

A worry knows the child: its red-flag signs (``knowledge/escalation.yaml``) are compared with
the active child's exact age, and the answer leads with the one that applies ("Bea is 8
months: ... is worth a call to the doctor soon"). The closing line follows the level: a red
flag or an urgent sign closes with who to contact and offers no home games; only ordinary
worries close with "try one idea this week".

Only optional lines are ever cut to keep an answer short. Lines have a priority: safety notes
and every "talk to the doctor" line (red flags, lost skills, one-sidedness) always appear, and
safety comes first; ideas to try fill the room that is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from bot.domain.age import AgeClock, describe_age, describe_months
from bot.domain.replies import BUDGET, ROW_WIDTH, Span, bold
from bot.flows.checkin.grading import LEVELS, Level, worst
from bot.flows.checkin.guidance import most_by, who_to_contact
from knowledge.escalation import ConcernFlag, Escalation, default_rules
from knowledge.loader import KnowledgeBase
from knowledge.models import (
    Activity,
    Adaptation,
    Concern,
    Condition,
    Entry,
    Explainer,
    Helper,
    Milestone,
)

HELPER_NAMES: dict[Helper, str] = {
    "pediatrician": "your child's doctor",
    "occupational_therapist": "an occupational therapist (hands, daily tasks)",
    "physical_therapist": "a physical therapist (movement, balance, strength)",
    "speech_therapist": "a speech therapist",
    "developmental_pediatrician": "a developmental pediatrician",
    "pediatric_neurologist": "a pediatric neurologist",
    "orthopedist": "a pediatric orthopedist",
    "rheumatologist": "a pediatric rheumatologist",
    # Region-neutral (clinical review): "early intervention" is a US programme for under-3s;
    # elsewhere, and after 3, other services do this.
    "early_intervention": (
        "your local early-intervention or child-development service (who runs it, and up "
        "to what age, depends on where you live)"
    ),
    "school": "your child's school or nursery",
}
NOT_A_DIAGNOSIS = "This is general guidance, not a diagnosis: only a doctor can assess your child."
ORDINARY_CLOSING = (
    "What next? Try one idea this week, or run a check-in to see where things stand."
)
DISCUSS_CLOSING = "What next? Raise it at the next visit; meanwhile, try one idea this week."
BEFORE_THE_VISIT = (
    "Write down what you noticed and since when, and take a short video if you can: it "
    "helps the doctor see what you see."
)
FLAG_SAYS: dict[Level, str] = {
    "discuss": "is worth raising with the doctor",
    "prompt": "is worth a call to the doctor soon",
    "urgent": "needs the doctor as soon as possible",
}


@dataclass(frozen=True, slots=True)
class ChildAge:
    """The active child a topic answer is for: name and exact age."""

    name: str
    clock: AgeClock


def applying(flags: tuple[ConcernFlag, ...], clock: AgeClock) -> list[ConcernFlag]:
    """The flags whose age window contains the child's exact age, most serious first."""
    found = [
        f
        for f in flags
        if clock.reached(f.after_months)
        and (f.until_months is None or not clock.reached(f.until_months))
    ]
    return sorted(found, key=lambda f: LEVELS.index(f.level), reverse=True)


def topic_level(entry: Entry, child: ChildAge | None, rules: Escalation | None = None) -> Level:
    """The level a topic answer closes with: the most serious red flag that applies."""
    if child is None or not isinstance(entry, Concern):
        return "on_track"
    flags = applying((rules or default_rules()).flags_for(entry.id), child.clock)
    return worst(f.level for f in flags)


def _flag_lead(concern: Concern, child: ChildAge, rules: Escalation) -> Parts:
    """What applies to this child, first: the sign that needs the doctor now, or from when."""
    flags = rules.flags_for(concern.id)
    if not flags:
        return []
    age = describe_months(child.clock.age.months)
    now = applying(flags, child.clock)
    if now:
        flag = now[0]
        since = "" if flag.after_months == 0 else f" after {describe_age(flag.after_months)}"
        before = f" before {describe_age(flag.until_months)}" if flag.until_months else ""
        lead = f"{child.name} is {age}: {flag.sign}{since}{before} {FLAG_SAYS[flag.level]}."
        return ["\n", bold(lead)]
    ahead = [f for f in flags if not child.clock.reached(f.after_months)]
    if not ahead:
        return []
    flag = min(ahead, key=lambda f: f.after_months)
    return [
        f"\n{child.name} is {age}: {flag.sign} {FLAG_SAYS[flag.level]} from "
        f"{describe_age(flag.after_months)}, not before."
    ]


def closing(entry: Entry, child: ChildAge | None, rules: Escalation | None = None) -> str:
    """The last line of a topic answer, by the level of what applies to the child."""
    level = topic_level(entry, child, rules)
    if level in ("prompt", "urgent") and child is not None:
        contact = who_to_contact(level, child.name, child.clock.age.months)
        return f"What next? {contact}"
    if level == "discuss":
        return DISCUSS_CLOSING
    return ORDINARY_CLOSING


Parts = list[str | Span]


#: How many lines "Try at home" holds, safety lines included (safety is never the one cut).
TRY_AT_HOME_LINES = 4


def by_priority(must: list[str], optional: list[str], room: int) -> list[str]:
    """Every must-show line, first; then optional lines while the list holds ``room``."""
    return [*must, *optional[: max(room - len(must), 0)]]


def _bullets(title: str, items: list[str] | tuple[str, ...]) -> Parts:
    if not items:
        return []
    return ["\n\n", bold(title), *(f"\n• {item}" for item in items)]


def age_fit_activities(
    activities: list[Activity], months: int | None, limit: int
) -> list[Activity]:
    """Activities suitable at ``months`` (all ages when unknown)."""
    return [a for a in activities if months is None or a.suits(months)][:limit]


def _typical(concern: Concern, months: int | None) -> list[str]:
    notes = [
        note.text
        for note in concern.typical
        if months is None
        or (note.from_months <= months and (note.to_months is None or months < note.to_months))
    ]
    return notes[:2] or [note.text for note in concern.typical[:1]]


def _helpers(helpers: tuple[Helper, ...]) -> str:
    return "; ".join(HELPER_NAMES[h] for h in helpers)


def _safety_first(safety: str | None, text: str) -> str:
    return f"Safety: {safety} {text}" if safety else text


def _activity_head(activity: Activity) -> Parts:
    parts: Parts = [bold(activity.title)]
    if activity.safety:
        parts += ["\n", bold("Safety: "), activity.safety]
    return [*parts, f"\n{activity.summary}"]


def _activity_how(activity: Activity) -> Parts:
    return [bold("You need: "), ", ".join(activity.materials), *_bullets("How:", activity.steps)]


def render_activity(activity: Activity) -> Parts:
    return [*_activity_head(activity), "\n", *_activity_how(activity)]


def _activity_lines(activities: list[Activity]) -> list[str]:
    return [f"{a.title}: {_safety_first(a.safety, a.summary)}" for a in activities]


@dataclass(frozen=True, slots=True)
class Section:
    """Part of an answer behind a button, shown in place of the answer when pressed."""

    key: str
    label: str
    parts: Parts


@dataclass(frozen=True, slots=True)
class Page:
    """A topic answer for a phone: what matters for this child first (``lead``, with every
    safety and "talk to the doctor" line that applies to the child now), the rest in
    ``sections`` behind buttons."""

    lead: Parts
    sections: tuple[Section, ...] = ()

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


IDEAS = "Activities"
DOCTOR = "When to call the doctor"
EASIER = "Ways to make it easier"
#: Shorter names for a label whose numbered parts would not fit a phone's row.
SHORT_LABEL = {DOCTOR: "Calling the doctor"}
#: Ideas in an ordinary worry's answer itself (safety lines come on top): the rest are
#: behind "Activities".
LEAD_IDEAS = 2
#: Room for an answer's lead when its closing is not known: the budget less the longest
#: closing ("What next? Who to contact: ...", about 300 characters) and the line before other
#: topics' buttons (``bot.flows.concern.OTHER_TOPICS``).
LEAD_ROOM = BUDGET - 340
#: Room for a part of an answer: the budget less its title.
SECTION_ROOM = BUDGET - 90


def _sections(*found: tuple[str, str, Parts]) -> tuple[Section, ...]:
    return tuple(Section(key, label, parts) for key, label, parts in found if parts)


def _section_body(title: str, items: list[str] | tuple[str, ...]) -> Parts:
    return _bullets(title, list(items))[1:] if items else []


def render_entry(entry: Entry, kb: KnowledgeBase, child: ChildAge | None) -> Parts:
    """The whole answer for ``entry``, its sections included (content checks read it)."""
    page = topic_page(entry, kb, child)
    parts = list(page.lead)
    for section in page.sections:
        parts += ["\n\n", *section.parts]
    return parts


def topic_page(
    entry: Entry, kb: KnowledgeBase, child: ChildAge | None, room: int = LEAD_ROOM
) -> Page:
    """The answer for ``entry`` for the active child (None: no child yet), each message
    within the budget (``room`` for the answer itself, less what closes it): what does not
    fit goes on to further parts, in order."""
    return _fit(_page(entry, kb, child, room), room)


def _chunks(parts: Parts) -> list[Parts]:
    """``parts`` cut where a paragraph or a bullet starts; a heading stays with what follows
    it, and a long paragraph is cut between sentences."""
    out: list[Parts] = [[]]
    for part in parts:
        text = part.text if isinstance(part, Span) else part
        heading = len(out[-1]) == 2 and out[-1][0] == "\n\n" and isinstance(out[-1][1], Span)
        if out[-1] and text.startswith(("\n\n", "\n•")) and not heading:
            out.append([])
        if isinstance(part, str) and len(part) > SECTION_ROOM:
            sentences = part.split(". ")
            out[-1].append(sentences[0] + ".")
            out += [[f"\n{s}" + ("" if s.endswith(".") else ".")] for s in sentences[1:]]
            continue
        out[-1].append(part)
    return out


def paginate(parts: Parts, room: int) -> list[Parts]:
    """``parts`` in pages of at most about ``room`` characters, cut between chunks."""
    pages: list[Parts] = [[]]
    for chunk in _chunks(parts):
        if pages[-1] and plain_length(pages[-1]) + plain_length(chunk) > room:
            first = chunk[0]
            if isinstance(first, str):
                chunk = [first.lstrip("\n"), *chunk[1:]]
            elif len(chunk) == 0:
                continue
            pages.append(chunk)
        else:
            pages[-1] += chunk
    return pages


def _fit(page: Page, room: int) -> Page:
    """``page`` with a lead and sections that fit the budget: what overflows the lead goes
    behind "Read more", and a long section is split into numbered parts."""
    lead, *overflow = paginate(page.lead, room)
    sections = [Section("read", "Read more", more) for more in overflow] + list(page.sections)
    fitted: list[Section] = []
    for section in sections:
        for number, parts in enumerate(paginate(section.parts, SECTION_ROOM), start=1):
            key = section.key if number == 1 else f"{section.key}{number}"
            fitted.append(Section(key, part_label(section.label, number), parts))
    return Page(lead, tuple(_numbered(fitted)))


def part_label(label: str, number: int) -> str:
    """The button of a section's ``number``-th part: "Activities, part 2", read as a part of
    this answer on a phone ("Activities (2)" read like another topic), within a row."""
    if number == 1:
        return label
    named = f"{label}, part {number}"
    return named if len(named) <= ROW_WIDTH else f"{SHORT_LABEL.get(label, label)}, part {number}"


def _numbered(sections: list[Section]) -> list[Section]:
    """Keys made unique where "Read more" was needed more than once."""
    seen: dict[str, int] = {}
    out = []
    for section in sections:
        seen[section.key] = seen.get(section.key, 0) + 1
        if seen[section.key] > 1:
            n = seen[section.key]
            section = Section(f"{section.key}{n}", part_label(section.label, n), section.parts)
        out.append(section)
    return out


def _page(entry: Entry, kb: KnowledgeBase, child: ChildAge | None, room: int) -> Page:
    months = child.clock.age.months if child else None
    match entry:
        case Concern():
            return _concern(entry, kb, child, room)
        case Condition():
            doctor = _section_body("Talk to the doctor if:", list(entry.see_doctor))
            doctor += ["\n\n", bold("Who helps: "), _helpers(entry.helpers)]
            return Page(
                [bold(entry.title), f"\n{entry.summary}", f"\n\n{NOT_A_DIAGNOSIS}"],
                _sections(
                    ("effects", "How it affects movement",
                     _section_body("How it can affect movement:", list(entry.motor_effects))),
                    ("doctor", DOCTOR, doctor),
                ),
            )  # fmt: skip
        case Explainer():
            body = list(entry.body)
            more: Parts = [bold("More about it")] if body[1:] else []
            more += [f"\n{p}" if i == 0 else f"\n\n{p}" for i, p in enumerate(body[1:])]
            ideas: Parts = []
            if entry.activity_domain is not None:
                pool = [a for a in kb.activities if entry.activity_domain in a.domains]
                lines = _activity_lines(age_fit_activities(pool, months, 4))
                ideas = _section_body("To try now:", lines)
            lead: Parts = [
                bold(entry.title),
                f"\n{entry.summary}",
                *(f"\n\n{p}" for p in body[:1]),
            ]
            return Page(lead, _sections(("more", "More about it", more), ("ideas", IDEAS, ideas)))
        case Adaptation():
            examples = [
                f"{_safety_first(example.safety, example.text)} ({example.task})"
                for example in entry.examples_for(months)
            ]
            lead = [
                bold(entry.title),
                f"\n{entry.summary}",
                *_bullets("For example:", examples[:2]),
            ]
            rest = _section_body("More examples:", examples[2:])
            return Page(lead, _sections(("more", "More examples", rest)))
        case Activity():
            how = ("how", "How to do it", _activity_how(entry))
            return Page(_activity_head(entry), _sections(how))
        case Milestone():
            basis = most_by(entry)
            return Page([bold(entry.title), f"\n{basis[0].upper()}{basis[1:]}."])
        case _:
            assert_never(entry)


def plain_length(parts: Parts) -> int:
    return sum(len(p.text if isinstance(p, Span) else p) for p in parts)


def is_urgent(line: str) -> bool:
    """A "talk to the doctor if" line that says to get help at once (an emergency, urgent
    care): it is never behind a button."""
    lowered = line.casefold()
    return any(word in lowered for word in ("emergency", "urgent"))


def _concern(
    concern: Concern, kb: KnowledgeBase, child: ChildAge | None, room: int = LEAD_ROOM
) -> Page:
    """A worry's answer: what applies to this child first, within ``room`` characters; what
    does not fit goes behind buttons, except safety and urgent lines, which always lead."""
    rules = default_rules()
    months = child.clock.age.months if child else None
    name = child.name if child else None
    head: Parts = [bold(concern.title)]
    if child is not None:
        head += _flag_lead(concern, child, rules)
    label = f"What is typical{f' for {name} now' if name and months is not None else ''}:"
    typical = _typical(concern, months)
    urgent = [line for line in concern.see_doctor if is_urgent(line)]
    calm = [line for line in concern.see_doctor if not is_urgent(line)]
    helpers: Parts = ["\n\n", bold("Who helps: "), _helpers(concern.helpers)]
    summary = [f"\n{concern.summary}"]
    if topic_level(concern, child, rules) in ("prompt", "urgent"):
        # What to do now leads; no home games. The safety note is never cut (issue 12).
        danger = [
            *_bullets("Get help at once if:", urgent),
            *_bullets("Safety at home:", [concern.safety] if concern.safety else []),
        ]
        before = _bullets("Before you talk to the doctor:", [BEFORE_THE_VISIT])
        fits = plain_length([*head, *summary, *danger, *before]) <= room
        first = [*head, *(summary if fits else []), *danger, *(before if fits else [])]
        about: Parts = [] if fits else [concern.summary, *_bullets(label, typical)]
        doctor = [*([] if fits else before[1:]), *_bullets("Talk to the doctor if:", calm)]
        return Page(
            first,
            _sections(
                ("typical", "What is typical", about),
                ("doctor", DOCTOR, [*_strip(doctor), *helpers]),
            ),
        )
    activities = age_fit_activities(kb.activities_for_concern(concern.id), months, 2)
    safety = [f"Safety: {concern.safety}"] if concern.safety else []
    ideas = [*concern.home_tips[:2], *_activity_lines(activities)]
    # What is typical now is said whole, in the answer or behind its button, never split
    # between the two under the same heading (the parent read it as said twice).
    shown_typical, shown_ideas = typical, LEAD_IDEAS

    def lead() -> Parts:
        tries = [*safety, *ideas[:shown_ideas]]
        return [
            *head,
            *summary,
            *_bullets(label, shown_typical),
            *_bullets("Try at home:", tries),
            *_bullets("Get help at once if:", urgent),
        ]

    # Cut to fit, least useful first: the second idea, the first, what is typical at this age.
    for cut in ("idea", "idea", "typical"):
        if plain_length(lead()) <= room:
            break
        if cut == "idea" and shown_ideas:
            shown_ideas -= 1
        elif cut == "typical":
            shown_typical = []
    while not shown_typical and shown_ideas < LEAD_IDEAS:  # room the typical notes left
        shown_ideas += 1
        if plain_length(lead()) > room:
            shown_ideas -= 1
            break
    rest = by_priority([], ideas[shown_ideas:], TRY_AT_HOME_LINES)
    adaptations = [kb.adaptation(a) for a in concern.adaptations[:2]]
    easier = [f"{a.title}: {a.summary}" for a in adaptations]
    more_typical = [] if shown_typical else typical
    return Page(
        lead(),
        _sections(
            ("ideas", IDEAS, _section_body("Try at home:", rest)),
            ("easier", EASIER, _section_body("If daily tasks are hard:", easier)),
            ("typical", "What is typical", _section_body(label, more_typical)),
            ("doctor", DOCTOR, [*_section_body("Talk to the doctor if:", calm), *helpers]),
        ),
    )


def _strip(parts: Parts) -> Parts:
    """``parts`` without the blank line before the first of them (a section's start)."""
    if parts and parts[0] == "\n\n":
        return parts[1:]
    return parts
