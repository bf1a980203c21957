"""Two blind sets of 1 December (a same-day-heavy set and a motor-focused one), scored before
they were read: what they missed and what they escalated for nothing, in new wordings, with
neighbours that must keep their level. Rules alone (``rules_level``), so the learned second
opinions cannot hide a rule that is missing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from knowledge.normalize import normalize
from knowledge.triage import advice, assess, triage
from tests.support.triage_rules import NO_EXAMPLES, rules_level


def assert_level(text: str, level: str) -> None:
    """``level`` from the rules alone; an urgent one may come out as an emergency."""
    if level == "urgent":
        assert rules_level(text) in ("urgent", "emergency")
    else:
        assert rules_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        # A passing one-sided weakness with muddled speech is a stroke warning (RCPCH 2017),
        # even when it is getting better.
        "for 15 mins her left hand went weak and her words were all muddled, better now",
        # One side newly weak with a headache and vomiting.
        "terrible headache, he threw up and now his left leg is dragging",
        "worst headache ever she says, now her right arm is weak",
        "the left corner of her mouth is hanging down and she can't lift her left arm",
        # One pupil bigger after a knock to the head (NICE NG232).
        "took a cricket ball to the head at practice, one pupil looks bigger now",
        # A joint still out of place (NHS dislocated kneecap: call 999).
        "his kneecap slipped out at football and it's still out, he's screaming",
    ],
)
def test_missed_emergencies_are_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # New toe walking, or a foot newly turning in, on a child who walked flat before.
        "walking on her toes since about three weeks ago, before that she walked normally",
        "his left foot started turning in a month back, he catches it and trips",
        # More unsteady since a new medicine (a drug's side effect is checked the same day).
        "she's wobbly on her feet since she started the new seizure tablets",
        # Gowers' sign that is new.
        "pushes on his knees to get up off the floor, new in the last few weeks, keeps falling "
        "when he climbs stairs now",
        # A kneecap that popped back by itself (NHS: minor injuries unit or A&E).
        "her kneecap popped out at netball and went back in, knee is puffy",
        # The spine sore after a fall (NICE NG41).
        "fell off the trampoline onto his back, now the middle of his back is sore",
        # A hip that hurts with a fever (NICE CKS limp).
        "her knee hurts and she has a fever since yesterday",
        # Tonsillitis with a child who will not swallow even water.
        "tonsillitis since friday, not swallowing even water today",
        # Tummy pain worse over bumps in the car (NHS appendicitis).
        "tummy hurts, worse every time we go over a bump in the car",
    ],
)
def test_missed_same_day_worries_escalate(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # History with a year and "none since".
        "he had a febrile fit in 2023, none since, can he go swimming",
        # A deep sleep, not a child who cannot be roused.
        "he conked out in the buggy and I couldn't wake him for his bath, lol",
        # A dose given and a well child's list.
        "gave calpol once for 38.2 last night, today no temp, eating drinking and playing",
        # 37.5 to 37.9 after jabs in a young baby: below NICE NG143's 38 C.
        "10 week jabs this morning, temperature 37.7, feeding fine",
        # Toilet training, not dry nappies.
        "she is 3 and still in a nappy at night but dry in the daytime",
        # Progress told in other words.
        "he gave up crawling because he decided running is more fun",
        # A limp at the end of sport that is gone by morning (Sever's heel pain).
        "limps at the end of football, heel sore, fine by the next morning",
        # A small gland behind the ear after a cold.
        "little lump behind his ear that moves under my finger, he had a cold",
        # A vaccine arm.
        "after her preschool booster her arm is red and swollen where the jab went in",
        # Torticollis already under a physio.
        "she tilts her head to the left, the physio is treating her torticollis",
        # Hives on one part, no swelling.
        "a few hives on her arm after the grass, no swelling anywhere, playing",
        # A newborn's sticky eye with lids not red or swollen.
        "2 week old with a sticky eye in the mornings, eyelids not red or swollen",
        # A medicine started, then progress: progress still stands a skill change down.
        "she stopped crawling since she started walking",
    ],
)
def test_ordinary_worries_are_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("he had a fit in 2023 and another one just now, still shaking", "emergency"),
        ("couldn't wake him for his bath, he is floppy and hot", "emergency"),
        ("10 week old, temperature 38.1 after jabs", "emergency"),
        ("her nappy has been dry for 10 hours, 6 months old, vomiting", "urgent"),
        ("his ear hurts and there is a red swelling behind it pushing it out", "urgent"),
        ("hives all over his body after peanuts", "urgent"),
        ("a 2 week old with a red swollen sticky eye", "urgent"),
        ("limping since this morning, won't put weight on the leg", "urgent"),
    ],
)
def test_neighbours_keep_their_level(text: str, level: str) -> None:
    assert_level(text, level)


#: Two more blind sets (hard registers; babies) and the tuning set's same-day leftovers.
@pytest.mark.parametrize(
    "text",
    [
        # A focal seizure told by what the child did, behind a question about another matter.
        "is it ok that she only bum shuffles? also twice today she stared into space and "
        "smacked her lips and didn't answer me",
        # A skill told as good before and wobbly again now.
        "at 4 months her head control was so good and now her head is floppy again",
        # A bruise on a baby who cannot move about, with a singular week.
        "a bruise on my 9 week old's forehead and nobody knows how",
        # A baby under 6 months with a swelling in the groin (NHS hernia).
        "there's a bulge in my 6 week old's groin when he cries",
        # Aspiration signs (NICE NG62).
        "she keeps choking on her drinks lately and her chest sounds crackly",
        # A baby with many runny poos in a day (NICE CG84).
        "5 month old has had 8 watery poos since this morning",
        # Impetigo told in plain words, spreading.
        "honey coloured crusty sores by his nose and they're spreading",
        # A fingertip full of pus; a splinter that cannot be got out and is going red.
        "her fingertip is swollen and full of pus",
        "there's a splinter in his foot we can't get out and it's gone red around it",
        # A peak flow below three quarters of the child's best.
        "his peak flow is 65 percent of his best today",
    ],
)
def test_more_missed_same_day_worries_escalate(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


def test_a_peak_flow_under_half_the_best_is_an_emergency() -> None:
    assert rules_level("peak flow only 40 percent of his best") == "emergency"


def test_roused_only_with_effort_then_asleep_again_is_an_emergency() -> None:
    """NICE NG143's red feature (if roused, does not stay awake), in non-native English."""
    assert (
        rules_level(
            "child 2 years having loose motions since 3 days, now waking only when we disturb "
            "him very much, then again sleeping"
        )
        == "emergency"
    )
    assert rules_level("he wakes only if I shake him a lot, 8 months, tummy bug") in (
        "urgent",
        "emergency",
    )
    assert rules_level("she woke for her night feed and then went straight back to sleep") not in (
        "urgent",
        "emergency",
    )


@pytest.mark.parametrize(
    "text",
    [
        # A diagnosis named later in the message explains the squeak.
        "noisy squeaky breathing when she feeds, 6 weeks, feeding well, the doctor said "
        "laryngomalacia",
        # A denial of the struggle.
        "blocked nose, 3 weeks old, not struggling to breathe, feeding ok",
        # Grunting as a baby stretches on waking.
        "she grunts and goes red when she wakes and stretches, 8 weeks",
        # A scrotum bigger but not painful since birth.
        "his scrotum is bigger on one side but not painful, it's been like that since birth",
        # A little posset in a baby gaining weight.
        "brings up a little bit of sick after every feed but gaining weight well",
        # A crawler crawling everywhere with a cold.
        "9 months, snotty cold, no temp, crawling everywhere and feeding well",
        # A new walker's wide gait.
        "wobbly wide legged walking, falls a lot, he started walking 10 days ago",
        # Seen by a doctor and moving normally again.
        "the doctor checked her knee yesterday and said it was a sprain, today she is running "
        "around normally",
        # Asking to be carried at home but running and climbing fine elsewhere.
        "wants to be carried all the time since the baby came, but at the park he runs and "
        "climbs perfectly fine",
        # A newborn girl's white discharge.
        "newborn girl, 6 days old, has some white discharge in her nappy",
    ],
)
def test_more_ordinary_worries_are_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("6 weeks, noisy breathing, now she is struggling to breathe and going blue", "emergency"),
        ("he is grunting with every breath and breathing fast, 7 weeks", "emergency"),
        ("his testicle is swollen and very painful", "emergency"),
        ("she can't keep anything down, even water, all day", "urgent"),
        ("newborn girl with blood in her poo", "urgent"),
        ("she was walking but now she is crawling everywhere again", "urgent"),
    ],
)
def test_more_neighbours_keep_their_level(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Knocked out told without the word "head" (NICE NG232: any loss of consciousness).
        ("knocked out for a few seconds at football, now vomiting", "emergency"),
        ("she fell and was out cold for a moment", "emergency"),
        # Asleep, a tooth, a cup: not a knock-out.
        ("the twins were knocked out by 8 after the party, finally", "calm"),
        ("he knocked out a baby tooth on the slide, no bleeding now", "calm"),
        # A knock-out last week, scanned in hospital, fine now: a question, not an emergency;
        # the same with a new sign after it stays one.
        (
            "was knocked out briefly last week falling off his bike, hospital did a ct scan which "
            "was clear, he is totally fine now, can he ride again?",
            "calm",
        ),
        ("knocked out last week, the scan was normal, fine since but now vomiting", "emergency"),
    ],
)
def test_knock_outs(text: str, level: str) -> None:
    if level == "calm":
        assert rules_level(text) not in ("urgent", "emergency")
    else:
        assert rules_level(text) == level


def test_sudden_morning_jerks_are_checked_the_same_day() -> None:
    """Myoclonic jerks after waking (NICE NG217), not a stretch."""
    assert rules_level("sudden jerks in his arms after he wakes up, he spilt his juice twice") in (
        "urgent",
        "emergency",
    )
    assert rules_level("his legs twitch in the morning when he stretches") not in (
        "urgent",
        "emergency",
    )


#: Emergencies of the tuning set that only the learned opinion caught (1 December): a
#: retraining may drop them, so each is now a rule.
@pytest.mark.parametrize(
    "text",
    [
        "dropped my 8 month old onto the wooden floor, big swelling on the side of her head",
        "she is staring and lip smacking for 10 minutes now and not coming round",
        "she swallowed maybe 3 or 4 of her sisters little shiny magnet balls, seems fine",
        "found her in the shed with the antifreeze bottle open, she smells of it and was sick "
        "twice, wobbly now",
        "her inhaler is not doing much, she's sucking in at her neck and ribs, too puffed to "
        "finish a sentence",
        "tried a backflip and landed on his neck. He says his arms tingle and feel heavy. What "
        "age can they do flips safely?",
        "hit in the throat by a cricket ball at nets, voice gone, noisy sound breathing in and "
        "struggling",
    ],
)
def test_emergencies_the_rules_had_left_to_the_learned_opinion(text: str) -> None:
    assert rules_level(text) == "emergency"


#: Two more blind sets (children with known conditions; toddlers): emergencies of known
#: conditions, a fit in the bath, the usual seizure of a child with epilepsy, and more.
@pytest.mark.parametrize(
    "text",
    [
        # The spinal cord pressed at the neck (AAP, atlantoaxial instability).
        "my son with Down syndrome has a stiff sore neck since yesterday and now he keeps "
        "tripping and dropping his spoon",
        # Baclofen withdrawal (FDA boxed warning).
        "her baclofen pump alarm beeped yesterday, now she's itchy all over with a fever and her "
        "legs are much stiffer",
        # After an anaesthetic in muscular dystrophy.
        "he has Becker muscular dystrophy, after his anaesthetic today his muscles are rigid and "
        "his wee is dark brown",
        # Fresh bleeding from a tracheostomy (NTSP).
        "lots of fresh blood coming from her trach tube",
        # A fit told with a place that is not a tantrum's.
        "he is having a fit in the bath and it won't stop",
        # Knocked over by a reversing car.
        "the van reversed into her in the car park and knocked her down, she won't move her legs",
    ],
)
def test_condition_and_mechanism_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # Daily immune-weakening medicines with a fever, chickenpox or measles.
        "she's on methotrexate for her arthritis and has a fever of 38.5 tonight",
        "on daily prednisolone and his cousin who stayed over has measles",
        # A shunted baby whose head jumped centiles since last month.
        "shunted baby, his head has jumped two centiles since last month",
        # Steroids missed, with the child unwell.
        "ran out of his prednisolone 2 days ago and he's dizzy and pale",
        # A gastrostomy that will not take the medicines.
        "her mic-key button is leaking everywhere and I can't get her meds in",
        # A cast that smells, with a fever; a wound after an operation, hot with a fever.
        "there's a horrible smell from his plaster cast and he has a temperature",
        "hip osteotomy 9 days ago, the wound is red and hot and she has a fever",
        # Cloudy, smelly wee with a fever.
        "fever 38.4, his wee is cloudy and smells awful",
        # A baby's leg not kicking at all.
        "in her hip brace and she's not kicking her left leg at all now",
        # New coughing on drinks in spinal muscular atrophy.
        "SMA type 2, for the last 2 days she coughs with every drink",
    ],
)
def test_condition_same_day_worries_escalate(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # The usual short seizure of a child with epilepsy, and seizure questions.
        "she had her usual absence at breakfast, a few seconds, then carried on eating",
        "how do I give the buccal medicine when he has a seizure at school?",
        "could flashing lights make her seizures worse?",
        # Idioms of sleep and growth.
        "he was out cold in the car after swimming, so tired bless him",
        "the consultant says she may grow out of it, is that common with low tone?",
        # A dose given and a child drinking loads; bleeding that stopped.
        "gave nurofen for 39.1, now he's bouncing on the sofa and drinking loads",
        "bit his tongue, lots of blood but it stopped in a couple of minutes",
        # A breath-holding spell over at once.
        "went blue in the face crying when I said no, then fine 20 seconds later",
        # A finger shut in a drawer and used normally; a rash and a temperature after MMR.
        "shut his finger in the drawer, bit red, but he's bending it and using it fine",
        "had her MMR a week ago, now a slight temperature and a faint rash, happy",
    ],
)
def test_condition_and_toddler_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("she had her usual seizure but it has gone on 6 minutes and she is blue", "emergency"),
        ("his usual focal seizures, today one after another without waking", "emergency"),
        ("he is grumpy and out of it, very sleepy, 39 fever", "emergency"),
        ("cut his knee and it's still pouring blood", "emergency"),
        ("rash and fever in my 2 year old", "urgent"),
    ],
)
def test_condition_neighbours_keep_their_level(text: str, level: str) -> None:
    assert_level(text, level)


#: Two more blind sets: dangers told calmly or in passing, and school-age children.
@pytest.mark.parametrize(
    "text",
    [
        # A newborn's green vomit, asked about as reflux.
        "is it reflux? my 2 week old keeps bringing up bright green stuff since lunch",
        # Trouble in the water told by what followed.
        "she went a bit blue at swimming and coughed up water, now her chest crackles",
        # A bite someone took for a snake, with drowsiness.
        "something bit him by the shed, my neighbour reckons it was a snake, he's gone sleepy",
    ],
)
def test_calm_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # A crawler who will not lean on one arm.
        "since lunch she won't crawl on her right arm and holds it close to her body",
        # Fewer wet nappies, told as "down"; only one wee in a day.
        "11 weeks, feeding less and wet nappies are down since yesterday",
        "she's only weed once today with this bug",
        # Sweaty and breathless on feeds with poor weight gain (NHS congenital heart disease).
        "4 months, gets sweaty and out of breath on her bottle and isn't gaining weight",
        # A back curving more with pain that wakes at night; a header then a worse headache.
        "his back is bending more over weeks and he's waking with back pain at night",
        "did a header at football yesterday and today his headache is worse and he feels sick",
        # Diabetes in non-native English.
        "my son is drinking lot of water and passing urine many times, lost weight",
        # A splinter under a nail that cannot be got out and throbs.
        "splinter under her fingernail, we can't get it out and it's throbbing",
    ],
)
def test_calm_same_day_worries_escalate(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "he went all floppy with laughter when grandad tickled him",
        "she seized the ball and ran off with it, is that good for her age?",
        "we painted her face purple for the school play",
        "totally unresponsive to my nagging about shoes lol",
        "ate a little play dough yesterday, she is fine, is it toxic?",
        "choked on a grape last week, I did back blows and it came out, fine ever since",
        "fell off his scooter, didn't hit his head, cried straight away, playing now",
        "splinter in his thumb from the fence, can't get it out with tweezers",
    ],
)
def test_calm_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("had to do back blows and he coughed the grape out, he seems fine now", "emergency"),
        ("fell off the climbing frame and hit his head", "emergency"),
        ("she is choking on something and I can't get it out", "emergency"),
        ("found him face down in the paddling pool", "emergency"),
        ("he has been sick green three times, 4 weeks old", "emergency"),
    ],
)
def test_calm_neighbours_keep_their_level(text: str, level: str) -> None:
    assert rules_level(text) == level


