"""``/summary``: a summary of the active child for the pediatrician, as messages and a PDF.

Two questions by buttons (which period, which skills), then the summary as forwardable text
messages and the same content as a printable PDF with a chart. What it says is decided once
in ``bot.summary.build``; this flow only asks and hands the result over.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from bot.domain.replies import Button, Text, bold, column, say
from bot.domain.views import ChildView
from bot.flows import onboarding
from bot.flows.base import ButtonIn, Event, Flow, FlowContext, FlowState, Step, Steps
from bot.flows.checkin import plan as checkin_plan
from bot.flows.checkin.grading import grade
from bot.flows.checkin.guidance import who_to_contact
from bot.summary.build import DOMAIN_ORDER, ReportOptions, build_report, names_of
from bot.summary.chart import SummaryChart
from bot.summary.pdf import SummaryPdf, pdf_filename
from bot.summary.text import summary_messages
from knowledge.models import Domain

NAME = "summary"
Period = Literal["sm:p:3", "sm:p:12", "sm:p:all"]
PERIODS: dict[Period, int | None] = {"sm:p:3": 3, "sm:p:12": 12, "sm:p:all": None}
DOMAINS: dict[str, tuple[Domain, ...]] = {
    "sm:d:both": DOMAIN_ORDER,
    "sm:d:fine": ("fine",),
    "sm:d:gross": ("gross",),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryState(FlowState):
    """Asking which period (then which skills) the summary of ``child_id`` covers."""

    flow: ClassVar[str] = NAME
    step: Literal["period", "domains"]
    child_id: int
    #: The period chosen (its button's payload), once chosen.
    period: Period | None = None


def _period_question(name: str) -> Text:
    return say(
        "A summary of ", bold(name), " for the doctor. Which period should it cover?",
        buttons=column(
            Button("The last 3 months", "sm:p:3"),
            Button("The last 12 months", "sm:p:12"),
            Button("Everything", "sm:p:all"),
        ),
    )  # fmt: skip


def _domains_question() -> Text:
    return say(
        "Which skills?",
        buttons=column(
            Button("Both: hands and big movements", "sm:d:both"),
            Button("Fine motor (hands and fingers)", "sm:d:fine"),
            Button("Gross motor (big movements)", "sm:d:gross"),
        ),
    )


def contact_note(child: ChildView, ctx: FlowContext) -> Text:
    """Who to bring the summary to, by the child's age and the most serious level of the
    latest answers (a reported loss of skills or an emergency counts); never less than "the
    doctor"."""
    observations = child.observations
    lost = any(c.triage in ("urgent", "emergency") for c in child.concerns)
    result = grade(
        checkin_plan.latest_answers(observations),
        ctx.knowledge,
        child.clock(ctx.today),
        checkin_plan.yes_before_latest(observations),
        lost_skills=lost,
    )
    level = result.level if result.level in ("prompt", "urgent") else "discuss"
    contact = who_to_contact(level, child.nickname, child.age(ctx.today).months)
    return say(f"{contact} The summary below is written for them; forward it or show it.")


def start(ctx: FlowContext, _args: str) -> Step:
    child = ctx.family.active_child
    if child is None:
        return onboarding.start_adding("A summary needs a child first.")
    return Step(
        SummaryState(step="period", child_id=child.id), (_period_question(child.nickname),)
    )


def _summary(state: SummaryState, period: Period, payload: str, ctx: FlowContext) -> Step:
    child = ctx.family.child(state.child_id)
    if child is None:
        return Step(None, (say("That child is no longer here. Type /child to see the list."),))
    options = ReportOptions(PERIODS[period], DOMAINS[payload])
    report = build_report(
        child,
        ctx.knowledge,
        ctx.today,
        options,
        ctx.family.family_concerns,
        names_of(ctx.family.members),
    )
    # Only the request: the engine draws the PDF once the answers are committed.
    document = SummaryPdf(
        report,
        pdf_filename(child.nickname, ctx.today.isoformat()),
        caption="The same summary as a PDF, with a chart, to print or send to the doctor.",
    )
    chart = (SummaryChart(report),) if report.chart else ()
    return Step(None, (contact_note(child, ctx), *summary_messages(report), *chart, document))


def handle(state: SummaryState, event: Event, ctx: FlowContext) -> Step:
    """Button answers only; anything else gets the question again, buttons and all."""
    payload = event.payload if isinstance(event, ButtonIn) else ""
    period = next((p for p in PERIODS if p == payload), None)
    if state.step == "period" and period is not None:
        return Step(replace(state, step="domains", period=period), (_domains_question(),))
    if state.step == "domains" and payload in DOMAINS and state.period is not None:
        return _summary(state, state.period, payload, ctx)
    child = ctx.family.child(state.child_id)
    again = (
        _domains_question()
        if state.step == "domains"
        else _period_question(child.nickname if child else "your child")
    )
    please = say("Please choose one of the buttons, or type /cancel.")
    return Step(state, (please, again), not_an_answer=True)


FLOW = Flow(NAME, start, Steps.of(SummaryState, handle), continue_label="Continue the summary")
