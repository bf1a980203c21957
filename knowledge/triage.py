"""Safety triage: decide, before any fuzzy matching, whether a message is an emergency.

The matcher's scores can never outvote this module: a parent who writes "he is having a
seizure" must be told to call emergency services even if the message also mentions crawling.
Rules are regular expressions over normalised text, after the few words that matter most here
have been spelling-corrected (parents in a panic type "siezure", "unconsious", "batery").
When a rule is ambiguous it errs towards the more urgent answer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from knowledge.normalize import normalize, word_list, word_set

Triage = Literal["emergency", "urgent", "concern", "out_of_scope"]

#: Words worth spelling-correcting for triage; misspellings of them are mapped back.
_KEYWORDS: tuple[str, ...] = word_list(
    """
    seizure seizures seizing convulsing convulsion convulsions epileptic breathing breathe
    unconscious unresponsive responding responsive battery batteries magnet magnets swallowed
    poisoning poisoned medicine medication bleeding vomiting vomited drowsy sleepy choking
    concussion suddenly sudden regression regressing weakness limping dragging stopped anymore
    collapsed fainted floppy
    """
)
#: Real words that sit within spelling distance of a keyword and must not be "corrected".
_PROTECTED = word_set(
    "cooking looking booking stepped stopper magic breath bleaching batter medium seeing "
    "seating sizing setting seizes painted tainted responsible blending breeding seeding"
)

_NEG = r"(?<!\bno )(?<!\bnot )(?<!\bnever )(?<!\bwithout )(?<!\bany )"

#: Things a child must not swallow or drink.
_HAZARD = (
    r"\b(batter\w*|button cell|coin cell|magnets?|medicine|medication|pills?|tablets?|bleach"
    r"|detergent|laundry (pod|capsule|liquid)s?|dishwasher|washing up liquid|dish soap"
    r"|chemicals?|cleaner|cleaning|poison\w*|alcohol|vape|e liquid|nicotine|perfume|cologne"
    r"|mouthwash|antifreeze|paraffin|lamp oil|white spirit|nail polish|essential oil"
    r"|sanitizer|sanitiser|paracetamol|ibuprofen|calpol|vitamins|iron tablets)\b"
)

_STIFF_NECK = r"\b(stiff neck|neck (\w+ ){0,2}stiff)\b"

_EMERGENCY: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # Seizures.
        _NEG + r"\b(seizures?|seizing|seized|convulsions?|convulsing|convulsed|epileptic fit)\b",
        r"\b(having|had|has|is having|in) (a )?(fit|seizure)\b(?! of)",
        r"\b(is|was|been|keeps|started|kept) (fitting|jerking and (not|un)\w*)\b",
        r"\beyes (rolled|rolling|rolls) (back|up)\b",
        r"\b(shaking|jerking|twitching) (all over|uncontrollabl\w*|and (not|un)respon\w*)",
        # Breathing.
        _NEG + r"\b(not|stopped|stop|can not|could not|struggling to|trouble|difficulty|hard to"
        r"|unable to|barely|cannot) (\w+ )?(breath\w*)\b",
        r"\b(breathing|breath) (stopped|has stopped|is weird|funny|fast and)\b",
        r"\b(lips?|face|skin) (\w+ ){0,2}(blue|purple|grey|gray)\b",
        r"\b(blue|purple|grey|gray) (around|round|in) (the |his |her )?(mouth|lips|face)\b",
        r"\b(turn\w*|went|gone|going) (blue|purple|grey|gray)\b",
        _NEG + r"\b(is|was|started) choking\b",
        r"\bchoking (on|and|now)\b",
        r"\bgasping\b",
        # Consciousness.
        _NEG + r"\b(unconscious|unresponsive|passed out|fainted|collapsed|lifeless)\b",
        r"\b(not|is not|stopped) (responding|responsive|waking)\b",
        r"\b(will not|can not|could not|would not|does not) (wake|be woken|respond)\b",
        r"\b(went|gone|suddenly|go|goes) (limp|floppy) and\b",
        r"\b(went|gone) (all )?(limp|floppy)\b",
        # Head injury with warning signs.
        r"\b(concussion|head injury|skull fracture|fractured skull)\b",
        # Swallowed something dangerous.
        r"\b(swallow\w*|ate|eaten|ingest\w*|drank|drunk|chewed|mouthed|in (his|her) mouth)"
        r" .{0,40}" + _HAZARD,
        _HAZARD + r".{0,40}\b(swallow\w*|ate|eaten|in (his|her) mouth|drank|drunk)\b",
        r"\b(button|coin|lithium) (cell|battery|batteries)\b",
        r"\b(poison\w*|overdose\w*)\b",
        # Bleeding, allergy, drowning, stroke-like signs, meningitis signs.
        r"\bbleed\w* .{0,30}\b(will not stop|not stop\w*|heavily|badly|a lot|lots|everywhere"
        r"|spurting|pouring)\b",
        r"\b(heavy|severe|serious|uncontrolled|lots of|so much) (bleeding|blood)\b",
        r"\bblood (\w+ )?(everywhere|pouring|spurting|will not stop|not stopping)\b",
        r"\b(face|lips?|tongue|throat|mouth) (\w+ ){0,2}(swell\w*|swollen)\b",
        r"\bswollen (face|lips?|tongue|throat)\b",
        r"\banaphyla\w*\b",
        r"\bdrown\w*\b",
        r"\b(face|mouth|smile) (\w+ ){0,2}droop\w*\b",
        r"\bslurr\w*\b",
        r"\belectric (shock|socket)\b",
        _STIFF_NECK + r".{0,60}\b(fever|temperature|temp|rash|hot|vomit\w*)\b",
        r"\b(fever|temperature|temp)\b.{0,60}" + _STIFF_NECK,
        r"\brash\b.{0,40}\b(does not|will not|not) fade\b",
    )
)

_HEAD_HIT = re.compile(
    r"\b(fell|fall\w*|hit|hitting|bump\w*|bang\w*|knock\w*|smack\w*|land\w*|dropped|whack\w*)"
    r"\b.{0,40}\bhead\b|\bhead\b.{0,20}\b(hit|bump\w*|bang\w*|injur\w*|knock\w*|first)\b"
)
_HEAD_WARNING = re.compile(
    r"\b(vomit\w*|throw\w* up|threw up|being sick|been sick|puk\w*|drows\w*|sleepy|very tired"
    r"|so tired|confus\w*|dazed|dizzy|not acting|not himself|not herself|unsteady|wobbl\w*"
    r"|blood|bleed\w*|fluid|pupils?|wake|lump|crying non stop|not making sense)\b"
)

_MOTOR_VERB = (
    r"(walk|crawl|sit|stand|roll|use|using|reach|grab|hold|pick|climb|run|jump|draw|writ|pull"
    r"|cruis|mov|lift|kick|bear|feed|play|talk|babbl|smil|point|wav|clap|stack|scribbl"
    r"|push|grasp|catch|throw|dress|button|zip|eat|hop|skip|ride|pedal)\w*"
)

#: When a new problem appeared: "suddenly", "since yesterday", "overnight"...
_SUDDEN = (
    r"\b(sudden\w*|overnight|out of nowhere|all of a sudden|since (yesterday|this morning"
    r"|last night|last week|\w+day)|this morning|last night|woke up|(than|since) last week"
    r"|(past|last|for a) few days|this week)\b"
)
#: A loss of strength or use, as parents describe it.
_WEAKNESS = (
    r"\b(weak\w*|limp\w*|dragg\w*|not using|will not use|can not use|does not use|not moving"
    r"|will not move|can not move|wobbl\w*|unsteady|clums\w*|falling|floppy|droop\w*"
    r"|can not walk|will not walk|not walking|refus\w* to walk|not bear\w*|one side|tripping"
    r"|stumbl\w*|walk\w* (funny|strange\w*|weird\w*|oddly|differently)|off balance)\b"
)

_URGENT: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # Lost skills.
        r"\bused to\b.{0,60}\b(now|but|anymore|any more|no longer|stopped|not)\b",
        r"\bno longer\b.{0,30}\b" + _MOTOR_VERB,
        r"\b" + _MOTOR_VERB + r"\b.{0,40}\b(anymore|any more|no more)\b",
        r"\b(stopped|quit|stops|has stopped|suddenly stopped) (\w+ ){0,2}" + _MOTOR_VERB,
        r"\b(lost|losing|loses|lose) (\w+ ){0,2}(skills?|abilit\w*|use of|strength|words)\b",
        r"\b(lost|losing) (the |his |her |some |all )?" + _MOTOR_VERB,
        r"\b(forgot|forgotten|forgetting) how to\b",
        r"\b(going|gone|went|moving) backwards?\b",
        r"\b(regress\w*|regression)\b",
        r"\bwas " + _MOTOR_VERB + r"\b.{0,50}\bnow\b.{0,20}\b(not|only|back|can not|will not)\b",
        r"\b(went|gone|going) back to " + _MOTOR_VERB,
        r"\b(could|was able to|were able to)\b.{0,50}\b(before|last (week|month))\b.{0,30}\bnow\b",
        r"\bcould " + _MOTOR_VERB + r"\b.{0,50}\b(now|but|anymore)\b.{0,20}\b(not|can not)\b",
        # Sudden weakness, limp, loss of use.
        r"\blimping\b|\b(a|new|has a|with a|started to|begun to|began to) limp\b",
        _SUDDEN + r".{0,60}" + _WEAKNESS,
        _WEAKNESS + r".{0,40}" + _SUDDEN,
        r"\b(started|starting|begun|began) (\w+ )?(limping|dragging|tripping|stumbling)\b",
        r"\b(new|sudden) (weakness|limp|clumsiness|wobbl\w*|tremor|shak\w*)\b",
    )
)

_SMALL_TALK = word_set(
    """
    hi hello hey hiya yo heya helo hallo good morning afternoon evening night thanks thank you
    so much ok okay cool great nice bye goodbye cheers yes no yeah yep nope sure lol haha test
    testing bot sprout there start stop help menu who are what is this how are doing fine
    awesome perfect appreciate it that s all a lot very kind amazing love lovely brilliant
    """
)

_OFF_TOPIC = re.compile(
    r"\b(sleep\w*|nap|naps|napping|bedtime|bed time|wak\w*|wake|woke|cot|crib|dark"
    r"|milk|formula|ounces|oz|bottles?|breastf\w*|breast feeding|nursing|wean\w*|solids|puree\w*"
    r"|picky eat\w*|fussy eat\w*|how much (should|does|do)|rash\w*|eczema|spots|fever\w*"
    r"|temperature|cough\w*|cold|flu|snot\w*|runny nose|ear infection|teeth|teething|tooth"
    r"|vaccin\w*|jabs?|shots|diaper\w*|nappy|nappies|poop|poo|constipat\w*|diarrh\w*|potty"
    r"|toilet|tantrums?|meltdowns?|hitting|biting|discipline|behaviou?r|screen time|weight"
    r"|percentile|height|colic|reflux|spit\w* up|allerg\w*|talk\w*|words?|speech|speak\w*"
    r"|say\w*|stutter\w*|lisp|language"
    r"|eat|eats|eating|food|foods|vegetables?|veg|fruits?|breakfast|lunch|dinner|snacks?|meals?"
    r"|reading|read|maths?|homework|daycare|nursery fees|birthday|gift"
    r"|recipe|weather|jokes?|name ideas?|pregnan\w*|sibling|jealous\w*|lunch ideas?|vitamins?"
    r"|iron|cry\w* at night|screaming|shy\w*|friends?|sharing)\b"
)
#: Words that show the message is about movement after all ("talks but cannot hold a pen").
_MOTOR_HINT = re.compile(
    r"\b(hands?|fingers?|thumb|arms?|legs?|feet|foot|toes?|tiptoe\w*|walk\w*|crawl\w*|sit\w*"
    r"|stand\w*|roll\w*|grip\w*|grasp\w*|hold\w*|pencil|crayon\w*|pen|scissors|buttons?|zip\w*"
    r"|spoon|fork|utensils?|draw\w*|writ\w*|handwriting|jump\w*|run|runs|running|climb\w*|stairs|balanc\w*"
    r"|ball|bike|trike|clums\w*|fall\w*|fell|tummy|head control|muscles?|tone|floppy|stiff"
    r"|motor|coordinat\w*|wobbl\w*|tremor|shak\w*|pincer|blocks?|stack\w*|catch\w*|throw\w*"
    r"|kick\w*|posture|slouch\w*|core|therap\w*|dress\w*|shoes?|laces?|cerebral|palsy|autis\w*"
    r"|adhd|dyspraxi\w*|dcd|down syndrome|dystroph\w*|arthritis|premature|prem|preemie|typing"
    r"|keyboard|video games?|controller|cutlery|finger food|self feed\w*|feed (him|her)self"
    r"|grab\w*|reach\w*|pick\w* up|scoot\w*|cruis\w*|bottom shuff\w*|flat head|lopsided"
    r"|one side\w*|weak\w*|strength|strong|scribbl\w*|colou?ring|cutting|lego"
    r"|puzzles?|playground|swing|slide|hop\w*|skip\w*|pedal\w*|steps|step|lift\w*|push\w*"
    r"|pull\w*)\b"
)


@lru_cache(maxsize=8192)
def _correct(word: str) -> str:
    if len(word) < 5 or word in _PROTECTED:
        return word
    found = process.extractOne(word, _KEYWORDS, scorer=fuzz.ratio, score_cutoff=84)
    return found[0] if found else word


def triage_text(text: str) -> str:
    """The normalised text triage reads: key safety words spelling-corrected."""
    return " ".join(_correct(word) for word in normalize(text).split())


def _is_small_talk(words: list[str]) -> bool:
    return not words or all(word in _SMALL_TALK for word in words)


def triage(text: str) -> Triage:
    """Classify a parent's message; emergency and urgent are final, whatever matching says.

    ``out_of_scope`` here means small talk, or another topic (sleep, feeding, fever...) with
    no sign of movement in the message; the matcher may still find nothing close enough and
    call a ``concern`` out of scope too.
    """
    corrected = triage_text(text)
    if any(pattern.search(corrected) for pattern in _EMERGENCY):
        return "emergency"
    if _HEAD_HIT.search(corrected) and _HEAD_WARNING.search(corrected):
        return "emergency"
    if any(pattern.search(corrected) for pattern in _URGENT):
        return "urgent"
    if _is_small_talk(corrected.split()):
        return "out_of_scope"
    if _OFF_TOPIC.search(corrected) and not _MOTOR_HINT.search(corrected):
        return "out_of_scope"
    return "concern"
