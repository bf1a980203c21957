"""A second opinion learned from the labelled examples: two logistic regressions.

The nearest-examples opinion (``knowledge.examples.ExampleIndex``) speaks only when ten
neighbours agree, so it rarely helps with wording unlike anything seen before. A linear model
over the same features (words and four-letter pieces, TF-IDF weighted) weighs every word by
what it says across all examples at once: "hasn't put weight on his leg since" leans on
"weight" and "since" from many unrelated same-day worries. Simulated on fifteen blind sets
with the rules and examples as they were before each set was read, it raised urgent recall on
new wording by about five points where the neighbours gave less than one, with no false
emergency added (docs/benchmarks.md, "A learned second opinion").

Two heads: the probability that a message is danger (urgent or emergency) and that it is an
emergency. The opinion is ``emergency`` at ``EMERGENCY_AT`` or more, else ``urgent`` at
``URGENT_AT`` or more; triage only ever raises its level with it.

The weights are trained offline from ``content/triage_examples.tsv`` and the danger-sign
table's calm look-alikes (``bench/triage_second_opinion.py --write``, which regenerates the
examples first) and shipped as ``content/triage_model.tsv``; its first line holds the digest
of the examples it was trained on, and ``parentbot knowledge check`` fails when they differ.
Training is plain numpy (L-BFGS on the L2-regularised log loss), so the product needs nothing
more than it already has.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np
import numpy.typing as npt

from knowledge.examples import (
    Example,
    ExamplesError,
    Opinion,
    calm_examples,
    features,
    load_examples,
    tf_idf,
)
from knowledge.signs import DangerSigns

if TYPE_CHECKING:
    from collections.abc import Callable

MODEL_FILE = "triage_model.tsv"
DEFAULT_PATH = Path(__file__).with_name("content") / MODEL_FILE
#: Probability of danger (urgent or emergency) from which the opinion is ``urgent``.
URGENT_AT = 0.9
#: Probability of an emergency from which the opinion is ``emergency``.
EMERGENCY_AT = 0.9
#: Inverse regularisation strength (scikit-learn's ``C``): chosen on the simulated blind
#: sets with the thresholds above (docs/benchmarks.md).
STRENGTH = 4.0

Vector = npt.NDArray[np.float64]


def examples_digest(examples: Sequence[Example]) -> str:
    """What the model was trained on, as one short hash (order and levels included)."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.text}\t{example.level}\n".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class TriageModel:
    """A feature's idf and its two weights; what a message scores is computed from these."""

    digest: str
    idf: dict[str, float]
    danger: dict[str, float]
    emergency: dict[str, float]
    danger_bias: float
    emergency_bias: float

    def probabilities(self, text: str) -> tuple[float, float]:
        """(probability of danger, probability of an emergency) for ``text``."""
        weights = tf_idf(text, self.idf)
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        danger = self.danger_bias + sum(self.danger[f] * w for f, w in weights.items()) / norm
        emergency = (
            self.emergency_bias + sum(self.emergency[f] * w for f, w in weights.items()) / norm
        )
        return _sigmoid(danger), _sigmoid(emergency)

    def opinion(self, text: str) -> Opinion | None:
        """``emergency``, ``urgent`` or None (no opinion), by the thresholds above."""
        danger, emergency = self.probabilities(text)
        if emergency >= EMERGENCY_AT:
            return "emergency"
        return "urgent" if danger >= URGENT_AT else None


def _sigmoid(value: float) -> float:
    return 1 / (1 + math.exp(-value)) if value >= 0 else math.exp(value) / (1 + math.exp(value))


def train(examples: Sequence[Example], strength: float = STRENGTH) -> TriageModel:
    """Fit both heads on ``examples`` (deterministic: the same examples give the same model)."""
    counted = [features(example.text) for example in examples]
    names = sorted({name for found in counted for name in found})
    column = {name: i for i, name in enumerate(names)}
    frequency = np.zeros(len(names))
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, found in enumerate(counted):
        for name, count in found.items():
            frequency[column[name]] += 1
            rows.append(row)
            columns.append(column[name])
            values.append(1 + math.log(count))
    size = len(examples)
    idf = np.log((size + 1) / (frequency + 1)) + 1
    row_of = np.array(rows, dtype=np.int64)
    column_of = np.array(columns, dtype=np.int64)
    data = np.array(values) * idf[column_of]
    norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=size))
    data = data / np.where(norms > 0, norms, 1.0)[row_of]
    matrix = _Sparse(row_of, column_of, data, size, len(names))
    danger = np.array([example.level != "ordinary" for example in examples], dtype=float)
    emergency = np.array([example.level == "emergency" for example in examples], dtype=float)
    danger_w, danger_b = _fit(matrix, danger, strength)
    emergency_w, emergency_b = _fit(matrix, emergency, strength)
    return TriageModel(
        digest=examples_digest(examples),
        idf=dict(zip(names, idf.tolist(), strict=True)),
        danger=dict(zip(names, danger_w.tolist(), strict=True)),
        emergency=dict(zip(names, emergency_w.tolist(), strict=True)),
        danger_bias=danger_b,
        emergency_bias=emergency_b,
    )


