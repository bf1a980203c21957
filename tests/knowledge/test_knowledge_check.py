"""Each rule of ``parentbot knowledge check`` fires on content that breaks it (issue 12).

Every test breaks one thing in the shipped knowledge base and expects the matching problem,
so a rule that silently stops firing fails here; the shipped content itself must be clean.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from knowledge import check, escalation
from knowledge.check import MAX_QUESTIONS_PER_AGE, MIN_ACTIVITIES, problems
from knowledge.loader import KnowledgeBase
from knowledge.models import Activity, Adaptation, Concern, Entry, Milestone, Source
from knowledge.signs import DEFAULT_PATH, default_danger_signs, load_danger_signs
from knowledge.triage import Assessment, assess
from tests.support.context import KB


@pytest.fixture(autouse=True)
def _compiled_danger_signs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check reads the shipped danger signs each time; these tests never change them, so
    they share one compiled copy (a third of a second per check saved)."""
    monkeypatch.setattr(check, "load_danger_signs", default_danger_signs)


def with_entries(*changed: Entry, kb: KnowledgeBase = KB) -> KnowledgeBase:
    """``kb`` with entries replaced by id (new ids are added)."""
    by_id = {entry.id: entry for entry in changed}
    entries = tuple(by_id.pop(e.id, e) for e in kb.entries) + tuple(by_id.values())
    return replace(kb, entries=entries)


def without(*ids: str) -> KnowledgeBase:
    """The shipped knowledge base without the entries ``ids``."""
    return replace(KB, entries=tuple(e for e in KB.entries if e.id not in ids))


def changed(entry_id: str, **changes: object) -> Entry:
    """A copy of a shipped entry with ``changes`` (not validated: the check must catch it)."""
    return KB.by_id[entry_id].model_copy(update=changes)


def activity(activity_id: str, **changes: object) -> Activity:
    entry = KB.by_id[activity_id]
    assert isinstance(entry, Activity)
    return entry.model_copy(update=changes)


def found(kb: KnowledgeBase, *fragments: str) -> list[str]:
    """The problems of ``kb`` that mention every fragment."""
    return [p for p in problems(kb) if all(f in p for f in fragments)]


def test_the_shipped_knowledge_base_is_clean() -> None:
    assert problems(KB) == []


def test_an_activity_below_a_hazards_minimum_age_fails() -> None:
    kb = with_entries(activity("lacing_cards", min_months=24))
    assert found(kb, "lacing_cards", "below the cords_straps minimum age of 36")


def test_an_activity_without_its_hazard_sentence_fails() -> None:
    kb = with_entries(activity("water_painting", safety="Have fun."))
    assert found(kb, "water_painting", "lacks the water sentence")


def test_an_activity_that_mentions_a_hazard_without_the_tag_fails() -> None:
    changed = activity("block_towers", materials=("large blocks", "a few marbles"))
    assert found(with_entries(changed), "block_towers", "'marbles'", "not tagged small_parts")


def test_an_unknown_hazard_tag_fails() -> None:
    kb = with_entries(activity("block_towers", hazards=("lava",)))
    assert found(kb, "block_towers", "unknown hazard 'lava'")


def test_an_under_three_activity_must_say_stay_with_your_child() -> None:
    kb = with_entries(activity("block_towers", safety="Use big blocks."))
    assert found(kb, "block_towers", "stay with your child")


def test_an_adaptation_example_below_a_hazards_minimum_age_fails() -> None:
    entry = KB.by_id["adaptive_equipment"]
    assert isinstance(entry, Adaptation)
    knife = next(e for e in entry.examples if "rocker knife" in e.text)
    examples = tuple(
        e.model_copy(update={"min_months": 18}) if e is knife else e for e in entry.examples
    )
    kb = with_entries(entry.model_copy(update={"examples": examples}))
    assert found(kb, "adaptive_equipment", "below the sharp_tools minimum age")


def test_a_missing_hazard_and_an_unsourced_one_fail() -> None:
    hazards = {k: v for k, v in KB.hazards.items() if k != "magnets"}
    kb = KnowledgeBase(entries=KB.entries, sources=KB.sources, hazards=hazards)
    assert found(kb, "missing hazard 'magnets'")
    sources = dict(KB.sources)
    sources["cpsc_small_parts"] = Source(id="cpsc_small_parts", citation="CPSC small parts")
    kb = KnowledgeBase(entries=KB.entries, sources=sources, hazards=KB.hazards)
    assert found(kb, "cpsc_small_parts", "needs title, publisher and year")


