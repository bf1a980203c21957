"""The pediatrician summary as chat messages a parent can forward to the doctor.

Sections come in a fixed order (who, regressions, answers that differ between members,
check-ins, worries, activities, the note that this is a parent's record) and are packed
into messages well under Telegram's 4096 characters. A message breaks between sections
where it can and otherwise between items, so no answer or worry is ever cut in half and
every message reads on its own when forwarded.
"""

from __future__ import annotations

from bot.domain import suggestions
from bot.domain.age import describe_months
from bot.domain.dates import format_date
from bot.domain.replies import Span, Text, bold
from bot.summary.build import (
    ACTIVITIES_NOTE,
    ANSWER_NAMES,
    PARENT_RECORD,
    AnswerLine,
    Differing,
    Report,
)

#: Characters per message: well under 4096, so HTML and a forward header always fit.
BUDGET = 3500

Item = list[Span]
Section = list[Item]


def _spans(*parts: str | Span) -> Item:
    return [part if isinstance(part, Span) else Span(part) for part in parts]


def age_lines(report: Report) -> list[str]:
    """Birth date and ages, saying which age milestones are compared with."""
    born = format_date(report.birth_date) + (
        " (day estimated)" if report.birth_date_estimated else ""
    )
    lines = [f"Born: {born}"]
    if report.gestational_weeks is not None:
        lines[0] += f", at {report.gestational_weeks} weeks of pregnancy"
    lines.append(f"Age: {describe_months(report.age.chronological_months)}")
    if report.age.corrected_months is not None:
        lines.append(
            f"Corrected age: {describe_months(report.age.corrected_months)} "
            "(used for milestones until 24 months)"
        )
    return lines


def answer_text(line: AnswerLine) -> str:
    """'not yet (12 November 2026, at 14 months, by Dad)'; without "by" for an answer whose
    member is not known (before members were recorded, or a member who left)."""
    when = f"{format_date(line.observed_on)}, at {line.age_months} months"
    by = f", by {line.by}" if line.by else ""
    return f"{ANSWER_NAMES[line.answer]} ({when}{by})"


DIFFERING_TITLE = "Answered differently by two members of the family"
DIFFERING_NOTE = (
    "Two caregivers answered these differently within two weeks; each one's latest answer:"
)


def differing_text(differing: Differing) -> str:
    """'Sits without support: yes (...), not yet (...)'."""
    return f"{differing.milestone.title}: " + "; ".join(answer_text(ln) for ln in differing.lines)


def regression_text(line: AnswerLine) -> str:
    assert line.yes_on is not None
    return (
        f"{line.milestone.title}: “yes” on {format_date(line.yes_on)}, "
        f"“not yet” on {format_date(line.observed_on)}"
    )


def _header(report: Report) -> Section:
    covering = f"Covering {report.options.period_label}, {report.options.domains_label}"
    item = _spans(
        bold(f"Motor development summary: {report.nickname}"),
        "\n" + "\n".join(age_lines(report)),
        f"\n{covering}. Prepared {format_date(report.today)}.",
    )
    return [item]


def _regressions(report: Report) -> Section:
    if not report.regressions:
        return []
    head = _spans(
        bold("⚠ Loss of skills reported (regression)"),
        "\nA skill once answered “yes” was later answered “not yet”:",
    )
    return [head, *(_spans("\n• ", bold(regression_text(ln))) for ln in report.regressions)]


def _differing(report: Report) -> Section:
    if not report.differing:
        return []
    head = _spans(bold(DIFFERING_TITLE), "\n" + DIFFERING_NOTE)
    return [head, *(_spans("\n• ", differing_text(d)) for d in report.differing)]


def _checkins(report: Report) -> Section:
    if not report.checkins:
        return [_spans(bold("Check-ins"), "\nNo check-in answers in this period.")]
    section: Section = []
    for index, checkin in enumerate(report.checkins):
        item = _spans("\n\n", bold(f"Check-in for {checkin.checklist_age} months"))
        if index == 0:
            item = [bold("Check-ins (latest answer to each milestone)"), *item]
        for line in checkin.lines:
            mark = "⚠ REGRESSION: " if line.regression else ""
            title = bold(f"{mark}{line.milestone.title}") if mark else Span(line.milestone.title)
            item += _spans("\n• ", title, f": {answer_text(line)}")
        section.append(item)
    return section


def _concerns(report: Report) -> Section:
    if not report.concerns:
        return []
    section: Section = [_spans(bold("Worries, in the parent's words"))]
    for concern in report.concerns:
        section.append(_spans(f"\n• “{concern.text}” ({concern.about})"))
    return section


def _activities(report: Report) -> Section:
    if not report.activities:
        return []
    section: Section = [_spans(bold("Activities suggested"), f"\n{ACTIVITIES_NOTE}")]
    for line in report.activities:
        section.append(
            _spans(
                "\n• ",
                bold(line.activity.title),
                ": ",
                *suggestions.safety_first(line.activity.safety, line.activity.summary),
                f" (for: {', '.join(line.for_milestones)})",
            )
        )
    return section


def _length(items: list[Item]) -> int:
    return sum(len(span.text) for item in items for span in item)


def _pack(sections: list[Section], budget: int) -> list[list[Item]]:
    """Whole sections per message where they fit; a section too long alone splits by item."""
    messages: list[list[Item]] = [[]]
    for section in (s for s in sections if s):
        gap = [[Span("\n\n")]] if messages[-1] else []
        if _length(messages[-1] + gap + section) <= budget:
            messages[-1] += gap + section
            continue
        if messages[-1]:
            messages.append([])
        for item in section:
            if messages[-1] and _length([*messages[-1], item]) > budget:
                messages.append([])
            messages[-1].append(item)
    return messages


def summary_messages(report: Report, budget: int = BUDGET) -> tuple[Text, ...]:
    """The summary as forwardable messages (no buttons), each under ``budget`` characters."""
    footer: Section = [_spans(PARENT_RECORD)]
    sections = [
        _header(report),
        _regressions(report),
        _differing(report),
        _checkins(report),
        _concerns(report),
        _activities(report),
        footer,
    ]
    return tuple(_message(items) for items in _pack(sections, budget))


def _message(items: list[Item]) -> Text:
    """A message from items; a message that starts mid-section starts without a blank line."""
    spans = [span for item in items for span in item]
    spans[0] = Span(spans[0].text.lstrip("\n"), spans[0].bold)
    return Text(spans=tuple(spans))
