"""The learned scope opinion (``knowledge.scope_model``) and where the matcher lets it decide."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import KnowledgeBase, default_knowledge
from knowledge.matcher import Matcher
from knowledge.scope_model import (
    CLASSES,
    MOTOR,
    OTHER,
    model_problems,
    motor_probability,
    scope_rows,
)
from knowledge.topic_model import TopicModel, write_model

#: A made-up word: only the tiny models below know it.
WORD = "zibble"


def _scope(weight: float, word: str = WORD) -> TopicModel:
    """A scope opinion that knows one word: movement's probability is the logistic of
    ``weight`` for a message whose only known word it is."""
    feature = f"w {word}"
    return TopicModel(
        digest="test",
        entries=CLASSES,
        bias=(0.0, 0.0),
        idf={feature: 1.0},
        weights={feature: ((0, -weight / 2), (1, weight / 2))},
    )


SURE_OTHER, SURE_MOTOR = _scope(-6.0), _scope(6.0)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_knowledge()


def test_scope_rows_are_out_of_scope_against_every_entry() -> None:
    rows = scope_rows(
        [
            ("when will she crawl", "crawling"),
            ("stopped walking after a fever", "urgent:regression"),
            ("what should I feed him", "out_of_scope"),
            ("not breathing", "emergency"),
            ("hot and a rash", "safety_net"),
        ]
    )
    assert rows == [
        ("when will she crawl", MOTOR),
        ("stopped walking after a fever", MOTOR),
        ("what should I feed him", OTHER),
    ]


def test_the_probability_is_the_logistic_of_the_weight() -> None:
    assert motor_probability(SURE_MOTOR, WORD) == pytest.approx(0.9975, abs=1e-4)
    assert motor_probability(SURE_OTHER, WORD) == pytest.approx(0.0025, abs=1e-4)


def test_a_message_with_no_known_word_has_no_opinion() -> None:
    assert motor_probability(SURE_MOTOR, "qwxz") is None


def test_a_worry_the_word_lists_keep_is_out_of_scope_when_the_model_is_sure(
    kb: KnowledgeBase,
) -> None:
    text = f"he holds his crayon in a fist {WORD}"
    assert Matcher(kb, scope=False).match(text).triage == "concern"
    assert Matcher(kb, scope=_scope(0.0)).match(text).triage == "concern"
    result = Matcher(kb, scope=SURE_OTHER).match(text)
    assert result.triage == "out_of_scope"
    assert result.matches == ()


def test_a_worry_in_an_entrys_own_words_is_kept_whatever_the_model_says(kb: KnowledgeBase) -> None:
    """Car seat questions in the tuning set are mostly about safety (out of scope), but hours
    in one is the container baby topic, matched at 87.5."""
    text = "is it bad if he spends hours in the car seat every day"
    assert motor_probability(_scope(-6.0, "seat"), text) == pytest.approx(0.0025, abs=1e-4)
    result = Matcher(kb, scope=_scope(-6.0, "seat")).match(text)
    assert result.triage == "concern"
    assert result.matches[0].id == "container_baby"


def test_a_message_the_word_lists_put_out_is_in_scope_when_the_model_is_sure(
    kb: KnowledgeBase,
) -> None:
    text = f"which finger foods for my 1 year old, she can pick up peas {WORD}"
    assert Matcher(kb, scope=False).match(text).triage == "out_of_scope"
    result = Matcher(kb, scope=SURE_MOTOR).match(text)
    assert result.triage == "concern"
    assert result.matches


def test_another_subject_with_no_movement_stays_out_however_sure_the_model(
    kb: KnowledgeBase,
) -> None:
    """Round 43's retrained model read "our puppy knocks him over all the time" as clumsiness;
    a message that names another subject and no word of movement is never brought in."""
    text = f"what should I feed my 1 year old {WORD}"
    assert Matcher(kb, scope=SURE_MOTOR).match(text).triage == "out_of_scope"


def test_the_scope_opinion_never_touches_a_triage_answer(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb, scope=SURE_OTHER)
    assert matcher.match(f"she could walk last week and now she can't {WORD}").triage == "urgent"
    assert matcher.match(f"he is not breathing {WORD}").triage == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # Blind set r42a, answered with a motor topic before the scope opinion.
        "my 10 month old throws every single bit of food off the high chair tray and laughs. "
        "is this a phase",
    ],
)
def test_other_subjects_in_movement_words_are_out_of_scope(kb: KnowledgeBase, text: str) -> None:
    assert Matcher(kb).match(text).triage == "out_of_scope"


def test_knowledge_check_reports_a_scope_model_without_its_two_classes(tmp_path: Path) -> None:
    path = tmp_path / "scope_model.tsv"
    write_model(
        TopicModel("x", ("crawling", "scissors"), (0.0, 0.0), {}, {}),
        path,
    )
    assert model_problems(path) == [
        "scope_model.tsv must hold the classes other and motor, not crawling, scissors; "
        "run bench/match_model.py --write"
    ]
    assert model_problems(tmp_path / "missing.tsv")[0].startswith("missing.tsv: ")