def test_a_concern_whose_tips_mention_a_hazard_needs_its_sentence() -> None:
    concern = KB.by_id["pincer_grasp"]
    kb = with_entries(concern.model_copy(update={"safety": None}))
    assert found(kb, "concern pincer_grasp", "choking_foods sentence")


def test_more_than_ten_questions_at_one_age_fail() -> None:
    template = KB.milestone("skips_after_demo")
    extra = [
        template.model_copy(update={"id": f"extra_{n}"}) for n in range(MAX_QUESTIONS_PER_AGE)
    ]
    assert found(with_entries(*extra), "checklist age 72 months asks")


def test_every_age_needs_both_domains() -> None:
    gross_72 = [m for m in KB.milestones if m.checklist_age == 72 and m.domain == "gross"]
    kb = with_entries(*(m.model_copy(update={"checklist_age": 84}) for m in gross_72))
    assert found(kb, "checklist age 72 months has no gross motor milestone")


def test_low_confidence_or_legacy_items_must_be_for_information() -> None:
    diamond = KB.milestone("copies_diamond").model_copy(update={"for_information": None})
    legacy = KB.milestone("legacy_stands_one_foot_10s").model_copy(
        update={"for_information": None}
    )
    kb = with_entries(diamond, legacy)
    assert found(kb, "copies_diamond", "low confidence")
    assert found(kb, "legacy_stands_one_foot_10s", "legacy sources only")


def test_a_seed_cited_for_a_topic_it_does_not_cover_fails() -> None:
    condition = KB.by_id["down_syndrome"]
    kb = with_entries(condition.model_copy(update={"sources": ("seed_fine_motor",)}))
    assert found(kb, "down_syndrome", "cites seed_fine_motor")


def test_a_seed_covers_list_may_only_name_real_entries() -> None:
    sources = dict(KB.sources)
    seed = sources["seed_fine_motor"]
    assert seed.covers is not None
    sources["seed_fine_motor"] = seed.model_copy(update={"covers": (*seed.covers, "no_such")})
    kb = replace(KB, sources=sources)
    assert found(kb, "seed_fine_motor.covers", "'no_such'")


def test_every_checklist_age_asks_both_domains_in_the_shipped_content() -> None:
    from knowledge.models import CHECKLIST_AGES

    for age in CHECKLIST_AGES:
        asked = [m for m in KB.milestones if m.checklist_age == age and m.asked]
        assert {m.domain for m in asked} == {"fine", "gross"}, age
        assert len(asked) <= MAX_QUESTIONS_PER_AGE, age


def test_milestone_model_defaults_keep_old_entries_graded_and_asked() -> None:
    assert isinstance(KB.by_id["runs"], Milestone)
    assert KB.milestone("runs").for_information is None
    assert KB.milestone("runs").asked


def test_the_planner_skips_items_that_are_no_longer_asked() -> None:
    from bot.flows.checkin.plan import questions_for, sitting

    # Issue 11: a first check-in also catches up earlier red-flag items (spread over
    # follow-ups), so the age's own items are counted apart from the whole plan.
    planned = questions_for(72, (), KB)
    assert all(KB.milestone(i).asked for i in planned)
    own = [i for i in planned if KB.milestone(i).checklist_age == 72]
    assert "cuts_line_and_simple_shapes" not in own
    assert len(own) <= MAX_QUESTIONS_PER_AGE
    assert {KB.milestone(i).domain for i in own} == {"fine", "gross"}
    assert len(sitting(planned)) < MAX_QUESTIONS_PER_AGE  # room for the lost-skills question


def test_an_earlier_not_yet_on_an_item_no_longer_asked_is_not_asked_again() -> None:
    from datetime import date

    from bot.domain.views import ObservationView
    from bot.flows.checkin.plan import questions_for

    before = (ObservationView("begins_shoe_tying", "not_yet", date(2026, 1, 5), 72, 72),)
    assert "begins_shoe_tying" not in questions_for(84, before, KB)


