"""Matcher behaviour on a small fixture knowledge base, and quality floors on the real one."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from knowledge.listing import format_list
from knowledge.loader import KnowledgeBase, default_knowledge
from knowledge.matcher import _REPORTED, Match, Matcher, MatchResult
from knowledge.models import Entry
from knowledge.normalize import content_words, normalize
from knowledge.scope import says_fine
from knowledge.triage import Assessment

DATA = Path(__file__).parents[1] / "data"
DEV_SET = DATA / "concerns_dev.tsv"
_TODAY = date(2026, 1, 1).isoformat()


def _concern(entry_id: str, title: str, *phrasings: str) -> dict[str, object]:
    return {
        "kind": "concern",
        "id": entry_id,
        "title": title,
        "reviewed": _TODAY,
        "phrasings": list(phrasings),
        "domains": ["gross"],
        "summary": "A fixture concern used only by the matcher tests.",
        "typical": [{"from_months": 0, "text": "Fixture text for the age band."}],
        "home_tips": ["Fixture tip."],
        "see_doctor": ["Fixture sign."],
        "helpers": ["pediatrician"],
    }


_FIXTURE = [
    _concern("late_walking", "Not walking yet", "not walking", "no first steps yet"),
    _concern("toe_walking", "Walking on tiptoes", "walks on toes", "tip toe walking"),
    _concern("pencil_grip", "Holding a pencil", "holds pencil in fist", "awkward pencil grasp"),
    _concern("scissors", "Using scissors", "can not cut with scissors", "snipping paper"),
    _concern("regression", "Losing skills", "lost skills", "can not do it anymore"),
    {
        "kind": "condition",
        "id": "cerebral_palsy",
        "title": "Cerebral palsy",
        "reviewed": _TODAY,
        "phrasings": ["what is cerebral palsy", "cp"],
        "summary": "A fixture condition used only by the matcher tests.",
        "motor_effects": ["Fixture effect."],
        "helpers": ["physical_therapist"],
        "see_doctor": ["Fixture sign."],
    },
    {
        "kind": "explainer",
        "id": "occupational_therapy",
        "title": "What occupational therapy is",
        "reviewed": _TODAY,
        "phrasings": ["what does an occupational therapist do"],
        "summary": "A fixture explainer used only by the matcher tests.",
        "body": ["Fixture body."],
    },
    {
        "kind": "milestone",
        "id": "walks_alone",
        "title": "Walks alone",
        "reviewed": _TODAY,
        "domain": "gross",
        "checklist_age": 18,
        "most_by_months": 18,
        "question": "Does {child} walk alone?",
        "confidence": "high",
    },
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    entries = tuple(TypeAdapter(list[Entry]).validate_python(_FIXTURE))
    return KnowledgeBase(entries=entries, sources={})


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("my son is 17 months and NOT walking", "late_walking"),
        ("hes 18mo no first steps", "late_walking"),
        ("walks on his toes all the time", "toe_walking"),
        ("tiptoe walking", "toe_walking"),
        ("she holds the pencil in her fist", "pencil_grip"),
        ("pencl grasp looks akward", "pencil_grip"),
        ("can't cut with sissors", "scissors"),
        ("SCISSORS!!!", "scissors"),
        ("what is cerebal palsy", "cerebral_palsy"),
        ("what does an occupational therapist do?", "occupational_therapy"),
        ("occupational therpist", "occupational_therapy"),
    ],
)
def test_matches_expected_entry_first(matcher: Matcher, query: str, expected: str) -> None:
    result = matcher.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


@pytest.mark.parametrize("query", ["asdfgh qwerty", "what's the weather", "best pizza in town"])
def test_nothing_close_enough_is_out_of_scope(matcher: Matcher, query: str) -> None:
    result = matcher.match(query)
    assert result.triage == "out_of_scope"
    assert result.matches == ()


def test_milestones_are_never_matched(matcher: Matcher) -> None:
    ids = {m.id for m in matcher.match("walks alone", limit=10).matches}
    assert "walks_alone" not in ids


def test_emergency_wins_over_a_strong_match(matcher: Matcher) -> None:
    result = matcher.match("he is not walking and now having a seizure")
    assert result.triage == "emergency"
    assert result.matches == ()


def test_an_urgent_sign_leads_with_its_own_topic_or_none(shipped: Matcher) -> None:
    """The topic is the sign's data (``topic`` in danger_signs.yaml), not always regression."""
    limp = shipped.match("my son has a fever and is limping, he is 3")
    assert (limp.triage, limp.matches[0].id) == ("urgent", "regression")
    ear = shipped.match("pus coming out of his ear and a fever, he walks fine")
    assert (ear.triage, ear.matches) == ("urgent", ())


def test_an_urgent_answer_offers_nothing_but_its_own_topic(shipped: Matcher) -> None:
    """A possible fracture or an infected joint sees the doctor today: no jumping or walking
    topics (and their activities) next to the same-day answer (clinical review of rounds 14
    and 15)."""
    for text in (
        "she fell off the trampoline and wont put weight on her leg",
        "my son has a fever and is limping, he is 3",
    ):
        result = shipped.match(text)
        assert (result.triage, [m.id for m in result.matches]) == ("urgent", ["regression"])


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("he won't put any weight on his left leg since nursery yesterday", ["regression"]),
        ("he was walking fine but this week he is tripping and seems weaker", ["regression"]),
        ("his eyes are a bit puffy in the morning from crying", []),
        ("her wee smells funny and she is off her food", []),
        ("he keeps pulling at his ear and crying at night", []),
    ],
)
def test_an_urgent_level_no_sign_gave_leads_with_regression_only_about_movement(
    shipped: Matcher, text: str, topics: list[str]
) -> None:
    """A second opinion's urgent (no sign, so no topic of its own) offered the lost-skills
    guidance for anything, an ear or a wee included."""
    result = shipped.match(text, danger=Assessment("urgent"))
    assert (result.triage, [m.id for m in result.matches]) == ("urgent", topics)


def test_urgent_puts_regression_first(matcher: Matcher) -> None:
    result = matcher.match("he used to hold a pencil but now he can't")
    assert result.triage == "urgent"
    assert result.matches[0].id == "regression"
    assert [m.score for m in result.matches] == sorted(
        (m.score for m in result.matches), reverse=True
    )


def test_off_topic_word_does_not_hide_a_clear_motor_concern(matcher: Matcher) -> None:
    assert matcher.match("he talks a lot but walks on his toes").matches[0].id == "toe_walking"


def test_result_shape_and_json(matcher: Matcher) -> None:
    result = matcher.match("not walking", limit=2)
    assert isinstance(result, MatchResult)
    assert len(result.matches) <= 2
    assert all(isinstance(m, Match) for m in result.matches)
    payload = result.to_json()
    assert payload["query"] == "not walking"
    assert payload["triage"] == "concern"
    assert payload["matches"][0] == {  # type: ignore[index]
        "id": "late_walking",
        "kind": "concern",
        "title": "Not walking yet",
        "score": result.matches[0].score,
    }


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=120), limit=st.integers(min_value=1, max_value=8))
def test_any_text_gives_a_well_formed_result(matcher: Matcher, text: str, limit: int) -> None:
    result = matcher.match(text, limit=limit)
    assert len(result.matches) <= limit
    scores = [m.score for m in result.matches]
    assert all(0.0 <= s <= 100.0 and round(s, 1) == s for s in scores)
    assert scores == sorted(scores, reverse=True)
    if result.triage in ("emergency", "out_of_scope"):
        assert result.matches == ()


def test_format_list_gives_match_texts(kb: KnowledgeBase) -> None:
    rows = {row["id"]: row for row in format_list(kb)}
    assert rows["toe_walking"]["match_texts"] == [
        "Walking on tiptoes",
        "walks on toes",
        "tip toe walking",
    ]
    assert rows["walks_alone"]["matched"] is False
    assert rows["walks_alone"]["match_texts"] == []
    assert set(rows["cerebral_palsy"]) == {
        "id",
        "kind",
        "title",
        "matched",
        "phrasings",
        "match_texts",
    }


def _dev_rows() -> list[tuple[str, str]]:
    with DEV_SET.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(row["text"], row["expected"]) for row in rows]


def test_dev_set_quality_floors_on_the_shipped_knowledge_base() -> None:
    """Quality floors from the brief; a held-out set of real phrasings is scored the same way."""
    matcher = Matcher(default_knowledge())
    rows = _dev_rows()
    assert len(rows) >= 320
    top1 = top3 = emergencies = emergency_hits = oos = oos_hits = 0
    #: Entry-id rows a danger sign escalates (urgent, safety net): triage's call, not matching's.
    escalated: list[tuple[bool, bool]] = []
    misses: list[str] = []
    for text, expected in rows:
        result = matcher.match(text)
        ids = [m.id for m in result.matches]
        if expected == "emergency":
            emergencies += 1
            hit1 = hit3 = result.triage == "emergency"
            emergency_hits += hit1
        elif expected == "out_of_scope":
            oos += 1
            hit1 = hit3 = result.triage == "out_of_scope" and not ids
            oos_hits += hit1
        elif expected == "safety_net":
            hit1 = hit3 = result.triage == "safety_net"
        elif expected.startswith("urgent:"):
            hit1 = hit3 = result.triage == "urgent" and ids[:1] == [expected.split(":")[1]]
        else:
            hit1 = result.triage == "concern" and ids[:1] == [expected]
            hit3 = result.triage == "concern" and expected in ids[:3]
            if result.triage in ("urgent", "safety_net"):
                escalated.append((hit1, hit3))
        top1 += hit1
        top3 += hit3
        if not hit1:
            misses.append(f"{text!r}: expected {expected}, got {result.triage} {ids[:3]}")
    report = "\n".join(misses)
    assert emergency_hits == emergencies, report
    assert oos_hits / oos >= 0.90, report
    # With the danger signs of issue 10, five motor rows are escalated (urgent or safety net).
    assert top3 / len(rows) >= 0.975, report
    assert top1 / len(rows) >= 0.95, report
    # Issue 13: matching itself no worse than before the scope decision and vocabulary
    # (96.5% / 98.6%), on the rows triage leaves to it.
    matched = len(rows) - len(escalated)
    assert (top3 - sum(h3 for _, h3 in escalated)) / matched >= 0.986, report
    assert (top1 - sum(h1 for h1, _ in escalated)) / matched >= 0.965, report


