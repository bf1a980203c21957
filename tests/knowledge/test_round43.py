"""Round 43 (blind sets r43a-c, session 67): words that looked like danger, another subject,
or nothing at all.

Each first case failed before the round: a three-year-old "still in diapers at night, dry all
day" read as a baby drying out; a baby who "holds his head great" read as a child holding a
sore head (with "tips over sideways", a headache with unsteadiness); a child who "gets really
tired quickly" on walks read as drowsy. The first mends were too wide, and a paediatric review
of the round found what they missed: a baby "in a nappy" that stays dry, a head "held strongly"
or "clutched, great, now he's sick", a child who "got very tired very quickly" or is "so tired,
fast asleep". The mends were narrowed (a nappy worn at night or for naps; "holds" with a word
of praise; "gets tired quickly or easily", not at feeds) and those cases are pinned. Other
subjects that motor words had pulled in: a school year asked about on a move abroad, choosing a
childminder, circle time, a child alone at break, a child who runs off at the road, a feed
too short for enough milk, a best friend moved class. Motor
questions put out: dyspraxia heard by voice to text, a ponytail of her own, eating with fingers
because a fork is too hard. The guards pin what the mends must not change.
"""

from __future__ import annotations

import pytest

from knowledge.loader import default_knowledge
from knowledge.matcher import Matcher
from tests.support.matching import assert_answered
from tests.support.triage_rules import rules_fired, rules_level


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(default_knowledge())


@pytest.mark.parametrize(
    "text",
    [
        "dd is 3 and still in diapers at night, dry all day. when should we worry about night "
        "time",
        "4 mo, holds his head great but tips over sideways when I prop him up sitting",
        "still in nappies at night but dry all day",
        "holds her head really well now",
        "gets so tired easily when we walk to school",
        "She's walking now with quite a wide stance but gets really tired quickly and wants the "
        "buggy after ten minutes",
    ],
)
def test_everyday_words_are_not_danger(text: str) -> None:
    assert rules_level(text) == "concern", rules_fired(text)


@pytest.mark.parametrize(
    ("text", "level", "sign"),
    [
        ("he is 8 months and his nappy has been dry since this morning", "urgent", "drying_out"),
        ("baby's nappy has been dry all day", "urgent", "drying_out"),
        (
            "she keeps holding her head and crying, 6 years old, vomited twice",
            "urgent",
            "new_squint",
        ),
        ("he is really tired and hard to wake, 2 years", "emergency", "unresponsive"),
        # The round's paediatric review: a baby "in a nappy" that stays dry, a head held in pain
        # ("holding", "clutching", "strongly", "great big tears"), and tiredness that came on
        # ("got very tired very quickly") or is sleep ("tired, fast asleep"), or tiring at feeds.
        (
            "She has had diarrhoea since yesterday and she's in a nappy that has stayed dry since "
            "6am",
            "urgent",
            "drying_out",
        ),
        ("baby is in diaper, it is dry since 8 hours, motions many times", "urgent", "drying_out"),
        (
            "she wears a nappy that has been dry since breakfast and she's had d&v all day",
            "urgent",
            "drying_out",
        ),
        (
            "he is holding his head strongly and crying since morning, vomited twice",
            "urgent",
            "new_squint",
        ),
        (
            "he's been clutching his head, great, now he's been sick as well",
            "urgent",
            "new_squint",
        ),
        ("she holds her head great big tears and vomiting", "urgent", "new_squint"),
        (
            "she got very tired very quickly this afternoon after the vomiting started",
            "emergency",
            "unresponsive",
        ),
        (
            "he is so tired, fast asleep most of the day since the fever started",
            "emergency",
            "unresponsive",
        ),
        (
            "baby gets really tired quickly during feeds, sweaty and breathing fast",
            "emergency",
            "unresponsive",
        ),
    ],
)
def test_the_same_words_told_as_danger_still_are(text: str, level: str, sign: str) -> None:
    assert rules_level(text) == level
    assert sign in rules_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "we're moving from the US to the UK, whats the difference between pre-K and reception, "
        "which year would my 4 year old go into",
        "nursery or childminder for a 1 year old? cant decide",
        "wont sit still at circle time coz he's bored, teacher says he needs to listen more but "
        "he can already read the books they do",
        "my daughter says nobody plays with her at little break and she walks round the yard on "
        "her own",
        "she refuses to hold my hand crossing the road and tries to run off, 3",
        "My baby (3 months) only feeds for 5 mins then pulls off and waves her arms about "
        "crying, is she getting enough milk",
        "she walked in hand in hand with her best friend every day and now the friend's moved "
        "class and she's devastated, 7yo, how do I help her make new friends",
    ],
)
def test_other_subjects_are_out_of_scope(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.triage == "out_of_scope", [m.id for m in result.matches]
    assert not result.matches


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Can a child have dis praxia and still be really good at swimming?", "dcd"),
        (
            "Beige food only, nothing green, and at 5 he still eats with his fingers because he "
            "just can't manage a fork. Are these the same problem?",
            "utensils",
        ),
        (
            "hoping to get her doing her own ponytail and hair clips before she's 9 lol, her "
            "fingers just won't cooperate",
            None,
        ),
        # Guards: circle time told with posture, and a childminder's own motor worry.
        ("he always slouches on the carpet at circle time", "posture_core"),
        (
            "I'm a registered childminder. One of my mindees is 2y6m and still crawls up the "
            "stairs instead of walking.",
            "stairs",
        ),
    ],
)
def test_motor_questions_are_answered(matcher: Matcher, text: str, topic: str | None) -> None:
    assert_answered(matcher.match(text), topic)


def test_a_young_babys_changed_cry_is_read_by_the_rules() -> None:
    """The labelled examples' opinion had carried this message to the same day; with round 43's
    rows among them it no longer did, and the rules alone gave the safety net. A changed cry is
    now not the baby's usual (the same day), and a high-pitched cry under 3 months told with
    the cry first is red (round 44's review: NHS Healthier Together, NICE NG143)."""
    text = (
        "my 7 wk old's cry has changed today, its high pitched and constant and nothing settles "
        "him. this isnt like his normal evening crying"
    )
    assert rules_level(text) == "emergency"
    assert "fever_red_feature" in rules_fired(text)
    assert rules_level("my 8 month old's cry has changed and she won't stop crying") == "urgent"
    assert (
        rules_level("her cry has changed since she started nursery, she cries more at drop off")
        == "concern"
    )
