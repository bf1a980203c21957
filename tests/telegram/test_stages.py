"""The stage marks ``bench/throughput.py`` times a steady update by (issue 16, latency): an
idle chat's update and its first reply pass every stage but the inbox's, in order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.telegram import stages
from bot.telegram.stages import Stage
from tests.support.harness import Parent, RunningBot

pytestmark = pytest.mark.e2e


@pytest.fixture
def marks() -> Iterator[list[tuple[int, Stage]]]:
    seen: list[tuple[int, Stage]] = []
    stages.recorder = lambda chat_id, stage: seen.append((chat_id, stage))
    try:
        yield seen
    finally:
        stages.recorder = None


async def test_an_update_and_its_first_reply_pass_every_stage_in_order(
    marks: list[tuple[int, Stage]], sprout: RunningBot, parent: Parent
) -> None:
    await parent.says("/start", replies=2)
    mine = [stage for chat, stage in marks if chat == parent.chat_id]
    assert Stage.STORED not in mine  # an idle chat's update is stored by its step's commit
    first = [mine.index(stage) for stage in Stage if stage is not Stage.STORED]
    assert first == sorted(first)
