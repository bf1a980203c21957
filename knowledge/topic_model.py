"""A learned opinion on which entry a worry is about: one multinomial logistic regression.

The matcher scores a message against each entry's own words; twenty rounds of blind sets
taught its phrasings most of what parents write, and each new round still brought worries
whose entry ranked nowhere because the message shares no phrasing with it ("she can't get the
lid off her yoghurt" for hand strength). A linear model over every labelled message at once
(the matching dev and tuning sets) weighs each word by
what it says across all of them, so it often knows the entry such a message is about.

It leads only when it is very sure. When the matcher answers a worry (triage ``concern``):
an entry the model gives at least ``LEADS_AT`` probability comes first, the matcher's order
after it; otherwise an entry it gives at least ``SHOWN_AT`` that is not among the first three
becomes the third. Both thresholds were chosen by simulation on eight blind sets, each
answered by the matcher and content as they were before the set was read and a model trained
only on the rows before it (``bench/match_model.py``; docs/benchmarks.md, "The learned match
leads when it is sure").

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
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from knowledge.examples import features, tf_idf
from knowledge.normalize import normalize

MODEL_FILE = "match_model.tsv"
DEFAULT_PATH = Path(__file__).with_name("content") / MODEL_FILE
#: The probability from which the model's entry is shown third, chosen on the simulated blind
#: sets: most right entries gained for those lost (23 / 1 of 2,334 messages; 0.25: 24 / 1
#: with more guesses shown).
SHOWN_AT = 0.3
#: The probability from which the model's entry comes first: 46 right first answers gained for
#: one lost in the same simulation (0.7: 58 / 3).
LEADS_AT = 0.8


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

    def best(self, text: str) -> tuple[str, float] | None:
        """The most likely entry for ``text`` and its probability; None when the message has
        no feature the model knows."""
        found = tf_idf(text, self.idf, topic_features)
        if not found:
            return None
        norm = math.sqrt(sum(w * w for w in found.values()))
        logits = list(self.bias)
        for feature, value in found.items():
            for entry, weight in self.weights[feature]:
                logits[entry] += weight * value / norm
        top = max(range(len(logits)), key=logits.__getitem__)
        total = sum(math.exp(logit - logits[top]) for logit in logits)
        return self.entries[top], 1 / total


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
