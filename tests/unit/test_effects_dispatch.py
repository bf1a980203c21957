"""Every effect a flow can return has an applier, so none fails at run time with a KeyError.

The engine dispatches effects by a dict lookup on their type (``bot.engine.effects.APPLIERS``);
an effect added to the union without an applier would only fail when a parent reached it.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import get_args

from bot.engine.effects import APPLIERS
from bot.flows import effects
from bot.flows.effects import Effect

EFFECT_TYPES = frozenset(get_args(Effect))


def test_every_effect_in_the_union_has_an_applier_and_nothing_else_does() -> None:
    assert EFFECT_TYPES  # the union was read, not an empty tuple
    assert sorted(t.__name__ for t in EFFECT_TYPES - APPLIERS.keys()) == []
    assert sorted(t.__name__ for t in APPLIERS.keys() - EFFECT_TYPES) == []


def test_every_effect_class_in_the_module_is_in_the_union() -> None:
    """An effect defined but left out of ``Effect`` would escape the check above."""
    defined = {
        cls
        for _, cls in inspect.getmembers(effects, inspect.isclass)
        if cls.__module__ == effects.__name__ and dataclasses.is_dataclass(cls)
    }
    assert defined  # the module was read
    assert sorted(cls.__name__ for cls in defined - EFFECT_TYPES) == []