#: Two more blind sets: newborns, and situations told second-hand (nursery, two children,
#: the parent's own symptoms, other languages).
@pytest.mark.parametrize(
    "text",
    [
        "6 weeks, he keeps pausing his breathing and his head bobs with every breath",
        "meri beti seedhi se giri, behosh thi, ab baar baar ulti kar rahi hai",
    ],
)
def test_newborn_and_second_hand_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "there's a swelling in her groin when she cries, she was born early, 8 weeks now",
        "sweaty and breathless on every feed, weight gain poor, 6 wks",
        "won't latch or take a bottle for the last 6 hours, keeps falling asleep, 5 days old",
        "yellow pus spots spreading around her belly button, 10 days old",
        "he copped a knock at nursery and now he's refusing to walk",
        "she started walking then the last 2 days she just stopped and cries when I stand her",
        "he can't roll or crawl yet and has a bruise on his thigh nobody can explain",
        "nursery noticed fingertip shaped bruises on my 8 month old's arms",
    ],
)
def test_newborn_and_second_hand_same_day_worries(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "what room temperature should a 4 week old sleep in?",
        "how do I take my newborn's temperature properly, armpit or ear?",
        "she grunts and squeaks all night in the moses basket but feeds fine, 3 weeks",
        "his hands and feet look bluish but his lips are pink and he's warm, 2 days old",
        "milk comes out of her nose when she spits up, is she choking?",
        "breathes fast and twitches when dreaming, then goes back to normal, 6 weeks",
        "her knees buckle when she laughs, she doesn't fall or lose consciousness",
        "fell off the swing 10 days ago, GP examined her, no fracture, arm a bit sore still",
        "little white spots on his nose, 8 days old",
    ],
)
def test_newborn_and_second_hand_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # The usual-seizure stand-down, probed after the sets: a seizure still going on, or one
        # going on for a long time, stays an emergency; a deformity stays a possible fracture
        # whatever the child does with the limb.
        ("had one of her usual fits and she is still jerking", "emergency"),
        ("his usual seizure pattern but it has been going on for ages", "emergency"),
        (
            "caught his finger in the door, he bends it fine but it's bent at a funny angle",
            "urgent",
        ),
    ],
)
def test_stand_downs_keep_what_is_still_happening(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        # Blind sets K and L (1 December, evening), new wordings of what they missed: a button
        # battery up a nose (NCPC), someone else's tablets given instead of the child's own, a
        # baby's bouts of screaming with the knees drawn up and play in between (intussusception,
        # KidsHealth NZ).
        "there's a button battery stuck up my son's nostril",
        "we gave him grandad's blood pressure pills instead of his iron drops",
        "she keeps screaming and drawing her legs up, then plays happily in between, about "
        "every 15 minutes, 11 months",
        # Neighbours: an arm and a leg weak on one side stays a brain sign after a trip; croup
        # with something stuck in the throat stays choking; a seizure going on 6 minutes stays
        # an emergency whatever its kind.
        "tripped this morning and now his right arm and leg are weak",
        "croupy cough and now a sweet is stuck in his throat and he can't cry",
        "he has epilepsy and is having a seizure unlike his usual, going on 6 minutes",
    ],
)
def test_blind_sets_k_and_l_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # Same day, not an ambulance (the sets' misses and over-calls, new wordings): whooping
        # cough told as long coughing fits; a limb bent the wrong way; a gastrostomy button out
        # told a sentence after the device (NHS Scotland: replace within 2 to 4 hours); a seizure
        # unlike the usual, or more than usual, over and recovered in known epilepsy; a leg held
        # up since a fall (an injury, not a stroke); croup's stridor only when upset.
        "coughs in long fits, goes all red and makes a sort of whooping noise at the very end, "
        "9 weeks",
        # (Session 40: a wrist bending the wrong way is now deformed_arm_or_leg, an emergency;
        # a finger stays the same day.)
        "fell off the trampoline and her finger is bending the wrong way",
        "he's fed through a gastrostomy. this afternoon the button came right out and we have no "
        "spare",
        "she has epilepsy. this morning's seizure looked different from her usual ones, she is "
        "back to herself now",
        "my epileptic daughter has had far more absences than usual this week, she is fine now",
        "fell off the bed yesterday and since then won't walk, holds her left leg up",
        "barky seal cough, a squeaky sound breathing in when he cries, settles when calm, temp 38",
    ],
)
def test_blind_sets_k_and_l_same_day(text: str) -> None:
    assert rules_level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # Blind sets K and L's false alarms, in new wordings: a tantrum called a fit, a question
        # about what tells two things apart, what to keep ready, preventing an accident, a
        # fracture healed, a past fall with the child back to climbing, a newborn's peeling skin,
        # sleep jerks that stop on waking, straining to poo, cold blue or lacy limbs, blood on a
        # nappy from the cord, a drowning read about, a rash seen and better, legs "broken".
        "'having a fit' the childminder said, she meant a tantrum on the floor",
        "what's the difference between a breath holding spell and a seizure?",
        "do we need an epipen for her egg allergy? she only ever gets a few hives",
        "how do I stop him pulling the wardrobe over on himself? want to anchor it before "
        "something happens",
        "broke her wrist 7 weeks ago, the cast just came off and her wrist looks thin and stiff",
        "fell off the climbing frame last week, sore for a day or two, now back to climbing "
        "everything",
        "skin is peeling on her hands and feet, she is 12 days old",
        "my 2 week old jerks his arms and legs when he's asleep but it stops as soon as he wakes "
        "up, feeding fine",
        "my 6 week old grunts and goes purple pushing out a poo but it's soft",
        "his legs go purple and blotchy when he's cold getting out of the pool, goes away once "
        "he's warm",
        "a bit of blood on the nappy where the cord came off, 9 days old, it's dry today",
        "read about secondary drowning, she swallowed some bath water last night and is fine",
        "fever and a rash last week, GP said it was a virus, she's all better now",
        "says her legs are broken every time she has to walk to nursery, then runs about",
    ],
)
def test_blind_sets_k_and_l_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_a_figure_of_speech_is_not_raised_by_the_second_opinions() -> None:
    """ "Pitched a fit" is a tantrum: once the rules read the figure and find no danger left,
    the second opinions (which read its words) are not asked (blind set L)."""
    assert triage("she pitched a fit in the shop") not in ("urgent", "emergency")
    assert triage("she pitched a fit and now she is not breathing") == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Leftovers of the earlier writers, in new wordings: weakness with coughing on drinks
        # after botulinum toxin is not stood down by "her breathing seems fine" (a reassurance
        # about breathing, not recovery); going stiff with a stare again and again; a pressure
        # sore going black or smelling (NHS inform); the same dose given twice by two carers.
        (
            "she had botox injections in her legs last week, now her voice is weak and she "
            "splutters when drinking, her breathing seems fine",
            "urgent",
        ),
        (
            "5 month old goes stiff and stares for a few seconds, then is fine, 4 times today",
            "urgent",
        ),
        ("the sore on her heel from her splint has gone black at the edges and smells", "urgent"),
        ("we both gave him his evening keppra, so he's had it twice tonight", "emergency"),
    ],
)
def test_earlier_writers_leftovers(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        # Blind sets M (newborns, known conditions) and N (short phone messages, many Englishes),
        # new wordings of the emergencies they missed: a first fit still going; toes pale and cold
        # in casts after surgery with pain worse despite morphine (NHS plaster-cast advice); a
        # young baby not waking for hours and flopping, hot; breathing with stops in between; a fit
        # told plainly in a baby now very sleepy.
        "first ever fit, still jerking 7 min now",
        "after his hip surgery he's in casts, his toes are white and cold and he can't "
        "wiggle them",
        "hasn't woken up for about 8 hours, his arms just flop when I lift him and he feels hot",
        "baby 7 weeks, her breathing is coming with stoppings in between",
        "she had a fit about 20 minutes ago and now she is really drowsy, 18 months",
    ],
)
def test_blind_sets_m_and_n_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # Same day (sets M and N, new wordings): a cold sore and blisters on a young baby, herpes
        # at the birth (HSE, NHS neonatal herpes); chickenpox or measles contact for a child on
        # daily steroids or a baby (NHS chickenpox); a daily steroid run out (adrenal crisis
        # risk); diarrhoea with fluids refused; high ketones in type 1 written as "T1D".
        "my partner has a cold sore and our 3 week old has a blister on her lip",
        "I had a herpes outbreak at the delivery 5 days ago, baby seems fine",
        "he takes deflazacort for DMD, never had chickenpox, a girl in his class came down "
        "with it",
        "the pharmacy has no hydrocortisone and we have run out of his tablets",
        "loose motions since morning 7 times, not taking ORS properly",
        "T1D, ketones 2.1 and feeling sick",
    ],
)
def test_blind_sets_m_and_n_same_day(text: str) -> None:
    assert_level(text, "urgent")


@pytest.mark.parametrize(
    "text",
    [
        # Sets M and N's false alarms (new wordings): a denial after the noun ("breathing isn't
        # fast"); a baseline blue colour and oxygen level in a cyanotic heart condition; snoring
        # with a gasp; a choke cleared at once; a monitor's sensor that slipped; an old knock-out
        # named by its month with scans clear.
        "newborn snuffles through his nose at night, feeding well, his breathing isn't fast",
        "cyanotic heart, sats usually 75-80 and his lips always look blue, is cold weather bad?",
        "he snores and gasps a little at night, should I mention it at his next check?",
        "she choked on her milk but coughed and was fine straight away",
        "the apnoea monitor alarm went off but the sensor had slipped, she was fine",
        "was knocked out for a second in february after a fall, scans were fine, ok for football?",
    ],
)
def test_blind_sets_m_and_n_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # Motor worries the matching tuning set answered with the safety net, for words that only
        # looked like danger: "coming out of it" in a drawing, a bare "40" that counts minutes,
        # eyes shut and the head turned from a ball (not a squint), a baby who can't lift his
        # head on his tummy (head control, not a stiff neck).
        "she draws a potato with legs coming out of it, is that normal at 4?",
        "getting dressed is a 40 minute battle every morning",
        "he closes his eyes and turns his face away when the ball comes",
        "my 2 month old can't lift his head at all during tummy time",
        # A limb held bent as a way of walking or writing is posture, not a broken bone.
        "she walks with her knees bent, a bit crouched, 7 years",
        "her wrist is bent back like a hook when she writes",
        # Asking whether a treatment hurts; "starting to worry" is not an onset.
        "will serial casting hurt? the physio suggested it for his toe walking",
        "13 months, pulls up on the sofa, her dad is starting to worry that she isn't walking",
    ],
)
def test_motor_worries_with_look_alike_danger_words_get_no_safety_net(text: str) -> None:
    assert rules_level(text) == "concern"


def test_a_danger_read_about_stands_down_only_what_was_read() -> None:
    """ "I read online about the 3 vomits rule" is not what happened to the child: the fall with
    a bump and a vomit told before it still counts (blind set L's "read about" form)."""
    assert_level(
        "my 2 yo fell off the sofa, has a bump and was sick once. I read online about the rule",
        "urgent",
    )
    assert rules_level(
        "read about dry drowning, he swallowed some pool water and is fine"
    ) not in (
        "urgent",
        "emergency",
    )


@pytest.mark.parametrize(
    "text",
    [
        # Emergencies of sets L and N that only the learned opinion caught, now rules (new
        # wordings): a grandparent's tablets spilled with some missing; hot oil on the face.
        "found my mums tablets on the floor and my 2 year old sitting next to them, i think some "
        "are missing",
        "hot fat spat onto his face from the pan and he can't open his eye",
    ],
)
def test_emergencies_only_the_opinion_caught_are_rules(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Set M's same-day leftovers (new wordings): a head that jumped lines on the chart
        # (HeadSmart), a soft spot "quite full", few wet nappies in a baby not back to birth
        # weight.
        ("the nurse said her head size has gone up two lines on the chart, 10 weeks", "urgent"),
        ("his soft spot feels really full today, he's calm, 2 months", "urgent"),
        ("3 weeks, still not back to birth weight, I only counted 3 wet nappies today", "urgent"),
        # Weight going up lines is not the head's.
        ("his weight has gone up two lines on the chart since he started solids", "concern"),
    ],
)
def test_set_m_same_day_leftovers(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        # Blind set O (motor worries full of look-alike words), new wordings of its false alarms:
        # a distance between falls is not a height; sitting slumped is posture; going floppy to
        # protest at leaving; rolling towards an edge is not a fall; a change the team called
        # expected; clumsier after a growth spurt; crawling to go faster; a tremor since newborn.
        "she's 2, runs everywhere and falls over about every 20 metres, is that normal?",
        "my son sits slumped on the sofa with his back rounded, 4 years",
        "she goes completely floppy when it's time to leave nursery, like a rag doll",
        "our 8 month old has started rolling towards the edge of the sofa head first, we always "
        "catch him",
        "her legs are weaker since the operation, which the physio said is expected",
        "is it normal she's so much clumsier since her growth spurt? grown 8cm, keeps "
        "tripping, 10",
        "walks well but sometimes goes back to crawling when she wants to get somewhere fast, is "
        "that a regression?",
        "her chin trembles when she cries, it has been like that since newborn and is getting "
        "less and less, 6 months",
    ],
)
def test_blind_set_o_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_a_smelly_serial_cast_with_a_fever_is_escalated() -> None:
    """Blind set O: a serial cast for toe walking that smells, with a temperature (an infected
    sore under it; NHS plaster-cast advice)."""
    assert_level(
        "his serial cast for toe walking smells awful this week and he has a temp of 38.4",
        "urgent",
    )


