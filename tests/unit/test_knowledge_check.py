"""Each rule of ``parentbot knowledge check`` fires on content that breaks it (issue 12).

Every test breaks one thing in the shipped knowledge base and expects the matching problem,
so a rule that silently stops firing fails here; the shipped content itself must be clean.
"""

from __future__ import annotations

from dataclasses import replace

from knowledge.check import MAX_QUESTIONS_PER_AGE, problems
from knowledge.loader import KnowledgeBase, default_knowledge
from knowledge.models import Activity, Adaptation, Entry, Milestone, Source

KB = default_knowledge()


def with_entries(*changed: Entry, kb: KnowledgeBase = KB) -> KnowledgeBase:
    """``kb`` with entries replaced by id (new ids are added)."""
    by_id = {entry.id: entry for entry in changed}
    entries = tuple(by_id.pop(e.id, e) for e in kb.entries) + tuple(by_id.values())
    return KnowledgeBase(entries=entries, sources=kb.sources, hazards=kb.hazards)


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
