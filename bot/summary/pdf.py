"""The pediatrician summary as a printable PDF (fpdf2), with a milestone chart. Pure: bytes out.

The chart puts each milestone on a line of ages: a shaded band for the WHO window (1st to 99th
percentile) where the WHO studied the skill, a black tick at the age by which most children
show it, and the child's latest answer at the age it was given (filled circle: yes, cross:
not yet, hollow diamond: not sure). A doctor sees at a glance which answers sit ahead of the
tick, on it, or behind it; the answers are also written out in a column, for black-and-white
printers and for text extraction.

Text is set in DejaVu Sans (shipped in ``bot/summary/fonts``; Latin, Greek, Cyrillic, Arabic and
Hebrew) with HarfBuzz shaping, so joined and right-to-left scripts print correctly. A
character the font lacks (an emoji in a nickname) is printed as "□" rather than failing.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from fontTools.ttLib import TTFont
from fpdf import FPDF, FontFace
from fpdf.errors import FPDFException

from bot.domain.dates import format_date
from bot.domain.replies import Document, FileRequest
from bot.summary.build import (
    ACTIVITIES_NOTE,
    ANSWER_NAMES,
    PARENT_RECORD,
    AnswerLine,
    ChartRow,
    Report,
    report_recipe,
)
from bot.summary.text import (
    DIFFERING_NOTE,
    DIFFERING_TITLE,
    age_lines,
    answer_text,
    differing_text,
    regression_text,
)

FONT_DIR = Path(__file__).with_name("fonts")
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
FAMILY = "DejaVu"
MISSING = "□"
#: An HTML tag as a parent might type one into a nickname (``<b>``, ``</i>``).
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")

RGB = tuple[int, int, int]
BLACK: RGB = (0, 0, 0)
GREY: RGB = (110, 110, 110)
GRID: RGB = (225, 225, 225)
GREEN: RGB = (46, 125, 50)
RED: RGB = (198, 40, 40)
AMBER: RGB = (230, 120, 0)
WHO_BAND: RGB = (198, 219, 243)

#: Chart geometry (mm): milestone names, the age axis, the written answer.
LABEL_W, ANSWER_W, ROW_H, MARK = 62.0, 30.0, 5.2, 1.25


@cache
def _covered() -> frozenset[int]:
    """Code points both shipped faces can draw."""
    maps = []
    for path in FONT_FILES.values():
        with TTFont(path) as font:
            maps.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*maps))


def printable(text: str) -> str:
    """``text`` with each character the font lacks replaced; invisible ones it lacks dropped."""
    covered = _covered()
    out = []
    for char in text:
        if char in "\n\t" or ord(char) in covered:
            out.append(char)
        elif unicodedata.category(char) not in {"Mn", "Me", "Cf"}:
            out.append(MISSING)
    return "".join(out)


class _SummaryPDF(FPDF):
    """A4 pages with a footer saying what the document is."""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"Sprout · {PARENT_RECORD}   Page {self.page_no()}/{{nb}}", align="C")


def _new_pdf(report: Report) -> _SummaryPDF:
    pdf = _SummaryPDF(format="A4")
    pdf.set_title(printable(f"Motor development summary: {report.nickname}"))
    pdf.set_creator("Sprout")
    for style, path in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(path))
    with suppress(FPDFException):  # uharfbuzz missing: letters print unjoined, nothing fails
        pdf.set_text_shaping(True)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    return pdf


def _text(
    pdf: FPDF, text: str, *, size: float = 10, bold: bool = False, color: RGB = BLACK
) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, size * 0.5, printable(text), new_x="LMARGIN", new_y="NEXT", align="L")


def _heading(pdf: FPDF, text: str, *, color: RGB = BLACK) -> None:
    if pdf.get_y() > pdf.page_break_trigger - 30:  # never a heading alone at a page's foot
        pdf.add_page()
    pdf.ln(3)
    _text(pdf, text, size=12.5, bold=True, color=color)
    pdf.ln(1)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` in the current font."""
    text = printable(text)
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- the chart ---------------------------------------------------------------------------


def axis_max(report: Report) -> tuple[int, int]:
    """The last month on the axis and the tick step, so every mark fits."""
    ages = [float(report.age.months)]
    for row in report.chart:
        ages.append(row.milestone.most_by_months)
        if row.milestone.who_window is not None:
            ages.append(row.milestone.who_window.p99_months)
        if row.answer is not None:
            ages.append(row.answer.age_months)
    top = max(ages) + 1
    step = 3 if top <= 24 else 6 if top <= 48 else 12
    return math.ceil(top / step) * step, step


