"""Load and index the knowledge base from the YAML files shipped in ``knowledge/content``.

Loading validates every entry against the pydantic schema; ``knowledge.check`` adds the
cross-reference rules. The bot refuses to start on a knowledge base that fails either, because
a dangling link would surface to a parent as a missing answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from knowledge import strict_yaml
from knowledge.models import (
    Activity,
    Adaptation,
    Concern,
    Condition,
    Entry,
    Explainer,
    Hazard,
    Milestone,
    Source,
    Vocabulary,
)
from knowledge.signs import DANGER_SIGNS_FILE

CONTENT_DIR = Path(__file__).with_name("content")
SOURCES_FILE = "sources.yaml"
HAZARDS_FILE = "hazards.yaml"
#: Parents' vocabulary (synonyms, motor words, other domains): one mapping, not a list.
VOCABULARY_FILE = "vocabulary.yaml"
#: Not entries: the danger signs triage reads (``knowledge.signs``), checked on their own.
NOT_ENTRIES = (DANGER_SIGNS_FILE,)

_E = TypeVar("_E", bound=Entry)

_ENTRIES = TypeAdapter(list[Entry])
_SOURCES = TypeAdapter(list[Source])
_HAZARDS = TypeAdapter(list[Hazard])


class KnowledgeError(Exception):
    """The content files are malformed; ``problems`` lists every one found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    """All entries, indexed by id and kind. Immutable once loaded.

    Compared and hashed by identity, so derived indexes (the matcher) can be cached per base.
    """

    entries: tuple[Entry, ...]
    sources: dict[str, Source]
    by_id: dict[str, Entry] = field(init=False)
    hazards: dict[str, Hazard] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {entry.id: entry for entry in self.entries})

    def _of(self, kind: type[_E]) -> list[_E]:
        return [entry for entry in self.entries if isinstance(entry, kind)]

    def _one(self, entry_id: str, kind: type[_E]) -> _E:
        """The entry ``entry_id``, which must be a ``kind`` (KeyError otherwise)."""
        entry = self.by_id[entry_id]
        if not isinstance(entry, kind):
            raise KeyError(entry_id)
        return entry

    @property
    def milestones(self) -> list[Milestone]:
        return self._of(Milestone)

    @property
    def activities(self) -> list[Activity]:
        return self._of(Activity)

    @property
    def concerns(self) -> list[Concern]:
        return self._of(Concern)

    @property
    def conditions(self) -> list[Condition]:
        return self._of(Condition)

    @property
    def adaptations(self) -> list[Adaptation]:
        return self._of(Adaptation)

    @property
    def explainers(self) -> list[Explainer]:
        return self._of(Explainer)

    def milestone(self, milestone_id: str) -> Milestone:
        return self._one(milestone_id, Milestone)

    def adaptation(self, adaptation_id: str) -> Adaptation:
        """``knowledge check`` makes sure every id a concern lists as an adaptation is one."""
        return self._one(adaptation_id, Adaptation)

    def activities_for_concern(self, concern_id: str) -> list[Activity]:
        return [a for a in self.activities if concern_id in a.helps_with]

    def activities_for_milestone(self, milestone_id: str) -> list[Activity]:
        return [a for a in self.activities if milestone_id in a.builds]


def _read_yaml(path: Path, problems: list[str]) -> list[object]:
    try:
        data = strict_yaml.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        problems.append(f"{path.name}: not valid YAML: {exc}")
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(f"{path.name}: must be a list of entries")
        return []
    return data


def _format_validation(path: Path, raw: list[object], exc: ValidationError) -> Iterable[str]:
    for error in exc.errors():
        loc = list(error["loc"])
        where = ""
        if loc and isinstance(loc[0], int) and loc[0] < len(raw):
            item = raw[loc[0]]
            entry_id = item.get("id", f"#{loc[0]}") if isinstance(item, dict) else f"#{loc[0]}"
            # Skip the discriminator tag pydantic inserts after the index.
            rest = [str(part) for part in loc[2:]] if len(loc) > 1 else []
            where = f"{entry_id}" + (f".{'.'.join(rest)}" if rest else "")
        yield f"{path.name}: {where}: {error['msg']}"


def _read_vocabulary(path: Path, problems: list[str]) -> Vocabulary:
    try:
        return Vocabulary.model_validate(strict_yaml.load(path.read_text(encoding="utf-8")) or {})
    except yaml.YAMLError as exc:
        problems.append(f"{path.name}: not valid YAML: {exc}")
    except ValidationError as exc:
        problems.extend(
            f"{path.name}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
    return Vocabulary()


def load_knowledge(content_dir: Path = CONTENT_DIR) -> KnowledgeBase:
    """Read and validate every content file; raise ``KnowledgeError`` listing all problems."""
    problems: list[str] = []
    entries: list[Entry] = []
    sources: dict[str, Source] = {}
    hazards: dict[str, Hazard] = {}
    vocabulary = Vocabulary()
    for path in sorted(content_dir.glob("*.yaml")):
        if path.name in NOT_ENTRIES:
            continue
        if path.name == VOCABULARY_FILE:
            vocabulary = _read_vocabulary(path, problems)
            continue
        raw = _read_yaml(path, problems)
        try:
            if path.name == SOURCES_FILE:
                sources.update({s.id: s for s in _SOURCES.validate_python(raw)})
            elif path.name == HAZARDS_FILE:
                hazards.update({h.id: h for h in _HAZARDS.validate_python(raw)})
            else:
                entries.extend(_ENTRIES.validate_python(raw))
        except ValidationError as exc:
            problems.extend(_format_validation(path, raw, exc))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            problems.append(f"{entry.id}: id is used more than once")
        seen.add(entry.id)
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        entries=tuple(entries), sources=sources, hazards=hazards, vocabulary=vocabulary
    )


@cache
def default_knowledge() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return load_knowledge()
