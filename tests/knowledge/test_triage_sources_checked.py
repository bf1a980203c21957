"""Levels moved when the danger signs' sources were checked (30 November): each case is a
place where the rules answered differently from the page they cite. Rules alone (no examples'
second opinion), so each case tests ``danger_signs.yaml`` itself."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Anaphylaxis UK and the ASCIA plan: a persistent cough after an allergen is an airway
        # sign; "tingling mouth" was only read in the order "mouth ... tingling".
        ("nut allergy, ate a peanut, tingling mouth and a persistent cough", "emergency"),
        ("nut allergy, ate a peanut, tingling mouth and started coughing", "emergency"),
        ("egg allergy, had some cake, itchy lips and a hacking cough now", "emergency"),
        # NHS dental abscess: a swollen or painful eye is 999 or A&E.
        ("his face is swollen from a bad tooth and now his eye is swollen too", "emergency"),
        ("bad toothache and his eye is swollen and painful", "emergency"),
        # ...while a swollen face from a tooth alone is an urgent dentist the same day.
        ("his face is swollen from a bad tooth", "urgent"),
        # Healthier Together: blood in the poo alone is a doctor today, not intussusception.
        ("there is blood in his poo", "urgent"),
        ("there is blood in her poo and she has diarrhoea", "urgent"),
        # With intussusception's bouts, redcurrant jelly, or a pale floppy child: emergency.
        ("screaming in bouts and pulling his legs up, there is blood in his poo", "emergency"),
        ("his poo looks like redcurrant jelly", "emergency"),
        ("blood in his nappy and he has gone pale and floppy", "emergency"),
    ],
)
def test_level_follows_the_checked_source(text: str, level: str) -> None:
    assert rules_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "she has a tickly cough and a runny nose, ate eggs for breakfast",
        "he loves peanut butter, his cough from nursery is still hanging around",
    ],
)
def test_a_cough_with_a_food_is_not_anaphylaxis(text: str) -> None:
    assert rules_level(text) != "emergency"
