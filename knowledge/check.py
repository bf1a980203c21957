"""Cross-reference rules the schema alone cannot express.

``problems(kb)`` returns every broken rule as one readable line; ``parentbot knowledge check``
prints them and exits 1. It runs in CI, so content can only land when every link resolves.
"""

from __future__ import annotations

import re
from collections import Counter

from knowledge import escalation, scope_model, topic_model
from knowledge.classifier import model_problems
from knowledge.examples import example_problems
from knowledge.loader import KnowledgeBase
from knowledge.models import (
    CHECKLIST_AGES,
    Activity,
    Adaptation,
    Concern,
    Condition,
    Entry,
    Explainer,
    Hazard,
    Milestone,
)
from knowledge.normalize import content_tokens, normalize
from knowledge.signs import DangerSigns, DangerSignsError, load_danger_signs, source_problems
from knowledge.triage import assess
from knowledge.vocabulary import Rewriter, word_pattern

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

#: The hazards every activity and adaptation example is judged against (issue 12).
REQUIRED_HAZARDS = (
    "small_parts",
    "magnets",
    "button_batteries",
    "cords_straps",
    "water",
    "heights",
    "sharp_tools",
    "heat",
    "chemicals",
    "choking_foods",
    "balloons",
)

#: Below this age (months) every activity and example shown says to stay with the child.
UNDER_THREE = 36
STAY_WITH_CHILD = "stay with your child"

#: A check-in asks at most this many questions of one checklist age (phone-sized, and parents
#: answer ten with care where they skim twenty).
MAX_QUESTIONS_PER_AGE = 10

#: What a seed's ``covers`` may name besides entry ids: every fine motor activity (the fine
#: motor seed is about practising hand skills through play) or every core and shoulder one
#: (the fine-vs-gross seed's "core and shoulders first").
#: Sources from the pre-2022 CDC lists, which sat nearer the average child than the 75% line.
LEGACY_SOURCE_PREFIX = "cdc_legacy"

COVERS_FINE_ACTIVITIES = "activities:fine"
COVERS_PROXIMAL_ACTIVITIES = "activities:proximal"

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
            for source in entry.same_day_sources:
                if source not in kb.sources:
                    out.append(f"{entry.id}.same_day_sources: unknown source {source!r}")
            if entry.same_day_after_months and not entry.same_day_sources:
                out.append(f"{entry.id}: a same-day sign needs same_day_sources")
            out += _overdue(kb, entry)
        if isinstance(entry, Activity):
            expect(entry.id, "builds", entry.builds, Milestone)
            expect(entry.id, "helps_with", entry.helps_with, Concern)
        if isinstance(entry, Concern):
            expect(entry.id, "milestones", entry.milestones, Milestone)
            expect(entry.id, "adaptations", entry.adaptations, Adaptation)
            expect(entry.id, "conditions", entry.conditions, Condition)
            expect(entry.id, "explainers", entry.explainers, Explainer)
    return out


def _overdue(kb: KnowledgeBase, entry: Milestone) -> list[str]:
    """A long-overdue red flag needs its own sources and a red flag it follows."""
    out = [
        f"{entry.id}.overdue_sources: unknown source {source!r}"
        for source in entry.overdue_sources
        if source not in kb.sources
    ]
    overdue, flag = entry.overdue_after_months, entry.red_flag_after_months
    if overdue is None:
        return out
    if not entry.overdue_sources:
        out.append(f"{entry.id}: a long-overdue red flag needs overdue_sources")
    if flag is None or overdue <= flag:
        out.append(f"{entry.id}: overdue_after_months must come after red_flag_after_months")
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
    asked = [m for m in kb.milestones if m.asked]
    per_age = Counter(m.checklist_age for m in asked)
    for age in CHECKLIST_AGES:
        domains = {m.domain for m in asked if m.checklist_age == age}
        for domain in ("fine", "gross"):
            if domain not in domains:
                out.append(f"checklist age {age} months has no {domain} motor milestone")
        if per_age[age] > MAX_QUESTIONS_PER_AGE:
            out.append(
                f"checklist age {age} months asks {per_age[age]} questions; "
                f"at most {MAX_QUESTIONS_PER_AGE}"
            )
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
    return out