# --- every other rule, one broken copy each (issue 14) -------------------------------------
# Each test asserts the exact line the check prints, so a rule that stops firing, or starts
# saying something else, fails here.


def test_an_unknown_source_and_no_source_at_all_fail() -> None:
    unknown = with_entries(changed("block_towers", sources=("nobody_2099",)))
    assert "block_towers.sources: unknown source 'nobody_2099'" in problems(unknown)
    assert "block_towers: has no sources" in problems(
        with_entries(changed("block_towers", sources=()))
    )


@pytest.mark.parametrize("kind", ["red_flag", "same_day"])
def test_a_red_flag_or_same_day_sign_needs_known_sources(kind: str) -> None:
    field = f"{kind}_sources"
    unknown = with_entries(changed("moves_all_limbs", **{field: ("nobody_2099",)}))
    assert f"moves_all_limbs.{field}: unknown source 'nobody_2099'" in problems(unknown)
    unsourced = problems(with_entries(changed("moves_all_limbs", **{field: ()})))
    what = "a red flag" if kind == "red_flag" else "a same-day sign"
    assert f"moves_all_limbs: {what} needs {field}" in unsourced


@pytest.mark.parametrize(
    ("entry_id", "field", "wrong", "kind"),
    [
        ("block_towers", "builds", "dcd", "milestone"),
        ("block_towers", "helps_with", "runs", "concern"),
        ("pencil_grip", "milestones", "dcd", "milestone"),
        ("pencil_grip", "adaptations", "runs", "adaptation"),
        ("pencil_grip", "conditions", "runs", "condition"),
        ("pencil_grip", "explainers", "runs", "explainer"),
    ],
)
def test_a_link_to_an_entry_of_the_wrong_kind_fails(
    entry_id: str, field: str, wrong: str, kind: str
) -> None:
    kb = with_entries(changed(entry_id, **{field: (wrong,)}))
    assert f"{entry_id}.{field}: {wrong!r} is not a {kind} id" in problems(kb)


@pytest.mark.parametrize(
    ("entry_id", "kind"),
    [
        ("pencil_grip", "concern"),
        ("dcd", "condition"),
        ("fine_vs_gross", "explainer"),
        ("stabilizing", "adaptation"),
    ],
)
def test_a_required_entry_that_is_missing_fails(entry_id: str, kind: str) -> None:
    assert f"missing {kind} {entry_id!r}" in problems(without(entry_id))


def test_too_few_activities_fail() -> None:
    keep = {a.id for a in KB.activities[: MIN_ACTIVITIES - 1]}
    dropped = [a.id for a in KB.activities if a.id not in keep]
    line = f"only {MIN_ACTIVITIES - 1} activities; at least {MIN_ACTIVITIES} expected"
    assert line in problems(without(*dropped))


def test_an_age_band_without_an_activity_in_a_domain_fails() -> None:
    babies = [a.id for a in KB.activities if "fine" in a.domains and a.min_months < 6]
    assert babies
    assert "no fine motor activity for ages 0-6 months" in problems(without(*babies))


def test_a_concern_no_activity_helps_with_fails() -> None:
    kb = with_entries(
        *(
            a.model_copy(update={"helps_with": tuple(c for c in a.helps_with if c != "scissors")})
            for a in KB.activities
        )
    )
    assert "concern 'scissors' has no activity (set helps_with on activities)" in problems(kb)


@pytest.mark.parametrize("entry_id", ["pencil_grip", "dcd", "fine_vs_gross", "stabilizing"])
def test_an_entry_parents_cannot_reach_fails(entry_id: str) -> None:
    prefix = "concern " if entry_id == "pencil_grip" else ""
    line = f"{prefix}{entry_id!r} has no phrasings, so parents cannot reach it"
    assert line in problems(with_entries(changed(entry_id, phrasings=())))


def test_a_hazard_citing_an_unknown_source_fails() -> None:
    hazards = dict(KB.hazards)
    hazards["magnets"] = hazards["magnets"].model_copy(update={"sources": ("nobody_2099",)})
    assert "hazard magnets: unknown source 'nobody_2099'" in problems(replace(KB, hazards=hazards))