def _assert_elsewhere(shipped: Matcher, query: str, elsewhere: str) -> None:
    """Another subject: out of scope, no topic, and pointed to the right other place."""
    result = shipped.match(query)
    assert (result.triage, result.matches) == ("out_of_scope", ())
    assert result.elsewhere is not None
    assert result.elsewhere.id == elsewhere


def _assert_topic_offered(shipped: Matcher, query: str, expected: str) -> None:
    """A motor worry: answered as a concern, with ``expected`` among the first three."""
    result = shipped.match(query)
    assert result.triage == "concern"
    assert expected in [m.id for m in result.matches[:3]]


@pytest.fixture(scope="module")
def shipped() -> Matcher:
    return Matcher(default_knowledge())


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "Hi there!",
        "thank you so much",
        "",
        "how do i get him to sleep through the night",
        "how much formula for a 4 month old",
        "when will he start talking",
        "potty training tips",
        "tantrums every day",
    ],
)
def test_small_talk_and_other_subjects_are_out_of_scope(shipped: Matcher, text: str) -> None:
    """The scope decision, not triage, says a message is not about movement."""
    result = shipped.match(text)
    assert (result.triage, result.matches) == ("out_of_scope", ())


def test_a_safety_net_sign_keeps_its_level_whatever_the_scope_decides(shipped: Matcher) -> None:
    """A danger word the rules cannot place is never answered out of scope, nor as a plain
    concern when the message is also about movement."""
    off_topic = shipped.match("she has a rash on her cheeks")
    assert (off_topic.triage, off_topic.matches) == ("safety_net", ())
    motor = shipped.match("he has a fever of 38 and has been walking on his toes")
    assert motor.triage == "safety_net"
    assert motor.matches[0].id == "toe_walking"


def test_the_childs_age_reaches_triage(shipped: Matcher) -> None:
    assert shipped.match("she has a temperature of 38.4", age_months=30).triage == "safety_net"
    assert shipped.match("she has a temperature of 38.4", age_months=1).triage == "emergency"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "hiya, my little one is 4 next month and at nursery they say he struggles to get "
            "his coat on and his wellies, and he gets upset at drawing time, not sure if i "
            "should push it or leave it",
            "self_dressing",
        ),
        # The games and the stamina topic are both right (the tuning set's label and its
        # acceptable answer); since the learned match leads, the topic comes first.
        (
            "any games to make her legs stronger? she tires so fast on walks",
            "gross_motor_activities running_jumping",
        ),
        ("how can I stop his plate sliding around when he eats", "stabilizing"),
        (
            "she walks like a penguin and falls a lot, and her calves look big",
            "muscular_dystrophy",
        ),
    ],
)
def test_issue_13_motor_messages_are_in_scope(shipped: Matcher, query: str, expected: str) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id in expected.split()


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        # "back" is a stopword: rolling is named by the vocabulary, and "no problem" is no
        # negation of anything.
        (
            "He goes from tummy to back no problem but never back to tummy, he's almost 7 months",
            "rolling",
            1,
        ),
        # A lone negated motor word is a part worth scoring on its own.
        (
            "11 months and not crawling at all, he just sits and reaches for stuff or waits "
            "for us to bring it. Do all babies crawl?",
            "crawling",
            3,
        ),
        # "jabs" is a vaccination, "jabs at" is a poke; "hitting the wrong letter" is typing.
        ("he can't swipe properly on the ipad, just jabs at it with his fist", "screen_typing", 1),
        (
            "my daughter is 6 and the school uses tablets; she struggles to type because she "
            "keeps hitting the wrong letter",
            "screen_typing",
            1,
        ),
        (
            "Duplo frustration - my 3yo can't push the pieces together hard enough and gets "
            "really upset",
            "blocks_stacking",
            1,
        ),
        # A water bottle is a container to open, not food.
        (
            "He struggles to open his lunchbox and water bottle at school and the teacher has "
            "to do it for him every day. He's in reception.",
            "weak_grip",
            1,
        ),
        (
            "How do I encourage my baby to go for things? She's 4 and a half months and seems "
            "happy just watching",
            "reaching_grasping",
            3,
        ),
        (
            "He gets overwhelmed when I show him how to put his jumper on all in one go. How do "
            "I break it down into smaller steps?",
            "simplifying",
            1,
        ),
        (
            "She takes 2 or 3 steps then plonks down and crawls because crawling is faster. "
            "14mo. How do I get her to keep going?",
            "late_walking",
            3,
        ),
    ],
)
def test_issue_13_third_blind_set_motor_messages(
    shipped: Matcher, query: str, expected: str, within: int
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert expected in [m.id for m in result.matches[:within]]


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        ("how do we get rid of the dummy at 2", "behaviour"),  # "rid" is not "ride"
        # Named more often than the motor word: spelling, a school start, a lunchbox.
        (
            "She writes lovely long stories but her spelling is terrible. She's 7. How can I "
            "help with spelling?",
            "learning",
        ),
        ("should I hold my summer born back a year from starting school", "everyday"),
        ("what should i pack in his lunchbox", "food"),
        # Parts of the body alone are half the evidence of a motor word.
        (
            "how do I cut my baby's nails without nicking his fingers? he wriggles so much",
            "everyday",
        ),
        ("Her feet smell so bad after school, what can I do", "health"),
        (
            "toddler tantrums in the supermarket, lying on the floor kicking and screaming. "
            "what do I do in the moment?",
            "behaviour",
        ),
        ("my baby wants to be held all the time and won't be put down, 7 weeks", "behaviour"),
    ],
)
def test_issue_13_third_blind_set_other_subjects(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


def test_a_request_for_help_lands_on_the_topic_and_its_activities(shipped: Matcher) -> None:
    ids = [m.id for m in shipped.match("what toys help with crawling?").matches[:3]]
    assert "crawling" in ids
    assert any(default_knowledge().by_id[i].kind == "activity" for i in ids)


def test_what_is_lands_on_the_condition(shipped: Matcher) -> None:
    assert shipped.match("is dyspraxia the same as DCD").matches[0].id == "dcd"


def test_issue_13_feeding_is_out_of_scope_and_names_where_to_ask(shipped: Matcher) -> None:
    result = shipped.match("what should I feed my 1 year old")
    assert result.triage == "out_of_scope"
    assert result.matches == ()
    assert result.elsewhere is not None
    assert result.elsewhere.id == "food"
    assert result.elsewhere.refer


def test_issue_13_a_button_worry_is_never_offered_video_games(shipped: Matcher) -> None:
    # Ten matches: the activities' concerns (adaptive equipment) now rank above video games.
    result = shipped.match("she cant do up her buttons", limit=10)
    assert result.matches[0].id == "buttons_zippers"
    assert "video_games" in [m.id for m in result.matches]  # ranked, but not offered
    offered = [m.id for m in shipped.alternatives(result, 10)]
    assert "video_games" not in offered
    assert "screen_typing" not in offered


def _scored_rows(path: Path) -> list[tuple[str, set[str]]]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (row["text"], {row["expected"], *filter(None, (row.get("acceptable") or "").split(","))})
        for row in rows
    ]


def _figures(path: Path) -> tuple[float, float, float, float, list[str]]:
    """top-1, top-3, motor answered out of scope, out of scope answered with a topic."""
    matcher = Matcher(default_knowledge())
    rows = _scored_rows(path)
    top1 = top3 = motor = motor_lost = oos = oos_topic = 0
    misses: list[str] = []
    for text, good in rows:
        result = matcher.match(text)
        ids = [m.id for m in result.matches]
        urgent = next((g.split(":", 1)[1] for g in good if g.startswith("urgent:")), None)
        level = next((g for g in good if g in ("emergency", "safety_net")), None)
        if urgent:
            hit1 = hit3 = result.triage == "urgent" and ids[:1] == [urgent]
        elif level:
            hit1 = hit3 = result.triage == level
        elif "out_of_scope" in good:
            oos += 1
            hit1 = hit3 = result.triage == "out_of_scope" and not ids
            oos_topic += bool(ids)
        else:
            motor += 1
            motor_lost += result.triage == "out_of_scope"
            hit1 = result.triage == "concern" and bool(good & set(ids[:1]))
            hit3 = result.triage == "concern" and bool(good & set(ids[:3]))
        top1 += hit1
        top3 += hit3
        if not hit1:
            misses.append(f"{text!r}: expected {good}, got {result.triage} {ids[:3]}")
    n = len(rows)
    return top1 / n, top3 / n, motor_lost / motor, oos_topic / max(oos, 1), misses


def test_tuning_set_quality_floors() -> None:
    """Realistic messages written for tuning (tests/data/match_tuning.tsv)."""
    top1, top3, motor_lost, oos_topic, misses = _figures(DATA / "match_tuning.tsv")
    report = "\n".join(misses)
    # About twenty motor messages there get triage's urgent or emergency answer since the
    # danger signs of issue 10 (one-sided use, standing on one leg...). After the eleventh
    # round (1,915 rows): 96.7% / 91.4% / 0.2% / 3.3%; after the twelfth (2,245 rows, with
    # blind set 12): 97.6% / 92.4% / 0.2% / 3.8%; after the thirteenth (2,575 rows, with
    # blind set 13, five of whose 60 other subjects still get a topic): 97.3% / 92.5% / 0.1% /
    # 4.4%; after the fourteenth (2,937 rows, with blind set 14, five of whose 66 other
    # subjects still get a topic, one of them through an urgent triage): 96.7% / 92.0% / 0.6% /
    # 4.6%; after the fifteenth (3,197 rows, with blind set 15, seven of whose 51 other
    # subjects still get a topic, three of them through an urgent triage): 96.3% / 91.5% /
    # 0.7% / 5.5%; after the sixteenth (3,517 rows, with blind set 16, four of whose 90 other
    # subjects still get a topic): 96.3% / 91.8% / 0.7% / 5.3%; after the seventeenth (3,837
    # rows, with blind set 17, one of whose 49 other subjects still gets a topic): 96.4% /
    # 91.8% / 0.7% / 5.1%; after the eighteenth (4,087 rows, with blind set 18, one of whose 80
    # other subjects still gets a topic): 96.5% / 92.3% / 0.6% / 4.4%; after the nineteenth
    # (4,336 rows, with blind set 19, three of whose 78 other subjects still get a topic):
    # 96.3% / 92.6% / 0.6% / 4.5%; after the twentieth and blind set 21 (4,955 rows): 96.3% /
    # 92.7% / 0.5% / 4.3%; with the learned third match, trained on these rows: 97.6% / 93.2% /
    # 0.5% / 4.3%. After round 30 (9,386 rows, with blind set m52b, 12 of whose 27 other
    # subjects get a topic: toddlers who climb everything, told as a figure of speech, which
    # its labeller kept out of scope as the set's convention says): 95.5% / 95.6% / 0.8% / 6.3%.
    # After round 31 (9,619 rows, with blind set r31a): 95.6% / 95.6% / 0.8% / 6.4%. After
    # round 32 (9,856 rows, with blind set r32a): 95.7% / 95.7% / 0.7% / 6.4%. After round 33
    # (10,087 rows, with blind set r33a): 95.8% / 95.8% / 0.7% / 6.2%. After round 34 (10,323
    # rows, with blind set r34a): 95.8% / 95.8% / 0.7% / 6.3%. After round 35 (10,562 rows,
    # with blind set r35a): 95.9% / 95.9% / 0.7% / 6.2%. After round 36 (10,798 rows, with
    # blind set r36a): 96.0% / 96.0% / 0.7% / 6.2%. After round 37 (11,031 rows, with blind set
    # r37a): 96.0% / 96.0% / 0.7% / 6.2%.
    assert top3 >= 0.95, report
    assert top1 >= 0.91, report
    assert motor_lost <= 0.02, report
    assert oos_topic <= 0.065, report