@dataclass(frozen=True)
class _Sparse:
    """A sparse matrix as coordinates: all training needs is ``X @ w`` and ``X.T @ r``."""

    rows: npt.NDArray[np.int64]
    columns: npt.NDArray[np.int64]
    data: Vector
    height: int
    width: int

    def times(self, vector: Vector) -> Vector:
        products = self.data * vector[self.columns]
        # With weights, bincount sums floats (its stubs say integers).
        return cast(Vector, np.bincount(self.rows, weights=products, minlength=self.height))

    def transposed_times(self, vector: Vector) -> Vector:
        products = self.data * vector[self.rows]
        return cast(Vector, np.bincount(self.columns, weights=products, minlength=self.width))


def _fit(matrix: _Sparse, labels: Vector, strength: float) -> tuple[Vector, float]:
    """Minimise ``strength * sum(log loss) + |w|^2 / 2`` (the bias not penalised), as
    scikit-learn's ``LogisticRegression(C=strength)`` does."""
    signs = 2 * labels - 1

    def loss(params: Vector) -> tuple[float, Vector]:
        weights, bias = params[:-1], params[-1]
        margins = signs * (matrix.times(weights) + bias)
        value = strength * float(np.logaddexp(0, -margins).sum()) + 0.5 * float(weights @ weights)
        # d/dm log(1 + e^-m) = -sigmoid(-m)
        slopes = -signs * strength * _sigmoids(-margins)
        gradient = np.empty_like(params)
        gradient[:-1] = matrix.transposed_times(slopes) + weights
        gradient[-1] = slopes.sum()
        return value, gradient

    params = _lbfgs(loss, np.zeros(matrix.width + 1))
    return params[:-1], float(params[-1])


def _sigmoids(values: Vector) -> Vector:
    return 0.5 * (1 + np.tanh(0.5 * values))


def _lbfgs(
    loss: Callable[[Vector], tuple[float, Vector]],
    start: Vector,
    *,
    memory: int = 10,
    steps: int = 500,
    tolerance: float = 1e-5,
) -> Vector:
    """Limited-memory BFGS with a backtracking (Armijo) line search."""
    x = start
    value, gradient = loss(x)
    history: list[tuple[Vector, Vector, float]] = []
    for _ in range(steps):
        if float(np.abs(gradient).max()) < tolerance:
            break
        direction = -gradient
        alphas = []
        for s, y, rho in reversed(history):
            alpha = rho * float(s @ direction)
            alphas.append(alpha)
            direction = direction - alpha * y
        if history:
            s, y, _ = history[-1]
            direction = direction * (float(s @ y) / float(y @ y))
        for (s, y, rho), alpha in zip(history, reversed(alphas), strict=True):
            beta = rho * float(y @ direction)
            direction = direction + (alpha - beta) * s
        slope = float(gradient @ direction)
        if slope >= 0:  # not a descent direction: start the memory afresh
            history.clear()
            direction, slope = -gradient, -float(gradient @ gradient)
        step = 1.0
        while True:
            candidate = x + step * direction
            new_value, new_gradient = loss(candidate)
            if new_value <= value + 1e-4 * step * slope or step < 1e-10:
                break
            step /= 2
        s, y = candidate - x, new_gradient - gradient
        if float(s @ y) > 1e-12:
            history.append((s, y, 1 / float(s @ y)))
            del history[:-memory]
        x, value, gradient = candidate, new_value, new_gradient
    return x


def write_model(model: TriageModel, path: Path = DEFAULT_PATH) -> None:
    """The model as ``feature<TAB>idf<TAB>danger<TAB>emergency``, after a line with the
    digest and the two biases. Every feature is kept: each one counts in a message's norm."""
    lines = [f"#digest\t{model.digest}\t{model.danger_bias!r}\t{model.emergency_bias!r}\n"]
    for feature, idf in model.idf.items():
        danger, emergency = model.danger[feature], model.emergency[feature]
        lines.append(f"{feature}\t{idf:.6g}\t{danger:.6g}\t{emergency:.6g}\n")
    path.write_text("".join(lines), encoding="utf-8")


def load_model(path: Path = DEFAULT_PATH) -> TriageModel:
    """Read what ``write_model`` wrote."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        head = next(reader)
        if len(head) != 4 or head[0] != "#digest":
            raise ValueError(f"{path.name}: the first line must be '#digest<TAB>...'")
        idf: dict[str, float] = {}
        danger: dict[str, float] = {}
        emergency: dict[str, float] = {}
        for feature, weight, for_danger, for_emergency in reader:
            idf[feature] = float(weight)
            danger[feature] = float(for_danger)
            emergency[feature] = float(for_emergency)
    return TriageModel(head[1], idf, danger, emergency, float(head[2]), float(head[3]))


def training_examples(signs: DangerSigns) -> tuple[Example, ...]:
    """What the shipped model is trained on: the examples file and the danger-sign table's
    calm look-alikes, as the nearest-examples index reads them (``default_examples``)."""
    return (*load_examples(), *calm_examples(signs))


def model_problems(signs: DangerSigns, path: Path = DEFAULT_PATH) -> list[str]:
    """For ``parentbot knowledge check``: the model must be trained on today's examples."""
    try:
        model = load_model(path)
        examples = training_examples(signs)
    except (OSError, ValueError, ExamplesError) as exc:
        return [f"{path.name}: {exc}"]
    if model.digest != examples_digest(examples):
        return [
            f"{path.name} was trained on other examples than triage_examples.tsv and the calm "
            "look-alikes hold now: run bench/triage_second_opinion.py --write"
        ]
    return []


@cache
def default_model() -> TriageModel:
    """The shipped model, read once (``triage.prepare`` does it at start)."""
    return load_model()
