"""A second opinion on a worry: the labelled example messages it is most like.

The danger-sign rules (``knowledge.triage``) read a message through concepts, and every blind
set of parents' messages still brings wordings they miss. ``content/triage_examples.tsv``
holds labelled parents' messages, ``text<TAB>level`` with level ``emergency``, ``urgent`` or
``ordinary``: the triage tuning set as its writers labelled it, then the matching sets' rows
(ordinary motor worries, mostly; see ``examples_from_sets``). This module finds the
``NEIGHBOURS`` examples a message is most like (TF-IDF cosine over its words and their
four-letter pieces, so "siezure" still meets "seizure") and gives an opinion only when all of
them are danger: all emergencies is ``emergency``, a mix of emergencies and urgent ones is
``urgent``. Triage only ever raises its level with it, never lowers one (see
``knowledge.triage.assess``).

The matching sets' rows are there so that ordinary motor worries, the bot's usual traffic,
hold the opinion back; the look-alikes the danger-sign table keeps calm are ordinary examples
too. The table's sign examples are not used: short and clear-cut, they sit near many ordinary
worries (docs/benchmarks.md, "Second opinion from examples").

Clinical review stays with the data: each example's level is a line in the file, the file is
generated from the tuning sets (``bench/triage_second_opinion.py --write``), and a test fails
when they drift apart.
"""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal, get_args

import numpy as np

from knowledge.normalize import normalize
from knowledge.signs import DangerSigns, default_danger_signs

EXAMPLES_FILE = "triage_examples.tsv"
DEFAULT_PATH = Path(__file__).with_name("content") / EXAMPLES_FILE

ExampleLevel = Literal["emergency", "urgent", "ordinary"]
Opinion = Literal["emergency", "urgent"]

_LEVELS: dict[str, ExampleLevel] = {level: level for level in get_args(ExampleLevel)}

#: How many nearest examples must all be danger for an opinion.
NEIGHBOURS = 10
#: How like the nearest example a message must be (cosine, 0-1): below it nothing is near.
MIN_SIMILARITY = 0.3
#: Letters per word piece; words shorter than this count as whole words only.
_PIECE = 4


@dataclass(frozen=True, slots=True)
class Example:
    """A parent's message and the level a person gave it."""

    text: str
    level: ExampleLevel


@lru_cache(maxsize=1024)
def features(text: str) -> Mapping[str, int]:
    """Words, and four-letter pieces of each longer word (with its edges marked).

    Cached: triage's nearest examples and learned opinion and the matcher's learned match
    all read the same message (a mapping shared between them: never changed)."""
    found: Counter[str] = Counter()
    for word in normalize(text).split():
        found["w " + word] += 1
        if len(word) >= _PIECE:
            padded = f"<{word}>"
            found.update("c " + padded[i : i + _PIECE] for i in range(len(padded) - _PIECE + 1))
    return found


def tf_idf(
    text: str,
    idf: Mapping[str, float],
    read: Callable[[str], Mapping[str, int]] = features,
) -> dict[str, float]:
    """The features of ``text`` (as ``read`` finds them) that ``idf`` knows, weighted
    ``(1 + log count) * idf``: how the nearest examples and both learned models weigh a
    message."""
    return {f: (1 + math.log(n)) * idf[f] for f, n in read(text).items() if f in idf}


#: Scores per block in ``_best``: the blocks' highest scores bound the best ones from below.
_BLOCK = 64


def _best(scores: np.ndarray, limit: int) -> np.ndarray:
    """Where the ``limit`` highest ``scores`` are, highest first (ties: the earlier first).

    Thousands of examples share a message's common words, so ``argpartition`` over them all
    was most of a search (its many near-equal scores are its slow case). The ``limit``-th
    highest of the blocks' highest scores is a floor: as many blocks reach it, so the
    ``limit`` best all do, and only the few scores that reach it are sorted.
    """
    blocks = np.maximum.reduceat(scores, np.arange(0, len(scores), _BLOCK))
    if len(blocks) > limit:
        floor = np.partition(blocks, len(blocks) - limit)[len(blocks) - limit]
        near = np.flatnonzero(scores >= floor)
    else:
        near = np.arange(len(scores))
    return near[np.argsort(-scores[near], kind="stable")][:limit]