def test_a_low_fall_last_week_with_a_tiny_bruise_is_not_an_emergency() -> None:
    """Blind set O: a fall told with a height under 70 cm and a tiny bruise on the head, the
    child normal since (NICE NG232: a dangerous fall is over 1 m); a baby under 1 still is."""
    text = "she fell off the chair, like 50cm, bumped her head, tiny bruise, totally normal"
    assert rules_level(text) not in ("urgent", "emergency")
    baby = "my 5 month old rolled off the sofa, about 50cm, and bumped her head"
    assert rules_level(baby) in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Blind sets P-S (1 December, night): emergencies in plain words.
        ("she chewed a toadstool she found in the field and now she's being sick", "emergency"),
        ("a big splinter of wood went into her eye off the shed door", "emergency"),
        (
            "he tripped with a pencil in his mouth and there's a cut at the back of his mouth",
            "emergency",
        ),
        (
            "two boys bumped heads at school, now he can't remember lunch and sees double",
            "emergency",
        ),
        ("my son fel fron the balkony, he is crying", "emergency"),
        (
            "she has a repaired heart defect from birth, now her heart is racing and she's grey",
            "emergency",
        ),
        (
            "my boy with Down syndrome says his neck hurts and he walks a bit oddly since Monday",
            "emergency",
        ),
        ("had a fit in the bath and we pulled her out, she seems fine now", "emergency"),
        # Same day.
        ("chickenpox for 4 days and now his temperature is 39.8", "urgent"),
        ("sprained his ankle at football, he can only manage two steps on it", "urgent"),
        ("the neighbour's cat bit her hand, two little punctures that bled", "urgent"),
        ("8 week old screams whenever I bend her right leg at nappy changes", "urgent"),
        (
            "since Saturday she's stopped walking and crawls everywhere "
            "again, is this like a sleep regression?",
            "urgent",
        ),
        (
            "for a couple of weeks now he only reaches with his right "
            "hand, the left stays in a fist, 7 months",
            "urgent",
        ),
        (
            "deep gash on his shin from the trampoline frame, it's "
            "gaping open, he's fine in himself",
            "urgent",
        ),
        (
            "we've had to give her rescue midazolam twice this month, she never needed it before",
            "urgent",
        ),
        ("forgot his baclofen yesterday and today, his legs are much tighter", "urgent"),
        ("she's vomited her keppra this morning and is still being sick", "urgent"),
        ("injection site where she had botox is hot, red and swollen", "urgent"),
        (
            "sore on her heel from the boots has broken and the redness is creeping up her leg",
            "urgent",
        ),
        (
            "her hip migration was 50% in spring, now she cries when we put her in her wheelchair",
            "urgent",
        ),
        ("duchenne, 14, waking with headaches every day and nodding off in class", "urgent"),
        ("since the shunt valve was adjusted he gets headaches when he stands up", "urgent"),
        ("new hoarse voice and he struggles to swallow his drinks", "urgent"),
        ("the pressure sore on his bottom has gone blackish", "urgent"),
    ],
)
def test_blind_sets_p_to_s_misses(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        # The parent's own body, a child who drops down laughing, heads that met a parent's.
        "I almost choked on my tea when he climbed the bookcase, how do I stop it",
        "she soaked me in the bath with her splashing again, is 3 old enough for swim class",
        "she flops into a giggly heap every time she tries to walk to me, 11 months",
        "he headbutted me and my lip is bleeding, he's laughing, 10 months, crawling everywhere",
        # Words that look like danger words.
        "she's fitting in brilliantly at her new school and loves PE",
        "he won't breathe a word about his day, how do I get him talking, 7",
        "choking back tears at drop off every morning, 4yo, how do I help",
        "totally unresponsive when I ask him to tidy up but hears "
        "the biscuit tin open from upstairs",
        # A fear that turned out wrong; a dream; a question about a word.
        "she went so still I thought she had stopped breathing, but she was just asleep, 3 months",
        "he dreamt he couldn't move his arms and woke up crying, arms fine, 6yo",
        "what does petechial rash mean? saw it in a leaflet, my kids are fine",
        # History told with a "but" that says the child was found well; another child's injury.
        "she had a febrile convulsion in June, ambulance and everything, "
        "but the doctors said all fine; "
        "now 2 and running about, will it slow her walking?",
        "my niece broke her wrist coming off a scooter, should my son wear wrist guards?",
        "she 'broke' her leg in her vets pretend game, then asked for a bandage for the cat",
        "he's hobbling around copying his grandad's limp for fun",
        "'my feet are dead' she moans on every walk to the shop, then runs at the park",
        # Normal progress, a milestone's age, nothing new, soft landings, possets.
        "he's stopped crawling now he walks with his frame everywhere (CP)",
        "toe walks when excited, started walking at 13 months, flat footed otherwise",
        "always been clumsy, no change lately, just like her dad, 7yo",
        "rolled off the bed onto the pile of pillows and was giggling, 8 months",
        "3 week old brings up a bit of milk after most feeds, weight going up nicely",
        "video her seizures for the neurologist, what's the best way to film them?",
        "had a fitting for new trainers today and he walks a bit stiffly in them",
        "grazed her knees in the playground, a bit of gravel in it, how do I clean it",
    ],
)
def test_blind_sets_p_to_s_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_a_perfect_tense_s_is_has() -> None:
    """``he's been fine since`` is ``he has been``: the forms that look for "has been" see it."""
    assert normalize("he's been fine since, she's stopped it, he's tired") == (
        "he has been fine since she has stopped it he is tired"
    )


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Blind sets T and U (1 December, night), new wordings of what they missed.
        (
            "playing with magnetic beads from the kit, then told me she ate three of them",
            "emergency",
        ),
        ("she's been fitting for 7 minutes now and we have no rescue med", "emergency"),
        ("bitten on the leg by a snake on the bush walk", "emergency"),
        ("fever 39.5, legs so sore he won't stand, hands and feet icy cold", "emergency"),
        ("my newborn was born this morning and already looks a bit yellow", "emergency"),
        ("nanny gave calpol twice within an hour by mistake, she's 2", "emergency"),
        ("caught her fingertip with a ball, now the end of the finger droops", "urgent"),
        ("had clubfoot treated as a baby, now 3 and limping with a fever of 38.4", "urgent"),
    ],
)
def test_blind_sets_t_and_u_misses(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        "spends about 40 mins a day in the jumperoo, 5 months, bad for hips?",
        "belly button bulge when he strains, pops back in, 6 weeks",
        "3 week old breathes fast then slow while asleep, stays pink",
        "legs go mottled when she's undressed for her bath, fine once warm",
        "snorts and grunts in his sleep but feeds well and no sucking in",
        "squeaky breathing in when she feeds, gaining well since birth, 2 months",
        "drowning in advice about baby walkers, 9 months",
        "burnt his finger on the oven, red finger, no blister",
        "gave her an extra dose of amoxicillin by mistake, she's fine",
        "got into a silica gel sachet, might have eaten some of the beads",
        "bumped his lip on the table, little bit of blood, lip a bit puffy",
        "came out of the pool with blue lips, 5 minutes later pink and playing",
        "had a febrile seizure at 2, fine since, temp 38.5 today, happy",
        "rolled his ankle at netball, a bit swollen but can walk on it",
        "she wore a harness for hip dysplasia, walking now, does she need any more x rays?",
        "grandpa can't push him on the swing anymore since his op, any ideas",
        "used to army crawl, now crawls on hands and knees",
        "5 day old baby girl, a little pink blood in her nappy this morning",
        "tumbled out of the low toddler bed in the night, it is about 30cm, "
        "went straight back to sleep",
    ],
)
def test_blind_sets_t_and_u_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Blind sets V and W (1 December, night), new wordings of what they missed.
        ("belly pain so bad she can't walk, doubled over and throwing up", "emergency"),
        ("over the past month he pushes up with his hands to get up off the floor, 4yo", "urgent"),
        ("neck is stiff and sore and she's walking more clumsily, Down syndrome, 8", "emergency"),
        (
            "finished the amoxicillin on Monday but his ear pain has come back with a fever",
            "urgent",
        ),
        ("trod on a broken glass, I think a piece is still in her foot", "urgent"),
        ("he told me he can see two of everything since lunch", "urgent"),
    ],
)
def test_blind_sets_v_and_w_misses(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        "bangs her head on the cot mattress before falling asleep every night, 14 months",
        "mozzie bites all over her legs, a bit swollen and itchy",
        "knocked her thumb at netball, bit swollen but she can bend and straighten it fine",
        "temp for 3 days, then once it went a pink rash came out on her back, she's fine",
    ],
)
def test_blind_sets_v_and_w_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Set X (a tester's set, 1 December, night): an age in days without "old", a tight cast.
        ("newborn 9 days, temp 38.1 under her arm", "emergency"),
        ("his cast feels really tight and his fingers are swollen and numb", "emergency"),
        ("she choked on a peanut last week and has coughed and wheezed ever since", "urgent"),
    ],
)
def test_set_x_misses(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        "she says she couldn't breathe from laughing so much at the clown",
        "the band drowned out the teacher, he loves drums, any tips for rhythm games?",
        "knocked a mug of coffee next to him but it missed him completely",
        "my 10yo fainted when she saw the blood from her friend's nosebleed, came round at once",
        "throws himself on the floor crying every time we leave nursery",
        "got winded coming off the slide, couldn't breathe for a second, fine and back playing",
        "little pauses of a few seconds then quick breaths when asleep, 4 weeks, "
        "pink, feeding well",
        "jerks his legs as he's drifting off, stops when he wakes, 6 weeks",
        "fell off the climbing wall last month, checked at A&E and all fine, "
        "now scared of heights",
        "she shook a lot with her temperature last night, was that a fit? she's 2 and fine today",
        "swallowed pool water at his lesson, coughed a bit, that was this morning, fine since. "
        "should I be worried about secondary drowning?",
        "we had an ambulance out last month for a febrile fit, what if it happens again?",
        "used to call everyone dada, now only calls his dad that",
        "he won't sit still anymore at 9 months, is he losing his sitting?",
        "she was choking on a sweet last week, I did back blows and it came out, she's fine",
    ],
)
def test_set_x_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Sets Y, Z, AA and AB (2 December): school-age children, news relayed by carers, motor
        # questions and phone fragments. A clinician's level is repeated, never lowered.
        (
            "111 said she needs an ambulance because of how she's breathing, but she's dozing now",
            "emergency",
        ),
        ("the GP told me to bring him in today, he has a temperature and a sore ear", "urgent"),
        # Diabetes not yet known, told by its signs, with vomiting or deep breathing (NICE NG18).
        (
            "he's always thirsty and weeing loads lately, "
            "now he keeps vomiting and breathing deeply",
            "emergency",
        ),
        # Where on the head, and who hit it (NICE NG232).
        ("knocked on the back of the head by a swing, now throwing up", "emergency"),
        ("another boy punched him in the head, he's really dozy now", "emergency"),
        ("she banged her head this afternoon and we can barely keep her awake", "emergency"),
        # A fingertip off; a fit told by where the child lies.
        ("caught her finger in the hinge and the tip came clean off", "emergency"),
        ("he is jerking on the floor and won't answer me", "emergency"),
        # Same day.
        (
            "his heart pounds really fast for a few minutes at a time while he's resting, 8yo",
            "urgent",
        ),
        ("a knock in football 2 days ago and he still has headaches and feels dizzy", "urgent"),
        ("caught a netball on her finger and now the tip droops", "urgent"),
        ("fell on the path and there is grit in her knee we can't get out", "urgent"),
        ("the childminder says he has stopped using his pincer grip, 11 months", "urgent"),
        ("8 month old keeps his right fisted since last week, new", "urgent"),
        ("2 week old has not fed properly all day", "urgent"),
        ("split his eyebrow on the table, it won't stay closed", "urgent"),
        ("tripped on the step and hit his lip, I think it needs stitches", "urgent"),
        ("his splint rubbed a sore on his ankle and now he has a fever", "urgent"),
        ("since this morning she cries when we stand her on her feet, 10 months", "urgent"),
        ("she dragging one leg since 2 days", "urgent"),
        ("since yesterday she isn't sitting, just lies there", "urgent"),
        ("started walking on toes this week and keeps falling, he walked fine before", "urgent"),
        (
            "his legs have gone stiff when I lift him, that's new since last week, 4 months",
            "urgent",
        ),
    ],
)
def test_sets_y_to_ab_misses(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        "the nurse said to call 999 if his lips go blue, he's pink and playing",
        "the GP said no need for A&E, just keep her drinking",
        "she swims like she is drowning, all splashing, how do I help her stroke?",
        "my heart stopped when she fell off the bench, but it's only ankle height and she giggled",
        "touched the hot pan handle for a second, red finger, cooled it, fine now",
        "fell off her scooter last week, x-ray showed no break, getting better every day",
        "my sister laughs that he's out cold every night by 7, he's 4, is that a lot of sleep?",
        "his legs go stiff when he's excited and kicking, 4 months",
        "she goes all floppy when she's sleepy after her feed, otherwise she's strong",
        "he stopped rolling about the rug now he sits up all the time",
        "she only wants to walk now. Is it normal she's stopped crawling?",
        "gets pins and needles after sitting on his feet for ages, laughs about it",
        "scooter at 3 - is a helmet needed when she's hardly moving?",
        "GP checked her after the febrile fit last week and said all fine, she's been great since",
        "rolled off the sofa last week, GP checked, totally fine since, how do I stop it "
        "happening again?",
        "burnt his hand on a mug ages ago, healed fine, now won't touch cups",
        "he's grown 4cm since summer and is suddenly clumsy, is that the growth spurt?",
        "my son is pretending to shake on the floor like the dog did",
        # A crawl that drags a leg, told with no onset, is a concern for the doctor soon.
        "she crawls on her tummy dragging one leg behind, 10 months",
    ],
)
def test_sets_y_to_ab_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Set AC (2 December): breathing in parents' words. Effort, posture, a word at a time,
        # indrawing named, a reliever that does not help (NHS asthma attack, NICE NG143).
        ("each breath looks like hard work for him and he's going quiet", "emergency"),
        ("she's leaning forward on the sofa heaving for air", "emergency"),
        ("he can't lie flat tonight, he has to sit upright to breathe", "emergency"),
        ("asthma, she can only get out one word at a time", "emergency"),
        ("my son's peak flow is below half his normal", "emergency"),
        ("the skin at the bottom of her throat sucks in on every breath", "emergency"),
        ("there's a dip at the base of his neck when he breathes", "emergency"),
        ("chest recession in my 8 month old, she's working so hard", "emergency"),
        ("gave 10 puffs of the reliever and he is still wheezing badly", "emergency"),
        ("his puffer isn't touching it, he's wheezy and white", "emergency"),
        ("too out of breath to walk to the bathroom, 9 yrs", "emergency"),
        ("squeaky noise when he breathes in even lying still, barking cough", "emergency"),
        ("a high pitched noise when she breathes in and she's struggling", "emergency"),
        ("was eating nuts, coughed hard, now breathing with difficulty", "emergency"),
        # Same day: croup not yet seen (NHS croup), the wheeze back within hours of the reliever,
        # a cough that goes on after a choke.
        ("I think he has croup, barky cough since tonight, breathing quiet", "urgent"),
        ("the wheeze came back within 3 hours of the inhaler", "urgent"),
        ("she choked on popcorn this morning, got it out, but she's still coughing", "urgent"),
    ],
)
def test_set_ac_misses(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        "she gasped when she opened her present and then ran to show her brother",
        "he yells 'I can't breathe!' every time I tickle his tummy",
        "haha I can't breathe, he tried to put his trousers on his head",
        "this child is going to give me a heart attack, he climbs everything",
        "my 6 week old makes loads of noises in her sleep, grunts and squeaks, feeding well, "
        "is that normal?",
        "is a stuffy nose at night typical in babies?",
        "she runs up and down till she's puffed, is it good for her legs?",
        "croup last night, GP gave steroids, much better today",
        "barking cough at night but it settles when we go outside in the cool air",
        "he had croup last winter, is he likely to get it again?",
    ],
)
def test_set_ac_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # A paediatrician's review of sets Y-AC's rules (2 December): each stand-down added for a
        # look-alike must not reach a real sign ("is green vomit normal in babies?", an X-ray that
        # showed no pneumonia, a fall then "barely moving", a gasp at the breast, advice quoted and
        # then "she just did it again", a skill traded for sitting, a growth spurt with falls, a
        # leg asleep with weakness over days, grunting in sleep with a fever, a burn with an iron
        # or a socket, stiff limbs with a stare, a referral with "call 999 if he gets worse").
        ("is green vomit normal in babies?", "emergency"),
        ("is vomiting after a bang on the head normal for toddlers? he did it twice", "emergency"),
        ("is a temperature of 38.5 normal for a 6 week old?", "emergency"),
        ("are blue lips normal in babies after a feed?", "emergency"),
        (
            "the chest x-ray showed no pneumonia yesterday but tonight she is struggling to "
            "breathe and her ribs are sucking in",
            "emergency",
        ),
        (
            "he fell off the balcony, about 2 metres, the x-rays showed nothing broken but he "
            "is very pale",
            "emergency",
        ),
        ("she has passed out every day this week during PE", "emergency"),
        ("came off his bike and hit his head, now he is barely moving", "emergency"),
        ("he fell off his scooter and now he is hardly moving and won't answer me", "emergency"),
        ("he was gasping when I heard him on the baby monitor", "emergency"),
        ("my 3 week old gasps at the breast and goes a bit dusky", "emergency"),
        ("he gasped in shock when he fell in the pool and now he's coughing a lot", "emergency"),
        (
            "the nurse said to ring an ambulance if she stops breathing again, she just did it "
            "again",
            "emergency",
        ),
        ("the nurse said to call 999 if his lips go blue and they look blue now", "emergency"),
        ("my 6 week old goes floppy like a rag doll when feeding", "emergency"),
        ("she has stopped crawling and now she just sits all the time", "urgent"),
        ("he stopped cruising and now he is sitting all the time", "urgent"),
        (
            "she only wants to walk, she has stopped crawling and she stopped saying her 10 "
            "words last month",
            "urgent",
        ),
        ("she prefers to walk now and has stopped crawling, she also no longer babbles", "urgent"),
        (
            "he has had a growth spurt and is suddenly clumsy and keeps falling over since last "
            "week",
            "urgent",
        ),
        (
            "she gets pins and needles after kneeling, and her legs have been getting weaker "
            "each day since Monday",
            "urgent",
        ),
        (
            "my 4 month old makes so many noises asleep, grunts with every breath, feeding "
            "less, temp 38.4",
            "emergency",
        ),
        (
            "my baby makes noises asleep, grunts and squeaks, feeding ok but has a temperature "
            "of 38.6 and is 4 months",
            "emergency",
        ),
        (
            "after playing football yesterday he has been breathing fast all night and is tired",
            "urgent",
        ),
        (
            "she was fine after playing at the park this morning but tonight she is breathing "
            "fast and coughing",
            "urgent",
        ),
        (
            "he touched the iron for a second, his palm is red and he won't stop screaming, he "
            "is 9 months",
            "emergency",
        ),
        (
            "he touched the plug socket for a second with a fork and it burnt his finger",
            "emergency",
        ),
        (
            "my 3 month old's legs stiffened for about a minute and she was staring, now sleepy",
            "emergency",
        ),
        (
            "her arms went rigid for 30 seconds and she was staring and would not answer",
            "emergency",
        ),
        ("the GP said go straight to A&E and call 999 if he gets worse on the way", "emergency"),
        ("the nurse said to call 999 rather than drive him to A&E ourselves", "emergency"),
        (
            "111 told us to call an ambulance and not to drive her to hospital ourselves",
            "emergency",
        ),
        ("111 said to take him to A&E but he seems fine now", "emergency"),
        ("111 said she needs to be seen in A&E within the hour", "emergency"),
        ("the GP said he needs to go to hospital", "emergency"),
        ("should I take her to the doctor for croup? barking cough since last night", "urgent"),
        ("always thirsty, wetting the bed again, lost weight, now bad tummy pain", "emergency"),
        (
            "my 18 month old can only say one word at a time, not putting two words together yet",
            "ordinary",
        ),
    ],
)
def test_clinical_review_of_sets_y_to_ac(text: str, level: str) -> None:
    if level == "ordinary":
        assert rules_level(text) not in ("urgent", "emergency")
    else:
        assert_level(text, level)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # The review's three "later" suggestions (2 December): a racing heart with chest pain,
        # a faint, or going on for a quarter of an hour is the emergency number ...
        ("his heart is pounding really fast and he says his chest hurts", "emergency"),
        ("my 9 year old says her heart is racing and her chest feels tight", "emergency"),
        ("her heart has been racing for 20 minutes while she sits on the sofa", "emergency"),
        ("her heart is racing, it's been 20 minutes now", "emergency"),
        # ... but an episode that is over or comes in spells stays the same day,
        (
            "my 9 yr old had his heart racing for 20 mins out of nowhere then it just stopped, "
            "feels fine now",
            "urgent",
        ),
        ("10 yo has chest pain and her heart races, comes and goes this week", "urgent"),
        ("her heart is racing and she feels dizzy", "urgent"),
        # a baby newly stiff with a fever or poor feeding is the emergency number,
        (
            "my 5 month old has a temperature and his legs have gone stiff, he won't feed",
            "emergency",
        ),
        ("7 month old not feeding since last night and his body has gone stiff", "emergency"),
        # but not stiffness the baby has always had, or stiff legs when stood up,
        ("my 4 month old has cerebral palsy, her legs are stiff, she has a fever today", "urgent"),
        ("my 8 month old's legs go stiff when she stands, she's had a fever for 2 days", "urgent"),
        ("6 month old, legs go stiff when I change her nappy, has a cold", "ordinary"),
        # A paediatrician helper's review of the first version: everyday words ("has been",
        # "when I pick him up", "keeps getting", "always") no longer stand these down ...
        (
            "my 5 month old has been feverish all day and his legs have gone stiff, he won't feed",
            "emergency",
        ),
        (
            "my 5 month old has a fever and his legs have gone stiff, he screams when I pick him "
            "up, won't feed",
            "emergency",
        ),
        ("his heart is racing and his chest hurts, and it keeps getting worse", "emergency"),
        (
            "heart racing for 25 minutes, we tried the blowing trick and it slowed a bit but its "
            "still going",
            "emergency",
        ),
        (
            "she has had attacks of racing heart before but this one has been going 40 mins and "
            "won't stop",
            "emergency",
        ),
        (
            "my son's heart is racing and his chest hurts, he has always been a bit anxious",
            "emergency",
        ),
        (
            "my sons heart is beating so fast i cant count it, its been going half an hour",
            "emergency",
        ),
        # ... a long fast heartbeat with its reason is not the emergency number by its length,
        (
            "heart beating fast for like 20 min after trampoline park, hes red and sweaty but "
            "fine",
            "ordinary",
        ),
        ("heart racing for ages after the scary film, she's just excited lol", "ordinary"),
        ("she has a fever of 39 and her heart is racing, has been for an hour", "urgent"),
        # ... and an episode of a quarter of an hour that has stopped is the same day.
        (
            "she gets these episodes where her heart races for 20 mins then it stops on its own",
            "urgent",
        ),
        ("her heart raced for about 20 mins yesterday, she's totally fine now", "urgent"),
        (
            "my baby has always been stiff in her legs, now she has a cold and a temperature",
            "ordinary",
        ),
    ],
)
def test_the_reviews_later_suggestions(text: str, level: str) -> None:
    """Exact levels, with every opinion: an episode that is over is not the emergency number."""
    if level == "ordinary":
        assert triage(text) not in ("urgent", "emergency")
    else:
        assert triage(text) == level


def test_a_cough_after_choking_is_sent_to_the_emergency_department() -> None:
    """The review: the same-day answer names the place that can check the airway."""
    found = assess("choked on water earlier but coughed and was fine straight away, now hours "
                   "later he keeps coughing")  # fmt: skip
    assert found.level == "urgent"
    assert any("emergency department" in step for step in found.first_steps)


