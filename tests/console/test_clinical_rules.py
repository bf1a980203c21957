"""docs/clinical-rules.md is generated from the code and data; escalation data is checked."""

from __future__ import annotations

from pathlib import Path

from bot import clinical_rules
from knowledge import escalation
from knowledge.check import problems
from tests.support.context import KB

DOC = Path(__file__).parents[2] / "docs" / "clinical-rules.md"
RULES = escalation.default_rules()


def test_the_document_matches_the_code_and_the_data() -> None:
    fresh = clinical_rules.render(KB, RULES)
    assert DOC.read_text(encoding="utf-8") == fresh, (
        "docs/clinical-rules.md is stale: run "
        "`python -m bot.clinical_rules > docs/clinical-rules.md`"
    )


def test_every_milestone_and_every_rule_has_a_row() -> None:
    text = clinical_rules.render(KB, RULES)
    assert all(f"(`{m.id}`)" in text for m in KB.milestones)
    assert all(f"`{r.id}`" in text for r in RULES.miss_rules)
    assert all(f"`{f.concern}`" in text for f in RULES.concern_flags)


def test_ages_in_the_document_are_never_decimals() -> None:
    stands = KB.milestone("stands_holding_on")
    assert stands.who_window is not None
    assert stands.who_window.p99_months == 11.4
    row = next(line for line in DOC.read_text().splitlines() if "(`stands_holding_on`)" in line)
    assert "4 months and 3 weeks to 11 months and 2 weeks" in row
    assert "11.4" not in row


def test_shipped_escalation_rules_are_sound_and_checked_with_the_knowledge_base() -> None:
    assert escalation.problems(KB, RULES) == []
    assert problems(KB) == []


def test_escalation_problems_name_bad_references() -> None:
    broken = RULES.model_copy(
        update={
            "concern_flags": (
                RULES.concern_flags[0].model_copy(
                    update={"concern": "no_such_concern", "sources": ("nobody_2099",)}
                ),
            ),
            "catch_up_max": RULES.max_questions,
        }
    )
    found = escalation.problems(KB, broken)
    assert "escalation flag: 'no_such_concern' is not a concern id" in found
    assert "escalation: unknown source 'nobody_2099'" in found
    assert any("catch_up_max" in line for line in found)
