"""The learned second opinion: trained as documented, shipped in step with the examples, and
only ever raising triage's level."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from knowledge.classifier import (
    EMERGENCY_AT,
    URGENT_AT,
    TriageModel,
    examples_digest,
    load_model,
    model_problems,
    train,
    training_examples,
    write_model,
)
from knowledge.examples import Example, ExampleIndex
from knowledge.signs import default_danger_signs
from knowledge.triage import AGREEMENT, assess, triage
from tests.knowledge.test_triage import (
    ROUND5_BLIND_FALSE_ALARMS,
    ROUND5_FALSE_ALARMS,
    ROUND6_FALSE_ALARMS,
    ROUND7_NARROWED,
)

#: Made-up words: no danger sign can fire on them, so any level comes from the model (the
#: toy model below reads 'wobbit' as urgent and 'grimbly' as an emergency: together, urgent).
NONSENSE = "the zibble on his wobbit looks grimbly"
NO_EXAMPLES = ExampleIndex(())
AGREEMENT_COUNT = round(AGREEMENT * 10)


def _toy() -> list[Example]:
    """'grimbly' is always an emergency and 'wobbit' always urgent; the rest is ordinary."""
    examples = [Example(f"his wobbit is sore number {n}", "urgent") for n in range(30)]
    examples += [Example(f"grimbly and gasping number {n}", "emergency") for n in range(30)]
    examples += [Example(f"his crayon grip number {n} at table", "ordinary") for n in range(90)]
    return examples


@pytest.fixture(scope="module")
def toy() -> TriageModel:
    return train(_toy())


def test_a_word_only_emergencies_use_makes_an_emergency(toy: TriageModel) -> None:
    _, emergency = toy.probabilities("grimbly and gasping again")
    assert emergency >= EMERGENCY_AT
    assert toy.opinion("grimbly and gasping again") == "emergency"


def test_a_word_only_urgent_worries_use_makes_it_urgent(toy: TriageModel) -> None:
    danger, emergency = toy.probabilities("his wobbit is sore again")
    assert danger >= URGENT_AT > emergency
    assert toy.opinion("his wobbit is sore again") == "urgent"


def test_ordinary_words_and_unknown_words_give_no_opinion(toy: TriageModel) -> None:
    assert toy.opinion("his crayon grip at table") is None
    assert toy.opinion("") is None
    assert toy.opinion("quite unlike anything seen") is None


def test_training_is_deterministic_and_weights_lean_the_labelled_way() -> None:
    examples = _toy()
    model = train(examples)
    assert model.danger["w wobbit"] > 0 > model.danger["w crayon"]
    assert model.emergency["w grimbly"] > 0 > model.emergency["w wobbit"]
    again = train(examples)
    assert again.danger == model.danger
    assert again.emergency_bias == model.emergency_bias


def test_the_trainer_matches_a_closed_form_optimum() -> None:
    """Two examples with one feature each (words under four letters have no pieces): the
    optimum solves a small equation exactly."""
    model = train([Example("abc", "urgent"), Example("xyz", "ordinary")])
    # Each message's TF-IDF vector is a single 1: margin = w + b for each.
    w_alpha, w_beta, bias = model.danger["w abc"], model.danger["w xyz"], model.danger_bias
    p_alpha = 1 / (1 + math.exp(-(w_alpha + bias)))
    p_beta = 1 / (1 + math.exp(-(w_beta + bias)))
    c = 4.0
    assert w_alpha == pytest.approx(c * (1 - p_alpha), abs=1e-4)
    assert w_beta == pytest.approx(-c * p_beta, abs=1e-4)
    assert (1 - p_alpha) - p_beta == pytest.approx(0, abs=1e-4)  # the bias's own gradient


def test_a_written_model_reads_back_the_same(tmp_path: Path, toy: TriageModel) -> None:
    path = tmp_path / "model.tsv"
    write_model(toy, path)
    read = load_model(path)
    assert read.digest == toy.digest
    for text in ("grimbly and gasping again", "his wobbit is sore again", "his crayon grip"):
        assert np.allclose(read.probabilities(text), toy.probabilities(text), atol=1e-5)


def _neighbours(danger: int) -> ExampleIndex:
    """Ten near copies of ``NONSENSE``, ``danger`` of them urgent: never unanimous, so the
    nearest examples give no opinion of their own, only their share."""
    return ExampleIndex(
        [
            Example(f"{NONSENSE} {'today ' * i}", "urgent" if i < danger else "ordinary")
            for i in range(10)
        ]
    )


def test_the_model_raises_the_rules_level_where_the_neighbours_lean_its_way(
    toy: TriageModel,
) -> None:
    assert assess(NONSENSE, examples=NO_EXAMPLES).level is None
    assert assess(NONSENSE, examples=_neighbours(6)).level is None
    assert assess(NONSENSE, examples=_neighbours(6), model=toy).level == "urgent"
    assert assess(NONSENSE, examples=_neighbours(AGREEMENT_COUNT - 1), model=toy).level is None


def test_the_model_leaves_what_is_told_as_over_or_asked_about_to_the_rules(
    toy: TriageModel,
) -> None:
    for text in (f"{NONSENSE}, all fine since", f"what should i do if {NONSENSE}"):
        assert toy.opinion(text) is not None
        assert assess(text, examples=_neighbours(6), model=toy).level in ("safety_net", None)


def test_with_the_age_known_a_fever_alone_is_left_to_the_rules(toy: TriageModel) -> None:
    text = f"{NONSENSE} and has a temperature"
    assert assess(text, examples=_neighbours(6), model=toy).level == "urgent"
    assert assess(text, 30, examples=_neighbours(6), model=toy).level == "safety_net"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("he is not breathing and his lips are blue", "emergency"),
        ("she has had a fever for five days and her eyes are red", "urgent"),
    ],
)
def test_the_model_never_lowers_a_level(text: str, level: str) -> None:
    calm = train(
        [Example(f"{text} {'x' * i}", "ordinary") for i in range(20)]
        + [Example(f"something else {i}", "urgent") for i in range(5)]
    )
    assert calm.opinion(text) is None
    assert assess(text, examples=NO_EXAMPLES, model=calm).level == level


def test_the_shipped_model_is_trained_on_the_shipped_examples() -> None:
    """After the examples or the calm look-alikes change, run
    ``.venv/bin/python bench/triage_second_opinion.py --write``."""
    assert model_problems(default_danger_signs()) == []


def test_the_knowledge_check_reports_a_stale_or_broken_model(tmp_path: Path) -> None:
    signs = default_danger_signs()
    path = tmp_path / "model.tsv"
    write_model(train(_toy()), path)
    assert model_problems(signs, path) == [
        "model.tsv was trained on other examples than triage_examples.tsv and the calm "
        "look-alikes hold now: run bench/triage_second_opinion.py --write"
    ]
    path.write_text("feature\tidf\n", encoding="utf-8")
    assert model_problems(signs, path) == [
        "model.tsv: model.tsv: the first line must be '#digest<TAB>...'"
    ]
    assert examples_digest(training_examples(signs)) == load_model().digest


#: The look-alikes earlier rounds taught the rules to keep calm (``tests/knowledge/
#: test_triage.py``); the learned opinion, which reads words and not what they are said
#: about, raises a few of them (over-triage, docs/benchmarks.md "A learned second opinion").
LOOK_ALIKES = [
    *ROUND5_FALSE_ALARMS,
    *ROUND5_BLIND_FALSE_ALARMS,
    *ROUND6_FALSE_ALARMS,
    *(text for text, level in ROUND7_NARROWED if level in ("concern", "safety_net")),
]


@pytest.mark.parametrize(("age_months", "most"), [(None, 4), (30, 2)])
def test_the_opinions_raise_few_of_the_rules_calm_look_alikes(
    age_months: int | None, most: int
) -> None:
    """Measured: 4 of them without the child's age (a fever with a sore throat or in yellow
    clothes, puffy eyes from crying, sick when lifted from the cot), 2 with it (the fevers
    are left to the rules)."""
    raised = [t for t in LOOK_ALIKES if triage(t, age_months) in ("urgent", "emergency")]
    assert len(LOOK_ALIKES) > 50
    assert len(raised) <= most, raised