@pytest.mark.parametrize(
    "text",
    [
        "my toddler will not slow down, he runs everywhere and falls over a lot",
        "she won't slow down on the stairs and I worry she'll trip",
        "he is not stopping at the kerb when we walk, any tips",
    ],
)
def test_not_slowing_down_is_not_a_heavy_bleed(text: str) -> None:
    """A bleeding form's "not slowing" stood alone in its regular expression (2 December)."""
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    ["the bleeding is not slowing down", "he cut his knee and the blood is not stopping"],
)
def test_bleeding_that_is_not_slowing_is_still_an_emergency(text: str) -> None:
    assert_level(text, "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "my 5 week old is so stiff and arching, hot, won't take the bottle",
        "my 5 week old is stiff and arching and hot",
        "hot n stiff legs, she is 2 months, not feeding",
    ],
)
def test_a_young_baby_told_stiff_and_hot_is_an_emergency(text: str) -> None:
    """The review's leftover: "stiff and arching, hot" in a baby of weeks read as nothing at
    all, the warmth unread because it followed the stiffness (a fever under 3 months is a red
    feature, NICE NG143)."""
    assert assess(text).level == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Sets AD-AF (2 December, session 37): babies up to 4 months, accidents and things
        # swallowed, danger told inside a motor worry. New wordings of what each set missed.
        ("she's 14 and took a whole strip of her nan's painkillers on purpose", "emergency"),
        ("my teenager has taken an overdose of pain relief tablets", "emergency"),
        ("chopped his toe nearly off with the spade", "emergency"),
        ("the tip of her finger is only attached by skin after the car door", "emergency"),
        ("nanny accidentally gave the baby an adult ibuprofen", "emergency"),
        ("I accidentally gave her 10ml of calpol instead of 5ml", "emergency"),
        ("she's had 7 doses of paracetamol in the last 24 hours", "emergency"),
        ("boy 9, hit in the privates with a cricket ball, swollen and purple now", "emergency"),
        ("he chewed a glass christmas decoration and might have swallowed some", "emergency"),
        ("6 week old, the ear thermometer reads 100.6", "emergency"),
        (
            "4 week old won't wake for her feeds for over 6 hours and when I lift her up she just "
            "flops",
            "emergency",
        ),
        ("newborn keeps bringing up greenish stuff", "emergency"),
        ("10 weeks with bronchiolitis, pulling in hard between his ribs", "emergency"),
        ("7 week old, her lips look greyish and she's breathing fast", "emergency"),
        ("she makes a squeaky noise and pulls in at her neck when she feeds", "emergency"),
        ("he had a big swig of the hand sanitiser, he's 2", "emergency"),
        (
            "my uncle was spinning her round by her arms and now she keeps her arm still by her "
            "side",
            "urgent",
        ),
        ("fell on his hand a week ago and he's still not using it as normal", "urgent"),
        ("baby 5 days old, lost 12 percent of his weight", "urgent"),
        ("the consultant wants us back in on the ward today for his bilirubin", "urgent"),
        ("newborn 30 hours old and no meconium yet", "urgent"),
        ("a few times today his eyelids flicker and he stares, 6 weeks", "urgent"),
        ("the scratch on his cheek is gaping", "urgent"),
        ("2 week old sleeping through her feeds, I have to wake her for every feed", "urgent"),
        ("heart murmur being checked, 8 weeks, and he's breathless on his bottles", "urgent"),
        ("her NG tube came out and I can't get it back in", "urgent"),
    ],
)
def test_sets_ad_to_af_misses(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        "ate a few silica gel beads from the new shoe box",
        "licked a little bit of glitter off her fingers at craft club",
        "what temperature should his room be at night, 2 months",
        "is a temp of 36.9 normal for a 5 week old?",
        "her skin looks marbled when I undress her for a bath, then it goes away once she's warm",
        "greyish patch on his bottom that the midwife noted at the newborn check",
        "her hands tremble for a second when she cries but it stops when I hold them, 3 weeks",
        "his soft spot bulges when he screams and goes flat again when he settles",
        "my son has night terrors, he screams but doesn't wake up",
        "he was blue all over, then I saw the ink from his new jeans had rubbed off",
        "girl 5 days old, her private parts look a bit swollen",
        "newborn lost 6% of her birth weight, the midwife is happy",
        "my baby can't hold his head up when I pick him up, it flops back, 3 months",
        "her paper slides about when she draws, how do I keep it still",
    ],
)
def test_sets_ad_to_af_false_alarms(text: str) -> None:
    """Look-alikes the sets wrote, and what their fixes must not catch."""
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # The paediatric review of sets AD-AF's fixes (2 December, session 37): each stand-down
        # hid a danger told beside it, and some families still had gaps.
        ("at 3 weeks she was in special care, she's 7 weeks now with a temp of 38.4", "emergency"),
        ("born at 36+6, now 6 weeks old, she feels boiling hot and has a fever", "emergency"),
        ("thought it was a night terror but he's floppy and I can't wake him", "emergency"),
        ("her legs look mottled when I change her, she's floppy and won't respond", "emergency"),
        ("his lips look blue, maybe the colour came off his new dummy?", "emergency"),
        ("she swallowed a little glitter and some of gran's heart tablets", "emergency"),
        ("ate a crayon and a couple of my iron tablets", "emergency"),
        ("gave calpol twice in 2 hours by mistake", "emergency"),
        ("he has had 4 doses of ibuprofen in 24 hours", "emergency"),
        ("used the 6+ calpol instead of the infant one, she's 4 months", "emergency"),
        ("the sick is a greenish colour, 5 weeks", "emergency"),
        ("his privates are swollen and really painful, no injury", "emergency"),
        ("2 days old, no meconium, tummy swollen and she's been sick", "emergency"),
        (
            "she had a funny turn, her arms jerked for 30 seconds, it stopped when I held her",
            "urgent",
        ),
        (
            "the midwife noted a blue patch at the newborn check, but now there is a new bruise "
            "on his cheek, 2 months",
            "urgent",
        ),
        ("her soft spot is bulging and tense, more so when she screams", "urgent"),
        ("he hasn't pooed since birth, 2 days old", "urgent"),
        ("she zones out and her eyelids flutter for a few seconds, several times a day", "urgent"),
    ],
)
def test_clinical_review_of_sets_ad_to_af(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        "my 10 week old has started sleeping through her night feeds, is that ok",
        "the waters were clear, no meconium, she is 2 weeks now",
        "I gave 2.5ml instead of 5ml of calpol, should I top it up",
        "gave my 13 year old a 500mg paracetamol tablet for her headache",
        "he scratches his face in his deep sleep",
        "he has been sick twice in 2 hours, playing in between",
        "she has 3 doses of antibiotic a day",
    ],
)
def test_clinical_review_of_sets_ad_to_af_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # The second paediatric review (2 December, session 37): exceptions matched against the
        # whole message read past a denial or a danger told beside them.
        (
            "at 2 weeks she was admitted with a fever. now 6 weeks, she is hot and floppy",
            "emergency",
        ),
        ("she has night terrors. now she won't wake up", "emergency"),
        ("he has diabetes, I thought it was a night terror but he is confused", "emergency"),
        ("his arm twitches for a few seconds and it does not stop when I hold it", "urgent"),
        ("2 months, his body is blue, it is not colour rubbed off his clothes", "emergency"),
        ("he goes mottled when I undress him but this time it has not gone away", "emergency"),
        (
            "my 5 week old had a fever last night, gave calpol, thermometer now says 36.9",
            "emergency",
        ),
        (
            "her soft spot bulges when she cries, and this morning it bulged while she was asleep",
            "urgent",
        ),
        (
            "the midwife noted nothing at the newborn check but today I found a bruise, 2 months",
            "urgent",
        ),
        ("she took 1 of my contraceptive pills, 2 of my sertraline", "emergency"),
        ("ate a crayon, I think he had some of my iron tablets too", "emergency"),
        ("he swallowed a tiny bit of glitter and a coin", "urgent"),
        ("she spits up after her milk and it looks a bit greenish", "emergency"),
    ],
)
def test_second_review_of_sets_ad_to_af(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        "when we pick her up she just flops, she has always been a bit floppy, is this low tone?",
        "the cord stump is hanging on by a little bit of skin",
        "nappy rash, his bottom is red and blistering",
        "his privates are sore from nappy rash",
        "he's on formula milk and his poo is greenish",
        "he hasn't pooed yet today, is that normal?",
        "she is 8 hours old and hasn't done her first poo yet",
        "he is sleeping through his feeds at night now, 9 weeks",
        "she has an innocent murmur, the cardiologist says nothing to worry about",
        "she's had 6 doses in 24 hours, alternating calpol and nurofen",
        "I accidentally gave him his calpol an hour early",
    ],
)
def test_second_review_of_sets_ad_to_af_false_alarms(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Urates after the first two days: a baby short of milk (session 38, urgent misses
        # left by set AD, and its paediatric review's wordings).
        ("there's orange brick dust in her nappy and she's 9 days old", "urgent"),
        ("pink crystals in his diaper, he is 3 weeks old", "urgent"),
        ("2 week old, orangey bits in his nappy, is that normal?", "urgent"),
        ("my 6 day old has rust coloured marks in her nappy", "urgent"),
        ("she's 1 week and 2 days old, orange crystals in the nappy", "urgent"),
        ("brick dust in the nappy since day 1, he's now 6 days old", "urgent"),
        # A head swelling told as very large in a child over 1: seen the same day (NICE NG232
        # and PECARN name the size for babies; Healthier Together for some ages at A&E).
        (
            "my 3 year old walked into the door frame, lump the size of an egg on his head",
            "urgent",
        ),
        ("banged his head on the coffee table, massive swelling on his forehead", "urgent"),
        ("she fell off her scooter, golf ball sized bump on her head", "urgent"),
        ("banged his head on the radiator, the swelling is enormous", "urgent"),
        ("he fell and has a massive lump on his forehead but he seems fine", "urgent"),
    ],
)
def test_urgent_misses_left_by_set_ad(text: str, level: str) -> None:
    assert_level(text, level)


@pytest.mark.parametrize(
    "text",
    [
        # Urates in the first two days are expected.
        "pink powder in her nappy, she is 2 days old",
        "brick dust in the nappy on day 2, is that normal",
        "my 36 hours old baby has orange crystals in his nappy",
        # Brick dust that is not in a nappy; pink told as blood or dye.
        "my 2 year old ate some brick dust in the garden",
        "we are renovating, is brick dust bad for my 6 week old's lungs?",
        "5 day old daughter, pink stains in her nappy, I think it's blood from her vagina",
        # Big lumps that are not a head swelling after a knock, or have gone down.
        "he has a huge lump on his knee after falling off his bike",
        "he ran into the table and has a massive bump on his thigh",
        "she bumped her head, small lump, playing normally",
        "he had a huge bump on his head after falling last month, fine since",
        "he fell yesterday and had a massive egg on his forehead but it's gone down now",
        "he bumped his head on the table, no lump at all, now he's eating a giant chocolate egg",
        "i bumped my head on the cupboard and have a huge lump, my toddler is fine",
        # The parent's own medicine, asked about for breastfeeding.
        "I took paracetamol for my back, is it ok to breastfeed",
        "I've taken ibuprofen for my headache, can I still breastfeed him",
    ],
)
def test_urgent_misses_left_by_set_ad_neighbours(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "I took ibuprofen and now my baby swallowed one of my tablets",
        "I'm on codeine, I found him chewing the blister pack",
        "I took 2 paracetamol earlier and she had one of them too",
        "I took my iron tablets, she may have had one",
    ],
)
def test_a_child_who_swallowed_the_parents_medicine_is_still_a_poisoning(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # Early intrathecal baclofen withdrawal told plainly (FDA boxed warning: itching and
        # rebound stiffness come first).
        "his baclofen pump is beeping and he is itchy and his legs are really stiff",
        "the pump alarm went off last night, she's scratching and stiffer than usual",
        "his intrathecal baclofen pump refill was missed last week, he's itchy and really stiff",
        # Autonomic dysreflexia (Consortium for Spinal Cord Medicine): a high spinal cord lesion
        # with a pounding headache and flushing or sweating above it, a headache with a blocked
        # catheter or a high blood pressure, or the attack named.
        "spinal cord injury, banging headache, his face is flushed and he has goosebumps",
        "she's tetraplegic after a car accident, her face is bright red and her head is pounding",
        "my tetraplegic son has a headache, his face is red and sweaty, catheter hasn't drained",
        "she has a spinal cord injury, her BP is really high and she has a headache",
        "he has a high spinal cord injury and he is having an AD episode",
        # Spina bifida with a pounding headache and flushing: dysreflexia or the shunt.
        "he has spina bifida and suddenly has a pounding headache, red face and sweating",
        # The second review: a baby who cannot tell a headache, a pounding headache alone, the
        # word parents use, and the old rule's fever and rigid legs beside a pump's scar.
        "my baby has a C4 spinal cord injury, his face is bright red and his catheter is blocked",
        "tetraplegic son, pounding headache, nothing else",
        "my C4 quadriplegic son is dysreflexic again, headache and sweaty",
        "her ITB ran out last week and she's itchy and really stiff",
        "the baclofen pump scar is red and he has a fever and rigid legs",
        # A lasting injury told with when it happened: its past is the injury's.
        "she broke her neck last year, uses a wheelchair, now a splitting headache and a red face",
    ],
)
def test_emergencies_of_a_pump_or_a_spinal_cord_lesion(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "he has spina bifida and gets flushed when he runs",
        "my daughter with tetraplegia has a stuffy nose and a headache from a cold",
        "the baclofen pump was refilled today, he is itchy from the plaster",
        # The paediatric review of session 38: spina bifida is mostly a low lesion, a cause told
        # for the itch or the stiffness, a question, and someone else's attack.
        "my son has spina bifida, why would he get a bad headache and a red face?",
        "he has spina bifida and a bad headache from a cold, stuffy nose",
        "what are the signs of autonomic dysreflexia? my son has spina bifida",
        "baclofen pump, he is itchy from his eczema, legs really stiff after the car ride",
        "my husband is tetraplegic and had a dysreflexia episode, our daughter isn't crawling",
        "she had botox under general anaesthetic today, her legs are really tight",
        "is my son at risk of autonomic dysreflexia? he has a T3 injury",
        "he has a baclofen pump and is itchy from his new washing powder, legs really stiff",
    ],
)
def test_emergencies_of_a_pump_or_a_spinal_cord_lesion_neighbours(text: str) -> None:
    assert rules_level(text) != "emergency"


def test_autonomic_dysreflexia_says_sit_up_and_check_the_bladder() -> None:
    steps = assess(
        "spinal cord injury, banging headache, his face is flushed and he has goosebumps"
    ).first_steps
    assert any("sit them up" in step and "catheter" in step for step in steps)


