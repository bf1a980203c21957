"""Every flow step takes any input without crashing or leaving the parent stuck (issue 16).

A property test over ``tests/support/fuzzing.py``: for each step of each flow (a path takes a
fresh family there), hypothesis sends a few actions (text with odd unicode, commands with odd
arguments, buttons on screen, stale and forged payloads) through the dialog engine on SQLite,
and no action may crash, go unanswered, strand the parent at a question without buttons, or
have a button on screen refused. Bounded for CI; ``bench/fuzz.py`` runs the same for longer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine.dialog import DialogEngine
from knowledge.loader import default_knowledge
from storage.crypto import Cipher, new_key
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.conftest import FIXED_NOW
from tests.support.fuzzing import ACTIONS, PATHS, Action, explore

Engine = tuple[asyncio.Runner, DialogEngine]


@pytest.fixture(scope="module")
def engine_loop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One engine on SQLite for the module (each example is a family of its own)."""
    folder = tmp_path_factory.mktemp("fuzz")
    with asyncio.Runner() as runner:
        store = Store(
            f"sqlite+aiosqlite:///{folder / 'fuzz.db'}",
            Cipher([new_key()]),
            FamilyDefaults("Europe/Berlin", 10),
        )
        runner.run(store.upgrade())
        yield runner, DialogEngine(store, default_knowledge(), lambda: FIXED_NOW)
        runner.run(store.close())


@pytest.mark.parametrize("path", sorted(PATHS))
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(actions=st.lists(ACTIONS, min_size=1, max_size=6))
def test_any_input_at_any_step_is_answered_and_leaves_a_way_on(
    engine_loop: Engine, path: str, actions: list[Action]
) -> None:
    runner, engine = engine_loop
    findings = runner.run(explore(engine, path, actions))
    assert findings == [], "\n".join(map(str, findings))