def test_held_out_set_quality_floors() -> None:
    """The held-out set is never tuned on; these floors only stop it getting worse than the
    figures reported in docs/benchmarks.md (its targets, 95% top-3 and 85% top-1, are not met
    yet)."""
    top1, top3, motor_lost, oos_topic, _ = _figures(DATA / "match_heldout.tsv")
    # Measured after the eleventh tuning round: 90.2% / 83.4% / 2.3% / 5.9%; after the
    # twelfth: 90.5% / 83.7% / 2.3% / 5.9%; after the thirteenth: 90.7% / 83.7% / 2.3% / 5.9%;
    # merged with the examples' second opinion, which changes one row's triage level (rows not
    # read; docs/benchmarks.md, "Second opinion from examples"): 90.5% (360 of 398); after
    # rounds 14 and 15 with triage rounds 8-10 merged: 90.7% / 84.2% / 2.0% / 5.9%; after round
    # 17: 91.0% / 84.2% / 1.7% / 5.9%; after round 18: 91.2% / 84.2% / 1.7% / 5.9%; after
    # round 19 (hubs give way, blind set 19's words): 91.7% / 85.7% / 1.7% / 3.9%, which meets
    # the top-1 and out-of-scope targets, now asserted; after the triage fixes of 1 December
    # evening (motor worries no longer given the safety net or urgent by look-alike danger
    # words): 92.2% / 86.2% / 1.7% / 3.9%; with the learned third match (2 December,
    # knowledge.topic_model): 93.5% / 86.2% / 1.7% / 3.9%; when the learned match leads where
    # it is sure (3 December, session 42; chosen on simulations and a fresh blind set before
    # the held-out set was scored): 93.2% / 89.4% / 1.7% / 3.9%, one row fewer in the first
    # three for thirteen more right first (docs/benchmarks.md); after round 23 and the "still"
    # exception of session 43: 93.5% / 89.9% / 1.4% / 3.9%; after round 24 (blind set m45,
    # session 45): 93.2% / 89.9% / 1.4% / 3.9%, one row fewer in the first three, lost when
    # the learned match was retrained with the round's rows (with the round's words and
    # clause split alone it stayed 93.5%; rows not read, nothing tuned to win it back); after
    # round 25 (blind set m47, session 47): 93.5% / 89.9% / 1.4% / 3.9% (372 of 398 in the
    # first three); with round 25's second set (m47b): 93.5% / 90.2% / 1.4% / 3.9%; after
    # round 26 (blind set m48, session 48): 93.2% / 90.5% / 1.4% / 3.9%, one row fewer in the
    # first three and one more first, both from the learned match retrained with the round's
    # rows (with the shipped model before it: 93.5% / 90.2%; rows not read, nothing tuned);
    # after round 27 (blind set m49, session 49): 93.5% / 89.9% / 1.4% / 3.9%, one row more in
    # the first three and two fewer first, all three from the learned match retrained with the
    # round's rows (the round's words and rules alone left 93.2% / 90.5%; rows not read);
    # after round 28 (blind set m50, session 50): 93.2% / 90.7% / 1.4% / 3.9%, one row fewer
    # in the first three and three more first, with the learned match retrained with the
    # round's rows (the round's words and rules alone: 93.5% / 90.2%; rows not read, nothing
    # tuned to win the row back); with its second set (m50b): 93.5% / 90.7% / 1.4% / 3.9%;
    # after round 30 (blind sets m52a and m52b, session 52): 93.2% / 90.2% / 1.4% / 3.9%, one row
    # fewer in the first three and two fewer first, all from the learned match retrained with
    # the round's rows (with the model before it, the round's words and rules: 93.5% / 90.7%;
    # rows not read, nothing tuned to win them back; docs/benchmarks.md, "Round 30"); after
    # round 31 (blind sets r31a and r31b, session 54): 93.5% / 90.2% / 1.4% / 3.9%, one row
    # more in the first three (rows not read); after round 32 (blind sets r32a and r32b,
    # session 55): 93.5% / 90.5% / 1.4% / 3.9%, one row more first (rows not read); after round
    # 33 (blind sets r33a and r33b, session 56): 93.7% / 90.5% / 1.2% / 3.9%, one row more in
    # the first three and one motor row fewer out of scope (rows not read); after round 34
    # (blind sets r34a and r34b, session 57): 93.7% / 90.2% / 1.2% / 3.9%, one row fewer first
    # (rows not read, nothing tuned to win it back); after round 35 (blind sets r35a and r35b,
    # session 58): 94.0% / 90.5% / 1.2% / 3.9%, one row more in the first three and one more
    # first (rows not read); after round 36 (blind sets r36a and r36b, session 59): 93.7% /
    # 90.5% / 1.2% / 3.9%, one row fewer in the first three, lost when the learned match was
    # retrained with the round's rows (with the model before it, the round's words and rules:
    # 94.0%; counts only, rows not read, nothing tuned to win it back); after round 37 (blind
    # sets r37a and r37b, session 60): 93.7% / 90.5% / 1.2% / 3.9%, unchanged. Rounds 38-40:
    # 93.7% / 90.5%. With the learned match merged with the matcher's order (session 65, chosen
    # on 27 simulated blind sets before the held-out set was scored): 94.7% / 91.2%; after round
    # 41 (blind set r41a, "hand ridding", the model retrained): 94.7% / 91.0% / 1.2% / 3.9%
    # (377 and 362 of 398; rows not read); after round 42 and the learned scope opinion
    # (session 66): 94.7% / 91.2% / 1.4% / 2.0%. After rounds 43 and 44 (blind sets r43a-c and
    # r44d-e, session 67; every learned opinion retrained, the scope opinion no longer brings
    # in another subject with no movement): 95.2% / 91.7% / 1.2% / 2.0% (379 and 365 of 398;
    # rows not read), which meets the top-3 target: the floor is the target itself, so a
    # change that falls below it is red, whatever moved it.
    assert top3 >= 0.95
    assert top1 >= 0.905
    assert motor_lost <= 0.02
    assert oos_topic <= 0.05


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("any tips to stop w sitting", "w_sitting"),
        (
            "my lo is 13 mths n still not crawling or standing, just sits n plays",
            "pulling_to_stand",
        ),
    ],
)
def test_losing_skills_gives_way_when_triage_found_no_loss(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id != "regression"
    assert expected in [m.id for m in result.matches[:3]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A one-word clause ("how can I help her at home" -> "home") no longer wins on its own.
        (
            "she holds her pencil in a fist and her writing is messy, how can I help her at home",
            "pencil_grip",
        ),
        # The parent's own worry is not the child's behaviour.
        ("ds 18 months still not walking, im getting anxious", "late_walking"),
        # A voice-to-text slip for "toes".
        ("my daughter walks on her toast all the time", "toe_walking"),
    ],
)
def test_round_two_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