@pytest.mark.parametrize(
    "text",
    [
        # Blind sets AG-AI (session 39): skin, tummy, head and mood. A young baby with blisters
        # after a cold sore (NHS Healthier Together: A&E or 999), the cold sore told at the birth.
        "my 2 week old has tiny blisters by her mouth, my partner had a cold sore when she was "
        "born",
        # Confusion told plainly with a high fever after a day in the sun.
        "after the beach she is hot, 40.1, being sick and saying things that don't make any sense",
        # Spots that stay under the glass, told elliptically or after where they are.
        "fever of 38.9 and a rash, most of it fades under the glass but a few spots on his "
        "ankle don't",
        "purplish spots on her shins and tummy since lunch, they don't fade when I press the "
        "glass",
        # Jaundice on the first day, told by the hour of the birth.
        "she was born at 4 this morning and her face already looks yellow",
        # Standing or balance lost within the day.
        "he was fine at breakfast, now he can't stand up, his legs keep giving way",
        "since lunchtime she can't walk straight, keeps falling and can't hold her fork",
        # Pinprick spots with bleeding gums.
        "tiny purple dots on her chest and her gums bled all evening",
        # Peeling skin with mouth sores or red eyes (Stevens-Johnson syndrome, NHS).
        "on antibiotics for a week, now sores in his mouth and the skin on his back is peeling "
        "off in sheets",
        # A spreading skin infection by the hour with pain out of proportion.
        "the red patch on his leg is spreading really fast, he screams when we touch it, 39.6",
        # A sting in the sea with severe pain and sweating (Irukandji), a snake bite by its marks.
        "stung swimming in the sea an hour ago, now terrible back pain and sweating buckets",
        "something bit her foot in the bush, two tiny marks, now her eyelids are drooping",
        # A blocked bowel, a large bleed with pallor, intussusception.
        "tummy swollen like a drum after his bowel op, keeps vomiting and hasn't passed wind",
        "loads of dark red blood in his nappy, it soaked through, and he's pale",
        "blood and jelly in her nappy and she keeps screaming on and off",
        # Peritonism: every bump in the road hurts.
        "pain low on the right since last night, she cries at every bump in the car and was sick",
        # Spit that cannot be swallowed.
        "a bit of chicken is stuck, she can't swallow her own spit and is spitting into a cup",
        # A foreskin pulled back that will not go forward.
        "he pulled his foreskin back and it won't come forward now, the tip is swollen",
        # No wee since the night before, straining, the lower tummy bulging.
        "no wee since last night, he keeps trying but it won't come out and his lower tummy is "
        "hard",
        # A penetrating eye injury, a bleed with blurred sight.
        "a stick flicked into his eye and his pupil looks like a teardrop shape",
        "hit in the eye with a ball, a line of blood at the bottom of the coloured part, it's all "
        "blurry",
        # A plan with the means, goodbye messages.
        "he's been saving his tablets and said he will take them all tonight",
        "she left goodbye notes for her friends and isn't answering",
        # A glazed state for many minutes in a child with absences.
        "she has absences and she's been staring blank for 15 minutes, not responding",
        # A child who cannot be woken properly.
        "she keeps falling to one side and won't properly wake up when I talk to her",
    ],
)
def test_missed_emergencies_of_sets_ag_to_ai(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # Dehydration in parents' words, with a tummy bug.
        "tummy bug for 3 days and his nappies are only damp today",
        "loose motions since 2 days, passing urine very less since morning",
        "gastro, she's stopped breastfeeding since this morning",
        # Type 1 diabetes: thirst with soaked nappies, thirst with thrush again and again.
        "he's drinking cups and cups and his nappies are soaking every night, started 2 weeks ago",
        "she keeps getting thrush and she's thirsty all the time",
        # Diabetes with a tummy bug.
        "he has type 1 diabetes and a stomach bug",
        # Fits much more often than usual.
        "usually one fit a month but he's had 5 seizures this week",
        # Speech lost.
        "he was talking in sentences, now he only says single words again",
        # Cutting with a blade.
        "she cuts her arm with a razor blade when she feels sad",
        # A cloudy eye, a new squint never seen before, infected eczema, a newborn's pus spots.
        "the middle of her eye looks milky white",
        "his right eye turns in when he looks at me, never seen it before",
        "her eczema's weepy and crusty and she has a temperature",
        "my 2 week old has pus spots round his belly button",
        # Mania or psychosis told plainly.
        "hasn't slept for 4 nights and says she has magic powers",
        # Carried only by the learned opinion before its retraining with sets AG-AI: chest pain
        # with breathlessness on effort after a virus, a newborn's blistering crusted skin,
        # impetigo spreading over days.
        "he had flu last week and now his chest hurts and he's out of breath walking to school",
        "my 3 week old has peeling blistered skin round her neck with yellow crusts",
        "crusty sores round his mouth, they've spread to his cheek and hand since Monday",
    ],
)
def test_urgent_misses_of_sets_ag_to_ai(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "my 6 week old gets a mottled pattern on his tummy when he's undressed, goes away when "
        "he's warm",
        "her big sister had anaphylaxis to peanuts, can we try peanut butter with the baby?",
        "he had anaphylaxis to sesame two years ago, we carry his pens, he's doing well. tips for "
        "climbing?",
        "bruise on her knee from the slide on Monday, it has gone purple and green now",
        "I did the glass test on her port wine stain and it doesn't fade, she's had it since "
        "birth",
        "thought he was bringing up blood but it was the beetroot he had for lunch",
        "when he was 2 he swallowed magnets and had an operation, he's 5 now and loves the monkey "
        "bars",
        "my mum nearly had a fit when she saw his muddy trousers",
        "his legs jump just as he's drifting off to sleep",
        "she had a migraine, took her paracetamol and slept it off",
        "fell off his bike, helmet on, grazed his knees, didn't hit his head",
        "she crashed out in her buggy on the way back from the park",
        "he saw the blood on his finger and fainted for a second, fine straight after",
        "she fainted at her jab yesterday, fine after a drink",
        "the hydrocele on his right side is smaller in the mornings, the GP is watching it",
    ],
)
def test_false_emergencies_of_sets_ag_to_ai(text: str) -> None:
    assert rules_level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "her temp went yesterday and now she has a pink rash all over, back to herself",
        "we checked his nappies and the bead came out this morning",
        "his foreskin balloons when he wees and then it all comes out fine",
        "he swallowed his wobbly tooth at lunch",
        "reading a book where a character wants to die, she asked what it means",
        "squints at the board at school, does she need glasses?",
        "slept funny and woke up with a crick in his neck",
        "his wry neck got better in 3 days, can he go back to football?",
    ],
)
def test_false_urgent_answers_of_sets_ag_to_ai(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # Look-alikes that must keep their level: an appendicitis walked bent over stays the
        # same day, a hyphaema with the sight unchanged too, constipation without the wind.
        "tummy pain moved to the lower right, he walks bent over, temp 37.9",
        "hit in the eye with a ball, a little line of blood at the bottom of the coloured part, "
        "he sees fine",
        "hasn't pooed for 5 days, tummy bloated and hard, now being sick",
        # A tick, then wobbly the next day: a prompt examination (MedlinePlus), the same day.
        "found a tick behind her ear yesterday, today she's wobbly and falls over",
    ],
)
def test_same_day_look_alikes_of_sets_ag_to_ai_stay_urgent(text: str) -> None:
    assert rules_level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # The paediatric review of session 39. A harmless phrase must not hide a danger told
        # beside it: a sleep in the car seat, a foreskin that balloons, a battery swallowed
        # before, a hydrocele the doctor knows.
        "found my 15yo passed out on her bed with an empty packet of paracetamol next to her",
        "out like a light in her car seat, she swallowed a button battery from the remote earlier "
        "I think",
        "foreskin balloons when he wees and it all comes out normally, but today he has not done "
        "a wee since last night and his tummy is bulging",
        "when she was 2 she swallowed a button battery and needed an operation. I think she has "
        "just swallowed another one from the remote",
        "the doctor said his hydrocele would go away by itself. Tonight his left testicle is "
        "swollen and dark purple",
        "started squinting at the tv this week, new, with bad headaches when he wakes and "
        "vomiting in the mornings",
        # Plans and goodbyes in other words.
        "he said he is going to hang himself",
        "hes been searching how to hang himself and has a belt in his room",
        "omg my daughter just texted me saying goodbye and sorry for everything and her phone is "
        "off now",
        "she left a note saying goodbye and she is not in her room",
        "she's been hoarding her sertraline for weeks and she says she wants to die",
        # Intussusception in plurals, a drug reaction without the word peeling, eye injuries
        # with changed sight, absences back to back, losses within the day.
        "baby passing red jelly stools and crying on and off",
        "redcurrant jelly in his nappy and he keeps screaming on and off",
        "started lamotrigine 2 weeks ago, now a rash with blisters, her lips are crusty and "
        "bleeding and her eyes are really red",
        "he got poked in the eye with a pencil and he says he can't see properly out of it",
        "a firework went off near her face and now her pupil isn't round anymore",
        "she keeps having absences one after another for the last half hour, barely comes out of "
        "them",
        "woke up normal from her nap, by tea time she was wobbly, falling to one side and can't "
        "pick up her cup",
        "since he woke up this morning he can't walk straight and his speech sounds drunk",
        "she had a bowel op as a baby, her tummy is swollen tight, keeps throwing up and hasn't "
        "farted since yesterday",
        "my son is not passing urine since morning, he is trying but it is not coming, stomach is "
        "paining and swollen",
        "sore tummy, temp 38, every speed bump on the way to school made her scream",
        # An older gap: neck stiffness told as a noun, with a fever.
        "now he has a headache, temp 39 and neck stiffness and a rash",
    ],
)
def test_clinical_review_of_sets_ag_to_ai_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "the rash fades when I press the glass on it, but she will not stop scratching it",
        "viral rash, it fades when I press it, but he did not sleep well last night",
        "she has not slept for 3 nights with her teeth coming through",
        "my 2 year old thinks he has super powers",
        "new trainers gave him a blister on his heel and the skin on his feet is peeling all "
        "over, athletes foot?",
        "it stings when she wees and she is struggling to wee, her tummy hurts",
        "his foreskin is red and swollen and his tummy is sore",
        "my teen can not really wake up in the mornings for school, is that normal?",
        "he keeps spitting his food into a tissue when he doesnt like it lol",
        "chickenpox, temp 38.5, tummy hurts and she screams when I dab calamine on the bumps",
        "had a long walk at the zoo, since lunch he refuses to walk and is a bit unsteady, so "
        "tired",
        "fell off the trampoline an hour ago and his knee keeps giving way",
        "he has epilepsy and goes into a trance playing minecraft for ages, not answering me",
        "I have a cold sore, is it safe to breastfeed my 8 week old? she has a bit of baby acne "
        "rash but is well",
        "after being sick all night she has tiny red dots round her eyes, and her gums bled a bit "
        "when she brushed",
        "gastro bug, his poo has jelly like mucus and he cries on and off with cramps, still "
        "drinking fine",
    ],
)
def test_clinical_review_of_sets_ag_to_ai_not_emergencies(text: str) -> None:
    assert rules_level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "potty training going well, she is weeing a little in the potty each time now",
        "he is constipated, has only been twice today",
        "my 18 month old only says single words now, when will he start putting sentences "
        "together?",
        "she started preschool and is barely talking now to the teachers, very shy",
        "he has a round rash, red ring and the middle is white, ringworm?",
        "my son has type 1 diabetes and saw the gastroenterologist today about his reflux",
    ],
)
def test_clinical_review_of_sets_ag_to_ai_ordinary(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # The second paediatric review of session 39: a harmless phrase must not hide a danger
        # told before it (the car-seat sleep and the ballooning foreskin now cancel one rule each
        # instead of blanking the message).
        "she was jerking all over and stiff for 5 minutes then passed out in her car seat",
        "she has a temp of 39 and a purple rash that won't fade with the glass, she passed out "
        "in her car seat on the way home",
        "he has had a fit today for the first time lasting 10 mins, also his foreskin balloons "
        "when he wees",
        # Plans, means and goodbyes.
        "she said she wants to kill herself tonight and has the pills ready",
        "he's bought a load of paracetamol and says he's going to take the lot",
        "she said she wants to unalive herself tonight and has the pills ready",
        "he's been searching online for ways to die and has gone out without his phone",
        "she posted bye everyone on snapchat and we cant find her",
        "she's been stockpiling her fluoxetine and says she wants to die",
        # A loss within the day told with the morning's well-being, tiredness, falls or an old
        # injury.
        "he was totally fine this morning, then when I picked him up at 1 he was wobbly and kept "
        "falling to one side and now he can't pick up his cup properly",
        "since about 2 o'clock she can't walk, her legs keep giving way and she's really tired",
        "hes been really wobbly since his nap and cant walk properly, fell over loads",
        # A hydrocele the doctor knows, with a baby's pain told as crying and feeds.
        "doctor said hydrocele, now his scrotum is swollen and he's crying inconsolably",
        # Retention told as needing to go, a hard tummy.
        "hasnt weed in 12 hours, says his willy hurts and he needs to go but cant",
        "no wee since yesterday afternoon, his tummy is hard and he is crying",
        # Stevens-Johnson with spots, or dusky spots and ulcers after septrin.
        "she started lamotrigine 3 weeks ago, yesterday spots on her chest, today her lips are "
        "crusty and bleeding and her eyes are really red and sore",
        "started septrin last week, his mouth is full of ulcers and there are dusky red spots "
        "all over",
        # A baby's fluid-filled spots or mouth ulcers after a cold sore.
        "my husband has a cold sore and kissed her, now tiny spots with fluid on her eyelid, "
        "she is 10 days old",
        "I've got a cold sore, my 5 week old has a couple of little ulcers inside her mouth",
        # A curtain over the sight, blood in the eye after a stick.
        "a nerf bullet hit him in the eye, now he says there's a dark curtain coming over his "
        "vision",
        "he fell onto a stick and it went near his eye, there's blood in his eye",
        # Bumps in the road in the past tense.
        "pain on her right side low down, she screamed at every bump on the way here and was sick",
        "every time we went over a bump in the car she cried out holding her tummy, shes got a "
        "temp",
    ],
)
def test_second_review_of_sets_ag_to_ai_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "she wrote goodbye letters to her teachers because we're moving to australia next week",
        "my daughter sent goodbye messages to all her friends as it's her last day before we move",
        "my son has 6 toy cars and he wants to take them all to nursery",
        "my son said he is going to kill himself laughing at this video lol",
        "his poos are slimy and a bit pale, he cries on and off in the evenings and draws his "
        "knees up to his chest, colic?",
        "he is potty training and keeps straining to do a poo",
        "the rash blanches when I press it but the itch doesn't, and she is up all night",
        "she has a few purplish marks on her shins from bumping into the coffee table",
        "my 3 month old won't fully wake up for his night feeds, is it ok to let him sleep?",
        "he has hand foot and mouth, ulcers in his mouth, spotty rash on his hands, red eyes and "
        "he is taking ibuprofen for the pain",
        "I have a cold sore, is it ok to still breastfeed? her gums look a bit swollen, 2 months",
        "she has a temp and a sore tummy, and she cries at the bump on her head when i touch it",
    ],
)
def test_second_review_of_sets_ag_to_ai_not_emergencies(text: str) -> None:
    assert rules_level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "she's drinking cups and cups of water and her nappies are so heavy they leak every night",
        "since he had the flu his chest hurts when he runs and he gets really out of breath",
    ],
)
def test_second_review_of_sets_ag_to_ai_same_day(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


# --- Session 40: blind sets AJ (bones, joints, limbs) and AK (ears, nose, throat, mouth, the
# night), and the same-day rows sets AG-AI left. New wordings of what the sets missed; the rules
# alone.


@pytest.mark.parametrize(
    "text",
    [
        # An arm, a leg or a joint out of shape after a fall (nidirect, NHS 111 Wales: A&E).
        "came off the monkey bars, her forearm has a bend in it that shouldn't be there, it looks "
        "bent halfway down",
        "twisted his ankle at rugby and now his foot points the wrong way",
        "fell skiing, his shoulder has gone square and he won't let us touch the arm",
        # Back pain with numb legs and new wetting (cauda equina, NHS: A&E).
        "her back has hurt for days, now her legs are numb and she had an accident in her pants "
        "which she never does",
        # Aching muscles after flu with dark wee (rhabdomyolysis).
        "since the flu his calves are killing him, he can barely walk and his pee is brown",
        # A puffy face with cola wee after a sore throat, and a headache.
        "had tonsillitis a fortnight ago, now her eyes and face are puffy, her wee looks like "
        "coke and she has a pounding headache",
        # A young baby not moving a sore leg, with a fever or poor feeding.
        "my 5 week old won't move his left arm, screams when I touch it and he is hot, 38.2",
        # A limp with a fever and a red, hot patch over a bone.
        "he won't walk on his leg, fever of 39 and the skin over the shin bone is red and hot",
        # Fever, washed out, breathing fast (NHS sepsis).
        "temp 39.6, she looks washed out and is breathing really fast",
        # Unable to swallow even drinks with a hot-potato voice and a fever.
        "temp 38.9 and he can't swallow even his own drinks, sounds like he has a hot potato in "
        "his mouth",
        # An eyelid swollen shut with double vision (orbital cellulitis).
        "her lid is so swollen she can't open it and she says she sees two of everything",
        # Confusion after an ear infection with a bad headache.
        "had an ear infection last week, now he is suddenly confused and has a terrible headache",
        # A kneecap sitting out to the side.
        "her kneecap is sitting out on the side of her knee after netball and she can't "
        "straighten it",
        # Blood in the wee after a fall onto the side.
        "fell off the climbing frame onto his side and now there's blood in his wee",
        # Cast on, fingers blue-ish and fat, pain not helped.
        "plaster went on this morning, now her fingers are bluish and swollen and she says they "
        "tingle",
    ],
)
def test_sets_aj_ak_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # A finger or toe that looks bent stays the same day (nidirect: minor injuries unit).
        "slammed his finger in the car door and it looks bent at the top",
        # A pulled elbow held bent stays the same day.
        "his sister pulled his arm and now he holds it bent across his tummy and won't use it",
        # Mouth ulcers and unexplained bruises on methotrexate (BNF: report at once).
        "my son is on methotrexate for arthritis, he's covered in bruises I can't explain",
        # Hip pain that makes walking hurt; a pop felt at the hip in a sprint.
        "my 10 year old has had a sore hip for 3 days, it hurts him to walk, no fever",
        "felt a pop at the top of her thigh doing the hurdles, now it's sore to walk",
        # A baby's leg that moves less and hurts when it is moved.
        "my 4 month old doesn't kick her right leg as much and cries when I bend her knee",
        # A cast that broke with the arm moving inside it.
        "his cast has cracked and his arm is slipping about inside it",
        # A wrist still painful and swollen days after a knock (a scaphoid fracture).
        "banged her wrist on the floor 4 days ago, still swollen and sore at the thumb side",
        # A gum boil by a greying tooth; a socket still bleeding after biting on gauze.
        "his front tooth has gone dark since he fell and there's a bump on the gum above it",
        "tooth taken out this morning and the socket is still bleeding even after biting on gauze",
        # Swollen cheeks in front of the ears with a fever (NHS mumps).
        "both her cheeks are swollen in front of her ears, she has a fever and it hurts to eat",
        # Teeth that no longer meet after a blow; a purple swelling blocking the nose.
        "hit in the face with a cricket ball, his teeth don't meet properly now",
        "got an elbow to the nose at basketball, there's a purple swelling in his nostril and "
        "he can't breathe through it",
        # A piece of tooth maybe breathed in.
        "she chipped her tooth falling off the bench and thinks she breathed the piece in",
        # An ear infection with the fever still there on antibiotics, or 3 nights of earache.
        "on amoxicillin for an ear infection since monday, still spiking 39s",
        "ear pain 3 nights in a row and a fever of 38.5 again today",
        # Dehydration: one wet nappy in 12 hours, one wee all day, dizzy on standing after a bug.
        "she has a sore mouth and won't drink, only 1 wet nappy in 12 hours",
        "after the vomiting bug he gets dizzy whenever he stands up",
        # A baby's noisy breathing getting louder and making feeds hard.
        "7 week old with noisy breathing since birth, it's getting louder and her feeds take ages",
        # Sets AG-AI's leftovers: a bat where a child slept; a haemangioma that ulcerated or is
        # closing an eye; a rectal prolapse; things seen that are not there with a fever; morning
        # jerks; a foggy head after a rugby knock.
        "there was a bat flying in the nursery when we went in this morning, baby slept there",
        "her strawberry mark on her nappy area has broken open and bleeds",
        "the haemangioma on his eyelid is now covering his eye, 3 months",
        "a red bit like a bubble came out of her bottom when she did a poo, it went back",
        "temp of 39 last night and he kept saying there were spiders on his ceiling, fine now",
        "every morning her arms jerk and she has dropped her drink twice this week",
        "football clash today, says he feels foggy and has a headache",
    ],
)
def test_sets_aj_ak_same_day(text: str) -> None:
    assert_level(text, "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "slammed his finger in the car door and it looks bent at the top",
        "his sister pulled his arm and now he holds it bent across his tummy and won't use it",
    ],
)
def test_sets_aj_ak_hand_injuries_stay_same_day(text: str) -> None:
    assert rules_level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # A sip of bleach stays a poisoning.
        "she sipped some of the bleach water from the bucket but spat it out",
        # An emptied tube of a numbing teething gel.
        "found an empty tube of bonjela next to him in the cot",
    ],
)
def test_sets_aj_ak_poisonings(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "we both gave her a cuddle before bed and she settled",
        "gave her calpol and nurofen 3 hours apart as the pharmacist suggested",
        "everyone keeps telling her to break a leg before the dance show",
        "he had his 12 month jabs in his thighs yesterday and is limping a little today",
        "jammed her finger in netball, bit swollen, full movement, bends and straightens fine",
        "slipped on the ice and landed on his bum, sore to sit but walking and running",
        "he hit a six with his cricket bat in the garden",
        "when she's asleep her legs jerk a few times but only while she's sleeping, it stops as "
        "soon as I pick her up and wake her",
        "teething, chewing everything, a bit grumpy, can she have calpol?",
        "heard a click in her hip at the baby check, scan booked",
        "the calpol hasn't touched his teething pain",
        "I saw tiny white worms coming out of her bottom at night",
    ],
)
def test_sets_aj_ak_ordinary(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # One extra dose from a second carer: 111 or the doctor now, not an ambulance (NHS
        # paracetamol for children).
        "my mum and I both gave him a dose of calpol an hour apart without realising",
        "his dad gave him nurofen at 6 and then I gave him another at half 6, we didn't talk",
    ],
)
def test_session_40_extra_dose_is_same_day(text: str) -> None:
    assert rules_level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # The paediatric review of session 40: an arm out of shape however it is held or named,
        # a dislocation named, septic arthritis, numbness round the bottom with back pain.
        "came off his bike, his forearm looks deformed and he keeps it bent against his chest",
        "fell down the stairs and his arm has a big bend in it where it shouldn't",
        "she dislocated her elbow at judo and can't move it",
        "temp of 39 and he won't put weight on his leg, his knee is hot and swollen",
        "bad back for two days and now she says she can't feel her bum when she wipes",
        "sore back, legs gone weak and he pooed himself without noticing",
        "since the virus she has body pains all over and her urine looks like coca cola",
    ],
)
def test_session_40_review_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "his arm doesn't look bent but he fell on it and it's sore",
        "fell off the sofa and his finger looks crooked",
        "my 5 month old doesn't move her left arm as much as the right and cries when I lift it",
        "calves aching after the cross country and his wee is dark",
        "my son's tooth is hurting and there's a pus boil on his gums",
        "after the knock her nose is totally blocked on both sides",
        "on methotrexate and she has loads of bruises we can't explain",
    ],
)
def test_session_40_review_same_day(text: str) -> None:
    assert_level(text, "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "she's knock kneed and her legs look bent when she stands, she's 3",
        "he's bow legged and his legs look bent, he loves the slide",
        "finally did a poo after the tummy bug and what came out was dark brown and hard",
        "she's teething and there's a little white bump on her gum where the tooth is coming "
        "through",
        "his tooth went grey after he fell on it last month, no pain",
        "the strawberry mark on her back is fine but her nappy area is raw",
        "a pink worm came out of his bottom when he did a poo",
        "there are bats roosting in the loft above her bedroom, none have got in",
        "his glands are up under his ears with this cold, temp 38",
        "she woke up screaming there were monsters in her room, a nightmare I think",
        "on amoxicillin for his ear, fever gone, still a bit of earache on day 3",
    ],
)
def test_session_40_review_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_session_40_fast_breathing_after_running_is_not_an_emergency() -> None:
    """Pale and breathing fast with a fever is the emergency of NHS sepsis, unless running
    explains the breathing (NICE NG143: both amber, the same day)."""
    text = "feverish and a bit pale, breathing faster than usual after running around the garden"
    assert rules_level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # The second paediatric review of session 40: the change's own over-calls.
        "knee swollen and he's limping, I took his temperature and it's normal, 36.9",
        "ankle puffy and limping since this morning, he had a temp last week with his cold",
        "knee swollen after football and limping, should I be worried about a temperature?",
        "she always sleeps with her legs bent under her, she fell and grazed her knee today",
        "his feet are flat and his ankles look bent inwards after training",
        "she dislocated her knee cap at dance, the physio popped it back in, now it's swollen",
        "he's sure there are monsters under his bed and won't sleep without the light on",
        "sore back after the trampoline park and she wet herself laughing, legs fine",
        "a bat flew round the living room while we watched tv, then it flew off outside",
        "my wife and I both gave him a dose of his antibiotic, so he had an extra one today",
        "the haemangioma on her arm has gone grey in the middle, is it shrinking?",
    ],
)
def test_session_40_second_review_not_emergencies(text: str) -> None:
    assert rules_level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "backache, his legs are numb and he's wet himself twice today",
        "back pain for months, now numbness between her legs and she peed herself",
        "since the flu her legs are aching so badly and her wee is like strong tea",
        "in a backslab for his elbow, now his fingers are white and cold",
    ],
)
def test_session_40_second_review_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "got elbowed in the nose, both sides blocked and a dark purple swelling inside",
        "fell onto his chin off the scooter and says his teeth feel wrong when he bites",
        "when she does a poo her bottom comes out a bit, pink, then goes back",
    ],
)
def test_session_40_second_review_same_day(text: str) -> None:
    assert_level(text, "urgent")


@pytest.mark.parametrize(
    "text",
    [
        # Session 40's second review, mended in session 41: memory loss after a knock in a
        # sport told without the word head (NICE NG232: any amnesia goes to the emergency
        # department), and compartment syndrome (NHS: a medical emergency).
        "he got a knock playing rugby and can't remember the match or the journey home",
        "she got concussion at hockey and has no memory of the bus home",
        "his calf is rock hard and agony after a kick at football, he screams when i move "
        "his toes",
        "her forearm is swollen tight and shiny since she fell off the trampoline and the "
        "painkillers aren't helping at all",
        # The session's paediatric review: the same told other ways.
        "piece of apple stuck in his throat, no cry just went silent",
        "she has a haemangioma on her chest and her left side of her face has dropped suddenly",
        "he leaned out to get his ball and fell out of the window, first floor",
        "took a knock in a rugby match and doesn't remember the second half",
        "got a knock at football and she keeps asking what happened",
        "her calf is rock solid and swollen after the tackle and she screams when I move her toes",
        "my son's calf got stomped on at lacrosse, it's hard as a rock and he's in "
        "excruciating pain",
    ],
)
def test_session_41_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # One extra dose told with times or by a nursery (NHS paracetamol for children), one
        # long bone that hurts every night (NICE NG12), a tooth piece never found with a cough,
        # an eyelid drooping over a strawberry mark (AAP 2019), an arm hanging after a fall.
        "nursery gave calpol at 2 and I gave some at 4 without knowing",
        "I gave him 2.5ml calpol an hour after the last dose by mistake",
        "her shin hurts only at night and wakes her most nights for weeks",
        "he chipped his tooth and we can't find the piece, he's been coughing a bit",
        "strawberry mark near her eye and now her eyelid is drooping over it",
        "her arm is just hanging by her side since she fell off the slide",
        "husband gave motrin at 8pm and then I gave motrin at 9pm because he didn't tell me",
        "her shin bone hurts every night, wakes her up, for a month",
        "his braces bracket came off and we can't find it, he's been coughing since",
        "haemangioma on his upper lid now covering half his pupil",
    ],
)
def test_session_41_same_day(text: str) -> None:
    assert rules_level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # A silence after a knock, with the child playing, is not a blocked airway; tablets hard
        # to get down were not swallowed; a cramp or a dead leg is not compartment syndrome;
        # growing pains are both legs; the parent's own memory is not the child's.
        "she fell and banged her head, no crying, she's playing now",
        "she can hardly swallow her tablets, they're too big",
        "leg cramp in the night, calf rock hard and he was screaming",
        "her thigh is rock hard where she got kneed, she cries when I touch it",
        "both legs ache at night, growing pains?",
        "is it ok to give another dose of calpol an hour after the last one, he's still 39?",
        "nursery gave calpol at 9am, I gave some too at 5pm, is that ok?",
        "gave calpol one hour after the last dose of nurofen",
        "the bottle is rock hard and my hand hurts so much worse than yesterday from squeezing",
        "his leg is rock hard and he's in agony, he has cerebral palsy and his spasms are "
        "bad today",
        "his shin hurts in the night sometimes and wakes him, then he's fine in the day, he's 5, "
        "both legs some nights",
        "she fell over at nursery and I can't remember what happened exactly, she grazed her knee",
    ],
)
def test_session_41_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # Session 41's second paediatric review: the mended exceptions must not hide a cord
        # round the neck on play equipment, a face drooping beside a birthmark, a larger dosing
        # mistake told beside an extra dose, or a child's own "I can't remember".
        "found my 4yo hanging from the climbing frame by the cord of his hoodie, face was red",
        "baby has a birthmark on his forehead, now his eyelid is drooping and his smile is "
        "lopsided",
        "by accident I gave her an adult paracetamol 500mg tablet, then my husband gave calpol "
        "an hour later without knowing",
        "he hit his head at rugby and keeps saying \"I can't remember, I can't remember\"",
        "my lad took a whack in the rugby match on sat and remembers nothing after the tackle",
        "crushed his foot under a gate, foot is swollen tight and he is crying in agony",
    ],
)
def test_session_41_second_review_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # A thing forgotten, an adult's memory, aching legs after a match, and a sprain.
        "he got a kick at football and forgot the ice pack at the club, should I use frozen "
        "peas on his ankle",
        "she had a knock in hockey on her hand, i just can't remember what the physio said",
        "his legs are rock hard after the match, he's in agony walking downstairs lol",
        "twisted her ankle at netball, foot swollen and tight, agony",
    ],
)
def test_session_41_second_review_not_emergencies(text: str) -> None:
    assert rules_level(text) != "emergency"