class _Chart:
    """Draws the chart rows, repeating the axis on every page it spans."""

    def __init__(self, pdf: FPDF, report: Report) -> None:
        self.pdf = pdf
        self.report = report
        self.xmax, self.step = axis_max(report)
        self.x0 = pdf.l_margin + LABEL_W
        self.width = pdf.epw - LABEL_W - ANSWER_W
        self.top = 0.0

    def x(self, months: float) -> float:
        return self.x0 + self.width * min(months, self.xmax) / self.xmax

    def draw(self) -> None:
        self._axis()
        for row in self.report.chart:
            if self.pdf.get_y() + ROW_H > self.pdf.page_break_trigger:
                self._now_line()
                self.pdf.add_page()
                self._axis()
            self._row(row)
        self._now_line()
        self._legend()

    def _axis(self) -> None:
        pdf = self.pdf
        pdf.set_font(FAMILY, "", 7)
        pdf.set_text_color(*GREY)
        y = pdf.get_y()
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(LABEL_W, 4, "age (months)")
        pdf.set_draw_color(*GREY)
        pdf.set_line_width(0.2)
        for month in range(0, self.xmax + 1, self.step):
            pdf.line(self.x(month), y + 4, self.x(month), y + 5.2)
            pdf.set_xy(self.x(month) - 5, y)
            pdf.cell(10, 4, str(month), align="C")
        pdf.set_xy(self.x0 + self.width + 2, y)
        pdf.cell(ANSWER_W - 2, 4, "answer (age)")
        pdf.line(self.x0, y + 5.2, self.x0 + self.width, y + 5.2)
        pdf.set_xy(pdf.l_margin, y + 6)
        self.top = y + 5.2

    def _row(self, row: ChartRow) -> None:
        pdf, milestone, line = self.pdf, row.milestone, row.answer
        y = pdf.get_y()
        mid = y + ROW_H / 2
        pdf.set_draw_color(*GRID)
        pdf.set_line_width(0.15)
        pdf.line(self.x0, mid, self.x0 + self.width, mid)
        if milestone.who_window is not None:
            window = milestone.who_window
            pdf.set_fill_color(*WHO_BAND)
            left = self.x(window.p1_months)
            pdf.rect(left, mid - 1.4, self.x(window.p99_months) - left, 2.8, style="F")
        pdf.set_draw_color(*BLACK)
        pdf.set_line_width(0.5)
        pdf.line(
            self.x(milestone.most_by_months),
            mid - 1.9,
            self.x(milestone.most_by_months),
            mid + 1.9,
        )
        if line is not None:
            self._mark(line, self.x(line.age_months), mid)
        regression = line is not None and line.regression
        pdf.set_xy(pdf.l_margin, y)
        pdf.set_font(FAMILY, "B" if regression else "", 7.5)
        pdf.set_text_color(*(RED if regression else BLACK))
        domain = "G" if milestone.domain == "gross" else "F"
        pdf.cell(LABEL_W - 1, ROW_H, _fit(pdf, f"{domain} · {milestone.title}", LABEL_W - 2))
        pdf.set_xy(self.x0 + self.width + 2, y)
        pdf.set_text_color(*_color(row))
        pdf.cell(ANSWER_W - 2, ROW_H, _answer_label(line))
        pdf.set_xy(pdf.l_margin, y + ROW_H)

    def _mark(self, line: AnswerLine, x: float, y: float) -> None:
        pdf = self.pdf
        if line.answer == "yes":
            pdf.set_fill_color(*GREEN)
            pdf.ellipse(x - MARK, y - MARK, 2 * MARK, 2 * MARK, style="F")
        elif line.answer == "not_yet":
            pdf.set_draw_color(*RED)
            pdf.set_line_width(0.55)
            pdf.line(x - MARK, y - MARK, x + MARK, y + MARK)
            pdf.line(x - MARK, y + MARK, x + MARK, y - MARK)
        else:
            pdf.set_draw_color(*AMBER)
            pdf.set_line_width(0.45)
            diamond = [
                (x, y - MARK - 0.2),
                (x + MARK + 0.2, y),
                (x, y + MARK + 0.2),
                (x - MARK - 0.2, y),
            ]
            pdf.polygon(diamond, style="D")

    def _now_line(self) -> None:
        """A dashed line at the child's age (the age used for milestones) down this page."""
        pdf = self.pdf
        x = self.x(self.report.age.months)
        pdf.set_draw_color(*GREY)
        pdf.set_line_width(0.3)
        pdf.set_dash_pattern(dash=1, gap=1)
        pdf.line(x, self.top, x, pdf.get_y())
        pdf.set_dash_pattern()

    def _legend(self) -> None:
        pdf = self.pdf
        pdf.ln(2)
        corrected = " (corrected)" if self.report.age.uses_corrected else ""
        _text(
            pdf,
            "Black tick: the age by which most children (75% or more) show the skill. "
            "Blue band: WHO window of achievement (1st to 99th percentile), for the six WHO "
            "gross motor milestones. Child's latest answer, at the age it was given: "
            "● yes, ✕ not yet, ◇ not sure. Dashed line: the child's age now"
            f"{corrected}. G: gross motor, F: fine motor. Red: a regression, or "
            "“not yet” past the age most children show it.",
            size=7.5,
            color=GREY,
        )


def _answer_label(line: AnswerLine | None) -> str:
    if line is None:
        return "not asked yet"
    return f"{ANSWER_NAMES[line.answer]} ({line.age_months} m)"


def _color(row: ChartRow) -> RGB:
    return {
        "ahead": GREEN,
        "on_time": GREEN,
        "behind": RED,
        "not_yet": AMBER,
        "unsure": AMBER,
    }.get(row.status, GREY)