def mentioned_word(hazard: Hazard, text: str) -> str | None:
    """The first of the hazard's give-away words that ``text`` uses, as a whole word."""
    for word in hazard.words:
        if re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
            return word
    return None


def _safe_to_show(
    kb: KnowledgeBase,
    owner: str,
    hazards: tuple[str, ...],
    min_months: int,
    safety: str | None,
    text: str,
) -> list[str]:
    """One activity or example: hazards known, old enough for each, sentences said."""
    out: list[str] = []
    note = (safety or "").lower()
    for hazard_id in hazards:
        hazard = kb.hazards.get(hazard_id)
        if hazard is None:
            out.append(f"{owner}: unknown hazard {hazard_id!r}")
            continue
        if min_months < hazard.min_months:
            out.append(
                f"{owner}: shown from {min_months} months, below the {hazard_id} "
                f"minimum age of {hazard.min_months} months"
            )
        if hazard.sentence.lower() not in note:
            out.append(f"{owner}: safety note lacks the {hazard_id} sentence")
    for hazard in kb.hazards.values():
        word = mentioned_word(hazard, text)
        if hazard.id not in hazards and word is not None:
            out.append(f"{owner}: mentions {word!r} but is not tagged {hazard.id}")
    if min_months < UNDER_THREE and STAY_WITH_CHILD not in note:
        out.append(f"{owner}: shown to under-3s, so its safety note must say {STAY_WITH_CHILD!r}")
    return out


def _hazards(kb: KnowledgeBase) -> list[str]:
    out: list[str] = [f"missing hazard {h!r}" for h in REQUIRED_HAZARDS if h not in kb.hazards]
    for hazard in kb.hazards.values():
        for source_id in hazard.sources:
            source = kb.sources.get(source_id)
            if source is None:
                out.append(f"hazard {hazard.id}: unknown source {source_id!r}")
            elif not (source.title and source.publisher and source.year):
                out.append(f"source {source_id}: a hazard source needs title, publisher and year")
    for activity in kb.activities:
        text = " ".join((*activity.materials, *activity.steps))
        out += _safe_to_show(
            kb,
            f"activity {activity.id}",
            activity.hazards,
            activity.min_months,
            activity.safety,
            text,
        )
    for adaptation in kb.adaptations:
        for n, example in enumerate(adaptation.examples):
            out += _safe_to_show(
                kb,
                f"adaptation {adaptation.id} example {n} ({example.task})",
                example.hazards,
                example.min_months,
                example.safety,
                example.text,
            )
    return out


def _grading(kb: KnowledgeBase) -> list[str]:
    """Only what the sources support is graded: a low-confidence item, or one resting on the
    pre-2022 CDC lists alone, must say why its "not yet" is for information only."""
    out: list[str] = []
    for m in kb.milestones:
        legacy = bool(m.sources) and all(s.startswith(LEGACY_SOURCE_PREFIX) for s in m.sources)
        if (m.confidence == "low" or legacy) and m.for_information is None:
            why = "low confidence" if m.confidence == "low" else "legacy sources only"
            out.append(f"milestone {m.id}: {why}, so it needs for_information (never a miss)")
    return out


def _concern_tips(kb: KnowledgeBase) -> list[str]:
    """Home tips have no age, so the hazards they mention must be spoken to in ``safety``."""
    out: list[str] = []
    for concern in kb.concerns:
        note = (concern.safety or "").lower()
        for hazard in kb.hazards.values():
            word = mentioned_word(hazard, " ".join(concern.home_tips))
            if word is not None and hazard.sentence.lower() not in note:
                out.append(
                    f"concern {concern.id}: home tips mention {word!r}, so its safety note "
                    f"needs the {hazard.id} sentence"
                )
    return out


def _covered(entry: Entry, covers: tuple[str, ...]) -> bool:
    if entry.id in covers:
        return True
    if isinstance(entry, Activity):
        fine = COVERS_FINE_ACTIVITIES in covers and "fine" in entry.domains
        return fine or (COVERS_PROXIMAL_ACTIVITIES in covers and entry.proximal)
    return False