def test_round_twenty_one_a_tired_child_collapsing_on_the_sofa_is_no_collapse() -> None:
    """Matching round 21 (blind set m41): a habit told in the present, not an emergency."""
    text = "after school she just collapses on the sofa, she gets so tired, 6"
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # "Being dozy" (silly) and handwriting drifting off the line are no drowsiness: before
        # round 21 both got the safety net.
        "can't do his zip for PE, or is he just being dozy?",
        "his writing keeps drifting off the line and the letters are all sizes",
    ],
)
def test_round_twenty_one_look_alikes_are_not_danger(text: str) -> None:
    assert rules_level(text) == "concern"


def test_round_twenty_one_a_limp_after_seems_to_is_read() -> None:
    assert rules_level("he seems to limp when he walks") == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # Matching round 22 (blind set m42): a toddler who has walked "since 11 months" but
        # "still can't" use a spoon, or pedal, was a lost skill.
        "walking since 11 months, climbs everything, but she still can't use a spoon properly",
        "walked since 12 months but still can't pedal a trike",
    ],
)
def test_round_twenty_two_look_alikes_are_not_danger(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")
    assert not assess(text).dangers


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # What the round-22 exceptions must leave alone: a child under the water, a walker who
        # now can't, a squint told as an eye turning, a foot dragged on one side.
        ("he went under the water for a few seconds at the pool", "emergency"),
        ("she fell in the pool and was in the water too long", "emergency"),
        ("she was in the water for about a minute before we noticed", "emergency"),
        ("walked from 10 months but now still does not want to walk", "urgent"),
        # A paediatric review of the round: the same skill "still" not back is still lost; a
        # child under the water told in other words is an emergency.
        (
            "walking since 12 months but still not walking again after his chest infection",
            "urgent",
        ),
        ("he was playing in the water and then he was lying face down", "emergency"),
        ("found her in the bathtub not moving", "emergency"),
        ("my son fell in the pool and the lifeguard got him out", "emergency"),
        (
            "left him in the bath for a second and he was on his tummy with his face in the water",
            "emergency",
        ),
        ("she drags one of her legs when she walks", "urgent"),
        ("he went under at his swimming lesson and was pulled out blue", "emergency"),
        ("toddler is scuffing one foot and tripping over it since yesterday", "urgent"),
        ("my son drags 1 leg wen he walks", "urgent"),
        ("she was walking from 10 months but now she can not stand up", "urgent"),
        ("grandson seems to drag one foot a bit when he walks", "urgent"),
        ("he drags one foot as he walks", "urgent"),
    ],
)
def test_round_twenty_two_signs_still_read(text: str, level: str) -> None:
    assert rules_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        # Session 43: round 22 mended one lost-skill form; the same sentence told with "has been"
        # went through its sibling form, and "still isn't running" after a skill done for months
        # read as a skill the child can no longer do. A later skill "still" not done, or not done
        # "yet", is not yet, when that is the whole message.
        "she's been walking since 11 months but she still can't use a spoon",
        "has been crawling since 7 months but still not walking at 15 months",
        "he has been walking since 10 months but still isn't running",
        "he has been standing since 9 months but still not walking on his own",
        "has been sitting since 6 months but still can not crawl",
        "been walking since 13 months but still can't go up the stairs",
        "walking since 10 months but not running yet",
        "she's been walking since 11 months and she still can't hold a crayon properly",
        "lo has been crawling since 8 months but still not walking at 16 months should i worry",
    ],
)
def test_session_43_a_later_skill_still_not_done_is_no_loss(text: str) -> None:
    assert rules_level(text) == "concern"
    assert assess(text, 24).level not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # What the "still" exception must leave alone (two paediatric reviews): anything told
        # beside it (an onset, a stretch of weeks, a time of day, an illness), the same or an
        # earlier skill "still" not done, a loss told in the same breath.
        "has been walking since 11 months but for a fortnight she still cant sit up without "
        "toppling over",
        "walking since 11 months but for 2 weeks he still wont walk",
        "has been walking since 10 months but in the mornings he still cant stand",
        "walking since 11 months but she still cant stand she just sits",
        "has been sitting since 6 months but he still cant sit",
        "my ds has been walking since 11 months but for a fortnight he wont walk at all just "
        "crawls everywhere, he still cant use a spoon either",
        "she has been walking since a year but still can't walk now after her jab",
        "she had been walking for months but after her virus she still won't walk",
        "walking since 12 months but still not walking again after his chest infection",
        # Under-called before: the exception of round 22 let a stretch of days through.
        "walked from 11 months but he still can't climb the stairs for a fortnight",
        "walked from 10 months but she still won't hold her spoon this fortnight",
    ],
)
def test_session_43_a_loss_beside_still_is_read(text: str) -> None:
    assert rules_level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # Matching round 23 (blind set m43): going down the slide headfirst every time is a
        # habit, not a knock.
        "dd 2 goes down the slide headfirst every time and is totally fearless, should i stop her",
    ],
)
def test_round_twenty_three_look_alikes_are_not_danger(text: str) -> None:
    assert rules_level(text) == "concern"
    assert not assess(text).dangers


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # What round 23's exceptions must leave alone, a first walker's limp (no longer excused
        # as a new walker's gait), and a foot dragged when tired. A first walker on her tiptoes
        # and a limb "always" held bent stay urgent: a paediatric review found real dangers
        # told the same ways (a 4-year-old who "has started walking stiffly", an arm "always
        # bent" after a fall).
        (
            "my daughter (14 months) has started walking but only on her tiptoes, never flat feet",
            "urgent",
        ),
        ("she has started walking on her tiptoes this week", "urgent"),
        ("he has started walking funny since his cold", "urgent"),
        ("he just started walking but limps on the left", "urgent"),
        ("her arm is always bent up since she fell off the sofa", "emergency"),
        ("he fell headfirst off the slide", "emergency"),
        ("3yo drags one foot when hes tired", "urgent"),
        ("she drags one leg at the end of the day", "urgent"),
    ],
)
def test_round_twenty_three_signs_still_read(text: str, level: str) -> None:
    assert rules_level(text) == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Blind triage set t43: a boy's testicle told without its name (torsion: A&E), and
        # vomiting every time he eats (seen the same day).
        (
            "ok so awkward question. my 12 y/o son woke up with awful pain down below and in his "
            "tummy and one side looks swollen and sitting higher up. he's embarrassed and says "
            "leave it. when should we get it looked at?",
            "emergency",
        ),
        (
            "throwing up all day, 9yo, every time he eats, now says tummy ache in the middle, no "
            "fever",
            "urgent",
        ),
    ],
)
def test_set_t43_dangers_in_plain_words(text: str, level: str) -> None:
    assert rules_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        # Blind triage set t43: a door walked into once, a food disliked. (The set's other
        # over-calls, a parent's "I'm going to pass out", a tantrum likened to a seizure, a child
        # "collapsed on the sofa" after a party, a bruised finger "gone purple", "temp 37.8", were
        # mended and then put back: a paediatric review found the same words in real dangers, a
        # child quoted saying "I'm going to pass out", a limb gone blue and cold, a stiff neck
        # with "temp 37.8".)
        "he has a lump on his forehead from walking into the door yesterday, bit bruised now, "
        "totally himself, eating and playing. 4 y",
        "he throws up every time he eats broccoli lol",
    ],
)
def test_set_t43_look_alikes_are_not_urgent(text: str) -> None:
    assert rules_level(text) in ("concern", "safety_net")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Blind triage set t43's limp, bruise and temperature exceptions were taken out again
        # after a paediatric review; what they would have lowered stays as it was.
        ("her arm went limp suddenly", "emergency"),
        ("since this morning his left leg is limp and he can't stand", "emergency"),
        ("suddenly his right side is weak and he is limping", "emergency"),
        ("he has gone purple and swollen round the lips", "emergency"),
        ("his lips have gone purple", "emergency"),
        ("temp 39 and hard to wake", "emergency"),
        ("collapsed on the sofa after nursery and we can't wake him", "emergency"),
        ("i am going to pass out, my baby is not breathing", "emergency"),
    ],
)
def test_set_t43_levels(text: str, level: str) -> None:
    assert rules_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        # Session 43's review of set t43 (dangers missed before this session): an arm gone limp
        # told with an apostrophe ("arm's": "arms" once normalised) after a headache and
        # vomiting, an arm gone limp "10 mins ago", and a testicle told with no word for a boy.
        "bad headache and vomiting, now his left arm's gone a bit limp",
        "her right arm became limp about 10 mins ago",
        "my 13 year old has terrible pain down there and one of them looks higher up, came on "
        "suddenly",
    ],
)
def test_session_43_review_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # Session 43's review of set t43 (missed before this session): a baby of 6 months with no
        # feed since last night, a first walker who cries when he stands since the weekend, a
        # foot dragged "only this last month" (read as long ago).
        "my 6 month old hasn't fed since last night",
        "just started walking, but since the weekend he keeps tripping and crying when he stands",
        "since yesterday he cries when he stands up",
        "drags one foot when she's tired, only this last month",
        # One list of the words that say a first walker's gait changed (new_skill_but): the
        # "since walking" forms lacked screaming, which the other four had.
        "she just started walking and screams when she walks now",
        "just started walking and screaming when we put her on her feet",
    ],
)
def test_session_43_review_same_day(text: str) -> None:
    assert rules_level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # Session 45's paediatric review: a leg not taken weight on, told with "putting", was read
        # by nothing once the stray "started" of the hitting was not there to read as an onset.
        "started hitting his sister and ever since he's not putting weight on his leg",
        "she is not putting any weight on her left leg",
    ],
)
def test_session_45_review_same_day(text: str) -> None:
    assert rules_level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # Session 45's paediatric review: dangers read by nothing, told in plain words.
        "she's gone unsteady and her speech is weird",
        "eyes glazed and shes not really with it",
        "he is very weak, can barely lift his head",
        "her eyes keep flicking to one side",
        "we had the gas fire on all night and hes got no energy",
        "his foot drags and he sees double",
        # Blind set b46 (3 December): the same dangers in a fresh writer's words.
        "she said her arm feels funny and now she cant lift her left arm properly",
        "my daughter suddenly couldnt talk properly for about 10 mins, words all jumbled and her "
        "mouth looked twisted. shes ok now but very tired",
        "babys eyes keep looking down like a sunset and his head looks bigger?? the soft spot on "
        "top feels tight and bulgy",
        "the gas stove was left on without the flame for maybe an hour, smelt gas. son seems a "
        "bit sleepy and says tummy ache",
        "shes been a bit sleepy and sick since we got the log burner going, room smelt smoky and "
        "the glass has gone black",
        "whole family has had flu like symptoms for a week but nobody has a temperature. baby v "
        "irritable and not feeding. we have an old gas fire",
        "kids and me all feel sick, dizzy and headachy in the mornings, better by afternoon when "
        "theyre at school",
        # The second paediatric review's dangers in new words.
        "he is too weak to suck",
        "car engine was running in the garage with the baby in the car for half an hour, she's "
        "very sleepy",
        "since we moved into the flat we all get headaches and feel dizzy but fine at work and "
        "school",
        # Dangers the second review listed as still missed.
        "toddler walking like he's drunk and not making sense when he talks",
        "she's gone really unsteady this evening and she's mumbling nonsense",
        "his left side is weak now and his face looks odd",
        "she says she sees two of everything and she's been falling over",
        "she keeps looking to one side and her eyes won't come back, she's floppy",
    ],
)
def test_session_46_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "his right hand is weak, cant hold his spoon",
        "she keeps throwing her head back stiff",
        "theres a lot of bruises on him i cant explain",
        "her eyes look like setting suns, you can see the white above",
        "she's gone all wobbly",
        # Blind set b46.
        "my 7 month old came back from the childminder with a bruise on her back, they said they "
        "didnt know what happened",
        "my niece has bruises on her upper arms like someone grabbed her",
        "her nose bled for nearly an hour last night and wouldnt stop, and shes got bruises i "
        "dont recognise on her tummy",
        "hes walking like his legs arent his own, really wide and unsteady. never seen this",
        "he came back from his dad's with bruises on his bum and he wont say what happened",
        "toddler walks on tiptoes now and falls a lot, used to walk fine. also he pushes on his "
        "legs with his hands to stand up",
    ],
)
def test_session_46_same_day(text: str) -> None:
    assert_level(text, "urgent")


def test_a_bruise_on_a_baby_the_chat_knows_is_under_six_months_is_same_day() -> None:
    """The message need not say the age: the active child's age says the baby is not mobile."""
    text = "my mum noticed a bruise under my babys chin and on his ear"
    assert assess(text, 4, examples=NO_EXAMPLES).level == "urgent"
    assert assess("noticed a bit of bruising where she had her jabs", 4).level != "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # Neighbours the new forms must leave below urgent.
        "she arches her back and goes stiff when I put her in the car seat",
        "throws her head back when she's cross",
        "her grip is so weak she can't hold anything for long",
        "my son cant hold normal crayons, his hand is too weak",
        "he is very weak at catching",
        "her legs went wobbly after the trampoline",
        "the tooth has gone wobbly",
        "lots of bruises on his shins from the playground, he's always climbing",
        "He's been walking for a year and still pops up on his toes, mostly when he's barefoot",
        # The second paediatric review's look-alikes of the new forms.
        "she's gone wobbly on her new bike",
        "my son's front tooth has gone wobbly",
        "my legs have gone wobbly since the birth, hard to carry her upstairs",
        "his right arm is dead from sleeping on it",
        "he did 50 pushups and now his left arm is weak lol",
        "he got a dead leg at football and now his left leg is weak",
        "she is not really with it this morning after a late night, eyes a bit glazed",
        "sorry I'm not really with it, she kept me up all night, she has a temperature of 38",
        "he has a lazy eye that pulls to one side when he's tired",
        "her eyes jump to the left to follow the mobile",
        "he throws his head back and goes stiff as a board whenever I try to change his nappy",
        "she's got a bruise on her shin and I don't know how she got it",
        "I bruised my arm lifting the pram, my 4 month old is fine, how do I lift safely",
        "we had the wood burner going all evening and he was so tired he fell asleep on the sofa",
        "sometimes when he looks down you can see the white above his eyes, the HV said it's "
        "normal in newborns",
        "my 14 month old is a bit unsteady walking and talks nonsense all day haha",
        "he looks to one side and won't come back to me when I call",
        "she has a bruise on her knee and she won't say how she did it, she's always climbing",
        "his face looks different in photos, his left side smile is wonky",
    ],
)
def test_session_46_neighbours_stay_calm(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_a_pulled_elbow_told_with_now_is_not_a_stroke() -> None:
    """One side weak "now" is a stroke sign, but not after a pull by the hand or arm."""
    text = (
        "husband swung our 2yo round by the arms in the garden, she cried and now she won't use "
        "her right arm at all, just keeps it hanging by her side"
    )
    assert rules_level(text) == "urgent"


B46 = Path(__file__).resolve().parents[1] / "data" / "triage_b46.tsv"


def test_blind_set_b46_floors() -> None:
    """Blind set b46 (3 December): brain and nerves, bruises and carbon monoxide in a fresh
    writer's words, labelled by a paediatrician; measured fresh, then mended (docs/benchmarks.md,
    "Blind triage set b46"). Every emergency gets a doctor today at least, and the look-alikes
    escalated stay at the eleven counted there. Counts only: no row is printed."""
    with B46.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    answered: dict[str, list[str]] = {"emergency": [], "urgent": [], "ordinary": []}
    for row in rows:
        level = assess(row["text"], int(row["age_months"])).level
        answered[row["level"]].append(level if level in ("emergency", "urgent") else "ordinary")
    emergency, urgent, ordinary = answered["emergency"], answered["urgent"], answered["ordinary"]
    assert "ordinary" not in emergency
    assert emergency.count("emergency") >= 0.75 * len(emergency)
    assert urgent.count("ordinary") <= 0.1 * len(urgent)
    assert len(ordinary) - ordinary.count("ordinary") <= 11


def test_a_household_sick_from_food_is_not_carbon_monoxide() -> None:
    """Headaches and sickness in everyone, told with a meal, are not the gas pattern."""
    text = "we all have headaches and feel sick after eating at the buffet, diarrhoea too"
    assert "toxic_shock_or_co" not in {
        sign.id for sign in assess(text, examples=NO_EXAMPLES).fired
    }


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # Session 46's two misses left on set b46: a child "just not right" lying on the couch
        # (NICE NG143 amber: not responding normally, much less active), and a baby past 8 weeks
        # whose eyes do not fix or follow (NHS eye tests for children).
        ("he just isn't right, lying on couch staring", None),
        ("she's not right since the jab, just lying on the sofa", None),
        ("her eyes don't seem to follow anything, they just wander about", 6),
        ("he is 4 months and his eyes do not follow my face or his toys", None),
        ("my 6 month old doesn't follow faces with his eyes", None),
        ("she doesn't track toys from side to side", 5),
    ],
)
def test_session_47_same_day(text: str, age: int | None) -> None:
    assert assess(text, age, examples=NO_EXAMPLES).level in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # Eyes still learning to follow (under 8 weeks, said or known), a skill or a body part
        # that is "not right", and looking at faces, which is social as much as sight.
        ("my baby doesn't follow my face yet", 1),
        ("my 3 week old doesn't really follow my face yet, is that normal", None),
        ("my 4 year old doesn't track the ball with his eyes when we play catch", None),
        ("my baby's eyes don't fix on the book when we read", 5),
        ("my baby doesn't look at my face when i talk to her", 10),
        ("his walking is not right, he trips a lot", None),
        ("something is not right with his hand", None),
        ("he is not right handed yet, uses both", 30),
    ],
)
def test_session_47_neighbours_stay_below_same_day(text: str, age: int | None) -> None:
    assert assess(text, age, examples=NO_EXAMPLES).level not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "age", "level"),
    [
        # Blind set m47 and the paediatric review of its mend: a neck held oddly with dropped
        # things and no walking (the cord pressed at the neck), a baby gone floppy losing a
        # skill with constipation (infant botulism), legs giving way in a child well the day
        # before, and a head knock with the child "out of it" (NICE NG232).
        (
            "My boy (DS, 2.5) suddenly doesn't want to walk, holds his neck funny and keeps "
            "dropping things he used to hold fine. It's been a couple of days now.",
            None,
            "emergency",
        ),
        (
            "since the trampoline he keeps his head crooked, drops everything and refuses to walk",
            48,
            "emergency",
        ),
        (
            "9 month old has stopped sitting up and seems really floppy and weak, she's also "
            "been constipated and feeding badly for a few days",
            None,
            "emergency",
        ),
        (
            "she woke up this morning and can't stand, her legs just give way, she was fine "
            "yesterday",
            None,
            "emergency",
        ),
        (
            "he went to bed fine last night and now he can't stand up, his legs just collapse",
            36,
            "emergency",
        ),
        (
            "yesterday she was totally normal, today her legs give way and she can't stand",
            48,
            "emergency",
        ),
        ("he hit his head and he's pretty much out of it", None, "emergency"),
        ("he's a lot out of it, just staring, since banging his head", 20, "emergency"),
        # What the review found the first mend had lowered: a fall told as a noun, and "much"
        # ending the clause before "out of it".
        (
            "after a fall more than twice his height off the wall his ankle looks deformed",
            60,
            "emergency",
        ),
        ("she won't take anything, out of it and floppy", 6, "emergency"),
        ("hasn't drunk much, out of it and very hot", 10, "emergency"),
        # Same day: eyes that wobble or look cloudy in a baby of any age, a baby who sees nothing.
        ("my 7 week old doesn't follow faces and his eyes wobble", 1, "urgent"),
        ("my 6 week old never looks at us and one eye looks cloudy", 1, "urgent"),
        (
            "my 6 month old doesn't seem to see anything, doesn't reach for toys or look at us",
            6,
            "urgent",
        ),
        ("he doesn't watch me when I move around the room, he's 3 months", 3, "urgent"),
        ("something's not right with her, she just lies on the couch staring", None, "urgent"),
    ],
)
def test_session_47_dangers(text: str, age: int | None, level: str) -> None:
    assert assess(text, age, examples=NO_EXAMPLES).level == level


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # Falling as a habit beside a foot that turns out is a gait, not a broken leg; a class a
        # child is too young "to get much out of" is no drowsy child.
        ("toddler walks with one foot turned out and also falls over more on that side", None),
        (
            "Is it worth signing my 3yo up for Little Athletics or is she too young to get much "
            "out of it?",
            36,
        ),
        # The review's look-alikes of the raised rules.
        ("her eyes don't always focus together when she's tired, she's 3 months", 3),
        ("he doesn't follow the ball with his eyes when it rolls fast under the sofa", 6),
        (
            "my 11 month old holds her head a bit funny when she's concentrating, keeps dropping "
            "her toys on purpose and won't walk yet",
            11,
        ),
        (
            "he holds his head weirdly to look at things since he got glasses, drops things to "
            "watch me pick them up, and won't walk without holding my hand",
            14,
        ),
        (
            "he's always been a floppy baby with hypotonia, constipated on formula, and he "
            "stopped crawling since he started cruising",
            9,
        ),
        (
            "my 8 month old can't stand yet and her legs give way when I hold her up, she was "
            "fine yesterday and today, just wondering if that's normal",
            8,
        ),
        (
            "he's still not quite right after his cold, lying on the sofa watching films all "
            "afternoon but eating and drinking fine",
            60,
        ),
        ("something's not right with his walking, he lies on the floor a lot", None),
        ("her eyes look cloudy after swimming", 48),
    ],
)
def test_session_47_look_alikes_stay_below_the_emergency_and_the_same_day(
    text: str, age: int | None
) -> None:
    assert assess(text, age, examples=NO_EXAMPLES).level not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # Session 48: a child's lost skill told beside the parent's own body, a pregnancy or a
        # busy day was cancelled by parent_subject ("my legs", "pregnant", "my hands") said in
        # the same clause; the parent's own "can't ... anymore" is now read from its subject
        # where it is said. The rest came from a paediatric review of the first mend.
        ("he can't walk anymore and my legs are tired from carrying him", None),
        ("im pregnant again and he can't walk anymore", 20),
        ("my hands are full with the twins and she stopped walking", 15),
        ("after my c section i can't pick her up, and she has stopped crawling", 10),
        ("im pregnant and she can't lift her head anymore", 5),
        ("I'm so anxious lately. She used to sit on her own but now she can't anymore", 10),
        ("I can't take it anymore she stopped walking", 20),
        ("I cant cope anymore he wont walk anymore", 20),
        ("I struggle to hold him now because he's stopped sitting up by himself", 15),
        ("my arms can't hold her up anymore because she won't stand anymore", 12),
        ("she can't walk anymore so I have to carry her and my back can't take it", 24),
        ("I can't pick him up anymore and he can't walk anymore either", 14),
        ("I can't carry him anymore because he won't walk anymore", 14),
        ("I can no longer carry her and she stopped crawling last week", 20),
        ("my heart breaks he can't walk anymore", 20),
        # The second review: "I no longer see...", a child's chest, doll or knees.
        ("I no longer see her crawling, she just lies on the floor now", 12),
        ("I can no longer get him to stand, his legs just fold", 20),
        ("she can't lift her chest off the floor anymore during tummy time", 5),
        ("she can't carry her doll anymore, she keeps dropping it", 30),
        ("she says my knees won't bend anymore", 96),
    ],
)
def test_session_48_a_childs_lost_skill_beside_the_parent_is_same_day(
    text: str, age: int | None
) -> None:
    found = assess(text, age, examples=NO_EXAMPLES)
    assert "lost_skills" in {sign.id for sign in found.fired}


