"""The danger-sign table: schema, loading and compilation of ``content/danger_signs.yaml``.

Clinical decisions about emergencies live in that file, with their sources, so a clinician can
review them in one place; this module only turns them into something fast to evaluate and
reports every mistake in them (``problems``), which ``parentbot knowledge check`` prints.
A concept's forms may name another concept as ``{id}``, which stands for all of its forms:
that is how "swallowed ... battery" is written once, however the battery is named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge import strict_yaml
from knowledge.literals import Alternatives, FormIndex, gram_counts, required_grams
from knowledge.normalize import normalize

DANGER_SIGNS_FILE = "danger_signs.yaml"
DEFAULT_PATH = Path(__file__).with_name("content") / DANGER_SIGNS_FILE

#: Concepts the engine itself reads: long ago, over now, a "what if", and "it is happening now"
#: (which overrides those three); "nothing has happened" overrides even that; a question on how
#: to tell a sign ("how do i know"), which like a "what if" stands down only the signs of its
#: own clause, not those a clause telling what the child is, has or did (``statement``) holds
#: or points back to ("my son has them": ``refers_back``); figures of speech ("laughed his head
#: off"), blanked out before any other concept is sought; a past treatment or diagnosis ("had
#: heart surgery as a baby"), whose past is not the sign's.
RESERVED_CONCEPTS = (
    "history",
    "background",
    "resolved",
    "hypothetical",
    "ongoing",
    "not_happening",
    "asking",
    "figurative",
    "statement",
    "refers_back",
)

#: ``safety_net``: a sign that needs no doctor today but has a first step the safety net alone
#: would not give (a small burn is cooled for 20 minutes): the safety net is answered, with it.
SignLevel = Literal["emergency", "urgent", "safety_net"]
#: What may stand a sign down to the safety net: it was long ago, or it is over now.
StandDown = Literal["history", "recovery"]

_REFERENCE = re.compile(r"\{([a-z_]+)\}")
#: A backreference or a conditional group: numbered groups of the whole pattern.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ConceptSpec(_Strict):
    """A sign as parents put it: surface forms (regular expressions over normalised text)."""

    forms: list[str] = Field(min_length=1)
    danger: bool = False
    under_months: int | None = Field(default=None, ge=1, le=24)
    whole_message: bool = False
    age_graded: bool = False


class RuleSpec(_Strict):
    """A rule written out, for one that needs more than its concepts: its own first step
    (one sign's rules may need different ones: a low blood sugar is not a suicide plan), its
    own ``unless`` concepts (added to the sign's), and an example that fires it, which the
    knowledge check runs to see that this rule's first step is the one given."""

    when: list[str] = Field(min_length=1)
    first_step: str = ""
    unless: list[str] = []
    example: str = Field(min_length=10)


class SignSpec(_Strict):
    """What concepts mean together, at which level, and on whose authority."""

    id: str
    level: SignLevel
    title: str = Field(min_length=10)
    rules: list[list[str] | RuleSpec] = Field(min_length=1)
    within: int | None = Field(default=None, ge=2)
    unless: list[str] = []
    stands_down_by: list[StandDown]
    first_step: str = ""
    #: Its first step comes before those of other signs found with it (choking: the back
    #: blows cannot wait behind "keep them upright").
    step_leads: bool = False
    #: Signs whose first step this one's replaces when both fire at its level: the breathing
    #: trouble a choking causes is mended by clearing the airway, not by sitting the child up
    #: with their inhaler, which would only hold the back blows up.
    step_replaces: list[str] = []
    #: The same relation told from the other side, where one sign's step gives way to many:
    #: the sips for a dried-out child give way to every sign that says nothing by mouth. Read
    #: into those signs' ``Sign.step_replaces`` when the table is loaded, so a clinician finds
    #: the whole list on the sign whose step yields.
    step_gives_way_to: list[str] = []
    #: Said first instead of the urgent level's own answer, where that answer would send the
    #: parent to the wrong person (a baby in the womb moving less: the maternity unit, not the
    #: child's doctor). Urgent signs only: an emergency's answer is always the call.
    answer: str = ""
    #: Its ``answer`` is for someone other than the child (a baby in the womb: the mother's
    #: midwife), so a child's same-day sign found with it still gets the level's whole answer
    #: (two people, two places); an answer for the child itself is followed only by when to
    #: call the emergency number, since a second place would contradict it.
    answer_for_another: bool = False
    #: Its sources say going straight to the emergency department is right (a swallowed
    #: battery or magnet, a burn): the emergency answer says so after "call now".
    department_ok: bool = False
    #: Its first step is said before the emergency answer, not after "call now": a child who
    #: cannot breathe needs the back blows at once, the call made on speaker meanwhile
    #: (Resuscitation Council UK); read in order, "call now" first had a parent dial first.
    step_before_call: bool = False
    #: For a sign about how the child moves, the knowledge entry its urgent answer leads to.
    topic: str = ""
    sources: list[str] = Field(min_length=1)
    note: str = ""
    examples: list[str] = Field(min_length=1)


class SafetyAnswers(_Strict):
    """What a parent is told at each level, before anything else, and on whose authority."""

    emergency: str = Field(min_length=40)
    #: Added to ``emergency`` when every emergency sign found has ``department_ok``.
    emergency_department: str = Field(min_length=40)
    urgent: str = Field(min_length=40)
    #: What follows a sign's own same-day answer (which already says where to go): only when
    #: to call the emergency number, not a second place that would contradict it.
    urgent_worse: str = Field(min_length=40)
    safety_net: str = Field(min_length=40)
    history: str = Field(min_length=40)
    sources: list[str] = Field(min_length=1)


class DangerSignsSpec(_Strict):
    answers: SafetyAnswers
    calm: list[str] = Field(min_length=1)
    concepts: dict[str, ConceptSpec]
    signs: list[SignSpec]


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    #: Its forms, any of which is the concept, searched only where their pieces are present.
    forms: Alternatives
    danger: bool
    under_months: int | None
    #: As an ``unless``, it cancels wherever it is said: it tells what the whole message is
    #: about (a tantrum, a doctor's diagnosis), not what one finding is (beetroot, a bite).
    whole_message: bool = False
    #: The signs place it by the child's age: with the age known, the learned second opinion
    #: leaves a message whose only danger concepts are these to the rules.
    age_graded: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """One way a sign holds; ``items`` hold alternatives: ``(("a",), ("b", "c"))``.

    ``first_step`` is the rule's own, or else its sign's; ``unless`` are the sign's and the
    rule's own; ``example`` is the message that must fire it (a rule written out only)."""

    items: tuple[tuple[str, ...], ...]
    first_step: str
    unless: tuple[str, ...]
    example: str | None = None


@dataclass(frozen=True, slots=True)
class Sign:
    """A compiled sign: any of its ``rules`` makes it fire."""

    id: str
    level: SignLevel
    title: str
    rules: tuple[Rule, ...]
    within: int | None
    unless: tuple[str, ...]
    stands_down_by: tuple[StandDown, ...]
    first_step: str
    step_leads: bool
    step_replaces: tuple[str, ...]
    answer: str
    answer_for_another: bool
    department_ok: bool
    step_before_call: bool
    topic: str
    sources: tuple[str, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DangerSigns:
    answers: SafetyAnswers
    calm: tuple[str, ...]
    concepts: dict[str, Concept]
    signs: tuple[Sign, ...]
    #: The concepts triage searches a message for (``_read``), in the file's order.
    searched: tuple[str, ...]
    #: Their forms by the pieces of text they need: which to search in a message.
    forms: FormIndex
    #: For each concept, the signs (by position) that may fire only when it is found: every
    #: rule of a sign names, in one of its items, concepts that key it here (``_keyed``).
    keyed: dict[str, frozenset[int]]
    #: The concepts a young enough child has by age alone (``under_months``).
    by_age: tuple[Concept, ...]
    #: Each concept's place in the file: triage looks for the concepts in this order.
    positions: dict[str, int]

    def in_order(self, names: Iterable[str]) -> list[Concept]:
        """The concepts ``names``, in the file's order: a message holds few of the hundreds,
        so triage visits only those its pieces allow (``forms.candidates``), in that order."""
        return sorted((self.concepts[name] for name in names), key=lambda c: self.positions[c.id])

    def candidates(self, found: Iterable[str]) -> frozenset[int]:
        """The signs (by position) that the concepts ``found`` may fire."""
        return frozenset().union(*(self.keyed.get(name, ()) for name in found))


class DangerSignsError(Exception):
    """The danger-sign file is malformed; ``problems`` lists every mistake found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _expand(concept_id: str, specs: dict[str, ConceptSpec], trail: tuple[str, ...]) -> str:
    """One alternation of a concept's forms, with ``{id}`` references expanded."""
    return "|".join("(?:" + form + ")" for form in _expanded_forms(concept_id, specs, trail))


def _expanded_forms(
    concept_id: str, specs: dict[str, ConceptSpec], trail: tuple[str, ...]
) -> list[str]:
    """A concept's forms, each with its ``{id}`` references expanded."""
    if concept_id in trail:
        raise DangerSignsError([f"concept {concept_id}: refers to itself via {' > '.join(trail)}"])
    spec = specs.get(concept_id)
    if spec is None:
        raise DangerSignsError([f"concept {trail[-1]}: refers to unknown concept {concept_id}"])
    expanded: list[str] = []
    for form in spec.forms:
        for piece in _top_level_alternatives(form):
            if (whole := _REFERENCE.fullmatch(piece)) is not None:
                expanded += _expanded_forms(whole[1], specs, (*trail, concept_id))
            else:
                expanded.append(
                    _REFERENCE.sub(
                        lambda m: "(?:" + _expand(m[1], specs, (*trail, concept_id)) + ")", piece
                    )
                )
    return expanded


def _top_level_alternatives(form: str) -> list[str]:
    """``form`` cut at each ``|`` outside any group or character class.

    Searched as separate forms (``Alternatives``), the pieces find what the whole alternation
    finds, and each can be skipped when a text lacks its own pieces (``FormIndex``): a concept
    written as the union of others (``{drowsy}|{poor_feeding}|...``) was one large pattern,
    searched in most messages because one branch needed only a common word. A form with a
    backreference or a conditional group is kept whole: its group numbers would change."""
    if _GROUP_REFERENCE.search(form):
        return [form]
    pieces: list[str] = []
    depth, start, index, in_class = 0, 0, 0, False
    while index < len(form):
        char = form[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1
            index += form.startswith("^", index)
            index += form.startswith("]", index)  # a leading "]" is a member, not the end
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            pieces.append(form[start:index])
            start = index + 1
        index += 1
    pieces.append(form[start:])
    return pieces


def _items(rule: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(item.split("|")) for item in rule)


def _rule(rule: list[str] | RuleSpec, sign: SignSpec) -> Rule:
    if isinstance(rule, RuleSpec):
        return Rule(
            items=_items(rule.when),
            first_step=rule.first_step or sign.first_step,
            unless=tuple(dict.fromkeys([*sign.unless, *rule.unless])),
            example=rule.example,
        )
    return Rule(_items(rule), sign.first_step, tuple(sign.unless))


def compile_signs(spec: DangerSignsSpec) -> DangerSigns:
    """Compile every concept; raise ``DangerSignsError`` on unknown names or bad patterns."""
    problems: list[str] = []
    concepts: dict[str, Concept] = {}
    samples = [*spec.calm, *(example for sign in spec.signs for example in sign.examples)]
    counts = gram_counts(normalize(sample) for sample in samples)
    for concept_id, concept in spec.concepts.items():
        try:
            written = _expanded_forms(concept_id, spec.concepts, ())
            forms = [re.compile(r"\b(?:" + form + r")\b") for form in written]
        except DangerSignsError as exc:
            problems.extend(exc.problems)
            continue
        except re.error as exc:
            problems.append(f"concept {concept_id}: not a valid pattern: {exc}")
            continue
        if any(re.fullmatch(form, "") for form in written):
            problems.append(f"concept {concept_id}: a form matches empty text")
            continue
        searched = Alternatives(tuple((form, required_grams(form, counts)) for form in forms))
        concepts[concept_id] = Concept(
            concept_id,
            searched,
            concept.danger,
            concept.under_months,
            concept.whole_message,
            concept.age_graded,
        )
    problems += [f"concept {name}: missing (the engine reads it)"
                 for name in RESERVED_CONCEPTS if name not in spec.concepts]  # fmt: skip
    seen: set[str] = set()
    signs: list[Sign] = []
    yielding: dict[str, list[str]] = {}
    for sign in spec.signs:
        for name in sign.step_gives_way_to:
            yielding.setdefault(name, []).append(sign.id)
    for sign in spec.signs:
        if sign.id in seen:
            problems.append(f"sign {sign.id}: id is used more than once")
        seen.add(sign.id)
        rules = [_rule(rule, sign) for rule in sign.rules]
        named = {name for rule in rules for item in rule.items for name in item}
        named |= {name for rule in rules for name in rule.unless}
        problems += [f"sign {sign.id}: unknown concept {name}"
                     for name in sorted(named - spec.concepts.keys())]  # fmt: skip
        if any(not rule.items for rule in rules):
            problems.append(f"sign {sign.id}: an empty rule would fire on every message")
        if sign.answer and sign.level != "urgent":
            problems.append(f"sign {sign.id}: an own answer is said at the urgent level only")
        if sign.level == "safety_net" and not all(rule.first_step for rule in rules):
            problems.append(f"sign {sign.id}: a safety-net sign is there for its first step")
        signs.append(
            Sign(
                id=sign.id,
                level=sign.level,
                title=sign.title,
                rules=tuple(rules),
                within=sign.within,
                unless=tuple(sign.unless),
                stands_down_by=tuple(sign.stands_down_by),
                first_step=sign.first_step,
                step_leads=sign.step_leads,
                step_replaces=(*sign.step_replaces, *yielding.get(sign.id, ())),
                answer=sign.answer,
                answer_for_another=sign.answer_for_another,
                department_ok=sign.department_ok,
                step_before_call=sign.step_before_call,
                topic=sign.topic,
                sources=tuple(sign.sources),
                examples=tuple(sign.examples),
            )
        )
    problems += [
        f"sign {sign.id}: {field} names unknown sign {name}"
        for sign in spec.signs
        for field, names in (
            ("step_replaces", sign.step_replaces),
            ("step_gives_way_to", sign.step_gives_way_to),
        )
        for name in names
        if name not in seen
    ]
    if problems:
        raise DangerSignsError(problems)
    read = _read(signs, concepts)
    return DangerSigns(
        answers=spec.answers,
        calm=tuple(spec.calm),
        concepts=concepts,
        signs=tuple(signs),
        searched=read,
        forms=FormIndex.build({name: concepts[name].forms for name in read}),
        keyed=_keyed(signs),
        by_age=tuple(concept for concept in concepts.values() if concept.under_months),
        positions={name: number for number, name in enumerate(concepts)},
    )


def _read(signs: list[Sign], concepts: dict[str, Concept]) -> tuple[str, ...]:
    """The concepts triage reads, in the file's order: those a rule or an ``unless`` names,
    those the engine reads itself, the dangers and those given by age. The others are only
    pieces of other concepts' forms (``{id}``, such as still_not_yet's sentence parts):
    searched in every message, they could change nothing."""
    named = {name for sign in signs for rule in sign.rules for item in rule.items for name in item}
    named |= {name for sign in signs for rule in sign.rules for name in rule.unless}
    named |= set(RESERVED_CONCEPTS)
    return tuple(
        name
        for name, concept in concepts.items()
        if name in named or concept.danger or concept.under_months is not None
    )


def _keyed(signs: list[Sign]) -> dict[str, frozenset[int]]:
    """Each rule keyed by the concepts of its smallest item: the rule holds only if one of
    them is found, so a sign none of whose keys is found cannot fire."""
    keyed: dict[str, set[int]] = {}
    for number, sign in enumerate(signs):
        for rule in sign.rules:
            for name in min(rule.items, key=len):
                keyed.setdefault(name, set()).add(number)
    return {name: frozenset(numbers) for name, numbers in keyed.items()}


def load_danger_signs(path: Path = DEFAULT_PATH) -> DangerSigns:
    """Read, validate and compile the danger-sign file."""
    try:
        raw = strict_yaml.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DangerSignsError([f"{path.name}: not valid YAML: {exc}"]) from exc
    try:
        spec = DangerSignsSpec.model_validate(raw)
    except ValidationError as exc:
        raise DangerSignsError(
            [f"{path.name}: {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        ) from exc
    return compile_signs(spec)


@cache
def default_danger_signs() -> DangerSigns:
    """The shipped danger signs, compiled once per process."""
    return load_danger_signs()


def source_problems(signs: DangerSigns, source_ids: Iterable[str]) -> list[str]:
    """Signs citing a source that ``sources.yaml`` does not define (for the knowledge check)."""
    known = set(source_ids)
    cited = [(f"sign {sign.id}", source) for sign in signs.signs for source in sign.sources]
    cited += [("answers", source) for source in signs.answers.sources]
    return [f"{who}: unknown source {source}" for who, source in cited if source not in known]
