"""Round 44 (blind sets r44d and r44e, session 67), and the paediatric review of rounds 43-44.

Each first case failed before the round. Danger the rules missed: a baby past three months
still yellow, or whose jaundice never went (prolonged jaundice: the same day, from the family
doctor, not the maternity unit); a cry told against the baby's usual one, or told first and
then as high-pitched or weak. Words that only looked like danger: "I won't stand for the back
chat anymore" (not a lost skill), "I was too tired to ask" (the parent's tiredness). Motor
questions the word lists put out: a child who clambers into the car seat, steps scrambled up
at soft play, crisp packets and yoghurt tubes that will not open. Other subjects that motor
words pulled in: standing on their own two feet with money, running herself down, and a pet
that knocks a child over (the learned opinion no longer brings in a message that names
another subject and no movement). The guards pin what the mends must not change, with the
cases the review found.
"""

from __future__ import annotations

import pytest

from knowledge.loader import default_knowledge
from knowledge.matcher import Matcher
from tests.support.matching import assert_answered
from tests.support.triage_rules import rules_advice, rules_fired, rules_level


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(default_knowledge())


@pytest.mark.parametrize(
    "text",
    [
        "4 months and still a bit yellow",
        "she still has jaundice at 4 months",
        "his jaundice never cleared, he is 16 weeks now",
        "bilirubin still high at 4 months",
        "he's 4 months and the jaundice keeps coming and going",
        "4 months still yellow and her wee is dark",
    ],
)
def test_a_baby_still_yellow_is_seen_the_same_day(text: str) -> None:
    assert rules_level(text) == "urgent"
    assert "prolonged_jaundice" in rules_fired(text)
    assert "poo" in rules_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "6 month old, his poo is yellow again after being green",
        "8 months, the snot is yellow again",
        "9 months, the bruise on his leg is still yellow",
        "8 months, she is still in her yellow onesie from yesterday",
        "9 months, baby still needs the yellow fever vaccine before we travel",
        "5 months, skin still a bit yellow, eats loads of carrots and sweet potato",
        "she was jaundiced at birth and is 5 months now, still not rolling",
    ],
)
def test_other_yellow_things_are_not_prolonged_jaundice(text: str) -> None:
    assert "prolonged_jaundice" not in rules_fired(text)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("2 month old, his cry is high pitched today", "emergency"),
        ("my 3 week old's crying has gone quiet and weak", "emergency"),
        ("4 months, her cries have changed, she's screaming non stop", "urgent"),
        ("he has been crying nonstop for 3 hours and this is not like him, 5 months", "urgent"),
        ("5 months, her cry sounds different today and she is off her feeds", "urgent"),
    ],
)
def test_a_cry_unlike_the_babys_own(text: str, level: str) -> None:
    assert rules_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "I won't stand for the back chat anymore, my 9 yo is so rude to me",
        "we will not stand for this behaviour anymore, he is 7",
        "Can someone tell me what low trunk all tone means, health visitor said it at the 9 "
        "month review and I was too tired to ask",
    ],
)
def test_a_parents_limit_or_tiredness_is_not_danger(text: str) -> None:
    assert rules_level(text) in ("concern", "safety_net"), rules_fired(text)
    assert rules_level(text) == "concern"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # The review: standing told with how long, and a child quoted as saying "I'm tired".
        ("she won't stand for any length of time anymore", "urgent"),
        ("he can not stand for the whole time anymore at nursery, his legs hurt", "urgent"),
        ("she has a fever of 39.5 and keeps saying i m really tired", "emergency"),
        ("he has a temp of 40 and keeps saying i am so tired mummy", "emergency"),
        ("i was so tired i didnt notice but he is very sleepy and floppy now", "emergency"),
        # The review found this missed before the round too: floppy told as now.
        ("i fell asleep with him on the sofa and now he is really floppy", "emergency"),
    ],
)
def test_the_same_words_told_as_danger_still_are(text: str, level: str) -> None:
    assert rules_level(text, 8) == level


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "every morning my 4yo asks me to lift him into the car seat. his little sister (2) "
            "clambers in herself. should I make him do it",
            None,
        ),
        (
            "my 3 year old at soft play: the other kids scramble up the big foam steps and she "
            "gets stuck at the first one and shouts for me",
            None,
        ),
        (
            "lunchbox at school: she can't open her yoghurt tubes or crisp packets so she just "
            "doesn't eat. she's in reception",
            "weak_grip",
        ),
        (
            "anxious first time mum, is it normal my 10 wk old kicks one leg more than the other?",
            None,
        ),
        # Guard: a motor question with no word the lists know, which the learned opinion brings in.
        ("make activities simpler so she can succeed", "simplifying"),
    ],
)
def test_motor_questions_are_answered(matcher: Matcher, text: str, topic: str | None) -> None:
    assert_answered(matcher.match(text), topic)


@pytest.mark.parametrize(
    "text",
    [
        "when should kids start standing on their own two feet with money — what age for a "
        "weekly allowance, and should it be tied to chores?",
        "my daughter's best friend is moving away and she keeps running herself down, saying no "
        "one likes her. how do I support her?",
        # The learned opinion reads clumsiness here, but a pet is named and nothing moves.
        "our puppy knocks him over all the time",
    ],
)
def test_other_subjects_are_out_of_scope(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.triage == "out_of_scope", [m.id for m in result.matches]
