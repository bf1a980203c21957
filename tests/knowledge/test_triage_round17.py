"""Round 17 (blind set 23: 60 emergencies, 120 same-day worries, 120 ordinary look-alikes) and
three leftovers of earlier rounds. Each mechanism is pinned with unseen wording and, where it
could reach too far, a neighbour on the other side. Rules alone (no examples' second opinion)."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

CALM = [
    # Another child's event, and a child lost in a screen.
    "a girl in my son's class had an allergic reaction at the party, how do I teach him the signs",
    "my daughter's classmate had a seizure in assembly and she's been scared since",
    "when she's watching youtube she's completely unresponsive, I call her and call her",
    # A question about a next time.
    "he had a febrile fit when he was 2, fine since. What are the chances of another one?",
    # A splutter at a fast flow of milk that the baby carries on after.
    "she chokes on my milk when the let down is strong, coughs and splutters, then carries on, "
    "4 weeks",
    # A wobbly tooth; a word said properly now; yellow flakes of cradle cap.
    "her wobbly front tooth finally came out today, bled a little",
    "he used to say 'pasghetti' and now he says spaghetti properly",
    "my 5 week old has cradle cap, yellow crusty scales on his head",
    # A tablet that could not be got down was not swallowed.
    "she can't swallow her tablets, can they be crushed",
    # A held tilt as a habit told in the present; "it's gone now".
    "she tilts her head to one side all day when she plays, 4 months",
    "noticed last month that he had a limp, it's gone now",
    # A liking that changed; an earlier skill, then a later one; blood in a nose is not an object.
    "she used to love swimming and now she screams getting in the pool",
    "she was sitting up nicely and now she is crawling everywhere",
    "streaks of blood in her nose when she blows it, dry air",
]


@pytest.mark.parametrize("text", CALM)
def test_round17_look_alikes_stay_below_urgent(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_a_question_about_another_one_does_not_stand_down_one_happening_now() -> None:
    assert rules_level("he had a seizure and now he's having another one") == "emergency"


def test_another_childs_event_does_not_hide_the_childs_own() -> None:
    text = "a boy at nursery had anaphylaxis last week, and now my son's lips are swelling"
    assert rules_level(text) == "emergency"


EMERGENCY = [
    # Clear fluid from a nostril after a head injury (NICE NG232: a sign of a skull base fracture).
    "she hit her head on the kerb and now there is clear watery fluid running from her nostril",
    # Knocked off a bike by a car, then tummy pain and pallor.
    "my daughter was knocked off her scooter by a van, now her tummy hurts and she is very pale",
    # Pain in one testicle, said as a ball.
    "sudden bad pain in one ball since this morning and he's been sick, 13",
    # A young baby not taking feeds and very drowsy (NICE NG143).
    "my 7 week old is not taking her bottle since last night and is very drowsy",
    # A fall with a stick in the mouth, then a swollen neck or a changed voice.
    "ran with a lolly stick in his mouth and fell, now his neck is swollen",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_round17_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


URGENT = [
    # Leftovers: a one-sided weakness first noticed lately; a lost skill in two halves with a
    # stretch of days; a head held tilted all day.
    "left leg drags, noticed last month",
    "he could feed himself but this week keeps dropping it",
    "head tilted to one side all day",
    "his right foot drags when he walks, I spotted it a few weeks ago",
    "she used to dress herself, the past fortnight she just stands there and won't do it",
    # A named stretch of days is an onset; a hand that overshoots.
    "she keeps dropping her cup the last few days and says her hand feels funny",
    "his hand overshoots when he reaches for the remote, new this week",
    # Sat well before, topples now; a Gowers' climb up the legs that is new.
    "was sitting really well but since the weekend keeps toppling over sideways, 8 months",
    "has started pushing on her knees to climb up her own legs to get up, she never did before",
    # A wobble on the feet since yesterday ("on his feet" is not a new stage).
    "he's wobbly on his feet since yesterday and keeps falling over",
    # Words hard to find since a day; new headaches with blurred sight; flickering eyes.
    "since monday she is struggling to find her words and they come out jumbled",
    "new headaches this week and she says everything looks blurry",
    "his eyes keep flicking side to side and he's very unsteady",
    # Bone pain with pallor; bruises appearing with pinprick spots; blood in a cough.
    "she's so pale and tired all the time and her bones ache at night",
    "bruises coming up everywhere with no reason and little red dots on his chest",
    "flecks of blood when she coughs, for two days",
    # Cannot swallow with a sore throat; a zip; talk of ending it; gaping cuts.
    "sore throat and he has not been able to swallow anything since this morning",
    "his willy got caught in his zip",
    "my 15 year old says she keeps thinking about ending it all",
    "she has two cuts on her leg that look deep and gaping",
    # A skill told in the simple past with when ("ran up them before").
    "over the last week he can't manage the stairs, he ran up them before",
    # Scooting instead of walking, not like her.
    "since yesterday she is bum shuffling instead of walking and cries when I stand her up",
]


@pytest.mark.parametrize("text", URGENT)
def test_round17_same_day_worries(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")