def test_handle_is_not_a_hand_word(shipped: Matcher) -> None:
    """The motor word "hand*" matched "handle": a behaviour question read as movement."""
    result = shipped.match('she says "no" to everything, how do I handle the terrible twos')
    assert result.triage == "out_of_scope"
    assert result.elsewhere is not None
    assert result.elsewhere.id == "behaviour"


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        # "W" was read as text-speak for "with", so "W sitting" was only "sitting".
        ("how can I get him to stop W sitting on the floor", "w_sitting", 1),
        # A short message is read by its negated part: the fast crawling is not the worry.
        ("16 months and still not walking, just crawls really fast", "late_walking", 1),
        # A filler word ("everywhere") matched the one phrasing that had it.
        ("she runs everywhere but trips a lot", "clumsiness", 1),
        # Parents' words the phrasings did not have.
        ("is in-toeing at age 3 something to worry about", "clumsiness", 1),
        ("my baby has plagiocephaly, what can we do at home", "one_sided", 1),
        ("she gets cross with jigsaws and shape puzzles", "blocks_stacking", 3),
        ("copying from the board is so slow for him", "handwriting", 1),
        ("any tips for bilateral coordination", "one_sided", 3),
        # A condition the parent names and asks about comes before each difficulty listed.
        ("he can't catch, can't skip and his writing is messy, could it be dyspraxia", "dcd", 1),
    ],
)
def test_round_ten_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str, within: int
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert expected in [m.id for m in result.matches[:within]]


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # A motor verb aimed at a person is behaviour ("kicks me", "pushes other kids").
        ("he kicks me and screams when I buckle him into the pushchair", "behaviour"),
        ("she pushes other children at nursery and won't say sorry", "behaviour"),
        ("he keeps throwing toys at the baby when he's angry", "behaviour"),
        # Another subject's words the vocabulary lacked.
        ("night terrors every night since she turned 3", "sleep"),
        # Two motor words are not enough when the other subject is named as often.
        ("he grabs food off his brother's plate at every meal, how do I teach manners", "food"),
    ],
)
def test_round_ten_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Everyday illness and skin: a part of the body alone is not movement.
        ("my son has a verruca on the bottom of his foot", "health"),
        ("she has warts on her fingers", "health"),
        ("he gets car sick on every long drive, any tips", "health"),
        # Family life: a pet knocking a child over is not a balance worry.
        ("our puppy knocks him over all the time", "everyday"),
        ("what age can kids start swimming lessons", "everyday"),
        # Sleep, toileting, food and feelings words the vocabulary lacked.
        ("tips for getting him to self settle without rocking", "sleep"),
        ("my 4 year old is still not dry at night", "toileting"),
        ("is it safe to give honey to my 10 month old", "food"),
        ("how do I stop my toddler whining all day", "behaviour"),
    ],
)
def test_round_eleven_other_subjects_are_out_of_scope_and_named(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


def test_round_eleven_spills_and_knocks_are_movement_words(shipped: Matcher) -> None:
    """A clumsy child's everyday words ("spilling", "knocking over") were no motor evidence,
    so the drink made this a food question."""
    result = shipped.match("he keeps spilling his drink and knocking things over")
    assert result.triage == "concern"
    assert "clumsiness" in [m.id for m in result.matches[:3]]


def test_round_eleven_practise_is_the_request_not_its_subject(shipped: Matcher) -> None:
    """ "Practise" matched activity phrasings that say "practise", not the subject asked about."""
    result = shipped.match(
        "we live in a flat with no garden, how can he practise climbing and running"
    )
    assert result.triage == "concern"
    assert "running_jumping" in [m.id for m in result.matches[:3]]


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        # An activity's words ("unscrew a lid") now bring the activity's concern along.
        ("my 3 year old still cannot unscrew a lid or turn a door knob", "weak_grip", 3),
        # School holidays are a time, not a trip away.
        ("any summer holiday ideas to help his handwriting", "handwriting", 1),
        # Parents' words the phrasings lacked.
        ("she only sits in her bumbo, tips over as soon as she is on the floor", "sitting", 1),
        # (Since the learned match leads, sitting comes first and one side second.)
        ("he leans to one side when sitting and topples over", "one_sided", 2),
        ("he face plants when he falls, never puts his hands out", "clumsiness", 1),
    ],
)
def test_round_eleven_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str, within: int
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert expected in [m.id for m in result.matches[:within]]


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Movement said to be fine is not the worry.
        (
            "she only says a few words, her running and jumping are fine, it is just the talking",
            "speech",
        ),
        # Idioms that sound like movement.
        ("the kids are climbing the walls after a week of rain, how do you cope", "behaviour"),
        ("hand foot and mouth is going round the nursery, how long should she stay off", "health"),
        ("which primary should we choose, the small one is within walking distance", "everyday"),
    ],
)
def test_round_eleven_idioms_and_fine_movement_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        # A motor word hidden behind other subjects' words (sleep) or words it lacked.
        (
            "baby 3 months and she only turns her head to the right, always sleeps facing right"
            " too and the back of her head is flattening on that side",
            "one_sided",
            1,
        ),
        (
            "my baby falls asleep every time I put her on her tummy, does it still count",
            "tummy_time",
            1,
        ),
        (
            "my baby drops everything, can't seem to let go on purpose, she is 10 months",
            "reaching_grasping",
            1,
        ),
        # "Judge distances" is clumsiness; "the slide" at the park is not things sliding.
        (
            "she can't judge distances, always misses the step or the chair when she sits down",
            "clumsiness",
            1,
        ),
        (
            "my son's nursery key worker mentioned he struggles with the slide and steps, he's 3",
            "playground_climbing",
            1,
        ),
        (
            "is it normal for toddlers to walk with their feet wide apart and arms up in the air",
            "late_walking",
            1,
        ),
        (
            "14mo doesn't point or poke at things with one finger, is that a motor thing?",
            "pincer_grasp",
            1,
        ),
    ],
)
def test_round_twelve_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str, within: int
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert expected in [m.id for m in result.matches[:within]]


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        (
            "how do I cut my baby's nails without hurting her, she won't keep her hands still",
            "everyday",
        ),
        ("how do I get my son to stop jumping on the sofa, he's 5 and wont listen", "behaviour"),
        ("what age should a child get their own tablet", "everyday"),
        (
            "is it ok for a 6 yr old to have a phone to call us when he walks home from school",
            "everyday",
        ),
        (
            "my son is 6 and still wants me to dress him every morning even though he can do it,"
            " he just won't, how do I make him more independent without a battle",
            "behaviour",
        ),
    ],
)
def test_round_twelve_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        # "First steps" and "take steps" are walking steps, not "fewer, easier steps".
        ("how can I help her take her first steps, she's nearly there", "late_walking", 1),
        # A request for help with one skill counts as a part however short it is.
        (
            "what can I do to encourage crawling? she's 8 months, just sits and reaches for her"
            " toys and gets cross",
            "crawling",
            1,
        ),
        # Baby equipment parents name: an exersaucer or activity centre is a jumperoo.
        ("is an exersaucer ok for a 6 month old?", "late_walking", 1),
        ("jumperoo - how long a day is ok? she absolutely loves it", "late_walking", 1),
        ("we're thinking of buying a pikler triangle, is it worth it", "playground_climbing", 3),
        # Words from reports and nursery the phrasings lacked.
        (
            "nursery says he needs to work on his pre-writing skills, what are they",
            "drawing_shapes",
            1,
        ),
        ("his OT report says weak visual motor integration, what is that", "drawing_shapes", 1),
        ("she flips the spoon upside down just before it gets to her mouth", "utensils", 1),
        (
            "my 15m is doing everything except walk. what's the latest age that's still normal?",
            "late_walking",
            1,
        ),
        # "Best" and "teach" are the request, not its subject.
        ("what's the best way to teach joined up writing", "handwriting", 1),
    ],
)
def test_round_thirteen_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str, within: int
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert expected in [m.id for m in result.matches[:within]]


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        ("he always kicks his shoes off in the car, it drives me mad", "behaviour"),
        ("which finger foods can I give my 8 month old", "food"),
        (
            "how do I childproof the kitchen, she reaches for the oven and the knife block",
            "everyday",
        ),
        ("she won't feed herself vegetables, only picks up crisps and biscuits", "food"),
        ("how do I get him to sit down and do his homework without arguing", "behaviour"),
        ("she'll only walk to school if she gets a treat, is bribery ok", "behaviour"),
        (
            "he stands on the backs of his shoes and wrecks them, which brand lasts longest",
            "everyday",
        ),
        (
            "she has eczema on her hands and it cracks when she plays with playdough, what cream?",
            "health",
        ),
        ("the speech therapist wants to work on his oral motor skills for chewing", "speech"),
        (
            "she keeps dropping her cup off the high chair on purpose, is she winding me up",
            "behaviour",
        ),
        ("he sleeps on his tummy now he can roll, should I keep turning him back", "sleep"),
    ],
)
def test_round_thirteen_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Equipment the physio or orthotist gives, in parents' words (issue 13 blind set).
        ("he needs AFOs, what are they", "orthoses_and_standing_aids"),
        ("she has SMOs now, do they go inside her normal shoes", "orthoses_and_standing_aids"),
        ("any tips for getting piedro boots on a toddler", "orthoses_and_standing_aids"),
        ("leg braces for a 3 year old, how many hours a day", "orthoses_and_standing_aids"),
        ("what is serial casting and how long does it take", "orthoses_and_standing_aids"),
        ("we were lent a kaye walker, what is it for", "orthoses_and_standing_aids"),
        ("how long should she stay in her stander each day", "orthoses_and_standing_aids"),
        ("what is container baby syndrome and should I worry", "container_baby"),
        ("she lives in her bouncer most of the day, 3 months old", "container_baby"),
        ("is it bad if he spends hours in the car seat every day", "container_baby"),
        # Nearby topics keep their own entries now that the explainers share their words.
        ("18 months and still not walking, only cruises", "late_walking"),
        ("he walks on his tiptoes all the time, he's 3", "toe_walking"),
        ("what is cerebral palsy", "cerebral_palsy"),
        ("my baby hates tummy time and screams", "tummy_time"),
        ("she has a flat spot on the back of her head", "one_sided"),
        ("is a baby walker or jumperoo ok for learning to walk", "late_walking"),
        ("what does a physiotherapist do for children", "physical_therapy"),
    ],
)
def test_equipment_container_baby_and_nearby_topics_reach_their_entries(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert [m.id for m in result.matches[:1]] == [expected]


@pytest.mark.parametrize(
    "query",
    [
        "our physio says he needs AFOs, what are they",
        "the physio lent us a kaye walker, what is it for",
    ],
)
def test_equipment_named_with_the_physio_is_among_the_first_three(
    shipped: Matcher, query: str
) -> None:
    # Naming the physio still ranks "What a physical therapist does" first; the equipment
    # explainer must at least be offered next to it.
    result = shipped.match(query)
    assert result.triage == "concern"
    assert "orthoses_and_standing_aids" in [m.id for m in result.matches[:3]]


@pytest.mark.parametrize(
    "query",
    [
        "are baby bouncers bad for their hips",
        "my son is obsessed with trains",
        "he kicks the back of my car seat the whole journey, drives me mad",
    ],
)
def test_bouncers_trains_and_car_seats_alone_stay_out_of_scope(
    shipped: Matcher, query: str
) -> None:
    result = shipped.match(query)
    assert (result.triage, result.matches) == ("out_of_scope", ())


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        # Round 14: names and slips the phrasings lacked.
        ("what does GMFCS level 3 mean", "cerebral_palsy", 1),
        # (Since the learned match leads, muscle tone, which explains high tone, comes first.)
        ("what is spasticity in plain english", "cerebral_palsy", 2),
        ("how much tommy time should a 3 month old do", "tummy_time", 1),
        # (Since round 30's retrained learned match, the weak-grip concern, whose activities
        # the putty is for, comes first.)
        ("what do you do with therapy putty", "playdough_squeeze_roll", 2),
        (
            "my 2 year old can't do the shape sorter, just bangs the shapes and cries",
            "blocks_stacking",
            2,  # the hand activities first since the learned match leads
        ),
        ("his little arms jitter when he cries, he's 3 weeks old", "hand_tremor", 3),
    ],
)
def test_round_fourteen_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str, within: int
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert expected in [m.id for m in result.matches[:within]]


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        ("my 4 year old grabs toys off his sister all the time", "behaviour"),
        # A car park is not the park.
        ("he runs off in the car park and won't hold my hand", "behaviour"),
        ("how do I get my 12 year old off her phone", "everyday"),
        ("back pain from lifting the baby all day, what stretches can I do", "health"),
        ("best apps for learning letters", "learning"),
        ("she threw her shoe at me and I was mortified", "behaviour"),
        ("he has tics, blinking and sniffing", "health"),
    ],
)
def test_round_fourteen_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


