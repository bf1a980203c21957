"""How long the progress picture takes to draw (``bot.summary.chart``), next to the PDF.

Both are drawn after the transaction, in a worker thread; this says how much CPU one
check-in's or one /summary's picture costs. Prints the median of ``--runs`` draws for a
child with 11 milestones on the chart and for one with every milestone answered.

    python bench/chart_render.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from bot.domain.age import age_on
from bot.domain.views import Answer, ChildView, ObservationView
from bot.summary.build import Report, ReportOptions, build_report
from bot.summary.chart import render_chart
from bot.summary.pdf import render_pdf
from knowledge.loader import default_knowledge

KB = default_knowledge()
TODAY = date(2026, 11, 21)


def report(months: int, every: bool) -> Report:
    """A child of ``months`` with the milestones of the ages passed answered (``every``) or
    only the last check-in's."""
    born = TODAY - timedelta(days=round(months * 30.44))
    ages = sorted({m.checklist_age for m in KB.milestones if m.checklist_age <= months})
    asked = ages if every else ages[-1:]
    age = age_on(born, None, TODAY).months
    answers: tuple[Answer, ...] = ("not_yet", "yes", "yes")
    observations = tuple(
        ObservationView(m.id, answers[i % 3], TODAY, age, m.checklist_age)
        for i, m in enumerate(KB.milestones)
        if m.checklist_age in asked
    )
    child = ChildView(1, "Mila", born, observations=observations)
    return build_report(child, KB, TODAY, ReportOptions())


def median_ms(draw: Callable[[], bytes], runs: int) -> float:
    draw()  # fonts and caches, as a running bot has them
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        draw()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    for label, rep in (("one check-in", report(14, False)), ("every age", report(72, True))):
        chart = median_ms(partial(render_chart, rep), runs)
        pdf = median_ms(partial(render_pdf, rep), runs)
        size = len(render_chart(rep))
        rows = len(rep.chart)
        print(f"{label}: {rows} rows; chart {chart:.0f} ms ({size // 1024} KB), PDF {pdf:.0f} ms")


if __name__ == "__main__":
    main()
