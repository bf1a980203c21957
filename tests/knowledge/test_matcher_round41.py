"""Round 41 (blind set r41a, session 65): voice-to-text's "hand ridding" is handwriting, and an
urgent weakness of one side keeps the loss-of-skills page.

Leading such an answer with the one-sided page was tried and taken back: under "This needs a
doctor today" that page told a parent the doctor "soon" (its own level for the child's age),
where the loss-of-skills page says "as soon as possible".
"""

from __future__ import annotations

import pytest

from knowledge.loader import default_knowledge
from knowledge.matcher import Matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(default_knowledge())


@pytest.mark.parametrize(
    "text",
    [
        "ds is nearly 7 and his hand ridding is really messy teacher says its hard to read",
        "her hand righting is so slow, year 3",
    ],
)
def test_voice_to_text_handwriting_is_handwriting(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.triage == "concern"
    assert result.matches[0].id == "handwriting"


@pytest.mark.parametrize(
    "text",
    [
        "8 month old only uses his right hand to reach for everything. Left hand stays by his "
        "side.",
        "he only uses his right arm, the left just hangs there",
    ],
)
def test_an_urgent_weakness_of_one_side_keeps_the_loss_of_skills_page(
    matcher: Matcher, text: str
) -> None:
    result = matcher.match(text)
    assert result.triage == "urgent"
    assert [m.id for m in result.matches] == ["regression"]
