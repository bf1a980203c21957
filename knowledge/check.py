"""Cross-reference rules the schema alone cannot express.

``problems(kb)`` returns every broken rule as one readable line; ``parentbot knowledge check``
prints them and exits 1. It runs in CI, so content can only land when every link resolves.
"""

from __future__ import annotations

from knowledge import escalation
from knowledge.loader import KnowledgeBase
from knowledge.models import (
    CHECKLIST_AGES,
    Activity,
    Adaptation,
    Concern,
    Condition,
    Explainer,
    Milestone,
)

#: Concern ids the product promises (issue 3); more are welcome.
REQUIRED_CONCERNS = (
    "pencil_grip",
    "handwriting",
    "scissors",
    "buttons_zippers",
    "self_dressing",
    "shoelaces",
    "utensils",
    "pincer_grasp",
    "reaching_grasping",
    "hands_fisted",
    "drawing_shapes",
    "blocks_stacking",
    "weak_grip",
    "hand_tremor",
    "head_control",
    "rolling",
    "sitting",
    "crawling",
    "pulling_to_stand",
    "late_walking",
    "toe_walking",
    "clumsiness",
    "running_jumping",
    "stairs",
    "balance",
    "bike_riding",
    "ball_skills",
    "posture_core",
    "whole_arm_movement",
    "muscle_tone",
    "regression",
    "one_sided",
    "premature_birth",
    "tummy_time",
    "screen_typing",
    "video_games",
)
REQUIRED_CONDITIONS = (
    "dcd",
    "cerebral_palsy",
    "autism",
    "adhd",
    "down_syndrome",
    "muscular_dystrophy",
    "juvenile_arthritis",
)
REQUIRED_EXPLAINERS = (
    "fine_vs_gross",
    "proximal_stability",
    "occupational_therapy",
    "physical_therapy",
    "fine_motor_activities",
    "gross_motor_activities",
)
REQUIRED_ADAPTATIONS = (
    "stabilizing",
    "extending_enlarging",
    "simplifying",
    "adaptive_equipment",
)
MIN_ACTIVITIES = 60

#: Checklist ages with no gross motor item in the sourced reference: CDC 2022 lists none at
#: 36 months, and 72/84 months are school-age fine motor check-ins by design (DESIGN.md 5).
GROSS_OPTIONAL_AGES = frozenset({36, 72, 84})

#: Age bands (months) every domain's activities must cover, birth to 7 years.
ACTIVITY_BANDS = ((0, 6), (6, 12), (12, 24), (24, 36), (36, 60), (60, 84))


def _links(kb: KnowledgeBase) -> list[str]:
    out: list[str] = []

    def expect(owner: str, field: str, ids: tuple[str, ...], kind: type) -> None:
        for ref in ids:
            target = kb.by_id.get(ref)
            if not isinstance(target, kind):
                out.append(f"{owner}.{field}: {ref!r} is not a {kind.__name__.lower()} id")

    for entry in kb.entries:
        for source in entry.sources:
            if source not in kb.sources:
                out.append(f"{entry.id}.sources: unknown source {source!r}")
        if not entry.sources:
            out.append(f"{entry.id}: has no sources")
        if isinstance(entry, Milestone):
            for source in entry.red_flag_sources:
                if source not in kb.sources:
                    out.append(f"{entry.id}.red_flag_sources: unknown source {source!r}")
            if entry.red_flag_after_months and not entry.red_flag_sources:
                out.append(f"{entry.id}: a red flag needs red_flag_sources")
        if isinstance(entry, Activity):
            expect(entry.id, "builds", entry.builds, Milestone)
            expect(entry.id, "helps_with", entry.helps_with, Concern)
        if isinstance(entry, Concern):
            expect(entry.id, "milestones", entry.milestones, Milestone)
            expect(entry.id, "adaptations", entry.adaptations, Adaptation)
            expect(entry.id, "conditions", entry.conditions, Condition)
            expect(entry.id, "explainers", entry.explainers, Explainer)
    return out


def _required(kb: KnowledgeBase) -> list[str]:
    out: list[str] = []
    for ids, kind in (
        (REQUIRED_CONCERNS, Concern),
        (REQUIRED_CONDITIONS, Condition),
        (REQUIRED_EXPLAINERS, Explainer),
        (REQUIRED_ADAPTATIONS, Adaptation),
    ):
        for required in ids:
            if not isinstance(kb.by_id.get(required), kind):
                out.append(f"missing {kind.__name__.lower()} {required!r}")
    if len(kb.activities) < MIN_ACTIVITIES:
        out.append(f"only {len(kb.activities)} activities; at least {MIN_ACTIVITIES} expected")
    return out


def _coverage(kb: KnowledgeBase) -> list[str]:
    out: list[str] = []
    for age in CHECKLIST_AGES:
        domains = {m.domain for m in kb.milestones if m.checklist_age == age}
        if "fine" not in domains:
            out.append(f"checklist age {age} months has no fine motor milestone")
        if "gross" not in domains and age not in GROSS_OPTIONAL_AGES:
            out.append(f"checklist age {age} months has no gross motor milestone")
    for domain in ("fine", "gross"):
        for low, high in ACTIVITY_BANDS:
            if not any(
                domain in a.domains and a.min_months < high and a.max_months >= low
                for a in kb.activities
            ):
                out.append(f"no {domain} motor activity for ages {low}-{high} months")
    for concern in kb.concerns:
        if not kb.activities_for_concern(concern.id):
            out.append(f"concern {concern.id!r} has no activity (set helps_with on activities)")
        if not concern.phrasings:
            out.append(f"concern {concern.id!r} has no phrasings, so parents cannot reach it")
    for entry in kb.entries:
        if isinstance(entry, Condition | Explainer | Adaptation) and not entry.phrasings:
            out.append(f"{entry.id!r} has no phrasings, so parents cannot reach it")
    for activity in kb.activities:
        if activity.min_months < 36 and activity.safety is None:
            out.append(f"activity {activity.id!r} is for under-3s and needs a safety note")
    return out


def problems(kb: KnowledgeBase) -> list[str]:
    """Every broken rule in ``kb``, one line each; empty when the knowledge base is sound."""
    rules = escalation.problems(kb, escalation.default_rules())
    return _links(kb) + _required(kb) + _coverage(kb) + rules