@pytest.mark.parametrize(
    "text",
    [
        "whats the best carrier for a 15kg toddler, my shoulders can't take the ergo anymore",
        "my back can't cope anymore, he wants carrying everywhere",
        "I'm 30 weeks pregnant with a big bump and can't lift him easily anymore. How do I "
        "teach my 2 year old to climb into his car seat himself?",
        "I'm 30 weeks pregnant and I can't carry him anymore, he cries",
        "pregnant, my back can't take carrying him anymore",
        "I can't sleep anymore, I'm worried about everything",
        "I can no longer lift him into the car seat since my c-section",
    ],
)
def test_session_48_the_parents_own_loss_is_not_the_childs(text: str) -> None:
    assert "lost_skills" not in {sign.id for sign in assess(text, 24, examples=NO_EXAMPLES).fired}


@pytest.mark.parametrize(
    "text",
    [
        # NHS, your baby's movements: the maternity unit now, not the next day; the wordings of
        # the paediatric review's probes.
        "I'm 32 weeks pregnant and the baby doesn't kick anymore",
        "36 weeks and baby has been really quiet today, hardly any kicks",
        "I can't feel the baby moving as much since yesterday, 30 weeks",
        "pregnant with my second and the baby has stopped moving since this morning",
        "28 weeks pregnant, haven't felt the baby move since yesterday",
        "I haven't felt him move today, I'm 36 weeks pregnant",
        "not felt the baby move at all today, 37+2",
        "I'm 33 weeks pregnant and the baby is moving less",
        "my unborn baby seems less active",
        "my baby bump has gone still",
        "not as many movements today, 32 weeks pregnant",
        "36w baby moving less",
        "the baby inside me hasn't moved since last night",
        "29+3 and not feeling the usual kicks",
        "I think my waters broke and the baby isn't moving much, they're greenish",
    ],
)
def test_session_48_a_baby_in_the_womb_moving_less_is_the_maternity_unit_now(text: str) -> None:
    found = assess(text, 24, examples=NO_EXAMPLES)
    assert "fetal_movements_reduced" in {sign.id for sign in found.fired}
    assert "maternity unit" in " ".join(found.first_steps)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("my baby kicks a lot in the womb at night", None),
        ("pregnant with number 2 and my toddler keeps kicking my bump", None),
        ("born at 32 weeks and he doesn't kick his legs much, 4 months now", None),
        ("my 8 month old doesn't kick his legs much", None),
        ("he was delivered at 32 weeks and kicks less than other babies", 2),
        ("premature at 30 weeks, he kicks less than his sister did", 2),
        ("she's 28 weeks and has stopped kicking her legs", 7),
        ("I'm pregnant and he's not moving his legs since he fell off the sofa", 20),
        ("I'm 16 weeks and haven't felt the baby move yet, is that normal?", None),
        ("I'm 16 weeks pregnant and the baby isn't moving", None),
        ("she arrived at 33 weeks and kicks less than her twin brother", 3),
        ("temp 38.6 since last night, he's moving less and sleeping a lot", 14),
        ("28 weeks pregnant, my little one isn't moving her left arm since she fell", None),
    ],
)
def test_session_48_kicks_that_are_not_fewer_in_the_womb(text: str, age: int | None) -> None:
    assert "fetal_movements_reduced" not in {
        sign.id for sign in assess(text, age, examples=NO_EXAMPLES).fired
    }


def test_session_48_the_maternity_answer_replaces_the_childs_doctor_only_when_alone() -> None:
    """The urgent answer says "your child's doctor"; a baby in the womb needs the maternity
    unit. With a child's sign as well, both answers are given."""
    alone = advice(assess("36 weeks and baby has been really quiet today", None))
    assert alone.startswith("A baby in the womb")
    assert "child's doctor" not in alone
    both = advice(assess("I'm pregnant, the baby stopped moving and my son can't walk anymore"))
    assert both.startswith("A baby in the womb")
    assert "child's doctor" in both


@pytest.mark.parametrize(
    ("text", "age", "sign"),
    [
        # Blind set m48: scissoring legs when lifted (tone, for the doctor soon), meltdowns that
        # are "massive" beside a toe, and an orthosis's red pressure marks by the ankle.
        (
            "baby's legs go stiff and cross over like scissors when i lift her up, 7mo",
            7,
            "seizure",
        ),
        (
            "3yo toe walks and also has massive meltdowns over everything, could they be linked",
            36,
            "possible_fracture",
        ),
        (
            "She's got new AFOs and they're rubbing on her ankle bone, the red marks last more "
            "than 20 minutes after taking them off",
            48,
            "limp_with_fever",
        ),
    ],
)
def test_session_48_blind_set_look_alikes_do_not_fire(text: str, age: int, sign: str) -> None:
    assert sign not in {s.id for s in assess(text, age, examples=NO_EXAMPLES).fired}


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("he fell off the trampoline and his ankle is massive", "urgent"),
        ("his ankle went huge and purple after the fall", "urgent"),
        ("her knee is red and hot and she has a fever", "emergency"),
        ("she went stiff and is jerking, legs crossed, not responding", "emergency"),
        ("she's having a fit, her legs are stiff and crossing like scissors", "emergency"),
        ("he's having a seizure right now and his legs are scissoring", "emergency"),
        ("temp 38.6 since last night, he's moving less and sleeping a lot", "urgent"),
        (
            "toddler's legs keep going stiff and crossing over like scissors when I lift him "
            "under the arms, it's new in the last couple of weeks",
            "urgent",
        ),
    ],
)
def test_session_48_the_look_alikes_neighbours_keep_their_level(text: str, level: str) -> None:
    assert assess(text, 30, examples=NO_EXAMPLES).level == level


@pytest.mark.parametrize(
    "text",
    [
        # Blind set m49: something other than movement getting worse was "talk to the doctor
        # today" with the lost-skills guidance.
        "baby 9 months, flat spot on back of head getting worse, GP said it will round out but "
        "it looks worse to me. should we pay for a helmet?",
        "his eczema is getting worse",
        "his tantrums are getting worse",
        "his stutter has got worse this term",
        "her sleep is getting worse",
        # The terminal chat: the subject told with where it is on the head.
        "the flat spot on the back of his head is getting worse",
    ],
)
def test_session_49_something_other_than_movement_getting_worse_is_not_urgent(text: str) -> None:
    assert assess(text, 30, examples=NO_EXAMPLES).level is None


@pytest.mark.parametrize(
    "text",
    [
        # Its paediatric review: a worse walk told beside a worse temper or sleep is a decline.
        "his walking has got worse and his sleep is bad too",
        "his tantrums and his walking are both getting worse",
        "she is getting worse at climbing stairs and her sleep is bad",
        "his crawling has got worse since the tantrums started",
        "she's getting worse at walking and she lies down a lot",
        "his walking is getting worse",
        # A second reading: the other subject must be what is getting worse, not a word beside
        # a child who is ("getting worse and sleeping all the time" is a drowsy child).
        "she's getting worse and sleeping all the time",
        "he is getting weaker and his behaviour has changed",
        "he's getting worse, very sleepy, temper",
        "she's getting weaker and sleeping a lot",
        # Its second review: drowsy, feverish or in pain beside a worse temper or wetting.
        "his tantrums are getting worse and he's so drowsy today",
        "the behaviour is getting worse and he's more and more sleepy",
        "bedwetting has got worse, and he has a fever and tummy pain",
    ],
)
def test_session_49_movement_getting_worse_beside_another_subject_stays_urgent(text: str) -> None:
    assert assess(text, 30, examples=NO_EXAMPLES).level == "urgent"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # Blind set m49 and its review: both legs suddenly still, floppy or limp.
        (
            "My 5 month old suddenly isn't moving her legs, they just lie there floppy. She was "
            "kicking fine yesterday.",
            5,
        ),
        ("since this morning she won't move her legs at all", 9),
        ("he suddenly stopped moving his legs after a fall", 14),
        ("suddenly she isn't moving her legs, they just hang limp", 20),
        ("since this afternoon he can't move either leg", 30),
        ("baby's legs suddenly stopped moving today", 3),
    ],
)
def test_session_49_legs_suddenly_still_are_an_emergency(text: str, age: int) -> None:
    found = assess(text, age, examples=NO_EXAMPLES)
    assert found.level == "emergency"
    assert "sudden_leg_weakness" in {s.id for s in found.fired}


@pytest.mark.parametrize(
    "text",
    [
        "she kicks less when she's tired",
        "his legs ache and he has a limp since yesterday",
        "baby not kicking her legs as much as she used to, last few days, otherwise feeding ok",
        "She had a bad dream she couldn't move her legs and woke up screaming. Legs totally "
        "fine, she's been running around all morning. 5yo. how do I reassure her",
        "my legs suddenly stopped working on the run",
        "suddenly my legs just lie there limp, I'm exhausted",
        "he won't move his legs because he's sulking",
    ],
)
def test_session_49_legs_still_look_alikes_are_not_an_emergency(text: str) -> None:
    assert assess(text, 30, examples=NO_EXAMPLES).level != "emergency"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # Two labelled urgent messages the learned opinions raised until they were retrained
        # with round 27's rows; rules now read them.
        (
            "been coughing ever since the peanut incident 2 days ago and now he has a fever "
            "too. 2yo",
            "cough_after_choking",
        ),
        ("cough since the peanut incident and now a fever", "cough_after_choking"),
        (
            "she's been wetting herself and says her tummy hurts down low, fever 38.2, 4",
            "urine_infection_fever",
        ),
    ],
)
def test_session_49_rules_read_what_the_retrained_opinions_dropped(text: str, sign: str) -> None:
    found = assess(text, 30, examples=NO_EXAMPLES)
    assert found.level == "urgent"
    assert sign in {s.id for s in found.fired}


def test_session_49_clumsiness_told_as_new_with_headaches_is_same_day() -> None:
    # Round 27's review: HeadSmart reads new clumsiness with headaches as a brain red flag.
    found = assess("he has become clumsy and keeps getting headaches", 72, examples=NO_EXAMPLES)
    assert found.level == "urgent"
    assert "new_squint" in {s.id for s in found.fired}


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # Blind set m50: a non-fading rash with a fever told beside a question ("is that
        # related?") was stood down to the safety net, because neither "DS 8 has" nor
        # "there's a rash" read as told.
        (
            "DS 8 has a bad headache and fever, says his neck hurts when he bends it, and theres "
            "a purplish rash on his legs that doesnt fade when i press a glass on it. he's also "
            "been a bit clumsy with his feet lately, is that related?",
            "fever_red_feature",
        ),
        # Two signs of pressure in the head together.
        (
            "health visitor measured his head and it's jumped up two lines on the chart since "
            "last month, and the soft spot on top looks puffy and bulging even when he's calm. "
            "5 months. is that why he can't hold his head up yet?",
            "head_pressure_signs_together",
        ),
        (
            "My baby's head is getting bigger really fast, people keep commenting, and now his "
            "eyes look like they're looking down all the time like a setting sun. He's 3 months",
            "head_pressure_signs_together",
        ),
        (
            "babys eyes keep looking down like a sunset and the soft spot on top feels tight and "
            "bulgy",
            "head_pressure_signs_together",
        ),
        # Legs getting weaker over days with tingling, until the stairs are out of reach.
        (
            "My daughter (6) had a tummy bug two weeks ago and for the last 3 days her legs have "
            "been getting weaker. She was tripping on Monday, today she can't manage the stairs "
            "and says her feet feel tingly",
            "sudden_leg_weakness",
        ),
    ],
)
def test_session_50_emergencies_the_rules_missed(text: str, sign: str) -> None:
    found = assess(text, None, examples=NO_EXAMPLES)
    assert found.level == "emergency"
    assert sign in {s.id for s in found.fired}


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # Blind set m50: a newborn's legs that do not move at all (no time word).
        (
            "my newborn (3 weeks) doesn't seem to move his legs at all, not even when I change "
            "his diaper, only his arms wave about. is that normal at their age",
            "limp_or_loss_of_use",
        ),
        # Night pain in one shin with a lump (NICE NG12), told as "waking at night crying
        # with pain".
        (
            "My son is 10 and for about a month he's been waking at night crying with pain in "
            "his shin. There's a bit of a lump now. The GP said growing pains a few weeks ago "
            "but it doesn't feel like growing pains to me",
            "blood_or_tumour_signs",
        ),
    ],
)
def test_session_50_same_day_signs_the_rules_missed(text: str, sign: str) -> None:
    found = assess(text, None, examples=NO_EXAMPLES)
    assert found.level == "urgent"
    assert sign in {s.id for s in found.fired}


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # Blind set m50 over-calls: a born baby's arm is not the womb's movements; a crying
        # baby going rigid on his tummy is not a fit; a question about sleep jerks is not one
        # happening; walking misheard is not a child who will not wake; a parent shaking a
        # child to wake her is not the child shaking.
        (
            "baby 7 weeks hasn't moved his right arm properly since birth, it just hangs by his "
            "side. the midwife said it'll come back but it hasn't",
            "fetal_movements_reduced",
        ),
        (
            "how do i help my prem baby (corrected 7 months) with tummy time? he arches his back "
            "and goes rigid and screams",
            "seizure",
        ),
        (
            "my 2 month old's legs jerk when she's asleep, like little kicks as if she's "
            "running. normal or seizure?",
            "seizure",
        ),
        ("13 months and not waking yet, when should i start to worry", "unresponsive"),
        ("she is not waking up, I keep shaking her", "seizure"),
        ("she keeps going rigid and screaming and arching her back after feeds", "seizure"),
    ],
)
def test_session_50_look_alikes_do_not_fire_the_sign(text: str, wrong: str) -> None:
    assert wrong not in {s.id for s in assess(text, None, examples=NO_EXAMPLES).fired}


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # What the look-alikes' words must not lose.
        ("he went stiff and screamed then his arms jerked", "emergency"),
        ("he goes stiff and then jerks his arms, 4 months", "emergency"),
        ("she is not waking up, I keep shaking her", "emergency"),
        ("he's not waking properly from his nap", "emergency"),
        ("she keeps shaking her arm and not responding", "emergency"),
        ("I'm 32 weeks pregnant and the baby has hardly moved today", "urgent"),
        # Its paediatric review: a child who is not waking, told with a nap, a feed, a knock or
        # a name called, is not walking misheard; a fit described beside "normal or seizure?"
        # is still a fit; an older child's "since birth" does not hide the bump's movements.
        ("she's still not waking yet even when I pick her up and call her name", "emergency"),
        (
            "he bumped his head on the coffee table this morning and he's not waking yet from "
            "his nap, it's been 4 hours",
            "emergency",
        ),
        ("she's 3 weeks old and not waking yet for her feed, it's been 6 hours", "emergency"),
        (
            "she goes stiff and her arms and legs jerk for a minute, normal or seizure?",
            "emergency",
        ),
        (
            "since birth my son has had flat feet, I'm now 32 weeks pregnant and she's stopped "
            "kicking today",
            "urgent",
        ),
        # Legs weaker each day with numb feet, now falling over: the same emergency as the stairs.
        (
            "she keeps saying her feet feel funny and numb and her legs are getting weaker each "
            "day, now she keeps falling over",
            "emergency",
        ),
        ("my 8 month old fell down 3 stairs and hit her head", "emergency"),
    ],
)
def test_session_50_look_alikes_neighbours_keep_their_level(text: str, level: str) -> None:
    assert assess(text, None, examples=NO_EXAMPLES).level == level


