"""A learned opinion on which entry a worry is about: one multinomial logistic regression.

The matcher scores a message against each entry's own words; twenty rounds of blind sets
taught its phrasings most of what parents write, and each new round still brought worries
whose entry ranked nowhere because the message shares no phrasing with it ("she can't get the
lid off her yoghurt" for hand strength). A linear model over every labelled message at once
(the matching dev and tuning sets) weighs each word by
what it says across all of them, so it often knows the entry such a message is about.

The two are merged only when the matcher answers a worry (triage ``concern``): each entry's
matcher score, discounted by its place, and the model's probability for it add up (``fused``),
so the model can lift an entry the message's words missed, and the matcher's order decides
where the model is unsure. It never decides scope and never touches a triage answer. The
weights were chosen by simulation on 27 blind sets, each answered by the matcher and content as
they were before the set was read and a model trained only on the rows before it
(``bench/match_model.py``; docs/benchmarks.md, "The learned match merged with the matcher's
order").

Features: the triage model's (``knowledge.examples.features``: words and four-letter pieces)
and each pair of neighbouring words (``topic_features``), TF-IDF weighted, kept when two or
more training messages have them; a pair tells "hold a pencil" from "hold his head up" where
the words alone do not. The weights are trained offline (``bench/match_model.py --write``,
scikit-learn from the ``bench`` extra) and shipped as ``content/match_model.tsv``, small weights
dropped; reading a message needs nothing but the file. The first line holds the digest of what
it was trained on; a test fails when the labelled sets have changed since, and ``parentbot
knowledge check`` when it names an entry the knowledge base no longer has.
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from knowledge.examples import features, tf_idf
from knowledge.normalize import normalize

MODEL_FILE = "match_model.tsv"
DEFAULT_PATH = Path(__file__).with_name("content") / MODEL_FILE
#: The matcher's order and the model's opinion are merged (``fused``): an entry the matcher
#: shows counts its score (0-1) divided by the square of its place (1, 2, 3...), the model's
#: probability for it adds, and ``MATCHER_SHARE`` weighs the first against the second. So a
#: clear match of the message's words (a score of 0.9 first: 0.45) gives way only to an entry
#: the model is very sure of, while an entry the matcher showed third (at most 0.06) gives way
#: to one the model gives about a tenth more. Chosen on 27 simulated blind sets
#: (``bench/match_model.py``): shares from 0.35 to 0.6 brought as many right entries into the
#: first three; 0.5 lost the fewest right first answers.
MATCHER_SHARE = 0.5
PLACE_POWER = 2.0
#: How many of the model's most likely entries are merged, and from what probability: a
#: guess under 5% is not worth a parent's button (in the simulation, one right entry fewer in
#: the first three of 7,751 messages).
CANDIDATES = 6
FLOOR = 0.05


#: Labels of the matching sets that name no entry: those rows are not training messages.
_NO_ENTRY = ("out_of_scope", "emergency", "safety_net")


def training_rows(set_rows: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """What the model is trained on, ``(text, entry id)``: the labelled sets' rows (``(text,
    expected)``) that name an entry; ``urgent:<id>`` names ``<id>``. The entries' phrasings
    are left out: the matcher already reads them, they added nothing in the simulation, and
    without them a content editor's new phrasing needs no retraining."""
    return [
        (text, expected.removeprefix("urgent:"))
        for text, expected in set_rows
        if expected not in _NO_ENTRY
    ]


def topic_features(text: str) -> Mapping[str, int]:
    """``features`` and each pair of neighbouring words (``p first second``). Not cached: the
    matcher asks once per message, and ``features`` and ``normalize`` below it are."""
    found = Counter(features(text))
    found.update(f"p {first} {second}" for first, second in pairwise(normalize(text).split()))
    return found


def fused(
    order: Sequence[tuple[str, float]],
    opinion: Iterable[tuple[str, float]],
    share: float = MATCHER_SHARE,
) -> list[str]:
    """The matcher's ``order`` (entry ids and scores 0-100, best first) merged with the model's
    ``opinion`` (``TopicModel.ranked``), best first; on a tie the matcher's order first.
    ``share`` is the matcher's weight (a benchmark tries others)."""
    weight = {
        entry: share * score / 100 / (place + 1) ** PLACE_POWER
        for place, (entry, score) in enumerate(order)
    }
    for entry, probability in opinion:
        if probability >= FLOOR:
            weight[entry] = weight.get(entry, 0.0) + (1 - share) * probability
    return sorted(weight, key=weight.__getitem__, reverse=True)


