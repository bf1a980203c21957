"""A conversation's state to and from its stored form: flow name, step and JSON data.

A stored state is read back only as the type its flow declares (``Flow.steps``), checked by
pydantic against that type: the step must be one of the flow's ``Literal`` steps and every
field must fit. A flow that no longer exists, a step it no longer declares, or data that do
not fit come back as ``Lost``, for the engine to start afresh; nothing is guessed (a step
falling through to another step's handler).

The stored form is the one written before states were typed: ``data`` without the step, and
a pause holding the interrupted flow as ``flow``, ``step`` and ``data`` with the worries in
it, so conversations under way when the bot is upgraded carry on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from bot.domain.replies import Text, text_from_json, text_to_json
from bot.flows.asides import Paused
from bot.flows.base import FlowState
from bot.flows.registry import FLOWS

JSONObject = dict[str, object]


@dataclass(frozen=True, slots=True)
class Lost:
    """A stored state that cannot be read, and why: names only, never the data (they may
    hold a child's name), so it can be logged."""

    reason: Literal["unknown flow", "unknown step", "unreadable data"]
    flow: str
    step: str
    #: The fields that did not fit, for ``unreadable data``.
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _StoredText:
    """A message as ``text_to_json`` stores it."""

    spans: list[tuple[str, bool]]
    buttons: list[list[tuple[str, str]]]

    def text(self) -> Text:
        return text_from_json({"spans": self.spans, "buttons": self.buttons})


@dataclass(frozen=True, slots=True)
class _StoredPause:
    """A pause as stored: the flow it holds as a stored state of its own."""

    flow: str
    step: str
    data: JSONObject
    question: list[_StoredText]
    label: str


_PAUSED = TypeAdapter(_StoredPause)
#: Built on first use: a schema takes pydantic a few milliseconds.
_ADAPTERS: dict[type[FlowState], TypeAdapter[FlowState]] = {}


def _adapter(state: type[FlowState]) -> TypeAdapter[FlowState]:
    if state not in _ADAPTERS:
        _ADAPTERS[state] = TypeAdapter(state)
    return _ADAPTERS[state]


def load(flow: str, step: str, data: Mapping[str, object]) -> FlowState | Lost:
    """The state stored as ``flow``, ``step`` and ``data``, as its flow's type."""
    found = FLOWS.get(flow)
    if found is None or found.steps is None:
        return Lost("unknown flow", flow, step)
    if step not in found.steps.names:
        return Lost("unknown step", flow, step)
    try:
        if found.steps.state is Paused:
            return _load_paused(_PAUSED.validate_python(data))
        return _adapter(found.steps.state).validate_python({**data, "step": step})
    except ValidationError as error:
        where = (".".join(str(part) for part in e["loc"]) for e in error.errors())
        return Lost("unreadable data", flow, step, tuple(where))


def _load_paused(stored: _StoredPause) -> FlowState | Lost:
    held = load(stored.flow, stored.step, stored.data)
    if isinstance(held, Lost):
        return held
    return Paused(
        held=replace(held, asides=()),
        question=tuple(text.text() for text in stored.question),
        label=stored.label,
        asides=held.asides,
    )


def dump(state: FlowState) -> JSONObject:
    """``state``'s data as stored (its flow and step are stored beside them)."""
    if isinstance(state, Paused):
        held = replace(state.held, asides=state.asides)
        return {
            "flow": held.flow,
            "step": held.step,
            "data": dump(held),
            "question": [text_to_json(text) for text in state.question],
            "label": state.label,
        }
    data: JSONObject = _adapter(type(state)).dump_python(state, mode="json", exclude={"step"})
    return data
