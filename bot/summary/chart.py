"""The PDF's milestone chart as a picture for the chat (matplotlib, Agg). Pure: bytes out.

The same chart as the PDF (``bot.summary.pdf``): each milestone on a line of ages, a shaded
band for the WHO window (1st to 99th percentile), a black tick at the age by which most
children show it, the child's latest answer at the age it was given (filled circle: yes,
cross: not yet, hollow diamond: not sure) and a dashed line at the child's age now. Laid out
for a phone held upright: each milestone's name and answer sit on their own line above its
age line, so the ages use the picture's whole width, and the text stays readable when the
picture is shown 360 pixels wide (``readable_px``).

Drawn with ``Figure`` and the Agg canvas directly, never ``pyplot``: no GUI, no global figure
state, so pictures can be drawn in worker threads side by side. The child's nickname is not
drawn (a character the font lacks would be a warning naming it); the caption carries it, with
the chart in words for screen readers (``alt_text``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, ClassVar

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from bot.domain.replies import FileRequest, Photo
from bot.summary.build import ANSWER_NAMES, ChartRow, Report, report_recipe
from bot.summary.pdf import AMBER, BLACK, GREEN, GREY, RED, RGB, WHO_BAND, axis_max

#: Pixels across: twice a phone's 360, so the picture stays sharp on a dense screen.
WIDTH_PX = 720
DPI = 150
#: Text sizes (points at ``DPI``): names and answers, then the age axis and the legend.
LABEL_PT, TICK_PT = 12.0, 11.0
#: Inches per milestone: its name above, its age line below.
ROW_IN = 0.62
#: What Telegram takes of a photo: width and height together (kept under its 10,000).
MAX_SIDES_PX = 9_600
#: Telegram refuses a photo caption over 1024 characters.
MAX_CAPTION = 1024


def readable_px(points: float, shown_width: int = 360) -> float:
    """How tall text of ``points`` is, in pixels, when the picture is shown ``shown_width``
    pixels wide."""
    return points * DPI / 72 * shown_width / WIDTH_PX


def _rgb(color: RGB) -> tuple[float, float, float]:
    return (color[0] / 255, color[1] / 255, color[2] / 255)


#: Characters of a milestone's name that fit the picture's width at ``LABEL_PT``.
LABEL_CHARS = 44


def _label(row: ChartRow) -> str:
    """The milestone's name, cut with "…" to the width; "(not asked)" when unanswered."""
    domain = "G" if row.milestone.domain == "gross" else "F"
    after = "" if row.answer is not None else " (not asked)"
    room = LABEL_CHARS - len(after)
    text = f"{domain} · {row.milestone.title}"
    return (text if len(text) <= room else text[: room - 1].rstrip() + "…") + after


def _label_color(row: ChartRow) -> RGB:
    return GREY if row.answer is None else BLACK


def _answer(axes: Axes, row: ChartRow, y: float, xmax: int) -> None:
    """The answer's mark at the age it was given, and its words beside it (toward the
    middle, so they stay inside the picture)."""
    line = row.answer
    if line is None:
        return
    x = line.age_months
    if line.answer == "yes":
        axes.plot([x], [y], "o", color=_rgb(GREEN), markersize=8)
    elif line.answer == "not_yet":
        axes.plot([x], [y], "x", color=_rgb(RED), markersize=9, markeredgewidth=2.5)
    else:
        axes.plot(
            [x],
            [y],
            "D",
            markerfacecolor="none",
            markeredgecolor=_rgb(AMBER),
            markersize=8,
            markeredgewidth=2,
        )
    words = f"{ANSWER_NAMES[line.answer]}, {x} m"
    start = _beside(row, x, len(words), xmax)[0]
    color = RED if row.status == "behind" else AMBER if line.answer != "yes" else GREEN
    axes.text(start, y, words, fontsize=TICK_PT, va="center", ha="left", color=_rgb(color))


#: Axis width in points, for the room a text takes on the age axis.
AXIS_PT = 0.92 * WIDTH_PX / DPI * 72


def _beside(row: ChartRow, x: float, chars: int, xmax: int) -> tuple[float, float]:
    """Where an answer's words go on the age line: right or left of the mark, inside the
    picture, preferably clear of the tick and the WHO band, then clear of the tick."""
    width = chars * 0.56 * TICK_PT / AXIS_PT * xmax
    gap = xmax * 0.03
    spans = [(x + gap, x + gap + width), (x - gap - width, x - gap)]
    inside = [(a, b) for a, b in spans if a >= 0 and b <= xmax] or spans[:1]
    tick = row.milestone.most_by_months
    window = row.milestone.who_window
    band = (window.p1_months, window.p99_months) if window else (tick, tick)

    def clear(span: tuple[float, float], of: tuple[float, float]) -> bool:
        return span[1] < of[0] or span[0] > of[1]

    for span in inside:
        if clear(span, (tick, tick)) and clear(span, band):
            return span
    return next((span for span in inside if clear(span, (tick, tick))), inside[0])