def test_the_skill_a_request_asks_to_learn_counts_like_a_negated_word(shipped: Matcher) -> None:
    """Round 14: "learn to crawl" is the worry; the rolling he does instead had ranked a ball
    game first."""
    result = shipped.match(
        "what games help a baby learn to crawl, she just rolls around everywhere"
    )
    assert [m.id for m in result.matches[:1]] == ["crawling"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "the physio said he needs a standing frame, what is that for",
            "orthoses_and_standing_aids",
        ),
        ("physio says he has weak core, how can i help at home", "posture_core"),
        ("my son sits like a W, the physio said to watch it", "w_sitting"),
        # Asking about the therapist still reaches the therapist.
        ("what does a physio do", "physical_therapy"),
    ],
)
def test_a_therapist_who_only_reports_gives_way_to_what_was_said(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert [m.id for m in result.matches[:1]] == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Round 14: "one hand always fisted other open" read, without its stopwords, as "hand
        # fisted open", the fisted-hands worry word for word; its phrasings now name a side.
        ("my baby never opens his hands, always fists", "hands_fisted"),
        ("she keeps her hands in fists and never opens them, 3 months", "hands_fisted"),
        ("his left hand is always in a fist but the right one is open", "one_sided"),
    ],
)
def test_fisted_hands_and_one_fisted_hand_reach_their_own_topics(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert [m.id for m in result.matches[:1]] == [expected]


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        # Round 15: conditions and tight muscles said in words the phrasings lacked.
        ("my son has EDS and his elbows hyperextend, is that why he tires", "muscle_tone", 1),
        ("what does JIA mean for a 4 year old starting school", "juvenile_arthritis", 1),
        ("stretches for tight calves in a 5 year old", "toe_walking", 1),
    ],
)
def test_round_fifteen_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str, within: int
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert expected in [m.id for m in result.matches[:within]]


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # The parent's own body and exercise (round 17: their own subject, "parent").
        ("six weeks after the birth, when can i go running again", "parent"),
        ("i have knee pain from kneeling to play with the baby", "parent"),
        # Colic and settling are not movement worries.
        ("newborn screams every evening with her legs pulled up to her tummy", "health"),
        ("he only settles with rocking and bouncing, how do I stop", "sleep"),
        # A dog's jumping.
        ("the dog keeps jumping up at the kids, how do I stop it", "behaviour"),
    ],
)
def test_round_fifteen_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("text", "reports"),
    [
        # Round 15: more ways a therapist is only quoted.
        ("the OT noticed he swaps hands across the page", True),
        ("the OT just said build up his hands", True),
        ("our physio thinks her calves are tight", True),
        ("the physio used the words spastic diplegia", True),
        ("the OT said something about stabilising the paper", True),
        # Asking about the therapist is not reporting one.
        ("what does an OT do in a session", False),
    ],
)
def test_a_therapist_only_reports_in_many_words(text: str, reports: bool) -> None:
    assert (_REPORTED.search(normalize(text)) is not None) is reports


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Round 16: "exercises" is the request, like "activities" or "ideas", not its subject
        # (it was rare in the phrasings, so it pulled every request to the movement hub).
        ("which exercises help his handwriting, he is 8", "handwriting"),
        # (The playdough activity itself first, weak grip second, since the learned match leads.)
        ("exercises with playdough for finger strength", "playdough_squeeze_roll"),
        # Words the phrasings lacked.
        ("he keeps walking into things at 6", "clumsiness"),
        ("what is femoral anteversion", "clumsiness"),
        ("how do I teach letter formation", "handwriting"),
        ("what are primitive reflexes", "how_motor_skills_develop"),
        ("do triangular pencils make it easier to hold", "extending_enlarging"),
    ],
)
def test_round_sixteen_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


def test_a_concern_wins_an_exact_tie_with_its_adaptation(shipped: Matcher) -> None:
    """ "Pencil grip" is a worry and a tool: both entries have the phrasing, so a request about
    it scores them the same, and the concern now comes first (before: the adaptation, by
    its place in the file)."""
    first, second = shipped.match("any ideas for his pencil grip").matches[:2]
    assert first.score == second.score
    assert (first.id, second.id) == ("pencil_grip", "extending_enlarging")


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Round 16: another subject's phrase holding a motor word outweighs it.
        ("he throws sand at the other kids in the playground", "behaviour"),
        ("the kids throw stones at the park", "behaviour"),
        ("he kicks the back of my seat in the car, how to stop", "behaviour"),
        ("the baby grabs my hair when I pick her up", "behaviour"),
        ("my son catches every cold going", "health"),
        ("what finger foods are best to start with", "food"),
        ("which forward facing car seat is best", "everyday"),
        ("how many video games a day is too many", "behaviour"),
    ],
)
def test_round_sixteen_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


def test_request_words_and_laughter_are_not_what_a_message_is_about() -> None:
    """Round 16: "exercises" asks for help like "activities" does, and "lol" / "haha" only
    carry the parent's voice; matching drops them (``normalize`` itself keeps them)."""
    assert content_words(normalize("exercises for his handwriting lol haha")) == ["handwriting"]


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Round 17: the parent asking about their own body or skills.
        ("my knees hurt when I get down on the floor with the baby", "parent"),
        ("my own handwriting is awful, can I fix it as an adult", "parent"),
        ("my pelvic floor is weak since the birth, any exercises for me", "parent"),
        ("my back aches from all the bending, any stretches for me", "parent"),
        # Other subjects a parent names in words the lists lacked.
        ("is my baby hungry when she sucks her hands", "food"),
        ("easy finger food recipes for a toddler", "food"),
        ("he doesn't respond to his name at 20 months", "speech"),
        ("my daughter lies a lot, is that a phase", "behaviour"),
        ("my son says he hates school", "behaviour"),
        ("how do I get him to read", "learning"),
        ("should a 4 year old know letters and sounds", "learning"),
        ("which pram is best for long walks in the city", "everyday"),
    ],
)
def test_round_seventeen_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Round 17: a misspelt word split in two; its unknown halves no longer dilute it.
        ("my son has dis praxia", "dcd"),
        # "Buy" only asks about a product: the product and its purpose are the subject (the
        # movement activities, then coordination, since the learned match leads).
        ("should I buy a trampoline to help with coordination", "gross_motor_activities"),
        ("should we buy a bumbo seat for her", "sitting"),
        # Words the phrasings lacked.
        ("how do I teach him to use a mouse", "screen_typing"),
        ("what does the movement abc test show", "dcd"),
        ("his beery vmi score was low", "drawing_shapes"),
        ("stretches for tight hamstrings", "muscle_tone"),
        ("the physio said low tome", "muscle_tone"),
    ],
)
def test_round_seventeen_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


def test_the_request_to_learn_is_not_the_skill_learnt(shipped: Matcher) -> None:
    """Round 17: "what toys help her learn to sit" had reached "learning to write" first (the
    request's word and a near-rhyme); "learn" is a request word for matching, like "teach"."""
    first = shipped.match("what toys help a 7 month old learn to sit on her own").matches[0]
    assert first.id in {"sitting", "reach_while_sitting"}


def test_request_words_and_hopes_are_not_what_a_message_is_about() -> None:
    """Round 17: "learn" is the request like "teach"; "hope" carried the parent's voice and
    stemmed to "hop"."""
    assert content_words(normalize("hoping she will learn to crawl")) == ["crawl"]


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Round 18: a longer phrase holding a motor word says what the words mean together.
        ("my 4 yr old can't hold a conversation, he just repeats back what I say", "speech"),
        ("how do I balance work and parenting without losing my mind", "parent"),
        ("baby kicking in the womb loads at night, is that normal at 30 weeks", "everyday"),
        (
            "potty training a boy, standing up or sitting? he's been in diapers forever",
            "toileting",
        ),
        ("he won't stay sitting at the dinner table, gets up every 2 minutes", "food"),
        ("how do I hold a newborn properly, she is so tiny", "everyday"),
        ("the kids push each other off the trampoline and it always ends in a fight", "behaviour"),
        # A motor verb aimed at the parent, lying as telling lies, being late.
        ("she's walking all over me, won't listen to a word I say", "behaviour"),
        ("he pushes my buttons every single morning", "behaviour"),
        ("my 7 year old has started lying about everything", "behaviour"),
        (
            "my kid drags her feet every morning getting ready for school, we're always late",
            "behaviour",
        ),
        (
            "she won't walk away from me at nursery drop-off, clings to my leg screaming",
            "behaviour",
        ),
        # Other subjects the lists lacked: fashion, reading, the parent's body, a sleep position.
        ("what shoes are in fashion for girls aged 8 this summer", "everyday"),
        ("he can't catch up with reading, he's a year behind his class", "learning"),
        ("I have pelvic pain 8 weeks after birth, when can I go back to running", "parent"),
        (
            "my baby rolls onto her tummy in her sleep, is it safe to leave her like that",
            "sleep",
        ),
        ("how do I cut my newborn's fingernails without nicking her fingers", "everyday"),
    ],
)
def test_round_eighteen_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


def test_a_part_praising_the_movement_is_no_motor_evidence(shipped: Matcher) -> None:
    """Round 18: "his handwriting is neat but his spelling is terrible" is a spelling worry;
    praise other than "fine" or "good" ("neat", "lovely") says the movement is all right."""
    assert says_fine(normalize("his handwriting is neat"))
    assert says_fine(normalize("her running is lovely"))
    result = shipped.match("his handwriting is neat but his spelling is terrible")
    assert (result.triage, result.matches) == ("out_of_scope", ())


def test_play_dough_in_two_words_is_playdough(shipped: Matcher) -> None:
    """Round 18: "play dough" joined to "playdough" but kept "play" and lost "dough", so a
    request for hand strength reached the movement hub first."""
    ids = [m.id for m in shipped.match("play dough activities for hand strength pls").matches]
    assert ids[0] != "gross_motor_activities"
    assert "playdough_squeeze_roll" in ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Round 18: play dough in two words, a sit-in baby walker, out-toeing told plainly.
        ("my daughter walks with one foot pointing out to the side", "clumsiness"),
        (
            "he walks on the outsides of his feet, his trainers wear down on the outer edge",
            "clumsiness",
        ),
        # Words the phrasings lacked.
        (
            "what's that trick where kids lay the coat on the floor and flip it over their head",
            "self_dressing",
        ),
        ("my 12 year old gets bad hand cramps when writing for a long time in exams", "weak_grip"),
        (
            "keeps putting both feet on the scooter, can't push and steer at the same time",
            "bike_riding",
        ),
        (
            "my son starts prep next year and still holds his pencil really awkwardly",
            "pencil_grip",
        ),
        ("easy crafts for a 3 year old that help fine motor skills", "fine_motor_activities"),
        ("what should a 2 year old be able to do physically?", "milestone_checklists"),
    ],
)
def test_round_eighteen_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