def test_escalation_rules_are_checked_with_the_knowledge_base(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rules = escalation.default_rules()
    broken = rules.model_copy(
        update={
            "miss_rules": (
                rules.miss_rules[0].model_copy(
                    update={"min_in_one_domain": None, "both_domains": False}
                ),
            ),
            "concern_flags": (
                rules.concern_flags[0].model_copy(
                    update={"concern": "runs", "until_months": 7.0, "sources": ("nobody_2099",)}
                ),
            ),
            "catch_up_max": rules.max_questions,
        }
    )
    monkeypatch.setattr(escalation, "default_rules", lambda: broken)
    found = problems(KB)
    miss = rules.miss_rules[0].id
    assert f"escalation {miss}: says neither min_in_one_domain nor both_domains" in found
    assert "escalation flag: 'runs' is not a concern id" in found
    assert "escalation flag runs: until_months must follow after_months" in found
    assert "escalation: unknown source 'nobody_2099'" in found
    assert "escalation: catch_up_max must leave room for the check-in's own questions" in found


def test_a_danger_sign_file_that_does_not_compile_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    raw["concepts"]["burn"]["forms"].append("(nothing)?")
    broken = tmp_path / "danger_signs.yaml"
    broken.write_text(yaml.safe_dump(raw), encoding="utf-8")
    monkeypatch.setattr(check, "load_danger_signs", lambda: load_danger_signs(broken))
    assert "danger_signs.yaml: concept burn: a form matches empty text" in problems(KB)


def test_danger_sign_answers_citing_an_unknown_source_fail() -> None:
    signs = default_danger_signs()
    answers = signs.answers.model_copy(update={"sources": (*signs.answers.sources, "a_blog_post")})
    found = check.danger_sign_problems(KB, replace(signs, answers=answers))
    assert found == ["answers: unknown source a_blog_post"]


def test_an_emergency_sign_whose_example_triage_grades_lower_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Today an emergency sign that fires always makes the message an emergency; this rule
    guards triage against a change that would grade one lower (here: a stand-in triage)."""
    signs = default_danger_signs()
    battery = next(sign for sign in signs.signs if sign.id == "button_battery")
    example = battery.examples[0]

    def lower(text: str, age_months: int | None = None, signs: object = None) -> Assessment:
        found = assess(text, age_months, signs)  # type: ignore[arg-type]
        return replace(found, level="urgent") if text == example else found

    monkeypatch.setattr(check, "assess", lower)
    found = check.danger_sign_problems(KB, signs)
    assert found == [f"sign button_battery: its example {example!r} is only urgent"]


def test_a_long_overdue_red_flag_needs_sources_and_must_follow_the_red_flag() -> None:
    unsourced = problems(with_entries(changed("head_steady_when_held", overdue_sources=())))
    assert "head_steady_when_held: a long-overdue red flag needs overdue_sources" in unsourced
    early = problems(with_entries(changed("head_steady_when_held", overdue_after_months=4)))
    assert (
        "head_steady_when_held: overdue_after_months must come after red_flag_after_months"
        in early
    )
    unknown = with_entries(changed("head_steady_when_held", overdue_sources=("nobody_2099",)))
    assert "head_steady_when_held.overdue_sources: unknown source 'nobody_2099'" in problems(
        unknown
    )


def test_the_childs_doctor_comes_first_under_who_helps() -> None:
    """Clinical review: toe walking listed a neurologist, and 19 worries a therapist, before
    the child's doctor, who looks for a medical cause and refers as needed."""
    first = changed("toe_walking", helpers=("pediatric_neurologist", "pediatrician"))
    assert "toe_walking.helpers: the child's doctor (pediatrician) must come first" in problems(
        with_entries(first)
    )
    assert not [p for p in problems(KB) if ".helpers:" in p]


# --- content leftovers (2026-11-30) ---------------------------------------------------------


def test_a_flag_naming_a_check_in_item_takes_the_items_age_and_only_that(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rules = escalation.default_rules()
    walking = next(f for f in rules.concern_flags if f.milestone == "walks_independently")
    assert walking.after_months == 17.6  # the WHO 99th percentile, read from the item
    drifted = walking.model_copy(update={"after_months": 18.0})
    unknown = walking.model_copy(update={"milestone": "flies"})
    broken = rules.model_copy(update={"concern_flags": (drifted, unknown)})
    monkeypatch.setattr(escalation, "default_rules", lambda: broken)
    found = problems(KB)
    assert (
        "escalation flag late_walking: names walks_independently, so its age is the item's "
        "(17.6), not 18.0" in found
    )
    assert "escalation flag late_walking: 'flies' is not a milestone id" in found


def test_tracing_a_diamond_comes_before_copying_one_at_the_references_age() -> None:
    """Was 84 months (7 years), the age of copying one; the reference gives 5-6 years."""
    traces, copies = KB.by_id["traces_diamond"], KB.by_id["copies_diamond"]
    assert isinstance(traces, Milestone)
    assert isinstance(copies, Milestone)
    assert traces.most_by_months == traces.checklist_age == 72
    assert traces.most_by_months < copies.most_by_months


def test_a_step_stool_is_a_height() -> None:
    """Was: washing hands on a step stool without the heights tag or its sentence."""
    untagged = activity("hand_washing_routine", hazards=("water", "heat"))
    assert found(with_entries(untagged), "hand_washing_routine", "'step stool'", "heights")


def test_nothing_from_birth_puts_oil_or_lotion_on_a_newborns_skin() -> None:
    """Was: hand massage with "baby lotion or oil" from birth; NHS: plain water and no oils
    or lotions in the first month."""
    for entry in KB.entries:
        if isinstance(entry, Activity) and entry.min_months < 1:
            text = " ".join([*entry.materials, *entry.steps, entry.summary]).casefold()
            assert "oil" not in text.split(), entry.id
            assert "lotion" not in text, entry.id


def test_activities_for_under_threes_keep_pieces_big_and_piles_low() -> None:
    """Found skimming every activity's age against its hazards: smaller stickers from 18
    months, broken chalk bits from 24 (now a small-parts word, so ``knowledge check`` holds
    it), and a cushion pile "a bit taller" from 7 months (heights start at 12) in an activity
    whose own note says to keep it low."""
    young = [e for e in KB.entries if isinstance(e, Activity) and e.min_months < 36]
    for entry in young:
        steps = " ".join(entry.steps).casefold()
        assert "smaller stickers" not in steps, entry.id
        assert "broken chalk" not in steps, entry.id
        if entry.min_months < 12:
            assert "taller" not in steps, entry.id


def test_a_rule_whose_example_fires_another_rule_of_its_sign_fails() -> None:
    signs = default_danger_signs()
    crisis = next(sign for sign in signs.signs if sign.id == "long_term_condition_crisis")
    adrenal, sugar = crisis.rules[0], crisis.rules[1]
    swapped = replace(crisis, rules=(replace(adrenal, example=sugar.example), *crisis.rules[1:]))
    table = replace(signs, signs=tuple(swapped if s is crisis else s for s in signs.signs))
    assert check.danger_sign_problems(KB, table) == [
        f"sign long_term_condition_crisis: its rule's example {sugar.example!r} fires another"
        " rule (its first step is not the one this rule gives)"
    ]


def _phrasings(concern_id: str) -> tuple[str, ...]:
    entry = KB.by_id[concern_id]
    assert isinstance(entry, Concern)
    return entry.phrasings


def test_unrelated_entries_with_the_same_phrasing_words_fail() -> None:
    """Round 15: "walks into things" had become plain "walk" without its stopwords, the same
    words as the walking concern's phrasings; unrelated entries must be told apart. (Since
    round 16 the vocabulary reads "walks into things" as bumping into them.)"""
    said = _phrasings("clumsiness")
    clumsy = changed("clumsiness", phrasings=(*said, "he just walks"))
    assert found(with_entries(clumsy), "clumsiness: phrasing 'he just walks'", "late_walking")


def test_a_concern_and_the_activities_that_help_it_may_share_phrasing_words() -> None:
    """Weak grip and the jar-twisting activities that help with it may all say "twisting
    lids": an activity brings its concern along, so the answer is right either way. Stacking
    blocks is no relative of theirs."""

    def saying(concern: str) -> KnowledgeBase:
        said = _phrasings(concern)
        return with_entries(changed(concern, phrasings=(*said, "twisting lids")))

    assert not found(saying("weak_grip"), "twisting lids")
    assert found(saying("blocks_stacking"), "blocks_stacking: phrasing 'twisting lids'")
