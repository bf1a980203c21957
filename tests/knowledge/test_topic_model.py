"""The learned match (``knowledge.topic_model``) and how the matcher places it."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from knowledge.check import problems
from knowledge.loader import default_knowledge
from knowledge.matcher import Matcher
from knowledge.scope_model import default_scope_model, scope_rows
from knowledge.topic_model import (
    FLOOR,
    TopicModel,
    default_model,
    fused,
    load_model,
    model_problems,
    training_digest,
    training_rows,
    write_model,
)

DATA = Path(__file__).resolve().parents[1] / "data"
#: A made-up word: only the tiny models below know it.
WORD = "zibble"
CRAYON = f"he holds his crayon in a fist {WORD}"


def _model(weight: float, entries: tuple[str, ...] = ("crawling", "scissors")) -> TopicModel:
    """A model that knows one word, which points to the first entry with ``weight``."""
    feature = f"w {WORD}"
    return TopicModel(
        digest="test",
        entries=entries,
        bias=(0.0,) * len(entries),
        idf={feature: 1.0},
        weights={feature: ((0, weight),)},
    )


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(default_knowledge(), learned=False)


def _ids(matcher: Matcher, text: str) -> list[str]:
    return [m.id for m in matcher.match(text).matches]


def _labelled() -> list[tuple[str, str]]:
    """The labelled sets both learned models are trained on, ``(text, expected)``."""
    labelled = []
    for name in ("concerns_dev.tsv", "match_tuning.tsv"):
        with (DATA / name).open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            labelled += [(row["text"], row["expected"].strip()) for row in reader]
    return labelled


def test_the_shipped_models_are_trained_on_todays_sets() -> None:
    """After changing a labelled set, run ``.venv/bin/python bench/match_model.py --write``."""
    labelled = _labelled()
    assert default_model().digest == training_digest(training_rows(labelled)), (
        "knowledge/content/match_model.tsv is out of date: bench/match_model.py --write"
    )
    assert default_scope_model().digest == training_digest(scope_rows(labelled)), (
        "knowledge/content/scope_model.tsv is out of date: bench/match_model.py --write"
    )


def test_training_rows_are_the_rows_naming_an_entry() -> None:
    rows = training_rows(
        [
            ("when will she crawl", "crawling"),
            ("stopped walking after a fever", "urgent:regression"),
            ("what should I feed him", "out_of_scope"),
            ("not breathing", "emergency"),
            ("hot and a rash", "safety_net"),
        ],
    )
    assert rows == [
        ("when will she crawl", "crawling"),
        ("stopped walking after a fever", "regression"),
    ]


def _among(weight: float, others: int) -> TopicModel:
    """A model whose word points to crawling with ``weight`` among ``others`` entries the
    knowledge base does not have (they take probability, and are never shown)."""
    return _model(weight, ("crawling", *(f"filler_{n}" for n in range(others))))


def test_an_entry_the_model_is_very_sure_of_comes_first(matcher: Matcher) -> None:
    without = _ids(matcher, CRAYON)
    sure = _model(5.0)  # two entries: 0.99
    assert sure.ranked(CRAYON, 1)[0][1] > 0.9
    assert _ids(Matcher(default_knowledge(), learned=sure), CRAYON) == ["crawling", *without[:4]]
    # Already shown lower down: moved up, not repeated.
    second = _model(5.0, (without[1], "scissors"))
    assert _ids(Matcher(default_knowledge(), learned=second), CRAYON) == [
        without[1],
        without[0],
        *without[2:],
    ]


def test_a_likely_entry_the_matcher_missed_is_shown_second(matcher: Matcher) -> None:
    without = _ids(matcher, CRAYON)
    assert "crawling" not in without
    likely = _among(2.0, 20)  # 0.28: more than the matcher's second place, less than its first
    assert 0.25 < likely.ranked(CRAYON, 1)[0][1] < 0.3
    learned = Matcher(default_knowledge(), learned=likely)
    assert _ids(learned, CRAYON) == [without[0], "crawling", *without[1:4]]


def test_a_guess_under_the_floor_is_not_shown(matcher: Matcher) -> None:
    doubtful = _among(0.1, 24)
    assert doubtful.ranked(CRAYON, 1)[0][1] < FLOOR
    assert _ids(Matcher(default_knowledge(), learned=doubtful), CRAYON) == _ids(matcher, CRAYON)


def test_the_model_does_not_repeat_the_entry_already_first(matcher: Matcher) -> None:
    without = _ids(matcher, CRAYON)
    first = _model(5.0, (without[0], "scissors"))
    assert _ids(Matcher(default_knowledge(), learned=first), CRAYON) == without


def test_the_model_ranks_every_entry_it_knows_by_probability() -> None:
    ranked = _model(1.0, ("crawling", "scissors", "sitting")).ranked(CRAYON, 5)
    assert [entry for entry, _ in ranked] == ["crawling", "scissors", "sitting"]
    assert sum(p for _, p in ranked) == pytest.approx(1.0)
    assert ranked[1][1] == ranked[2][1] < ranked[0][1]


def test_fusing_keeps_the_matchers_order_where_the_model_has_no_opinion() -> None:
    order = [("a", 60.0), ("b", 90.0), ("c", 50.0)]
    assert fused(order, []) == ["a", "b", "c"]
    # a 0.3 + 0, b 0.1125 + 0, c 0.028 + 0.25, d 0 + 0.15
    assert fused(order, [("c", 0.5), ("d", 0.3), ("e", 0.01)]) == ["a", "c", "d", "b"]


def test_the_model_does_not_bring_a_topic_to_another_subject(matcher: Matcher) -> None:
    text = f"what should I feed my 1 year old {WORD}"
    assert matcher.match(text).triage == "out_of_scope"
    learned = Matcher(default_knowledge(), learned=_model(5.0))
    result = learned.match(text)
    assert (result.triage, result.matches) == ("out_of_scope", ())


def test_a_message_with_no_known_feature_has_no_opinion() -> None:
    assert _model(5.0).ranked("completely different words", 3) == ()


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # The matcher alone ranked these outside the first three (utensils, handwriting,
        # one side; clumsiness, one side, utensils).
        ("should I encourage my child to use one hand over the other", "hand_preference"),
        ("8mo sits but falls backwards if she turns to reach for something", "sitting"),
    ],
)
def test_the_shipped_model_brings_the_worry_into_the_first_three(
    matcher: Matcher, text: str, entry: str
) -> None:
    assert entry not in _ids(matcher, text)[:3]
    assert entry in _ids(Matcher(default_knowledge()), text)[:3]


def test_the_model_file_reads_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "match_model.tsv"
    model = _model(1.5)
    write_model(model, path)
    assert load_model(path) == model


def test_the_knowledge_check_reports_a_bad_or_stale_model(tmp_path: Path) -> None:
    path = tmp_path / "match_model.tsv"
    write_model(_model(1.5, ("crawling", "no_such_entry")), path)
    assert model_problems({"crawling"}, path) == [
        "match_model.tsv names entries the knowledge base does not have: no_such_entry; "
        "run bench/match_model.py --write"
    ]
    path.write_text("#digest\tx\n", encoding="utf-8")
    assert model_problems({"crawling"}, path) == [
        "match_model.tsv: match_model.tsv: the first lines must be #digest, #entries, #bias"
    ]


def test_the_knowledge_check_reads_the_shipped_model() -> None:
    kb = default_knowledge()
    assert not [p for p in problems(kb) if "match_model" in p]
    removed = replace(kb, entries=tuple(e for e in kb.entries if e.id != "crawling"))
    assert any("match_model.tsv names entries" in p for p in problems(removed))