@pytest.fixture(scope="module")
def hubless() -> Matcher:
    """The shipped knowledge base with no entry marked as a hub and no learned match: the
    ranking before round 19."""
    kb = default_knowledge()
    entries = tuple(
        entry.model_copy(update={"hub": False}) if getattr(entry, "hub", False) else entry
        for entry in kb.entries
    )
    return Matcher(replace(kb, entries=entries), learned=False)


@pytest.mark.parametrize(
    ("query", "hub", "specific"),
    [
        # "draws people" reads as drawing a person since round 28; a man drawn is the hub's case.
        ("my 5 yo draws a man with just a head and legs", "one_sided", "drawing_shapes"),
        (
            "should I make her use her right hand? her grandmother says left is bad luck",
            "one_sided",
            "hand_preference",
        ),
        ("adhd and motor skills", "fine_vs_gross", "adhd"),
    ],
)
def test_a_hub_gives_way_to_a_specific_entry_the_message_supports(
    shipped: Matcher, hubless: Matcher, query: str, hub: str, specific: str
) -> None:
    """Round 19: a hub's vocabulary spans every limb or skill, so it came first; the specific
    entry, with a phrasing wholly in the message and a word the hub lacks, now does."""
    assert [m.id for m in hubless.match(query).matches][:2] == [hub, specific]
    assert [m.id for m in shipped.match(query).matches][:2] == [specific, hub]


@pytest.mark.parametrize(
    ("query", "hub"),
    [
        # Its own word ("asymmetry", "lopsided": no other entry uses them) names the hub.
        ("he crawls lopsided and his head tilts", "one_sided"),
        ("the physio says she has asymmetry, she turns her head to one side", "one_sided"),
        # No specific entry has a phrasing wholly in the message.
        ("what are fine motor skills exactly", "fine_vs_gross"),
    ],
)
def test_a_hub_stays_first_when_the_message_is_about_it(
    shipped: Matcher, query: str, hub: str
) -> None:
    assert shipped.match(query).matches[0].id == hub


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Round 19: hubs (one side of the body, the fine/gross split) give way.
        ("my son uses both hands equally, is that ambidextrous or a problem", "hand_preference"),
        (
            "she can't colour inside the lines at all, 6 years, scribbles all over the picture."
            " is that fine motor?",
            "drawing_shapes",
        ),
        ("adhd and motor skills", "adhd"),
        ("how do i know if my child's motor skills are delayed", "milestone_checklists"),
    ],
)
def test_round_nineteen_hubs_give_way(shipped: Matcher, query: str, expected: str) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


def test_a_hub_giving_way_does_not_change_the_scope_decision(shipped: Matcher) -> None:
    """The scope decision reads the best score, not the score of the entry now first: a
    question the hub matched best stays in scope."""
    result = shipped.match("what is the difference between developmental delay and global delay")
    assert result.triage == "concern"


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Round 19 (blind set 19): longer phrases and words the lists lacked.
        ("my 10yo wants to walk to school alone, what age is that allowed?", "everyday"),
        ("cat scratched my son's arm and it's gone red and puffy, infection?", "health"),
        (
            "what should I feed my 7 month old now she's sitting up in the high chair? is it too"
            " early for finger foods like toast?",
            "food",
        ),
        (
            "he climbs all over me and won't let me put him down for a second, so clingy lately",
            "behaviour",
        ),
        (
            "8 year old throws a massive wobbly whenever he loses at football, screams at his"
            " teammates",
            "behaviour",
        ),
        ("what running shoes should I get, mum of 2 trying to do couch to 5k", "parent"),
        ("who do you reckon wins the world cup?", "everyday"),
        (
            "my wrist is agony from lifting the baby, physio said de quervain's. how long does it"
            " take to heal?",
            "parent",
        ),
        (
            "can't jump on the trampoline with my kids without leaking since giving birth, is"
            " that normal??",
            "parent",
        ),
    ],
)
def test_round_nineteen_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Round 19: a writing difficulty by its name, opening a lunchbox (the food word had
        # outweighed the movement), "neck holding" (Indian English for head control), Velcro
        # that a child cannot fasten (not the adaptation that suggests Velcro).
        (
            "how long should homework writing take?? 30 mins for 3 sentences, she's 8 and in"
            " tears",
            "handwriting",
        ),
        ("504 plan for dysgraphia - what accommodations do other parents ask for?", "handwriting"),
        (
            "He's starting prep next year and he can't open his lunchbox or the yoghurt pouch by"
            " himself",
            "weak_grip",
        ),
        (
            "Baby 5 months neck holding is not proper, when we pull her to sit the head goes back",
            "head_control",
        ),
        (
            "my daughter puts her shoes on the wrong feet every day and can't do the velcro"
            " straps either",
            "self_dressing",
        ),
    ],
)
def test_round_nineteen_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Round 20 (blind set 20): a child up too early or walking in the night, school
        # entry put off a year, paperwork for school support, things put away, reading.
        ("he jumps out of bed at 5am every single day and runs into our room", "sleep"),
        ("sleepwalking, found him walking round the landing at midnight", "sleep"),
        ("is it better to hold him back a year from reception as he's summer born?", "learning"),
        (
            "how do I get my 8yo to put his shoes away instead of kicking them off in the hall",
            "behaviour",
        ),
        ("she reads really slowly and mixes up b and d, year 2", "learning"),
        # Blind set 21: a sibling resented (had reached tummy time, and handles for "handle").
        (
            "my 3yo says he hates his baby brother and wants him to go back, how do i handle this",
            "behaviour",
        ),
    ],
)
def test_round_twenty_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Round 20: voice-to-text "tomato time", a parent working from home (not heavy work),
        # "straight away" (not sitting up straight), a W after "in", a ruler, a swayback,
        # hypermobility spectrum disorder (not the autism spectrum).
        ("the tomato time is not working he just cries and goes red in the face", "tummy_time"),
        (
            "our 5 month old spends most of the day in the car seat, bouncer and swing because I"
            " work from home, is that bad for him",
            "container_baby",
        ),
        ("son 8 cant use ruler or compass, gets v upset in maths", "handwriting"),
        ("tummy sticks right out and back really curved when standing, 4", "posture_core"),
        ("what is hypermobility spectrum disorder vs just being flexible?", "muscle_tone"),
        # Blind set 21: a knife is a utensil (the butter and toast had made it food); the
        # utensils topic first, the spreading activity second, as the tuning set labels it.
        ("cant use a knife to spread butter on toast, 9", "utensils"),
    ],
)
def test_round_twenty_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


