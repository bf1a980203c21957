"""A learned opinion on whether a message is about movement at all: one logistic regression.

The scope decision (``knowledge.scope``) reads the vocabulary's word lists: motor words, and
the words of other subjects (sleep, food, behaviour...). Every blind set still brought other
subjects told in movement's words ("she throws all her food off the high chair and laughs",
"he keeps kicking his sister", "clings to my leg at drop off"), each answered with a motor topic
until its phrase joined a list. A linear model over every labelled message at once (the
matching dev and tuning sets: the rows labelled out of scope against every row naming an
entry) weighs each word by what it says across all of them, so it knows such a message by
words no list holds.

It overrules the word lists only where it is nearly sure, and only for a message triage
answered as an ordinary worry (``Matcher._learned_scope``): a worry the lists keep is out of
scope when the model gives movement at most ``OUT_OF_SCOPE_AT`` (unless the matcher scores an
entry ``KEPT_FROM`` or more: the message is in that entry's own words), and a message the
lists put out of scope is in when it gives ``IN_SCOPE_AT`` or more (its topics then come from
the learned match). An emergency, an urgent answer or the safety net is never touched.

Simulated on the 27 blind sets inside the tuning set (``bench/match_model.py``), each with the
matcher as it was before the set was read and models trained only on the rows before it: see
docs/benchmarks.md, "A learned scope opinion".

Stored in ``knowledge.topic_model``'s format as a two-class model: the logistic weights are
halved with opposite signs for the two classes, so the softmax over them is the logistic
probability. Trained offline with the learned match (``bench/match_model.py --write``) and
shipped as ``content/scope_model.tsv``; its digest is checked by a test like the match model's.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from knowledge.topic_model import TopicModel, load_model

MODEL_FILE = "scope_model.tsv"
DEFAULT_PATH = Path(__file__).with_name("content") / MODEL_FILE
MOTOR = "motor"
OTHER = "other"
#: The model's two classes, in the file's order.
CLASSES = (OTHER, MOTOR)
#: A worry is out of scope when the model gives movement this or less, and a message the word
#: lists put out of scope is in from ``IN_SCOPE_AT``. Chosen on the simulation (docs/benchmarks.md,
#: "A learned scope opinion"; 0.97, tried in session 67, lost nothing there but brought in "she
#: has warts on her fingers" once the model was retrained: "Rounds 43 and 44").
OUT_OF_SCOPE_AT = 0.15
IN_SCOPE_AT = 0.98
#: A worry whose best entry the matcher scores this or more is never put out: a message in an
#: entry's own words ("is it bad if he spends hours in the car seat every day", 87.5 for
#: container baby, where the model, having read car seat safety questions, gives movement 7%).
#: In the simulation the other subjects it put out all scored under 85 but one (89.9).
KEPT_FROM = 85.0

#: Labels of the matching sets that say nothing of scope: an emergency or a safety-net message
#: is answered before the scope decision is made.
_NOT_SCOPE = ("emergency", "safety_net")


def scope_rows(set_rows: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """What the model is trained on, ``(text, MOTOR or OTHER)``: the labelled sets' rows
    (``(text, expected)``) but emergencies and the safety net; ``out_of_scope`` is OTHER and
    every entry (``urgent:<id>`` too) MOTOR."""
    return [
        (text, OTHER if expected == "out_of_scope" else MOTOR)
        for text, expected in set_rows
        if expected not in _NOT_SCOPE
    ]


def motor_probability(model: TopicModel, text: str) -> float | None:
    """How likely ``text`` is about movement; None when it has no word the model knows."""
    return dict(model.ranked(text, len(CLASSES))).get(MOTOR)


def model_problems(path: Path = DEFAULT_PATH) -> list[str]:
    """For ``parentbot knowledge check``: the file reads and holds the two classes."""
    try:
        model = load_model(path)
    except (OSError, ValueError) as exc:
        return [f"{path.name}: {exc}"]
    if model.entries != CLASSES:
        return [
            f"{path.name} must hold the classes {' and '.join(CLASSES)}, not "
            f"{', '.join(model.entries)}; run bench/match_model.py --write"
        ]
    return []


@cache
def default_scope_model() -> TopicModel:
    """The shipped model, read once."""
    return load_model(DEFAULT_PATH)