class ExampleIndex:
    """Labelled examples, searchable by similarity (an inverted index of TF-IDF weights)."""

    def __init__(self, examples: Sequence[Example]) -> None:
        self.examples = tuple(examples)
        counted = [features(example.text) for example in self.examples]
        frequency: Counter[str] = Counter()
        for found in counted:
            frequency.update(found.keys())
        size = len(counted)
        self._idf = {f: math.log((size + 1) / (n + 1)) + 1 for f, n in frequency.items()}
        #: The idf a feature no example has would get: it still weighs in the message's norm.
        self._unseen = math.log(size + 1) + 1
        postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for index, found in enumerate(counted):
            weights = {f: (1 + math.log(n)) * self._idf[f] for f, n in found.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for feature, weight in weights.items():
                postings[feature][0].append(index)
                postings[feature][1].append(weight / norm)
        self._postings = {
            feature: (np.array(indices, dtype=np.int32), np.array(weights))
            for feature, (indices, weights) in postings.items()
        }

    def nearest(self, text: str, limit: int = NEIGHBOURS) -> list[tuple[Example, float]]:
        """The ``limit`` examples most like ``text``, best first, with their cosine."""
        weights = tf_idf(text, self._idf)
        if not weights or limit <= 0:
            return []
        norm = math.sqrt(
            sum(((1 + math.log(n)) * self._idf.get(f, self._unseen)) ** 2
                for f, n in features(text).items())
        )  # fmt: skip
        indices = np.concatenate([self._postings[f][0] for f in weights])
        products = np.concatenate([self._postings[f][1] * (w / norm) for f, w in weights.items()])
        scores = np.bincount(indices, weights=products, minlength=len(self.examples))
        best = _best(scores, limit).tolist()
        return [(self.examples[i], float(scores[i])) for i in best if scores[i] > 0]

    def opinion(self, text: str) -> Opinion | None:
        """``emergency`` when the ``NEIGHBOURS`` nearest examples are all emergencies,
        ``urgent`` when they are all emergency or urgent, else None (no opinion)."""
        return self.read(text)[0]

    def read(self, text: str) -> tuple[Opinion | None, float]:
        """``opinion`` and the share of the ``NEIGHBOURS`` nearest examples that are danger
        (urgent or emergency; 0 when nothing is near), from one search: the learned opinion
        speaks only where the neighbours lean its way (``knowledge.triage``)."""
        near = self.nearest(text)
        if not near or near[0][1] < MIN_SIMILARITY:
            return None, 0.0
        levels = [example.level for example, _ in near]
        share = sum(level != "ordinary" for level in levels) / NEIGHBOURS
        if len(near) < NEIGHBOURS or "ordinary" in levels:
            return None, share
        return ("emergency" if set(levels) == {"emergency"} else "urgent"), share


#: The matching sets (``tests/data``) whose rows are examples too, at the level their label
#: implies: ``emergency``, ``urgent:<id>`` urgent, anything else (a topic, out of scope, the
#: safety net) ordinary.
MATCH_SETS = ("concerns_dev.tsv", "match_tuning.tsv")


def examples_from_sets(
    triage_rows: Iterable[tuple[str, str]], match_rows: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The example file's rows, ``(text, level)``: the triage tuning set as labelled, then the
    matching sets' rows (``(text, expected)``) whose text the triage set does not hold."""
    rows = list(triage_rows)
    seen = {normalize(text) for text, _ in rows}
    for text, expected in match_rows:
        said = normalize(text)
        if said in seen:
            continue
        seen.add(said)
        if expected == "emergency":
            rows.append((text, "emergency"))
        else:
            rows.append((text, "urgent" if expected.startswith("urgent:") else "ordinary"))
    return rows


class ExamplesError(Exception):
    """The examples file is malformed; ``problems`` lists every mistake found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def load_examples(path: Path = DEFAULT_PATH) -> tuple[Example, ...]:
    """Read ``text<TAB>level`` rows; every problem (a bad level, an empty text, one text
    given two levels) is reported at once."""
    problems: list[str] = []
    examples: list[Example] = []
    levels: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if next(reader, None) != ["text", "level"]:
            raise ExamplesError([f"{path.name}: the first line must be 'text<TAB>level'"])
        for line, row in enumerate(reader, start=2):
            if len(row) != 2 or not row[0].strip():
                problems.append(f"{path.name} line {line}: not 'text<TAB>level'")
                continue
            text, written = row
            level = _LEVELS.get(written)
            if level is None:
                problems.append(f"{path.name} line {line}: level {written!r} is not one of "
                                f"{', '.join(_LEVELS)}")  # fmt: skip
                continue
            said = normalize(text)
            if levels.setdefault(said, level) != level:
                problems.append(f"{path.name} line {line}: the same text is also {levels[said]}")
            examples.append(Example(text, level))
    if problems:
        raise ExamplesError(problems)
    return tuple(examples)


def example_problems(path: Path = DEFAULT_PATH) -> list[str]:
    """What is wrong with the examples file, for ``parentbot knowledge check``."""
    try:
        load_examples(path)
    except ExamplesError as exc:
        return exc.problems
    return []


def calm_examples(signs: DangerSigns) -> tuple[Example, ...]:
    """The look-alikes the danger-sign table keeps calm (``calm``), as ordinary examples."""
    return tuple(Example(text, "ordinary") for text in signs.calm)


@cache
def default_examples() -> ExampleIndex:
    """The shipped examples and the danger-sign table's calm ones, indexed once (a second or
    more, as long as compiling the danger signs: ``triage.prepare`` does it at start)."""
    return ExampleIndex((*load_examples(), *calm_examples(default_danger_signs())))