def _citations(kb: KnowledgeBase) -> list[str]:
    """A source that lists what it covers (the seeds) may only be cited for that."""
    out: list[str] = []
    for entry in kb.entries:
        for source_id in entry.sources:
            source = kb.sources.get(source_id)
            if source is None or source.covers is None:
                continue
            if not _covered(entry, source.covers):
                out.append(f"{entry.id}: cites {source_id}, which does not cover this topic")
    for source in kb.sources.values():
        for covered in source.covers or ():
            selector = covered in (COVERS_FINE_ACTIVITIES, COVERS_PROXIMAL_ACTIVITIES)
            if not selector and covered not in kb.by_id:
                out.append(f"source {source.id}.covers: {covered!r} is not an entry id")
    return out


def danger_sign_problems(kb: KnowledgeBase, signs: DangerSigns) -> list[str]:
    """Sources that do not exist, signs that no longer fire on their own examples, and calm
    messages that escalate: a rule that stops working fails the check, not a parent."""
    out = source_problems(signs, kb.sources)
    out += [f"sign {sign.id}: unknown topic {sign.topic}"
            for sign in signs.signs if sign.topic and sign.topic not in kb.by_id]  # fmt: skip
    for sign in signs.signs:
        for example in sign.examples:
            found = assess(example, signs=signs)
            if sign not in found.fired:
                out.append(f"sign {sign.id}: does not fire on its example {example!r}")
            elif found.level != sign.level and sign.level == "emergency":
                out.append(f"sign {sign.id}: its example {example!r} is only {found.level}")
        for rule in sign.rules:
            if rule.example is None:
                continue
            found = assess(rule.example, signs=signs)
            shown = dict(zip(found.fired, found.steps, strict=True))
            if sign not in shown:
                out.append(f"sign {sign.id}: does not fire on its rule's example {rule.example!r}")
            elif shown[sign] != rule.first_step:
                out.append(
                    f"sign {sign.id}: its rule's example {rule.example!r} fires another rule"
                    " (its first step is not the one this rule gives)"
                )
    for text in signs.calm:
        level = assess(text, signs=signs).level
        if level in ("emergency", "urgent"):
            out.append(f"calm message {text!r} is answered {level}")
    return out


def _vocabulary(kb: KnowledgeBase) -> list[str]:
    """A synonym must point at words the phrasings use, and a word may mean one thing only."""
    out: list[str] = []
    known = {
        token
        for entry in kb.entries
        if isinstance(entry, Activity | Adaptation | Concern | Condition | Explainer)
        for text in (entry.title, *entry.phrasings)
        for token in content_tokens(normalize(text))
    }
    seen: dict[str, str] = {}
    for synonym in kb.vocabulary.synonyms:
        unknown = [t for t in content_tokens(normalize(synonym.means)) if t not in known]
        if unknown:
            out.append(f"vocabulary: {synonym.means!r} uses words no phrasing has: {unknown}")
        for word in synonym.words:
            said = normalize(word)
            if said == normalize(synonym.means):
                out.append(f"vocabulary: {word!r} is listed as a synonym of itself")
            elif said in seen and seen[said] != synonym.means:
                out.append(f"vocabulary: {word!r} means both {seen[said]!r} and {synonym.means!r}")
            seen[said] = synonym.means
    motor = {normalize(w) for w in (*kb.vocabulary.motor_words, *kb.vocabulary.body_words)}
    for idiom in kb.vocabulary.idioms:
        if normalize(idiom.means) in motor:
            out.append(f"vocabulary: idiom {idiom.words[0]!r} means a motor word")
    ids: set[str] = set()
    for domain in kb.vocabulary.other_domains:
        if domain.id in ids:
            out.append(f"vocabulary: other domain {domain.id!r} is listed twice")
        ids.add(domain.id)
        for word in domain.words:
            if normalize(word) in motor:
                out.append(f"vocabulary: {word!r} is both a motor word and a {domain.id} word")
    return out