def render_chart(report: Report) -> bytes:
    """The chart as PNG bytes, ``WIDTH_PX`` wide and as tall as its rows need."""
    rows = report.chart
    xmax, step = axis_max(report)
    top, bottom = 0.8, 1.15  # inches: title and ages above; ages, legend below
    height = ROW_IN * len(rows) + top + bottom
    width = WIDTH_PX / DPI
    # Telegram refuses a photo whose sides add up to more than 10,000 pixels: a chart of
    # very many rows is drawn at a lower resolution rather than refused.
    dpi = min(DPI, MAX_SIDES_PX / (width + height))
    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.04, bottom / height, 0.92, 1 - (top + bottom) / height))
    for index, row in enumerate(rows):
        y = index + 0.62
        regression = row.answer is not None and row.answer.regression
        axes.text(
            0,
            index + 0.02,
            _label(row),
            fontsize=LABEL_PT,
            va="top",
            ha="left",
            color=_rgb(RED if regression or row.status == "behind" else _label_color(row)),
            fontweight="bold" if regression else "normal",
            parse_math=False,
        )
        axes.axhline(y, color="0.88", linewidth=1, zorder=0)
        window = row.milestone.who_window
        if window is not None:
            axes.barh(
                y,
                window.p99_months - window.p1_months,
                left=window.p1_months,
                height=0.26,
                color=_rgb(WHO_BAND),
                zorder=1,
            )
        most_by = row.milestone.most_by_months
        axes.plot([most_by, most_by], [y - 0.2, y + 0.2], color="black", linewidth=2.5)
        _answer(axes, row, y, xmax)
    axes.axvline(report.age.months, color=_rgb(GREY), linestyle="--", linewidth=1.5)
    axes.set_xlim(0, xmax)
    axes.set_ylim(len(rows), 0)
    axes.set_xticks(range(0, xmax + 1, step))
    axes.tick_params(axis="x", labelsize=TICK_PT, top=True, labeltop=len(rows) > 8)
    axes.set_yticks([])
    axes.set_xlabel("age (months)", fontsize=TICK_PT)
    for side in ("left", "right"):
        axes.spines[side].set_visible(False)
    figure.text(
        0.04,
        1 - 0.12 / height,
        "Milestones by age",
        fontsize=LABEL_PT + 1,
        va="top",
        fontweight="bold",
    )
    figure.legend(
        handles=_legend(report),
        loc="lower center",
        ncols=3,
        fontsize=TICK_PT - 1,
        frameon=False,
        handlelength=1.2,
        columnspacing=0.8,
    )
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def _legend(report: Report) -> list[Line2D | Patch]:
    now = "age now" + (" (corr.)" if report.age.uses_corrected else "")
    return [
        Line2D([], [], marker="o", linestyle="", color=_rgb(GREEN), label="yes"),
        Line2D(
            [], [], marker="x", linestyle="", color=_rgb(RED), markeredgewidth=2.5, label="not yet"
        ),
        Line2D(
            [],
            [],
            marker="D",
            linestyle="",
            markerfacecolor="none",
            markeredgecolor=_rgb(AMBER),
            label="not sure",
        ),
        Line2D(
            [],
            [],
            marker="|",
            linestyle="",
            color="black",
            markersize=10,
            markeredgewidth=2.5,
            label="most by",
        ),
        Patch(color=_rgb(WHO_BAND), label="WHO window"),
        Line2D([], [], linestyle="--", color=_rgb(GREY), label=now),
    ]


def _titles(rows: list[ChartRow], limit: int = 4) -> str:
    names = [f"“{row.milestone.title}”" for row in rows[:limit]]
    more = len(rows) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def alt_text(report: Report) -> str:
    """The chart in words, for a screen reader and anyone who cannot see the picture: what it
    shows, then how many answers are yes, not yet and not sure, naming the ones behind."""
    rows = list(report.chart)
    answered = [row for row in rows if row.answer is not None]
    counts = {
        name: sum(1 for row in answered if row.answer and row.answer.answer == answer)
        for answer, name in ANSWER_NAMES.items()
    }
    said = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    parts = [
        f"Chart of {report.nickname}'s milestones ({report.age.months} months): "
        f"{len(rows)} skills on a line of ages, each with the age most children show it"
        f" and {report.nickname}'s latest answer.",
        f" Answers: {said}." if said else " No answers yet.",
    ]
    behind = [row for row in rows if row.status == "behind"]
    if behind:
        parts.append(f" Past the age most children show it: {_titles(behind)}.")
    lost = [row for row in rows if row.answer is not None and row.answer.regression]
    if lost:
        parts.append(f" Lost: {_titles(lost)}.")
    text = "".join(parts)
    return text if len(text) <= MAX_CAPTION else text[: MAX_CAPTION - 1] + "…"


@dataclass(frozen=True, slots=True)
class SummaryChart(FileRequest):
    """The chart as a photo for the chat, asked for in a step and drawn after the commit."""

    KIND: ClassVar[str] = "summary_chart"

    report: Report

    def make(self) -> Photo:
        return Photo(render_chart(self.report), alt_text(self.report))

    def recipe(self) -> dict[str, Any]:
        return {"kind": self.KIND, **report_recipe(self.report)}