def test_round_twenty_straight_away_is_no_posture_and_in_w_is_the_letter(shipped: Matcher) -> None:
    """Before round 20 "gives up straight away" put posture first (sitting up straight), and
    "sits in W" read the W as "with", so the W-sitting topic fell out of the first three."""
    cutting = shipped.match("how do i make cutting easier for my 5 yo? she gives up straight away")
    # Simplifying first since the learned match leads, as the tuning set labels it.
    assert [m.id for m in cutting.matches[:2]] == ["simplifying", "scissors"]
    w_sits = shipped.match(
        "my daughter sits in W because she says its comfy, any other way she falls over, 5"
    )
    assert "w_sitting" in [m.id for m in w_sits.matches[:3]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Matching round 21 (blind set m41), its own wordings: a help request for presents, a
        # question about why crawling matters, an OT's "sensory diet" (not food), stairs
        # climbed on the bottom (crawling came first).
        (
            "Suggestions for birthday presents that help with coordination for a 6 year old?",
            "gross_motor_activities",
        ),
        ("is it true that crawling matters for reading later on?", "crawling"),
        ("what is a sensory diet", "occupational_therapy"),
        ("My daughter's 3 and she still goes upstairs on her bottom", "stairs"),
    ],
)
def test_round_twenty_one_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Matching round 22 (blind set m42): each was given a motor topic ("turn round",
        # "pulling", "sit", "catches", "rolls") before hearing, hair pulling, a feed, a car seat,
        # colds and rolling in the night were read as their own subjects.
        ("he doesn't look round when we call him, is his hearing ok", "health"),
        ("my 5 year old keeps pulling her hair out when she's stressed", "behaviour"),
        ("she keeps pulling off the breast and twisting round, 4 months", "food"),
        ("is my 8 year old old enough to sit in the front seat", "everyday"),
        ("since starting school he catches every single cold going", "health"),
        ("she's 6 months and rolls over in her sleep, do I turn her back", "sleep"),
    ],
)
def test_round_twenty_two_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Matching round 23 (blind set m43): a sibling grabbing a toy and a baby grabbing at her
        # ears were read as a grasp.
        (
            "she runs to me crying every time her brother grabs her toy, how do i handle sibling "
            "fights",
            "behaviour",
        ),
        ("baby keeps grabbing at her ears, is it her teeth", "health"),
    ],
)
def test_round_twenty_three_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Matching round 23 (blind set m43): "right" that is no side ("hold a pencil right" had
        # led with one-sidedness), hand-eye games (video games had led), a habit on the slide
        # (a head knock's safety net).
        (
            "how do i get my 4 yo to hold a pencil right without it turning into a battle "
            "every time",
            "pencil_grip",
        ),
        ("games that help hand eye coordination for preschoolers", "ball_skills"),
        (
            "dd 2 goes down the slide headfirst every time and is totally fearless, should i "
            "stop her",
            "playground_climbing",
        ),
    ],
)
def test_round_twenty_three_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Matching round 23: an OT's sensory work for a child who avoids messy play; a toddler
        # who cannot stand still without toppling (balance, not pulling to stand).
        (
            "any suggestions for a child who hates messy play and wont touch paint or sand, age 3",
            "occupational_therapy",
        ),
        (
            "at 2 yrs my son can walk but he cant stand still, has to keep moving or he falls "
            "over",
            "balance",
        ),
    ],
)
def test_round_twenty_three_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Matching round 24 (blind set m45): each was given a motor topic ("sits", "stands",
        # "open", "hate" as in "hates tummy time", "grabbing", "stand", a hip as a body part).
        (
            "potty training a boy, he sits on the potty but wont go, just stands up and runs off",
            "toileting",
        ),
        (
            "montessori or normal school for my son? admissions open next month and we can't "
            "decide",
            "everyday",
        ),
        (
            'my 4yo says "i hate you" every time he doesnt get his way. is that a phase',
            "behaviour",
        ),
        ("what age should my baby start solids? 5 months now and grabbing at my plate", "food"),
        (
            "my 4 year old won't stand still for haircuts, screams the place down, any tips",
            "behaviour",
        ),
        ("what is hip dysplasia and does the harness hurt them", "health"),
    ],
)
def test_round_twenty_four_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Matching round 24 (blind set m45): a spoon that tips before it reaches the mouth,
        # told with the food on it; a late walker who is a late talker too.
        (
            "she's almost 3 and i still have to feed her yogurt because she cant get the spoon "
            "to her mouth without tipping it",
            "utensils",
        ),
        (
            "15 months not walking and not talking, just babbles. which one do i worry about "
            "first",
            "late_walking",
        ),
    ],
)
def test_round_twenty_four_motor_messages_reach_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    result = shipped.match(query)
    assert result.triage == "concern"
    assert result.matches[0].id == expected


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Matching round 25 (blind set m47): each was given a motor topic ("kicking", "sit",
        # "holding", "walk", "grabs", "let go", "finger foods", "playground", "down syndrome").
        ("He keeps kicking his sister and hitting other kids at nursery", "behaviour"),
        ("she won't sit at the table for dinner because she hates peas", "food"),
        ("baby will only fall asleep if I'm holding her and rocking, my arms are dead", "sleep"),
        ("what age can kids walk to school on their own", "everyday"),
        (
            "how much screen time should a 4 year old have, he grabs the ipad the second he "
            "wakes up",
            "behaviour",
        ),
        (
            "she won't let go of my leg at nursery drop off, cries every single morning",
            "behaviour",
        ),
        ("can my 6 month old have finger foods yet or only purees", "food"),
        ("Our 2 year old twins fight over every single toy. How do we handle it?", "behaviour"),
        (
            "Could you suggest some baby sign resources for a little one with Down syndrome? We "
            "want to help her communicate.",
            "speech",
        ),
        (
            "we are choosing between two primary schools, one has a bigger playground and more "
            "PE, which would you recommend",
            "everyday",
        ),
    ],
)
def test_round_twenty_five_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Matching round 25 (blind set m47): "right" dictated for "write", room to crawl read
        # as food ("can I give"), hand skills named as such beside a birthday, crashing into
        # things as sensory seeking.
        (
            "my sun is for years old and he cant right his name properly is that normal",
            "handwriting",
        ),
        (
            "we live in a small flat, how can I give my 10 month old enough space to practise "
            "crawling",
            "crawling",
        ),
        (
            "Best birthday toys for a 2 year old that help with hand skills?",
            "fine_motor_activities",
        ),
        (
            "Foster child (3) is very rough and seems to crash into furniture and people on "
            "purpose. Is this a sensory thing?",
            "occupational_therapy",
        ),
    ],
)
def test_round_twenty_five_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Matching round 25, second blind set (m47b: other subjects told with motor words).
        (
            "toddler keeps crawling into our bed at 2am, do we walk him back every single time",
            "sleep",
        ),
        (
            "she pushes the spoon away and clamps her mouth shut, 8 months, is she just not "
            "hungry?",
            "food",
        ),
        (
            "we speak hindi at home and english at playschool, he's 2 and jumps between both in "
            "one sentence, is it confusing him",
            "speech",
        ),
        (
            "teacher says he can't keep his hands to himself at circle time, always poking the "
            "kid next to him",
            "behaviour",
        ),
        ("my daughter just walks off when I'm talking to her, total attitude at 9", "behaviour"),
        (
            "he throws the controller across the room when he loses at fortnite, he's 9",
            "behaviour",
        ),
        ("she's moving up to LKG next year and I can't decide between CBSE and IB", "everyday"),
        ("he hangs off the side of the shopping trolley and I'm scared he'll tip it", "everyday"),
        ("my knees are wrecked from crawling round the floor playing with the twins", "parent"),
    ],
)
def test_round_twenty_five_b_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Matching round 27 (blind set m49): Scots ("wee" is small, a dropped g), chopsticks
        # misspelt, bottom shuffling in a grandmother's words.
        (
            "Hiya, my wee one's 2 and a half and he's aye fallin ower his ain feet, nursery says "
            "tae keep an eye on it. Should I be fashed aboot it?",
            "clumsiness",
        ),
        (
            "Ma wee lass is 8 month and she's no sittin yet without cushions roon her. Ma mammy "
            "says I was sittin at 5 month.",
            "sitting",
        ),
        (
            "how do u teach a 4yo to use chopstiks, we eat alot of asian food at home and he "
            "wants to join in",
            "utensils",
        ),
        (
            "My granddaughter, aged fourteen months, sits with one leg tucked beneath her and "
            "propels herself along the floor on her bottom. My daughter assures me this is quite "
            "acceptable.",
            "crawling",
        ),
    ],
)
def test_round_twenty_seven_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Matching round 27 (blind set m49): other subjects told with motor words.
        (
            "Our 3 year old has suddenly started waking at 5am every day. How do I push it later?",
            "sleep",
        ),
        ("My daughter is 6 and has started telling lots of lies. Is it a phase?", "behaviour"),
        ("She throws all her food off the high chair and laughs at me. 13 months.", "behaviour"),
        (
            "I'm 30 weeks pregnant and my pelvis hurts so much I can barely walk up the stairs. "
            "Is this SPD and what helps?",
            "parent",
        ),
        (
            "He doesn't turn round when I call his name but he hears a crisp packet open from two "
            "rooms away. Could it be his hearing?",
            "health",
        ),
        ("When should I start weaning? She's 5 months and keeps grabbing at our plates", "food"),
    ],
)
def test_round_twenty_seven_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Matching round 28 (blind set m50): motor worries told in other words.
        ("1.5 yrs. what should he be doing by now", "milestone_checklists"),
        (
            "My son is 10 and he still can't cut his own meat or spread butter on toast, he kind "
            "of stabs at it and the bread rips.",
            "utensils",
        ),
        ("she does this little shudder when she's startled, is that a tremor?", "hand_tremor"),
    ],
)
def test_round_twenty_eight_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Matching round 28 (blind set m50): other subjects told with motor words.
        ("He says walk but nothing else, he's 2. shouldn't he have more words by now?", "speech"),
        (
            "how do i stop her running out of her room at bedtime?? she's 2 and literally "
            "sprints out the second i put her down, we're all shattered",
            "sleep",
        ),
        (
            "how much milk should a 1 year old actually have in a day? she's running about non "
            "stop but eats like a sparrow",
            "food",
        ),
        (
            "my baby has eczema behind his knees and in his elbow creases and every time he "
            "crawls on the carpet it flares. any creams that actually work?",
            "health",
        ),
        (
            "is it normal for a 2 year old to still wake 3 times a night? I'm walking the floors "
            "every night and I'm broken",
            "sleep",
        ),
        (
            "my toddler walks fine. my cat however does not, he's 14 and a bit stiff in the back "
            "legs. any tips?",
            "everyday",
        ),
    ],
)
def test_round_twenty_eight_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


def test_round_twenty_eight_walking_misheard_offers_late_walking(shipped: Matcher) -> None:
    # Blind set m50: "waking" for walking. Not a child who cannot be woken (triage's
    # walking_misheard); the danger word still earns the calm safety-net line, with the topic.
    result = shipped.match("13 months and not waking yet, when should i start to worry")
    assert result.triage in ("concern", "safety_net")
    assert "late_walking" in [m.id for m in result.matches[:3]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Matching round 28's second set (blind set m50b): motor questions in other words.
        (
            "What's a good age to start a push-along walker (the wooden trolley with bricks) and "
            "do they actually help?",
            "push_toy_walk",
        ),
        (
            "My 14mo isn't interested in feeding herself with her fingers, she just opens her "
            "mouth for me to spoon feed",
            "utensils",
        ),
        (
            "13 months and still not clapping or waving bye bye. everyone keeps asking does he do "
            "it yet",
            "milestone_checklists",
        ),
        # "what are good toys" asks; it does not say movement is going well.
        (
            "what are good toys for fine motor for a 2 year old? christmas coming and the "
            "grandparents keep asking what to buy",
            "fine_motor_activities",
        ),
        (
            "are there any sensory play ideas for a 1 yo that dont involve him eating everything "
            "lol",
            "fine_motor_activities",
        ),
    ],
)
def test_round_twenty_eight_b_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Matching round 28's second set (blind set m50b): other subjects told with motor words.
        (
            "whats the normal age to manage the toilet on their own like wiping and pulling "
            "trousers up? my 5yo in P1 still needs help with the wiping",
            "toileting",
        ),
        (
            "what age should baby get the MMR? we missed the 1 year one because we moved house",
            "health",
        ),
        (
            "my husband walked out last week and the kids keep asking where daddy is. how do i "
            "explain it to a 5 and a 3 year old",
            "everyday",
        ),
        (
            "He keeps running away from me in the supermarket, won't hold hands and bolts for the "
            "door. How do I keep him safe? 3 yrs",
            "behaviour",
        ),
        (
            "My 3 year old will not sit at the table for meals, up and down the whole time, "
            "grabbing food and running off. How do I get him to stay put?",
            "behaviour",
        ),
    ],
)
def test_round_twenty_eight_b_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Matching round 29 (blind set m51): writing speed in words per minute, pressing hard
        # enough to rip the paper beside "reading into it", a child who feels left out in a
        # walker, food cut up at the table.
        (
            "how many words per minute should a year 4 child be able to handwrite? school says "
            "he's slow",
            "handwriting",
        ),
        (
            "He's in 1st grade and his teacher sent home a note saying he reverses letters and "
            "presses so hard he rips the paper. He's also the kid who knocks over everyone's cups "
            "at lunch. Is that all connected or am I reading too much into it?",
            "handwriting",
        ),
        (
            "Our little girl has spina bifida and uses a walker at nursery. She's 3 and wants to "
            "keep up with the other kids in the playground. Are there any adapted playground "
            "games or ideas so she doesn't feel left out?",
            "gross_motor_activities",
        ),
        (
            "thanks so much, that was helpful! one more: how do i teach my 5 year old to cut up "
            "her own pancakes",
            "utensils",
        ),
    ],
)
def test_round_twenty_nine_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # A first phone is a screen-time question; a list of what the child does well told
        # after "very active" leaves the speech worry (round 28's leftover).
        ("what age is ok for a first phone, my 9 yo says everyone else has one", "behaviour"),
        (
            "my 6 year old is very active, runs and climbs everything, but only says a few words",
            "speech",
        ),
    ],
)
def test_round_twenty_nine_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Blind set m52: a voice-to-text slip for stabilisers, a curved spine named.
        ("can't get her riding without the stable liser wheels she's 6 nearly 7", "bike_riding"),
        ("my 5 year old has scoliosis, what exercises help", "posture_core"),
    ],
)
def test_round_thirty_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Blind set r31a: a nursery chosen, purees moved on from, a sport given up, screens,
        # a new baby pushed, a table climbed.
        ("how to pick a good nursery", "everyday"),
        ("when do we move from purees to finger foods", "food"),
        ("my 9yo wants to quit football, do I let him", "behaviour"),
        ("how much screen time is ok for a 3yo, he's always grabbing my phone", "behaviour"),
        ("big sister keeps pushing the new baby when she thinks I'm not looking", "behaviour"),
        ("how do I stop him climbing on the kitchen table", "behaviour"),
    ],
)
def test_round_thirty_one_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Blind set r31a: "how to stop" asks for help with a motor habit, not about behaviour.
        ("how to stop w sitting without it becoming a battle every time", "w_sitting"),
        ("how to stop toe walking, any stretches?", "toe_walking"),
    ],
)
def test_round_thirty_one_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Blind set r32a: holding on to the toilet, and a sibling's face grabbed.
        ("he holds his wee until the last second and then runs to the toilet", "toileting"),
        ("she wont keep her hands off her baby brother, keeps grabbing his face", "behaviour"),
    ],
)
def test_round_thirty_two_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