def _unreadable_words(kb: KnowledgeBase) -> list[str]:
    """A scope word must survive the rewrite: the scope decision reads the message after
    idioms and synonyms, so a listed word they change ("high chair" becomes "chair", "mood
    swings" "mood playground") is never found unless its own list has what it becomes."""
    rewrite = Rewriter(kb.vocabulary)
    lists = [
        ("motor_words", kb.vocabulary.motor_words),
        ("body_words", kb.vocabulary.body_words),
        *((f"{d.id} words", d.words) for d in kb.vocabulary.other_domains),
    ]
    out: list[str] = []
    for name, words in lists:
        pattern = word_pattern(words)
        for word in words:
            said = normalize(word.rstrip("*"))
            read = rewrite(said)
            if read != said and (pattern is None or not pattern.search(read)):
                out.append(f"vocabulary: {name}: {word!r} is read as {read!r}, never found")
    return out


def _related(kb: KnowledgeBase) -> set[frozenset[str]]:
    """Pairs of entries that may share a phrasing's words: a concern and what it links (its
    adaptations, conditions, explainers and the activities that help with it), and two
    activities that help with the same concern (either one brings the concern along)."""
    pairs: set[frozenset[str]] = set()
    helpers: dict[str, list[str]] = {}
    for entry in kb.entries:
        if isinstance(entry, Concern):
            linked = (*entry.adaptations, *entry.conditions, *entry.explainers)
            pairs.update(frozenset((entry.id, other)) for other in linked)
        elif isinstance(entry, Activity):
            for concern in entry.helps_with:
                pairs.add(frozenset((entry.id, concern)))
                helpers.setdefault(concern, []).append(entry.id)
    for activities in helpers.values():
        pairs.update(frozenset((a, b)) for a in activities for b in activities if a != b)
    return pairs


def _twin_phrasings(kb: KnowledgeBase) -> list[str]:
    """Two unrelated entries must not have phrasings that are the same words once the matcher
    has rewritten them and dropped stopwords: "what are fine motor skills" and "help my child's
    fine motor skills" both become "fine motor skills", so the matcher cannot tell the
    definition from the activities, and "walks into things" (clumsiness) is plain "walk"."""
    rewrite = Rewriter(kb.vocabulary)
    related = _related(kb)
    first: dict[frozenset[str], list[tuple[str, str]]] = {}
    out: list[str] = []
    for entry in kb.entries:
        if not isinstance(entry, Activity | Adaptation | Concern | Condition | Explainer):
            continue
        for text in (entry.title, *entry.phrasings):
            words = frozenset(content_tokens(rewrite(normalize(text))))
            if not words:
                continue
            owners = first.setdefault(words, [])
            for owner, said in owners:
                if owner != entry.id and frozenset((owner, entry.id)) not in related:
                    out.append(
                        f"{entry.id}: phrasing {text!r} has the same words as {owner}'s {said!r}"
                    )
            owners.append((entry.id, text))
    return out


def _doctor_first(kb: KnowledgeBase) -> list[str]:
    """Every worry and condition names the child's doctor first under "Who helps": the doctor
    looks for a medical cause and refers as needed (a toe walker to a therapist, an
    orthopedist or a neurologist), so no specialist or therapist is anyone's first stop."""
    return [
        f"{entry.id}.helpers: the child's doctor (pediatrician) must come first"
        for entry in kb.entries
        if isinstance(entry, (Concern, Condition)) and entry.helpers[0] != "pediatrician"
    ]


def problems(kb: KnowledgeBase) -> list[str]:
    """Every broken rule in ``kb``, one line each; empty when the knowledge base is sound."""
    checks = (
        _links,
        _required,
        _coverage,
        _grading,
        _hazards,
        _concern_tips,
        _doctor_first,
        _citations,
        _vocabulary,
        _unreadable_words,
        _twin_phrasings,
    )
    found = [problem for check in checks for problem in check(kb)]
    found += escalation.problems(kb, escalation.default_rules())
    found += example_problems()
    found += topic_model.model_problems(entry.id for entry in kb.entries)
    found += scope_model.model_problems()
    try:
        signs = load_danger_signs()
    except DangerSignsError as exc:
        return found + [f"danger_signs.yaml: {problem}" for problem in exc.problems]
    return found + danger_sign_problems(kb, signs) + model_problems(signs)