@pytest.mark.parametrize(
    "text",
    [
        # Blind set m50: screwing up the eyes to see the television is eyesight, not a turned
        # eye; a lazy eye the optician is treating with a patch is being looked after.
        "my daughter squints at the tv and holds her books right up to her face. does she need "
        "glasses?",
        "my 2yo has a lazy eye, optician said patching. how long does it usually take to work",
    ],
)
def test_session_50_eyesight_questions_get_no_safety_net(text: str) -> None:
    assert assess(text, None, examples=NO_EXAMPLES).level is None


@pytest.mark.parametrize(
    ("text", "age", "wrong"),
    [
        # Blind set m50b and its paediatric review: over-calls mended.
        (
            "My twins are 15 months, one has been walking since 11 months, the other isn't even "
            "standing yet. Both born at 35 weeks. Should I worry about the second one?",
            15,
            "lost_skills",
        ),
        (
            "Her brother has been crawling for months but she still isn't crawling",
            15,
            "lost_skills",
        ),
        (
            "my 3 month old twitches in her sleep, little jerks of her arms and legs, sometimes a "
            "few in a row. stops when she wakes. should i film it?",
            3,
            "seizure",
        ),
        (
            "should my 6 month old be taking weight on his legs? he just collapses when i try to "
            "stand him",
            6,
            "unresponsive",
        ),
        ("She collapses at the knees when I try to stand her up on my lap", 7, "unresponsive"),
        (
            "Hi, my baby 9 months has rashes on his cheeks, red and dry. Is it from the heat? We "
            "live in Cebu it is very hot",
            9,
            "fever_in_baby_or_long",
        ),
        (
            "My 3 month old has a blocked tear duct, sticky eye every morning. will it clear up "
            "on its own?",
            3,
            "newborn_eye_infection",
        ),
        (
            "my 18mo suddenly stopped using her left arm, she was swinging off her dad's hands at "
            "the park and now she just holds it down by her side and cries if we touch it",
            18,
            "stroke_signs",
        ),
    ],
)
def test_session_50_b_over_calls_do_not_fire_the_sign(text: str, age: int, wrong: str) -> None:
    assert wrong not in {s.id for s in assess(text, age, examples=NO_EXAMPLES).fired}


@pytest.mark.parametrize(
    ("text", "age", "level"),
    [
        # What the mends must not lose (the review's look-alikes), and what is new.
        ("she has been crawling for months but now she is not crawling", 15, "urgent"),
        ("he twitches in his sleep and it does not stop when he wakes", 2, "emergency"),
        ("he collapsed at school and is not waking", 60, "emergency"),
        ("my 2 week old has a blocked tear duct and a sticky red eye", 0, "urgent"),
        ("my baby is very hot and floppy", 5, "emergency"),
        (
            "my 2 year old suddenly isnt using her left arm at all since this morning",
            24,
            "emergency",
        ),
        (
            "my 18mo suddenly stopped using her left arm, she was swinging off her dad's hands at "
            "the park and now she just holds it down by her side and cries if we touch it",
            18,
            "urgent",
        ),
        # A big egg on the forehead of a well toddler who cried at once is not the same day:
        # set b46's paediatrician labelled one ordinary, and PECARN finds a frontal swelling low
        # risk (the set's labeller had chosen the same day; reverted before committing).
        (
            "bumped his head on the coffee table edge 10 min ago, cried straight away, now has a "
            "big egg on his forehead and is running round playing. 2yo. anything i need to do?",
            24,
            "safety_net",
        ),
        # Labelled messages the retrained learned opinions stopped raising; rules read them.
        ("4mo pulling ear screaming temp 38.6", 4, "urgent"),
        ("has a cold and now pulling his ear and screaming, 3.5 months, temp 38.2", 4, "urgent"),
        (
            "my baby is respirating very fast and the skin between the ribs goes inside, she is 5 "
            "months, in my country we go to the doctor but here I don't know who to call",
            5,
            "emergency",
        ),
        (
            "wallah he was walking fine but since 2 days he hold the wall and fall, after the flu",
            30,
            "urgent",
        ),
    ],
)
def test_session_50_b_levels(text: str, age: int, level: str) -> None:
    assert assess(text, age, examples=NO_EXAMPLES).level == level


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # Round 28's paediatric review: one arm gone weak suddenly is one side (a stroke sign)
        # even when no side is named.
        ("her arm went weak suddenly", "stroke_signs"),
        # Blind set m51: food that "went down wrong", a cough with barely a sound, a colour told a
        # few words after the verb.
        (
            "a chunk of apple went down wrong, hes 2, hes trying to cough but its barely making a "
            "sound and hes going red then kind of bluish, Ive been patting his back",
            "choking",
        ),
        # A blow in the nuts whose pain gets worse, with sickness (torsion can follow an injury).
        (
            "ds 9 got kicked in the nuts playing footy 2 hours ago, says the pain in one side is "
            "getting worse not better and he feels sick. he's tough usually",
            "sepsis_or_gut_emergency",
        ),
        # A fall told first and the swelling after it, with a vomit since (NICE NG232); and
        # "a bit sick" after a knock.
        (
            "15mo fell off the sofa about an hour ago, cried straight away, big egg on her "
            "forehead, vomited once, but she's playing now",
            "head_injury_warning",
        ),
        (
            "son 9 bumped his head at football 2 days ago and now his headache is getting worse "
            "and he's been a bit sick today",
            "head_injury_warning",
        ),
    ],
)
def test_session_51_emergencies_the_rules_missed(text: str, sign: str) -> None:
    found = assess(text, None, examples=NO_EXAMPLES)
    assert found.level == "emergency"
    assert sign in {s.id for s in found.fired}


def test_session_51_newborn_told_floppy_is_seen_the_same_day() -> None:
    found = assess(
        "newborn (4 days) seems a bit floppy compared with my first, not much tone when I pick "
        "her up, feeds ok-ish",
        None,
        examples=NO_EXAMPLES,
    )
    assert found.level == "urgent"
    assert "unwell_young_baby" in {s.id for s in found.fired}


def test_session_51_weakness_climbing_the_legs_has_its_own_first_step() -> None:
    found = assess(
        "her legs have been getting weaker for 3 days, today she can't manage the stairs and "
        "her feet are tingly",
        72,
        examples=NO_EXAMPLES,
    )
    assert found.level == "emergency"
    assert any("breathing or swallowing" in step for step in found.first_steps)


@pytest.mark.parametrize(
    "text",
    [
        # Blind set m51's over-calls, each the same day or the emergency number before.
        "Posture is terrible, always slumped over the table at dinner. 10 yrs old. Is there a "
        "cushion or chair thing that helps?",
        "his OT suggested pencil grips but which ones work for bendy fingers? he collapses his "
        "thumb joint when he writes",
        "I can't stand the bickering between my two anymore, how do I get them to share",
        "eczema all over her hands, cracked and sore, what cream works",
        "what's the best way to practice using a knife with a 5 year old without them cutting "
        "themselves",
        "Baby has torticollis, always turns her head to the right and cries if we try to turn "
        "it the other way. She's 10 weeks. The GP said stretches",
        "my 8 year old gets tired so quickly on walks, after 10 mins he's begging to be carried "
        "and says his legs hurt. his friends run around for hours",
        "what temperature counts as a fever for a newborn? asking before ours arrives next month",
        "when he cries really hard he holds his breath for a sec then gasps, goes red in the "
        "face, 14mo, then totally fine. is that the breath holding thing?",
        "my husband choked on a bit of steak last night, I did back blows and it came out, he's "
        "fine. so anyway our 8mo is starting BLW, what shapes are safest",
        "the 2 year old jumped off the sofa and landed on his face, tiny cut on his lip, bled a "
        "bit and stopped straight away, he's eating an ice lolly now happy as larry",
        "lol my 5yo says his legs are broken every time I ask him to walk to school. he runs "
        "fine in the park",
        "she's 5 and breathes really fast after running round the park, settles in a minute or "
        "two, that's normal exercise breathing right?",
        "twins (4) wrestle constantly and one always ends up crying, no injuries just drama. "
        "also one has started walking on his toes when excited",
        "why does my 1 month old grunt so much when she's asleep? she's pink, feeding well, no "
        "temp, breathing otherwise fine, it's just loud",
        "had a seizure myself yesterday (I'm epileptic), partner is looking after the kids. any "
        "quiet motor games for a 3yo I can do from the sofa?",
        "my 10 month old had a rash last week with a cold, it faded when I did the glass test "
        "and went in 2 days. now she's only crawling backwards, is that normal?",
        "no vomiting, no drowsiness, he's just got a massive bruise on his shin from the "
        "trampoline, 6yo, already bouncing again",
        "he can not stand yet, his legs buckle when I stand him up, 10 months",
    ],
)
def test_session_51_look_alikes_are_not_urgent(text: str) -> None:
    assert assess(text, None, examples=NO_EXAMPLES).level not in ("emergency", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        # Figures and everyday words that no longer earn the safety net either.
        "our dog keeps jumping up at the baby when she's on her playmat, how do we train him "
        "out of it",
        "so tired of telling my 7yo to sit up straight, is it a muscle thing or just habit",
    ],
)
def test_session_51_everyday_words_get_no_safety_net(text: str) -> None:
    assert assess(text, None, examples=NO_EXAMPLES).level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # What the look-alikes' words must not lose.
        ("he was slumped over and wouldnt respond", "emergency"),
        ("she is 13 and has been cutting herself when she feels sad", "urgent"),
        ("he's choking on a grape and I did back blows", "emergency"),
        ("he refuses to walk and says his leg hurts", "urgent"),
        (
            "since Sunday she keeps her head tilted to the right and cries when I straighten it",
            "urgent",
        ),
        ("after running he is breathing really fast and it is not settling", "emergency"),
        ("my 3 week old grunts with every breath when asleep and is not feeding", "emergency"),
        ("he has suddenly started walking on his toes and says his leg hurts", "urgent"),
        ("since yesterday he gets tired on walks, begs to be carried and his leg hurts", "urgent"),
        ("her arm went weak suddenly after she fell off the slide", "urgent"),
        # A floppy head is every newborn's.
        ("my newborn's head is so floppy, how do i hold her", None),
        # Its paediatric review: the exceptions give way to the child's own danger.
        (
            "playing with the dog he choked on a treat and I had to slap his back hard to get it "
            "out",
            "emergency",
        ),
        (
            "I was on the phone to my mum, he choked on a grape and I had to do back blows",
            "emergency",
        ),
        (
            "he suddenly slumped over the dinner table and we couldn't get a response from him",
            "emergency",
        ),
        (
            "fell off the trampoline, wrist swollen and tender but already back playing on it",
            "urgent",
        ),
        ("bumped his head on the table at lunch, he's been sick as a dog since", "emergency"),
        (
            "she hit her head on the radiator and has been travel sick ever since we got in the "
            "car",
            "emergency",
        ),
        (
            "after football his breathing is really fast and it doesn't seem to slow down even "
            "after half an hour sitting, he's wheezy",
            "emergency",
        ),
        ("his leg is broken and bleeding, you can see the bone", "emergency"),
        ("ankle is swollen and he says it hurts every time he puts his foot down", "urgent"),
        (
            "suddenly started walking on his toes when running and won't put his heel down",
            "urgent",
        ),
        ("he can't stand up, his legs keep buckling", "urgent"),
        (
            "I had a seizure myself last year, now my son just had a fit for the first time and "
            "he's still drowsy",
            "emergency",
        ),
    ],
)
def test_session_51_neighbours_keep_their_level(text: str, level: str | None) -> None:
    assert assess(text, None, examples=NO_EXAMPLES).level == level


@pytest.mark.parametrize(
    "text",
    [
        # Blind set m51: an asthma attack told by the words a child can manage is breathlessness,
        # answered with the inhaler; back blows are for a blocked airway.
        "pls help hes 3 and purple round the mouth and cant talk between breaths, his inhaler "
        "isnt doing anything",
        "asthma attack, blue inhaler not helping after 10 puffs, can't talk in full sentences, "
        "9yo",
    ],
)
def test_session_51_an_asthma_attack_is_not_answered_with_back_blows(text: str) -> None:
    found = assess(text, None, examples=NO_EXAMPLES)
    assert found.level == "emergency"
    steps = " ".join(found.first_steps)
    assert "inhaler" in steps
    assert "back blows" not in steps


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Too breathless to talk is still the emergency number; a speech worry in the same
        # words is not.
        ("he's wheezing and can't talk in full sentences", "emergency"),
        ("my 3 year old cant talk in full sentences, is that a delay", None),
    ],
)
def test_session_51_too_breathless_to_talk(text: str, level: str | None) -> None:
    assert assess(text, None, examples=NO_EXAMPLES).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Session 52's review: a pulse that cannot be found is a collapse (it was matched to a
        # weak grip); the parent's own fright and a heart checked fine are not.
        ("15yo just dropped on the football pitch, no pulse we think, what do we do", "emergency"),
        ("cant find a pulse on my son hes collapsed", "emergency"),
        ("the nurse said there is no pulse problem, his heart is fine", None),
        ("my heart stopped when she fell but she got up laughing", None),
    ],
)
def test_session_52_a_child_with_no_pulse(text: str, level: str | None) -> None:
    assert assess(text, None, examples=NO_EXAMPLES).level == level


@pytest.mark.parametrize(
    ("text", "age", "level"),
    [
        # Blind set m52: a neck hurt after a sport, then hands that feel funny or a head held
        # still; the same words about tired legs after trampolining are not.
        (
            "haha he's such a drama queen, said his neck hurt after trampolining, now says his "
            "hands feel funny and he won't move his head",
            84,
            "emergency",
        ),
        ("trampolining makes his legs feel heavy after, he is 6, is that normal", None, None),
        # Weakness climbing to a weak, breathy voice (NHS Guillain-Barre: 999).
        (
            "my 5yo started walking funny on tuesday, then couldn't climb the stairs, now he "
            "can't stand up at all and his voice sounds weak and breathy. had a tummy bug last "
            "week",
            60,
            "emergency",
        ),
        ("my daughter has CP and cant stand, her voice is quite weak too, what helps", None, None),
        # Lips still bluish after choking; a bruise's purple is not a colour change.
        (
            "she choked on a grape, we got it out but she keeps coughing and her lips still look "
            "a bit bluish??",
            18,
            "emergency",
        ),
        (
            "his sister slammed the door on his fingers, they're swollen and purple and one is "
            "cut open",
            None,
            "urgent",
        ),
        # Drying out with cold hands (NICE CG84: signs of shock).
        (
            "18mo has had diarrhoea about 12 times today, no wee since this morning, eyes look "
            "sunken and his hands are cold",
            18,
            "emergency",
        ),
        # Over-calls: floppy only in a deep sleep, a doctor's check the day after a fall, a dead
        # leg laughed off, a broken leg in a game of doctors.
        (
            "when she's in a deep sleep she goes floppy like a rag doll lol, totally normal "
            "right? she's all go when awake",
            8,
            None,
        ),
        (
            "she fell off the bed yesterday, cried for a minute, GP saw her this morning and said "
            "she's fine. can she nap normally today?",
            10,
            None,
        ),
        (
            "kid fell asleep in the car and woke up with a dead leg, couldn't walk for a minute, "
            "laughed it off and now running around",
            60,
            "safety_net",
        ),
        (
            "my 2yo plays doctors and pretends his leg is broken, hops around moaning",
            24,
            "safety_net",
        ),
    ],
)
def test_session_52_blind_set(text: str, age: int | None, level: str | None) -> None:
    assert assess(text, age, examples=NO_EXAMPLES).level == level


@pytest.mark.parametrize(
    ("text", "age", "level"),
    [
        # Losses told beside a break, a fortnight or a skill had at an age (CDC act early: a
        # lost skill is the same day).
        (
            "stopped babbling and stopped pulling up to stand, 13 months, both happened over "
            "the summer",
            13,
            "urgent",
        ),
        (
            "He's 2 and was such a confident runner and climber, now over the last fortnight he's "
            "falling a lot and won't climb, wants carrying all the time, any activities to build "
            "his confidence?",
            24,
            "urgent",
        ),
        (
            "My 8 month old was sitting by himself at 6 months but this past month he keeps "
            "toppling over and won't even try",
            8,
            "urgent",
        ),
        # A break still stands down a practised skill.
        ("she forgot how to ride her bike over the summer", 60, None),
        # Blue lips after the cold: hypothermia (NHS), not the breathing sign alone.
        (
            "she came out of the sea freezing cold and her lips are blue and she's shivering",
            48,
            "emergency",
        ),
        # Croup's noise only when crying is the same day (NHS croup).
        ("barky cough at night, noisy breathing when crying but quiet when calm, 2", 24, "urgent"),
        # Over-calls: questions, a carried auto-injector, figures of speech, a habit, a low bed.
        (
            "is there a list of poisonous houseplants? we just moved and he's 14 months, puts "
            "everything in his mouth",
            14,
            "safety_net",
        ),
        (
            "what are the signs a kid has swallowed a button battery? we have loads in the house "
            "and my 2yo gets into everything",
            24,
            "safety_net",
        ),
        (
            "we had an allergy scare last month and now carry an epipen, how do I teach nursery "
            "staff to use it? btw her climbing is going great, she's 3",
            36,
            None,
        ),
        (
            "she collapsed into bed exhausted after the party. she's 5, should she be able to hop "
            "on one foot yet?",
            60,
            None,
        ),
        (
            "goes like a rag doll when she falls asleep on me, is that normal? awake she's strong "
            "and sits with support, 6 months",
            6,
            None,
        ),
        (
            "rolled off our low floor bed (about a foot high) last night, cried, fed, slept, "
            "totally fine this morning. 7 months",
            7,
            None,
        ),
        # ... but a fall followed by a change stays.
        (
            "baby had a fall off the sofa yesterday, seemed fine, now today she's a bit more "
            "irritable and off her feeds",
            None,
            "emergency",
        ),
        # Set r31a's over-calls: scissoring legs, a saturation that was an age, a side compared,
        # new sneakers, a head held tilted in photos.
        (
            "prem baby, her legs go stiff and cross over when I hold her up under the arms",
            None,
            "safety_net",
        ),
        (
            "ex 26 weeker with chronic lung disease, on home oxygen till recently, 13 months "
            "corrected and just sitting. what comes next",
            None,
            None,
        ),
        (
            "erbs palsy from birth, his right arm is weaker, any exercises to do at home?",
            None,
            None,
        ),
        ("new sneakers and he's falling over more, could it be the shoes", None, None),
        ("he holds his head tilted to one side in every single photo", None, None),
        # ... while a new weakness of one side stays.
        ("her left arm is weaker since yesterday", None, "emergency"),
    ],
)
def test_session_54_blind_sets(text: str, age: int | None, level: str | None) -> None:
    assert assess(text, age, examples=NO_EXAMPLES).level == level
