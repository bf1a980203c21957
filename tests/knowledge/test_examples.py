"""The examples' second opinion: it only raises triage's level, and only on agreement."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.examples import (
    DEFAULT_PATH,
    MATCH_SETS,
    MIN_SIMILARITY,
    NEIGHBOURS,
    Example,
    ExampleIndex,
    ExampleLevel,
    example_problems,
    examples_from_sets,
    load_examples,
)
from knowledge.triage import assess, triage

DATA = Path(__file__).resolve().parents[1] / "data"

#: Made-up words: no danger sign can fire on them, so any level comes from the examples.
NONSENSE = "the zibble on his wobbit looks grimbly"


def _index(*levels: str) -> ExampleIndex:
    """One example per level, each a near copy of ``NONSENSE`` (nearest first)."""
    return ExampleIndex(
        [
            Example(f"{NONSENSE} {'today ' * i}", cast(ExampleLevel, level))
            for i, level in enumerate(levels)
        ]
    )


def _rows(path: Path, column: str) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["text"], row[column]) for row in reader]


_WORDS = ("arm", "leg", "fever", "rash", "hot", "stiff", "walk", "fell", "cry", "sleep")
_MESSAGES = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32), size=st.integers(1, 2000), query=_MESSAGES)
def test_the_nearest_are_the_best_of_a_full_sort(seed: int, size: int, query: str) -> None:
    """The search sorts only the scores that can be among the best (``_best``, by blocks of
    64); with a few words over hundreds of examples most scores tie, and the answer must
    still be the head of a full sort of every example (ties: the earlier example first)."""
    pick = random.Random(seed)
    texts = [" ".join(pick.choices(_WORDS, k=pick.randint(1, 6))) for _ in range(size)]
    index = ExampleIndex([Example(text, "ordinary") for text in texts])
    every = index.nearest(query, limit=size)
    assert index.nearest(query) == every[:NEIGHBOURS]


def test_the_rules_alone_do_not_place_the_nonsense_message() -> None:
    assert assess(NONSENSE, examples=ExampleIndex(())).level is None


def test_ten_danger_neighbours_make_a_message_urgent() -> None:
    index = _index(*["urgent", "emergency"] * (NEIGHBOURS // 2))
    assert assess(NONSENSE, examples=index).level == "urgent"


def test_ten_emergency_neighbours_make_it_an_emergency() -> None:
    assert assess(NONSENSE, examples=_index(*["emergency"] * NEIGHBOURS)).level == "emergency"


def test_one_urgent_neighbour_keeps_it_below_emergency() -> None:
    index = _index(*["emergency"] * (NEIGHBOURS - 1), "urgent")
    assert assess(NONSENSE, examples=index).level == "urgent"


def test_one_ordinary_neighbour_holds_the_opinion_back() -> None:
    index = _index(*["emergency"] * (NEIGHBOURS - 1), "ordinary")
    assert assess(NONSENSE, examples=index).level is None


def test_fewer_examples_than_neighbours_give_no_opinion() -> None:
    assert assess(NONSENSE, examples=_index(*["emergency"] * (NEIGHBOURS - 1))).level is None


def test_examples_that_are_not_alike_give_no_opinion() -> None:
    index = ExampleIndex(
        [Example(f"{NONSENSE} pluff", "emergency")]
        + [Example(f"the wobbit and {i} other things were all sorted fine", "emergency")
           for i in range(NEIGHBOURS)]
    )  # fmt: skip
    near = index.nearest("my wobbit")
    assert len(near) == NEIGHBOURS
    assert near[0][1] < MIN_SIMILARITY
    assert index.opinion("my wobbit") is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("he is not breathing and his lips are blue", "emergency"),
        ("she has had a fever for five days and her eyes are red", "urgent"),
    ],
)
def test_the_opinion_never_lowers_a_level(text: str, level: str) -> None:
    ordinary = ExampleIndex([Example(f"{text} {'x' * i}", "ordinary") for i in range(20)])
    assert assess(text, examples=ExampleIndex(())).level == level
    assert assess(text, examples=ordinary).level == level


@pytest.mark.parametrize(
    "text",
    [
        "my son keeps confusing b and d when he writes",
        "her soft spot bulges when she cries",
        "my 14 month old is not walking yet but cruises along the sofa",
        "he fell off the bottom step, cried for a minute and is playing again",
    ],
)
def test_clear_ordinary_look_alikes_stay_below_urgent(text: str) -> None:
    assert triage(text) not in ("urgent", "emergency")


def test_the_examples_file_is_in_step_with_the_tuning_sets() -> None:
    """The shipped examples are generated from the tuning sets; after appending rows to one,
    run ``.venv/bin/python bench/triage_second_opinion.py --write``."""
    matching = [row for name in MATCH_SETS for row in _rows(DATA / name, "expected")]
    expected = examples_from_sets(_rows(DATA / "triage_dev.tsv", "level"), matching)
    assert [(e.text, e.level) for e in load_examples()] == expected, (
        f"{DEFAULT_PATH.name} is out of date: bench/triage_second_opinion.py --write"
    )


def test_matching_rows_take_the_level_their_label_implies() -> None:
    rows = examples_from_sets(
        [("he swallowed a battery", "emergency")],
        [
            ("he swallowed a battery!", "urgent:regression"),  # the same text: kept once
            ("stopped walking after a fever", "urgent:regression"),
            ("not breathing", "emergency"),
            ("when will she crawl", "crawling"),
            ("hot and a rash", "safety_net"),
        ],
    )
    assert rows == [
        ("he swallowed a battery", "emergency"),
        ("stopped walking after a fever", "urgent"),
        ("not breathing", "emergency"),
        ("when will she crawl", "ordinary"),
        ("hot and a rash", "ordinary"),
    ]


def test_the_knowledge_check_reports_a_bad_examples_file(tmp_path: Path) -> None:
    path = tmp_path / "examples.tsv"
    path.write_text(
        "text\tlevel\nfine\tordinary\nbad level\tsoon\nFine!\turgent\nno tab\n", encoding="utf-8"
    )
    assert example_problems(path) == [
        "examples.tsv line 3: level 'soon' is not one of emergency, urgent, ordinary",
        "examples.tsv line 4: the same text is also ordinary",
        "examples.tsv line 5: not 'text<TAB>level'",
    ]
    path.write_text("message\tlevel\n", encoding="utf-8")
    assert example_problems(path) == ["examples.tsv: the first line must be 'text<TAB>level'"]
    assert example_problems() == []