def training_digest(rows: Iterable[tuple[str, str]]) -> str:
    """What a model was trained on (``(text, entry id)`` rows, in order), as one short hash."""
    digest = hashlib.sha256()
    for text, entry in rows:
        digest.update(f"{text}\t{entry}\n".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class TopicModel:
    """Each feature's idf and its non-zero weights per entry; each entry's bias."""

    digest: str
    entries: tuple[str, ...]
    bias: tuple[float, ...]
    idf: dict[str, float]
    weights: dict[str, tuple[tuple[int, float], ...]]

    def ranked(self, text: str, limit: int) -> tuple[tuple[str, float], ...]:
        """The ``limit`` most likely entries for ``text`` with their probabilities, most
        likely first; empty when the message has no feature the model knows."""
        found = tf_idf(text, self.idf, topic_features)
        if not found:
            return ()
        norm = math.sqrt(sum(w * w for w in found.values()))
        logits = list(self.bias)
        for feature, value in found.items():
            for entry, weight in self.weights[feature]:
                logits[entry] += weight * value / norm
        top = max(logits)
        odds = [math.exp(logit - top) for logit in logits]
        total = sum(odds)
        order = heapq.nlargest(limit, range(len(odds)), key=odds.__getitem__)
        return tuple((self.entries[entry], odds[entry] / total) for entry in order)


def write_model(model: TopicModel, path: Path = DEFAULT_PATH) -> None:
    """The model as text: ``#digest``, ``#entries`` and ``#bias`` lines, then one line per
    feature, ``feature<TAB>idf<TAB>entry:weight ...`` (entries by their index)."""
    lines = [
        f"#digest\t{model.digest}\n",
        "#entries\t" + " ".join(model.entries) + "\n",
        "#bias\t" + " ".join(f"{b:.4g}" for b in model.bias) + "\n",
    ]
    for feature, idf in model.idf.items():
        pairs = " ".join(f"{entry}:{weight:.3g}" for entry, weight in model.weights[feature])
        lines.append(f"{feature}\t{idf:.5g}\t{pairs}\n")
    path.write_text("".join(lines), encoding="utf-8")


def load_model(path: Path = DEFAULT_PATH) -> TopicModel:
    """Read what ``write_model`` wrote; a malformed file raises ValueError."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        head = [next(reader, []) for _ in range(3)]
        if [row[:1] for row in head] != [["#digest"], ["#entries"], ["#bias"]] or any(
            len(row) != 2 for row in head
        ):
            raise ValueError(f"{path.name}: the first lines must be #digest, #entries, #bias")
        entries = tuple(head[1][1].split())
        bias = tuple(float(value) for value in head[2][1].split())
        if len(bias) != len(entries):
            raise ValueError(f"{path.name}: {len(entries)} entries but {len(bias)} biases")
        idf: dict[str, float] = {}
        weights: dict[str, tuple[tuple[int, float], ...]] = {}
        for line, row in enumerate(reader, start=4):
            if len(row) != 3:
                raise ValueError(f"{path.name} line {line}: not 'feature<TAB>idf<TAB>weights'")
            feature, value, pairs = row
            idf[feature] = float(value)
            weights[feature] = tuple(
                (int(entry), float(weight))
                for entry, weight in (pair.split(":") for pair in pairs.split())
            )
            if any(not 0 <= entry < len(entries) for entry, _ in weights[feature]):
                raise ValueError(f"{path.name} line {line}: an entry index out of range")
    return TopicModel(head[0][1], entries, bias, idf, weights)


def model_problems(known: Iterable[str], path: Path = DEFAULT_PATH) -> list[str]:
    """For ``parentbot knowledge check``: the file reads, and names only entries that exist
    (``known``). Whether it is current is a test's job: its training sets live in tests/."""
    try:
        model = load_model(path)
    except (OSError, ValueError) as exc:
        return [f"{path.name}: {exc}"]
    missing = sorted(set(model.entries) - set(known))
    if missing:
        return [
            f"{path.name} names entries the knowledge base does not have: {', '.join(missing)}; "
            "run bench/match_model.py --write"
        ]
    return []


@cache
def default_model() -> TopicModel:
    """The shipped model, read once."""
    return load_model()
