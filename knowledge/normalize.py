"""Text normalisation shared by triage and matching.

Parents type on phones: capitals, accents, missing apostrophes ("isnt", "hes"), text-speak
("u", "cuz") and ages written every possible way ("4yo", "15 month old", "2 yrs"). Both the
knowledge base phrasings and the query go through the same functions so that these surface
differences never reach the scorers. Everything here is pure (no I/O) and cheap enough to run
on every message.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def word_list(words: str) -> tuple[str, ...]:
    """Words from a whitespace-separated string (keeps long word tables readable)."""
    return tuple(words.split())


def word_set(words: str) -> frozenset[str]:
    """A set of words from a whitespace-separated string."""
    return frozenset(word_list(words))


#: Contractions, with and without the apostrophe (apostrophes are removed before lookup).
#: Only forms that are not also ordinary words are expanded without one ("its", "well",
#: "were", "ill", "id" stay as they are).
_CONTRACTIONS: dict[str, str] = {
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "cant": "can not",
    "cannot": "can not",
    "couldnt": "could not",
    "wont": "will not",
    "wouldnt": "would not",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "hasnt": "has not",
    "havent": "have not",
    "hadnt": "had not",
    "shouldnt": "should not",
    "aint": "is not",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "youre": "you are",
    "im": "i am",
    "ive": "i have",
    "weve": "we have",
    "theyve": "they have",
    "youve": "you have",
    "thats": "that is",
    "whats": "what is",
    "theres": "there is",
    "lets": "let us",
    "gonna": "going to",
    "wanna": "want to",
    "dunno": "do not know",
}

#: Text-speak and common shorthand, mapped to the words the knowledge base uses.
_SHORTHAND: dict[str, str] = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "b4": "before",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "cos": "because",
    "bcos": "because",
    "bcoz": "because",
    "bcz": "because",
    "becoz": "because",
    "wen": "when",
    "abt": "about",
    "w": "with",
    "wo": "without",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "ty": "thank you",
    "tho": "though",
    "smth": "something",
    "sth": "something",
    "ds": "son",
    "dd": "daughter",
    "lo": "baby",
    "bub": "baby",
    "bubs": "baby",
    "kiddo": "child",
    "kid": "child",
    "kids": "children",
    "ot": "occupational therapy",
    "pt": "physical therapy",
    "physio": "physical therapy",
    "physiotherapy": "physical therapy",
    "physiotherapist": "physical therapist",
    "ped": "pediatrician",
    "paed": "pediatrician",
    "peds": "pediatrician",
    "doc": "doctor",
    "dr": "doctor",
    "hv": "nurse",
}

#: Number words that start an age ("two year old"); elsewhere "one" stays a word ("one hand").
_NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        word_list(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
} | {"thirty": 30}

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc`´']")
#: Everything but letters, digits and the decimal point of "3.5 years" becomes a space.
_NON_WORD = re.compile(r"[^a-z0-9.]+|(?<![0-9])\.|\.(?![0-9])")

#: "4yo", "15 month old", "2 yrs", "18mo", "3.5 years", "2 and a half years", "9m", "22 m/o",
#: "2 n half yr old"; "turns 3 (next month)" and "is 3 and a half" are ages in years too, but
#: "turning one eye in" or "turned one foot out" is not an age.
_AGE = re.compile(
    r"\b(?:(?P<num>\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?P<half>\s+(?:and|n)\s+(?:a\s+)?half)?[\s-]*"
    r"(?P<unit>m o|y o|y|yo|yos|yr|yrs|year|years|m|mo|mos|mon|mth|mths|mnth|mnths|month|months)\b"
    r"(?:[\s-]+olds?\b)?"
    r"|(?P<turns>turns|turning|turned|turn) (?P<tnum>\d+|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?P<thalf> and a half)?\b"
    r"(?! (?:eyes?|foot|feet|legs?|hands?|arms?|side|way|knees?|ears?|toes?)\b)"
    r"(?: next (?:month|week|year))?"
    r"|(?<=\bis )(?P<inum>\d+|" + "|".join(_NUMBER_WORDS) + r") and a half\b)"
)
#: Marks the canonical age token "<n> months" so matching can drop it.
AGE_TOKEN = re.compile(r"\b\d+ months\b")

#: Words that carry no meaning for matching a motor concern.
STOPWORDS: frozenset[str] = word_set(
    """
    a an the and or but if so of to in on at by for from with about as into than then this that
    these those there here it its is are was were be been being am do does did doing have has
    had having i me my mine we our us you your he him his she her hers they them their what
    which who whom when where why how can could would should will shall may might must just
    very really quite still also too much many some any all more most even ever yet now
    please thanks thank hi hello hey help helping know think wonder wondering worried worry
    worrying concerned concern normal okay ok lot lots bit little kind sort like get gets
    getting got go going goes went seem seems seemed thing things way ways tell anyone advice
    question child children son daughter baby toddler boy girl kiddo months month years year
    old age aged since around almost nearly himself herself myself themselves own each every
    day days week weeks today yesterday morning night always sometimes often usually never
    long before after while during until again already soon later ago make makes made put puts
    take takes took want wants wanted need needs needed try tries tried trying keep keeps kept
    start starts started say says said see saw look looks looked feel feels felt seems mean
    means one two first second other another else same different something anything nothing
    everything someone everyone people mum mom dad mummy mommy daddy parent parents husband
    wife family teacher doctor nurse school class preschool nursery daycare house yes
    well back able unable ok sure maybe probably definitely actually literally basically next
    mother father grandma grandmother granny nana nanny grandad grandpa grandfather grandson
    granddaughter grandchild grandparents sister brother sibling siblings cousin cousins aunt
    auntie uncle friend friends twin twins because though although
    good better improve improving improvement mention mentioned ask asked asking check checked
    happen happens happened stuff enough expect expected upset frustrated
    frustrating frustration trouble troubles difficult difficulty difficulties issue issues
    suggest suggestion suggestions advise advised notice noticed told sorry completely totally
    exactly honestly genuinely constantly seriously super true related cause causes compare
    compared comparing reckon reckons apparently arvo afternoon evening weekend weekends
    everywhere anywhere somewhere encourage encouraging practise practice best teach teaching
    exercise exercises exercising lol haha buy buying learn learns learning hope hoping
    hoped hopefully
    """
)

#: Phrases that look like motor words but are not about movement ("will he catch up"; a
#: "first time mum" is not about the time of tummy time; "gives up straight away" is not
#: sitting up straight, and a parent who works from home is no heavy work).
_IDIOMS = re.compile(
    r"\b(catch up|keep up|all the time|at all|on (his|her|their) own|by (him|her)self"
    r"|first time (mum|mom|mother|dad|parent)|no problems?|not a problem|no issues?|not sure"
    r"|no idea|no worries|straight away|right away|work(s|ing)? from home)\b"
)

#: Negations stay in the text: "not walking" must not read as "walking".
NEGATIONS: frozenset[str] = frozenset({"not", "no", "never", "nor", "without"})


#: "w" is text-speak for "with", except as the letter of "W sitting" ("sits in a W", "sits in
#: W", "W shape", "that W way").
_W_BEFORE = word_set("a in")
_W_SHAPE = word_set("sit sits sitting sitter shape shaped position positions way")


#: "he's been", "she's stopped", "that's gone": the "'s" of a perfect tense is "has", not "is",
#: so "he's been fine since" reads as "he has been fine since" wherever "has been" is looked
#: for. Only participles that are not also adjectives ("he's tired" stays "he is tired"); "it's"
#: is left as "its" by the word map, so "it" matters only when "it is been" is typed out.
_PERFECT_S = re.compile(
    r"\b(he|she|it|that|there|who|what) is (?=(been|got|gotten|had|stopped|lost|started|gone"
    r"|become|begun|swallowed|fallen|vomited|eaten|taken)\b)"
)


def _expand_word(word: str) -> str:
    return _CONTRACTIONS.get(word) or _SHORTHAND.get(word) or word


def _age_to_months(match: re.Match[str]) -> str:
    num = match.group("num") or match.group("tnum") or match.group("inum")
    half = match.group("half") or match.group("thalf") or match.group("inum")
    value = float(_NUMBER_WORDS.get(num, num)) + (0.5 if half else 0.0)
    unit = match.group("unit") or "years"
    months = value * 12 if unit.startswith("y") else value
    return f"{round(months)} months"


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Canonical form: lowercase ASCII words, contractions expanded, ages as "<n> months".

    Cached because the same knowledge base phrasings and frequent queries recur.
    """
    folded = text.casefold()
    if folded.isascii():
        ascii_text = folded  # most messages: nothing to decompose, no accent to drop
    else:
        decomposed = unicodedata.normalize("NFKD", folded)
        ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    spaced = _NON_WORD.sub(" ", _APOSTROPHES.sub("", ascii_text))
    words = _AGE.sub(_age_to_months, spaced).replace(".", " ").split()
    if not words:
        return ""
    expanded = " ".join(
        w if w == "w" and (before in _W_BEFORE or after in _W_SHAPE) else _expand_word(w)
        for before, w, after in zip(["", *words[:-1]], words, [*words[1:], ""], strict=True)
    )
    return _PERFECT_S.sub(r"\1 has ", expanded)


#: British "-ise" spellings ("stabilise", "organising") meet the American "-ize" ones.
_BRITISH = re.compile(r"(?<=[a-z]{3})is(?=(?:e|es|ed|ing|ation|er|ers)$)")


def stem(word: str) -> str:
    """A deliberately light suffix stripper: plurals, -ing, -ed, a final e.

    Enough to make "buttons"/"buttoning"/"buttoned" and "write"/"writing" meet, without the
    over-merging of a full stemmer. Stems need not be words; they are only compared to stems.
    """
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    word = _BRITISH.sub("iz", word)
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # "grabbing" -> "grab", "stopped" -> "stop"
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def content_words(normalized: str) -> list[str]:
    """Words that carry meaning, as typed: no stopwords, ages, bare numbers or idioms.

    Negations are kept; whether they matter is the caller's decision.
    """
    text = _IDIOMS.sub(" ", AGE_TOKEN.sub(" ", normalized))
    return [
        w
        for w in text.split()
        if w not in STOPWORDS and stem(w) not in STOPWORDS and not w.isdigit()
    ]


def content_tokens(normalized: str) -> list[str]:
    """Stems of ``content_words``: what scoring compares."""
    return [stem(w) for w in content_words(normalized)]
