"""The danger-sign table and the knowledge check's rules over it.

Each rule of the check gets a broken copy of the shipped table and must report it: a rule that
stops firing would otherwise go unnoticed until a parent met it.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from knowledge.check import danger_sign_problems, problems
from knowledge.literals import text_grams
from knowledge.loader import default_knowledge
from knowledge.signs import (
    DEFAULT_PATH,
    RESERVED_CONCEPTS,
    DangerSignsError,
    DangerSignsSpec,
    _top_level_alternatives,
    compile_signs,
    default_danger_signs,
)

RAW: dict[str, Any] = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


def _compiled(raw: dict[str, Any]) -> Any:
    return compile_signs(DangerSignsSpec.model_validate(raw))


def _sign(raw: dict[str, Any], sign_id: str) -> dict[str, Any]:
    return next(sign for sign in raw["signs"] if sign["id"] == sign_id)


def test_the_shipped_table_passes_the_check() -> None:
    assert danger_sign_problems(default_knowledge(), default_danger_signs()) == []
    assert problems(default_knowledge()) == []


def test_every_sign_has_a_source_a_level_and_an_example() -> None:
    for sign in default_danger_signs().signs:
        assert sign.sources
        assert sign.examples
        assert sign.level in ("emergency", "urgent", "safety_net")
        if sign.level == "safety_net":
            assert all(rule.first_step for rule in sign.rules)


def test_a_sign_that_no_longer_fires_on_its_example_fails_the_check() -> None:
    raw = copy.deepcopy(RAW)
    _sign(raw, "button_battery")["examples"].append("he likes to wave at the neighbours")
    found = danger_sign_problems(default_knowledge(), _compiled(raw))
    assert found == [
        "sign button_battery: does not fire on its example 'he likes to wave at the neighbours'"
    ]


def test_a_calm_message_that_escalates_fails_the_check() -> None:
    raw = copy.deepcopy(RAW)
    raw["calm"].append("he is choking on a grape")
    found = danger_sign_problems(default_knowledge(), _compiled(raw))
    assert found == ["calm message 'he is choking on a grape' is answered emergency"]


def test_an_unknown_source_fails_the_check() -> None:
    raw = copy.deepcopy(RAW)
    _sign(raw, "drowning")["sources"].append("a_blog_post")
    found = danger_sign_problems(default_knowledge(), _compiled(raw))
    assert found == ["sign drowning: unknown source a_blog_post"]


def test_an_unknown_concept_in_a_rule_is_an_error() -> None:
    raw = copy.deepcopy(RAW)
    _sign(raw, "drowning")["rules"].append(["drowning", "nonsense"])
    with pytest.raises(DangerSignsError, match="sign drowning: unknown concept nonsense"):
        _compiled(raw)


def test_a_step_replacing_an_unknown_sign_is_an_error() -> None:
    """A misspelt id in ``step_replaces`` would leave both steps said, silently."""
    raw = copy.deepcopy(RAW)
    _sign(raw, "choking")["step_replaces"] = ["breathing_dificulty"]
    with pytest.raises(DangerSignsError, match="step_replaces names unknown sign breathing_dif"):
        _compiled(raw)


def test_a_step_giving_way_to_an_unknown_sign_is_an_error() -> None:
    """``step_gives_way_to`` is ``step_replaces`` told from the other side: a misspelt id
    would leave the sips said beside "nothing by mouth", silently."""
    raw = copy.deepcopy(RAW)
    _sign(raw, "dehydration_severe")["step_gives_way_to"] = ["poisonning"]
    with pytest.raises(DangerSignsError, match="step_gives_way_to names unknown sign poisonning"):
        _compiled(raw)


def test_a_step_that_gives_way_is_replaced_by_the_signs_it_names() -> None:
    """Read into the other signs' ``step_replaces`` at load time."""
    by_id = {sign.id: sign for sign in default_danger_signs().signs}
    for name in ("poisoning", "choking", "sepsis_or_gut_emergency", "breathing_difficulty"):
        assert "dehydration_severe" in by_id[name].step_replaces


def test_an_own_answer_on_an_emergency_sign_is_an_error() -> None:
    """``advice`` reads a sign's own answer at the urgent level only."""
    raw = copy.deepcopy(RAW)
    _sign(raw, "drowning")["answer"] = "Call the lifeguard."
    with pytest.raises(DangerSignsError, match="sign drowning: an own answer is said at the"):
        _compiled(raw)


def test_a_bad_pattern_is_an_error() -> None:
    raw = copy.deepcopy(RAW)
    raw["concepts"]["burn"]["forms"].append("(unclosed")
    with pytest.raises(DangerSignsError, match="concept burn: not a valid pattern"):
        _compiled(raw)


def test_a_pattern_matching_empty_text_is_an_error() -> None:
    raw = copy.deepcopy(RAW)
    raw["concepts"]["burn"]["forms"].append("(nothing)?")
    with pytest.raises(DangerSignsError, match="concept burn: a form matches empty text"):
        _compiled(raw)


def test_a_concept_that_refers_to_itself_is_an_error() -> None:
    raw = copy.deepcopy(RAW)
    raw["concepts"]["battery"]["forms"].append("{ingested_battery}")
    with pytest.raises(DangerSignsError, match="refers to itself"):
        _compiled(raw)


@pytest.mark.parametrize("reserved", RESERVED_CONCEPTS)
def test_the_concepts_the_engine_reads_must_exist(reserved: str) -> None:
    raw = copy.deepcopy(RAW)
    del raw["concepts"][reserved]
    with pytest.raises(DangerSignsError, match=f"concept {reserved}: missing"):
        _compiled(raw)


def test_an_empty_rule_is_an_error() -> None:
    raw = copy.deepcopy(RAW)
    _sign(raw, "burn")["rules"].append([])
    with pytest.raises(DangerSignsError, match="an empty rule"):
        _compiled(raw)


@pytest.mark.parametrize(
    ("form", "pieces"),
    [
        ("a|b c|d", ["a", "b c", "d"]),
        ("(a|b) c|d", ["(a|b) c", "d"]),
        (r"a\|b|c", [r"a\|b", "c"]),
        ("[|(]x|y", ["[|(]x", "y"]),
        ("[]|]x|[^]|]y|z", ["[]|]x", "[^]|]y", "z"]),
        ("(?:a|(?!b|c)d)|e", ["(?:a|(?!b|c)d)", "e"]),
        (r"(a)\1|b", [r"(a)\1|b"]),  # a backreference: group numbers must not move
    ],
)
def test_a_form_is_cut_at_its_top_level_alternatives(form: str, pieces: list[str]) -> None:
    assert _top_level_alternatives(form) == pieces


def test_a_concept_written_as_a_union_of_others_is_searched_piece_by_piece() -> None:
    """newborn_unwell (``{drowsy}|{sleepy_word}|floppy|...``) was one pattern searched in
    most messages, the costliest of the table: each piece is now a form of its own, which the
    form index leaves out where the message lacks that piece's words."""
    concept = default_danger_signs().concepts["newborn_unwell"]
    assert len(concept.forms.forms) > 7
    assert all(needs is not None for _, needs in concept.forms.forms)


def test_only_the_concepts_triage_reads_are_searched() -> None:
    """still_not_yet's sentence parts (``{nyt_opening}``, ...) are read only through it: each
    searched in every message on its own, they cost time and could change nothing."""
    signs = default_danger_signs()
    assert "still_not_yet" in signs.searched
    assert "nyt_opening" not in signs.searched
    assert "nyt_opening" not in signs.forms.candidates(text_grams("my son is 2 and walks"))
