"""The pediatrician summary: what it says (text and PDF), the chart, options, Unicode names."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from bot.domain.replies import Document, Text
from bot.domain.views import ChildView, ConcernView, MemberView, ObservationView, Role
from bot.flows import summary
from bot.flows.base import ButtonIn, TextIn
from bot.summary.build import ReportOptions, build_report, names_of
from bot.summary.chart import SummaryChart
from bot.summary.pdf import MISSING, SummaryPdf, pdf_filename, printable, render_pdf
from bot.summary.text import summary_messages
from bot.telegram.render import LIMIT, split_message
from tests.support.context import KB, TODAY, ctx

BORN = date(2025, 9, 1)  # 14 months on TODAY


def obs(milestone_id: str, answer: str, on: date, age: int, checklist_age: int) -> ObservationView:
    return ObservationView(milestone_id, answer, on, age, checklist_age)  # type: ignore[arg-type]


JUNE, SEPT = date(2026, 6, 1), date(2026, 9, 2)
#: Two check-ins: 9 months (all but one "yes"), 12 months (a regression, misses, a not sure).
OBSERVATIONS = (
    obs("sits_unsupported", "yes", JUNE, 9, 9),
    obs("gets_to_sitting", "yes", JUNE, 9, 9),
    obs("hand_to_hand_transfer", "yes", JUNE, 9, 9),
    obs("rakes_food", "not_sure", JUNE, 9, 9),
    obs("stands_holding_on", "yes", SEPT, 12, 12),
    obs("pulls_to_stand", "not_yet", SEPT, 12, 12),
    obs("cruises_furniture", "not_yet", SEPT, 12, 12),
    obs("pincer_grasp_small_items", "not_sure", SEPT, 12, 12),
    obs("gets_to_sitting", "not_yet", SEPT, 12, 12),  # was "yes" in June: a regression
)
CONCERNS = (
    ConcernView("she doesn't pull up to stand yet", "late_walking", "concern", date(2026, 9, 3)),
    ConcernView("she stopped sitting up by herself", None, "urgent", date(2026, 9, 4)),
)


def child(nickname: str = "Mila", **changes: object) -> ChildView:
    fields = {"observations": OBSERVATIONS, "concerns": CONCERNS, **changes}
    return ChildView(1, nickname, BORN, False, None, **fields)  # type: ignore[arg-type]


def report(nickname: str = "Mila", options: ReportOptions | None = None, **changes: object):
    return build_report(child(nickname, **changes), KB, TODAY, options or ReportOptions())


def text_of(messages: tuple[Text, ...]) -> str:
    return "\n".join(m.plain for m in messages)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def title(milestone_id: str) -> str:
    return KB.milestone(milestone_id).title


def test_the_text_names_everything_in_order_regression_first() -> None:
    text = text_of(summary_messages(report()))
    order = [
        "Motor development summary: Mila",
        "Born: 1 September 2025",
        "Age: 14 months",
        "Loss of skills reported (regression)",
        f"{title('gets_to_sitting')}: “yes” on 1 June 2026, “not yet” on 2 September 2026",
        "Check-in for 9 months",
        f"{title('rakes_food')}: not sure (1 June 2026, at 9 months)",
        "Check-in for 12 months",
        f"⚠ REGRESSION: {title('gets_to_sitting')}: not yet (2 September 2026, at 12 months)",
        f"{title('pulls_to_stand')}: not yet",
        "Worries, in the parent's words",
        "“she doesn't pull up to stand yet” (3 September 2026; level: routine; topic: "
        + KB.by_id["late_walking"].title,
        "“she stopped sitting up by herself” (4 September 2026; level: urgent; "
        "topic: no matching topic)",
        "Activities suggested",
        "for the skills answered “not yet”",
        "not a medical assessment",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [p for p, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)


def test_the_latest_answer_of_each_checkin_is_shown_with_its_date() -> None:
    [nine, twelve] = report().checkins
    assert (nine.checklist_age, twelve.checklist_age) == (9, 12)
    assert {ln.milestone.id: ln.answer for ln in nine.lines}["gets_to_sitting"] == "yes"
    line = next(ln for ln in twelve.lines if ln.milestone.id == "gets_to_sitting")
    assert (line.answer, line.observed_on, line.yes_on) == ("not_yet", SEPT, JUNE)
    # Gross motor first in every check-in.
    assert [ln.milestone.domain for ln in twelve.lines] == sorted(
        (ln.milestone.domain for ln in twelve.lines), key=("gross", "fine").index
    )


def test_activities_are_for_the_skills_answered_not_yet() -> None:
    activities = report().activities
    assert activities
    behind = {"gets_to_sitting", "pulls_to_stand", "cruises_furniture"}
    for line in activities:
        assert behind & set(line.activity.builds)
    assert not any("rakes_food" in line.activity.builds for line in activities)


def test_a_long_summary_splits_between_items_under_the_limit() -> None:
    many = tuple(
        ConcernView(f"worry number {i}: " + "she tires quickly when crawling. " * 25, None,
                    "concern", date(2026, 10, 1))
        for i in range(30)
    )  # fmt: skip
    messages = summary_messages(report(concerns=many))
    assert len(messages) > 3
    for message in messages:
        assert len(message.plain) <= 3500
        assert not message.buttons  # forwardable as is
        assert all(len(chunk) <= LIMIT for chunk in split_message(message))
        assert not message.plain.startswith("\n")
    text = text_of(messages)
    assert all(f"worry number {i}:" in text for i in range(30))
    assert text.index("Loss of skills") < text.index("worry number 0:")


def test_the_period_and_the_domains_filter_what_is_shown() -> None:
    recent = report(options=ReportOptions(months=3))  # since 21 August 2026
    assert [c.checklist_age for c in recent.checkins] == [12]
    # The June "yes" is outside the period, but the loss it shows is still a regression.
    assert [r.milestone.id for r in recent.regressions] == ["gets_to_sitting"]
    fine = report(options=ReportOptions(domains=("fine",)))
    assert {ln.milestone.domain for c in fine.checkins for ln in c.lines} == {"fine"}
    assert not fine.regressions
    assert {row.milestone.domain for row in fine.chart} == {"fine"}
    # The walking worry is about gross motor skills; the unmatched one is always kept.
    assert [c.text for c in fine.concerns] == ["she stopped sitting up by herself"]


def test_the_chart_has_the_who_milestones_and_the_answers_ahead_on_time_or_behind() -> None:
    rows = {row.milestone.id: row for row in report().chart}
    who = {m.id for m in KB.milestones if m.who_window is not None}
    assert len(who) == 6
    assert who <= set(rows)
    assert rows["sits_unsupported"].status == "on_time"
    assert rows["pulls_to_stand"].status == "behind"
    assert rows["gets_to_sitting"].status == "behind"
    assert rows["rakes_food"].status == "unsure"
    assert rows["stands_alone"].status == "unanswered"
    early = report(observations=(obs("first_independent_steps", "yes", JUNE, 9, 9),))
    assert {r.milestone.id: r for r in early.chart}["first_independent_steps"].status == "ahead"


def test_the_pdf_opens_and_shows_the_child_the_regression_and_the_answers() -> None:
    text = pdf_text(render_pdf(report()))
    assert "Motor development summary" in text
    assert "Mila" in text
    assert "regression" in text.lower()
    assert "REGRESSION: " + title("gets_to_sitting") in text
    assert "Milestones against the age most children reach them" in text
    # The chart's answer column: each answered milestone with its answer and age.
    assert "not yet (12 m)" in text
    assert "yes (9 m)" in text
    assert "not sure (9 m)" in text
    assert "not asked yet" in text  # WHO milestones not reached yet
    assert "she doesn't pull up to stand yet" in text
    assert "4 September 2026; level: urgent; topic: no matching topic" in text
    assert "not a medical assessment" in text


def test_a_child_with_no_answers_gets_a_summary_too() -> None:
    empty = report(observations=(), concerns=())
    assert "No check-in answers in this period." in text_of(summary_messages(empty))
    assert "No check-in answers" in pdf_text(render_pdf(empty))


@pytest.mark.parametrize(
    ("nickname", "readable"),
    [("Мила", "Мила"), ("ليلى", None), ("Mila 🌱", "Mila"), ("👶", None), ("Zoë", "Zoë")],
)
def test_unicode_nicknames_in_the_text_and_the_pdf(nickname: str, readable: str | None) -> None:
    rep = report(nickname)
    assert nickname in text_of(summary_messages(rep))  # Telegram shows every character
    data = render_pdf(rep)  # never a crash, whatever the font lacks
    text = pdf_text(data)
    assert PdfReader(io.BytesIO(data)).pages
    if readable:
        assert readable in text
    if "🌱" in nickname or "👶" in nickname:
        assert MISSING in printable(nickname)


def test_characters_the_font_lacks_are_replaced_and_invisible_ones_dropped() -> None:
    family = printable("Anna 👩\u200d👧 ✓")  # the joiner stays: DejaVu has it, it shows nothing
    assert family.replace("\u200d", "") == f"Anna {MISSING}{MISSING} ✓"
    assert printable("Mila \U0001f331\U000e0020") == f"Mila {MISSING}"  # a tag char is dropped
    assert printable("Мила ليلى\n") == "Мила ليلى\n"


def test_pdf_filename_is_safe_and_names_the_child() -> None:
    assert pdf_filename("Mila", "2026-11-21") == "sprout-summary-Mila-2026-11-21.pdf"
    assert pdf_filename("Мила 🌱", "2026-11-21") == "sprout-summary-Мила-2026-11-21.pdf"
    assert pdf_filename("../../etc/passwd", "d") == "sprout-summary-etc-passwd-d.pdf"
    assert pdf_filename("🌱", "d") == "sprout-summary-child-d.pdf"


def test_pdf_filename_drops_markup_the_nickname_carried() -> None:
    """Issue 15, problem 8: ``<b>Zoë-Ali</b>`` was named ``sprout-summary-b-Zoë-Ali-b-...``."""
    assert pdf_filename("<b>Zoë-Ali</b>", "d") == "sprout-summary-Zoë-Ali-d.pdf"
    assert pdf_filename("&lt;i&gt;Zoë&lt;/i&gt; Ali", "d") == "sprout-summary-Zoë-Ali-d.pdf"
    assert pdf_filename("<b></b>", "d") == "sprout-summary-child-d.pdf"


# --- the flow ------------------------------------------------------------------------------


def test_summary_asks_period_then_skills_then_sends_text_and_pdf() -> None:
    context = ctx(child())
    first = summary.start(context, "")
    assert first.state is not None
    payloads = [b.payload for b in first.replies[-1].all_buttons]  # type: ignore[union-attr]
    assert payloads == ["sm:p:3", "sm:p:12", "sm:p:all"]
    second = summary.FLOW.handle(first.state, ButtonIn("sm:p:all"), context)
    assert second.state is not None
    assert [b.payload for b in second.replies[-1].all_buttons] == [  # type: ignore[union-attr]
        "sm:d:both", "sm:d:fine", "sm:d:gross",
    ]  # fmt: skip
    done = summary.FLOW.handle(second.state, ButtonIn("sm:d:both"), context)
    assert done.state is None
    *texts, chart, request = done.replies
    assert all(isinstance(t, Text) for t in texts)
    # The chart picture comes before the PDF, drawn after the commit too.
    assert isinstance(chart, SummaryChart)
    assert chart.report == build_report(child(), KB, TODAY, ReportOptions())
    # The flow only asks for the PDF (the engine makes it after the commit); made, it is
    # the same report as the texts.
    assert isinstance(request, SummaryPdf)
    assert request.report == build_report(child(), KB, TODAY, ReportOptions())
    document = request.make()
    assert isinstance(document, Document)
    assert document.filename == "sprout-summary-Mila-2026-11-21.pdf"
    assert document.caption == request.caption
    assert document.data.startswith(b"%PDF")


def test_typed_text_gets_the_question_again_with_its_buttons() -> None:
    context = ctx(child())
    first = summary.start(context, "")
    assert first.state is not None
    again = summary.FLOW.handle(first.state, TextIn("everything please"), context)
    assert again.state == first.state
    assert again.replies[-1] == first.replies[-1]


def test_summary_without_a_child_starts_adding_one() -> None:
    step = summary.start(ctx(), "")
    assert step.state is not None
    assert step.state.flow == "onboarding"


def test_worries_typed_before_any_child_was_added_are_in_the_summary_in_date_order() -> None:
    before = ConcernView("he won't put weight on his legs", None, "concern", date(2026, 9, 1))
    rep = build_report(child(), KB, TODAY, ReportOptions(), (before,))
    assert [c.text for c in rep.concerns] == [before.text, *(c.text for c in CONCERNS)]
    assert [c.level for c in rep.concerns] == ["concern", "concern", "urgent"]


# --- issue 11: who to contact, in /summary --------------------------------------------------


def _summary_lead(*kids: ChildView) -> str:
    context = ctx(*kids)
    first = summary.start(context, "")
    assert first.state is not None
    second = summary.FLOW.handle(first.state, ButtonIn("sm:p:all"), context)
    assert second.state is not None
    done = summary.FLOW.handle(second.state, ButtonIn("sm:d:both"), context)
    lead = done.replies[0]
    assert isinstance(lead, Text)
    return lead.plain


def test_summary_says_who_to_bring_it_to_for_an_under_three() -> None:
    lead = _summary_lead(child())  # a regression and a lost-skills worry: urgent
    assert lead.startswith("Who to contact: Mila's doctor as soon as possible")
    assert "in the US, Early Intervention; in the UK, your health visitor" in lead
    assert "The summary below is written for them" in lead


def test_summary_for_a_school_age_child_names_the_school_and_a_therapist() -> None:
    lead = _summary_lead(ChildView(1, "Sam", date(2020, 9, 1)))
    assert lead.startswith("Who to contact: Sam's doctor;")
    assert "Sam's school" in lead
    assert "occupational or physical therapist" in lead


# --- two members (issue 17) ----------------------------------------------------------------

MUM, DAD = 1, 2
OCT = date(2026, 10, 1)
SHARED = (
    obs("sits_unsupported", "yes", JUNE, 9, 9),  # before members were recorded: no name
    ObservationView("pulls_to_stand", "yes", OCT, 13, 12, MUM),
    ObservationView("pulls_to_stand", "not_yet", date(2026, 10, 5), 13, 12, DAD),
    ObservationView("cruises_furniture", "yes", OCT, 13, 12, MUM),
)


def test_the_summary_says_who_answered_and_shows_both_answers_that_differ() -> None:
    members = (
        MemberView(MUM, "Mum", Role.ADMIN),
        MemberView(DAD, "Dad", Role.CAREGIVER),
    )
    rep = build_report(
        child(observations=SHARED, concerns=()), KB, TODAY, ReportOptions(), (), names_of(members)
    )
    assert not rep.regressions  # Mum's "yes" five days before Dad's "not yet": a disagreement
    [differing] = rep.differing
    assert [(ln.answer, ln.by) for ln in differing.lines] == [("yes", "Mum"), ("not_yet", "Dad")]
    text = text_of(summary_messages(rep))
    assert "Answered differently by two members of the family" in text
    assert (
        f"{title('pulls_to_stand')}: yes (1 October 2026, at 13 months, by Mum); "
        "not yet (5 October 2026, at 13 months, by Dad)"
    ) in text
    assert f"{title('cruises_furniture')}: yes (1 October 2026, at 13 months, by Mum)" in text
    assert f"{title('sits_unsupported')}: yes (1 June 2026, at 9 months)\n" in text + "\n"
    assert "REGRESSION" not in text
    pdf = " ".join(pdf_text(render_pdf(rep)).split())
    assert "Answered differently by two members of the family" in pdf
    assert "by Dad" in pdf
    assert "by Mum" in pdf


def test_an_answer_by_someone_no_longer_a_member_has_no_name_and_counts_as_anyones() -> None:
    """Storage empties the member of a member who left (0009's SET NULL): their answer is
    shown without a name, makes no disagreement, and their "yes" still makes a later "not
    yet" a loss of skills (the safer reading)."""
    gone = (
        ObservationView("pulls_to_stand", "yes", OCT, 13, 12, None),
        ObservationView("pulls_to_stand", "not_yet", date(2026, 10, 5), 13, 12, DAD),
    )
    names = names_of((MemberView(DAD, None, Role.CAREGIVER),))
    gone_child = child(observations=gone, concerns=())
    rep = build_report(gone_child, KB, TODAY, ReportOptions(), (), names)
    assert not rep.differing
    [regression] = rep.regressions
    assert regression.by == "a member without a name"
    text = text_of(summary_messages(rep))
    assert "not yet (5 October 2026, at 13 months, by a member without a name)" in text