def test_round_thirty_two_clapping_is_a_hand_skill(shipped: Matcher) -> None:
    """Blind set r32a: "when do babies start clapping" was out of scope (no entry said it)."""
    _assert_topic_offered(shipped, "when do babies start clapping", "reaching_grasping")


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Blind set r33a: the help asked for is another subject's, every movement told with it.
        ("our dog keeps jumping on the baby when she crawls, how do we train the dog", "everyday"),
        (
            "how do i get my toddler to stay in his own bed, he climbs out and walks into our "
            "room every night",
            "sleep",
        ),
        ("my sons scooter wheel snapped off, do shops fix those or just buy new?", "everyday"),
        (
            "my 8 year old's toy robot arm came off, any glue that works on hard plastic",
            "everyday",
        ),
        # Movement told as able, unasked, beside a speech worry.
        (
            "my 2 yr old only says mama and dada but runs and climbs everything. should i worry "
            "about his speech",
            "speech",
        ),
        (
            "my 2yo grabs food off everyones plate and throws what he doesnt like, how do i stop "
            "this",
            "food",
        ),
    ],
)
def test_round_thirty_three_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Blind set r33a: equipment named alone, a child's own self-care, floor time.
        (
            "Where's the best place to get a kid's wheelchair assessment in NZ, our daughter "
            "has SMA",
            "adaptive_equipment",
        ),
        ("does he need insoles", "clumsiness"),
        (
            "how do I help my 4 year old brush her own hair, she just cant get the brush to the "
            "back",
            "self_dressing",
        ),
        ("is it bad to leave my baby in the exersaucer most of the day", "container_baby"),
        # A movement told on its own keeps the message, whatever the help part names.
        (
            "his handwriting is so messy, letters all different sizes and floating off the line. "
            "he's 8. how can i help at home without a fight",
            "handwriting",
        ),
    ],
)
def test_round_thirty_three_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


def test_round_thirty_three_uneven_ground_is_balance_first(shipped: Matcher) -> None:
    """Blind set r33a: "sits down" had put tummy time and sitting ahead of balance."""
    query = (
        "Hey, our 18mo walks but won't go on uneven ground, grass or sand, just sits down and "
        "cries. Normal?"
    )
    assert shipped.match(query).matches[0].id == "balance"


def test_round_thirty_three_own_hair_pulled_out_is_not_a_hand_skill(shipped: Matcher) -> None:
    """Only a child brushing or doing their own hair is self-care: hair pulled out when anxious
    stays another subject."""
    result = shipped.match("she's started pulling her own hair out when she's anxious, 9yo")
    assert result.triage == "out_of_scope"


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Blind set r34a: the dog's training told with a pronoun, things thrown, a tablet taken
        # away, food cut small.
        ("Our dog keeps jumping up on the baby, how do we train him to stop?", "everyday"),
        ("how do i get my 2 year old to stop throwing stuff", "behaviour"),
        ("My 3 year old is obsessed with the iPad and screams when we take it away", "behaviour"),
        ("Best way to cut up grapes and stuff for a toddler so she doesn't choke?", "food"),
    ],
)
def test_round_thirty_four_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Blind set r34a: "nightmare" as an idiom, moves copied in a class, a swing seat.
        ("buttons!!! year 2 uniform nightmare", "buttons_zippers"),
        (
            "Help pls, martial arts class and he can't copy the moves, always on the wrong side",
            "clumsiness",
        ),
        ("Is a swing seat bad for a baby's back if she's only 3 months?", "container_baby"),
    ],
)
def test_round_thirty_four_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


def test_round_thirty_four_how_much_should_is_not_food_on_its_own(shipped: Matcher) -> None:
    """ "How much should a 3 year old be doing himself" is self-care; the amounts of food are
    told with their food words, and a weight with "weigh"."""
    assert shipped.match("how much should a 1 year old weigh").triage == "out_of_scope"
    assert shipped.match("how much should a 1 year old be eating in a day").triage == (
        "out_of_scope"
    )


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Blind set r35a: words tripped over, a parent's strain from lifting, a co-sleeper, a
        # double buggy, nursery charges.
        ("4yo trips over his words when excited", "speech"),
        ("wrists hurt lifting baby, carpal tunnel?", "parent"),
        (
            "He rolls around and kicks me all night because we co-sleep, and I'm exhausted. He's "
            "2 and a half. How do we move him to his own bed without a fight? Every time we try "
            "he climbs straight back in with us.",
            "sleep",
        ),
        (
            "Which double buggy folds one handed? Toddler plus newborn and I can't lift a heavy "
            "one.",
            "everyday",
        ),
        ("nursery is charging extra for swimming trips, are they allowed to do that?", "everyday"),
    ],
)
def test_round_thirty_five_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Blind set r35a: a bowl that stays put, and wheelbarrow walks a physio asked for.
        (
            "Is there a bowl that actually sticks to the table? My 15mo keeps shoving his off "
            "the tray while he's trying to scoop.",
            "stabilizing",
        ),
        (
            "Physio said to do wheelbarrow walks for shoulder strength, how long should we do "
            "them each day?",
            "wheelbarrow_walk",
        ),
    ],
)
def test_round_thirty_five_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


@pytest.mark.parametrize(
    ("query", "elsewhere"),
    [
        # Blind set r36a: a dog on the lead, a game's chat, an app's settings, a uniform's cost,
        # a household tiptoeing round a child, a parent's own wrist, potty training in a pull-up.
        (
            "Our dog pulls so hard on walks that I can't push the pram and hold the lead at the "
            "same time, any tips?",
            "everyday",
        ),
        (
            "Is Minecraft ok for a 6 year old? He wants to play online with his cousins and I "
            "don't understand the controls or the chat bit.",
            "everyday",
        ),
        ("I'm all fingers and thumbs with this app lol how do I change the language", "everyday"),
        (
            "We're walking on eggshells around our 5yo, she explodes over the tiniest things like "
            "getting the wrong colour cup.",
            "behaviour",
        ),
        (
            "My wrist has been aching for weeks since the baby was born, especially when I lift "
            "her out of the cot or hold her head during feeds. Someone in a mum group said it's "
            '"mummy wrist" or de Quervain\'s. Is that a real thing? What can I do for my own '
            "wrist, I can't exactly stop picking her up.",
            "parent",
        ),
        (
            "My 3 year old is in the thick of potty training and it's going terribly. He runs off "
            "and hides behind the sofa to do a poo in his pull-up, and won't sit on the potty at "
            "all. Nursery want him dry before he moves up to the preschool room. Any tips? I'm at "
            "the end of my rope.",
            "toileting",
        ),
    ],
)
def test_round_thirty_six_other_subjects_are_out_of_scope(
    shipped: Matcher, query: str, elsewhere: str
) -> None:
    _assert_elsewhere(shipped, query, elsewhere)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Blind set r36a: the noun of a worry, and a routine check by its age ("check" alone is
        # a stop word, so the message had no word left to match).
        ("Who do we see about clumsiness, the GP or the school nurse?", "clumsiness"),
        ("floppiness", "muscle_tone"),
        ("what happens at the 2 year check", "milestone_checklists"),
        ("what to expect at the 9 month check", "milestone_checklists"),
    ],
)
def test_round_thirty_six_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Blind set r37a: motor worries answered out of scope. Siblings compared (the word alone
        # is rivalry), a young baby's play asked about with no skill named, swimming that does
        # not come (the word alone is a plan or a lesson), and writing told by the hand that
        # hurts among homework words.
        (
            "my first walked at 10 months and my second is 15 months and nowhere close. they're "
            "so different. how much can siblings differ?",
            "late_walking",
        ),
        (
            "what can i do with a 6 week old for development? feels like she just lies there lol",
            "gross_motor_activities",
        ),
        (
            "7 yo still can't swim after lessons since he was 4 😕 won't put his face in and his "
            "legs just sink. is he just not a swimmer or is there a reason",
            "clumsiness",
        ),
        (
            "Writing homework is a battle every single night. My 6yo says his hand hurts, he "
            "hates it, he starts his letters from the bottom, and it takes 40 minutes for 3 "
            "sentences. Meanwhile his little sister needs me for her reading book at the same "
            "time and I'm losing my mind. What can I do to make the actual writing part easier "
            "for him?",
            "handwriting",
        ),
    ],
)
def test_round_thirty_seven_motor_messages_offer_their_topic(
    shipped: Matcher, query: str, expected: str
) -> None:
    _assert_topic_offered(shipped, query, expected)


def test_round_thirty_seven_siblings_fighting_stay_out_of_scope(shipped: Matcher) -> None:
    """The comparison's words ("siblings are so different") do not make rivalry a movement."""
    _assert_elsewhere(
        shipped,
        "my 3 kids fight all the time, siblings are so different, how do i stop the fighting",
        "behaviour",
    )
