"""Triage runs before matching and is final: these tables pin the safety behaviour."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from knowledge.triage import triage, triage_text

DEV_SET = Path(__file__).parents[1] / "data" / "concerns_dev.tsv"


@pytest.mark.parametrize(
    "text",
    [
        "my baby is having a seizure",
        "i think she's having a fit",
        "he's convulsing!!",
        "siezure right now what do i do",
        "eyes rolled back and jerking",
        "he's not breathing",
        "she stopped breathing",
        "baby cant breath",
        "his lips are blue",
        "she's turning blue",
        "choking and can't breathe",
        "he is choking on a grape",
        "my son is unconscious",
        "unconsious after a fall",
        "she won't wake up",
        "he's unresponsive and floppy",
        "fell off the sofa hit his head and has been sick twice",
        "bumped her head and now she's really drowsy",
        "swallowed a button battery",
        "i think he ate a batery",
        "she swallowed two magnets",
        "he got into the medicine cabinet and swallowed some pills",
        "drank bleach",
        "she is bleeding heavily and it won't stop",
        "high fever and a stiff neck",
        "her face and lips are swelling up",
        "blue around the mouth",
        "drank washing up liquid",
        "he got hold of a magnet and swallowed it",
        "cut himself and theres blood everywhere",
        "neck is stiff and she has a high temperature",
        "she fell off the changing table onto her head and is very sleepy",
    ],
)
def test_emergencies(text: str) -> None:
    assert triage(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "he used to walk but now he can't",
        "she stopped walking",
        "no longer uses her left hand",
        "he can't crawl anymore",
        "lost skills he had",
        "forgot how to sit up",
        "she seems to be regressing",
        "suddenly limping today",
        "he has a limp",
        "sudden weakness in his arm",
        "all of a sudden she can't use her right arm",
        "dragging his leg since yesterday",
        "suddenly very wobbly when walking",
        "he can't walk since this morning",
        "he seems weaker in his legs than last week",
        "my daughter suddenly walks funny",
        "hes started dragging his foot",
        "she could sit before but now she slumps over",
    ],
)
def test_urgent(text: str) -> None:
    assert triage(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "Hi there!",
        "thank you so much",
        "",
        "how do i get him to sleep through the night",
        "how much formula for a 4 month old",
        "she has a rash",
        "fever of 38.5",
        "when will he start talking",
        "potty training tips",
        "tantrums every day",
    ],
)
def test_out_of_scope(text: str) -> None:
    assert triage(text) == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "he is breathing fine, just can't hold a pencil",
        "no seizures, but he walks on his toes",
        "she is not choking, she just hates lumpy food on a spoon",
        "my 2 year old is not walking yet",
        "he holds his crayon in his fist",
        "she painted a picture but cannot hold the brush well",
        "he talks a lot but can't catch a ball",
        "he is cooking with me and can't stir",
        "she loses her balance a lot",
        "goes floppy when i pick her up",
        "drags one leg when he crawls",
        "my baby chokes on lumpy food sometimes",
        "she is so clumsy today",
        "he hit the ball with his head",
    ],
)
def test_ordinary_worries_are_not_escalated(text: str) -> None:
    assert triage(text) not in ("emergency", "urgent")


def test_spelling_correction_targets_only_safety_words() -> None:
    assert triage_text("siezure and unconsious") == "seizure and unconscious"
    assert triage_text("she painted while cooking") == "she painted while cooking"


def _dev_rows(expected: str) -> list[str]:
    with DEV_SET.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [row["text"] for row in rows if row["expected"].startswith(expected)]


@pytest.mark.parametrize("text", _dev_rows("emergency"))
def test_every_dev_emergency_is_triaged_emergency(text: str) -> None:
    assert triage(text) == "emergency"


@pytest.mark.parametrize("text", _dev_rows("urgent:"))
def test_every_dev_urgent_is_triaged_urgent(text: str) -> None:
    assert triage(text) == "urgent"