# --- the document ------------------------------------------------------------------------


def _header(pdf: FPDF, report: Report) -> None:
    _text(pdf, "Motor development summary", size=16, bold=True)
    pdf.ln(1)
    _text(pdf, report.nickname, size=14, bold=True)
    pdf.ln(1)
    for line in age_lines(report):
        _text(pdf, line)
    _text(
        pdf,
        f"Covering {report.options.period_label}, {report.options.domains_label}. "
        f"Prepared {format_date(report.today)}.",
    )
    pdf.ln(1)
    _text(pdf, PARENT_RECORD, size=9, color=GREY)


def _regressions(pdf: FPDF, report: Report) -> None:
    if not report.regressions:
        return
    _heading(pdf, "⚠ Loss of skills reported (regression)", color=RED)
    _text(pdf, "A skill once answered “yes” was later answered “not yet”:", size=9.5)
    for line in report.regressions:
        _text(pdf, f"• {regression_text(line)}", size=9.5, bold=True, color=RED)


def _differing(pdf: FPDF, report: Report) -> None:
    if not report.differing:
        return
    _heading(pdf, DIFFERING_TITLE)
    _text(pdf, DIFFERING_NOTE, size=9.5)
    for differing in report.differing:
        _text(pdf, f"• {differing_text(differing)}", size=9.5)


def _checkins(pdf: FPDF, report: Report) -> None:
    _heading(pdf, "Check-ins (latest answer to each milestone)")
    if not report.checkins:
        _text(pdf, "No check-in answers in this period.")
    regression = FontFace(emphasis="BOLD", color=RED)
    for checkin in report.checkins:
        _text(pdf, f"Check-in for {checkin.checklist_age} months", size=10.5, bold=True)
        pdf.set_font(FAMILY, "", 8.5)
        pdf.set_text_color(*BLACK)
        pdf.set_fill_color(255, 255, 255)
        with pdf.table(
            col_widths=(105, 75),
            line_height=4.6,
            borders_layout="HORIZONTAL_LINES",
            text_align="LEFT",
            headings_style=FontFace(emphasis="BOLD"),
        ) as table:
            table.row(("Milestone", "Answer (date, age, by whom)"))
            for line in checkin.lines:
                title = (
                    f"⚠ REGRESSION: {line.milestone.title}"
                    if line.regression
                    else line.milestone.title
                )
                style = regression if line.regression else None
                row = table.row()
                row.cell(printable(title), style=style)
                row.cell(printable(answer_text(line)), style=style)
        pdf.ln(2)


def _concerns(pdf: FPDF, report: Report) -> None:
    if not report.concerns:
        return
    _heading(pdf, "Worries, in the parent's words")
    for concern in report.concerns:
        _text(pdf, concern.about, size=8.5, color=GREY)
        _text(pdf, f"“{concern.text}”", size=9.5)
        pdf.ln(1.5)


def _activities(pdf: FPDF, report: Report) -> None:
    if not report.activities:
        return
    _heading(pdf, "Activities suggested")
    _text(pdf, ACTIVITIES_NOTE, size=8.5, color=GREY)
    for line in report.activities:
        used_for = ", ".join(line.for_milestones)
        safety = f"Safety: {line.activity.safety} " if line.activity.safety else ""
        text = f"• {line.activity.title}: {safety}{line.activity.summary} (for: {used_for})"
        _text(pdf, text, size=9.5)
        pdf.ln(1)


def render_pdf(report: Report) -> bytes:
    """The summary as PDF bytes: header, regressions, answers that differ, chart, check-ins,
    worries, activities."""
    pdf = _new_pdf(report)
    _header(pdf, report)
    _regressions(pdf, report)
    _differing(pdf, report)
    if report.chart:
        _heading(pdf, "Milestones against the age most children reach them")
        _Chart(pdf, report).draw()
    _checkins(pdf, report)
    _concerns(pdf, report)
    _activities(pdf, report)
    return bytes(pdf.output())


def pdf_filename(nickname: str, day: str) -> str:
    """A safe file name from the nickname's letters (any script) and the date.

    Markup a parent typed (``<b>Zoë-Ali</b>``, ``&lt;i&gt;``) is unescaped and its tags
    dropped first, so no fragment of it (``-b-``) reads as part of the child's name.
    """
    plain = _TAG.sub(" ", html.unescape(nickname))
    safe = "".join(c if c.isalpha() else "-" for c in plain)
    safe = "-".join(part for part in safe.split("-") if part)[:40] or "child"
    return f"sprout-summary-{safe}-{day}.pdf"


@dataclass(frozen=True, slots=True)
class SummaryPdf(FileRequest):
    """``/summary``'s PDF as the flow asks for it; the engine makes it after the commit."""

    KIND: ClassVar[str] = "summary_pdf"

    report: Report
    filename: str
    caption: str = ""

    def make(self) -> Document:
        return Document(render_pdf(self.report), self.filename, self.caption)

    def recipe(self) -> dict[str, Any]:
        recipe = report_recipe(self.report)
        return {"kind": self.KIND, **recipe, "filename": self.filename, "caption": self.caption}
