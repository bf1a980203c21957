"""The files a step may ask for (the summary PDF, the chart picture), as recipes and back.

A ``FileRequest`` carries a whole ``Report``; the outbox keeps only its recipe (whose report:
the child, the day, the period and domains; for the PDF, its file name and caption) until the
file is made. If the process that committed the step dies first, the file is asked for again
from the recipe and the family's data as committed, so it is the file the step would have
made: the step's answers are in that data, and the day is the step's own. Pure: no storage.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from bot.domain.replies import FileRequest
from bot.domain.views import FamilyView
from bot.summary.build import DOMAIN_NAMES, ReportOptions, build_report, names_of
from bot.summary.chart import SummaryChart
from bot.summary.pdf import SummaryPdf
from knowledge.loader import KnowledgeBase
from knowledge.models import Domain


def requested_again(
    recipe: Mapping[str, Any], family: FamilyView, kb: KnowledgeBase
) -> FileRequest | None:
    """The request ``recipe`` was made from, built again from ``family`` (as the member who
    asked sees it); None when its child is no longer there or the kind is unknown."""
    child = family.child(int(recipe["child"]))
    if child is None:
        return None
    domains = tuple(cast(Domain, d) for d in recipe["domains"] if d in DOMAIN_NAMES)
    options = ReportOptions(recipe["months"], domains)
    today = date.fromisoformat(recipe["today"])
    worries, names = family.family_concerns, names_of(family.members)
    report = build_report(child, kb, today, options, worries, names)
    match recipe.get("kind"):
        case SummaryPdf.KIND:
            return SummaryPdf(report, str(recipe["filename"]), str(recipe["caption"]))
        case SummaryChart.KIND:
            return SummaryChart(report)
        case _:
            return None
