"""Stopping the outbox sender while it is being woken (found by ``bench/throughput.py``
hanging at its end): ``asyncio.wait_for`` on Python 3.11 swallowed a cancel that came as the
wake did, so the loop went on and ``SproutBot.stop`` waited for it forever."""

from __future__ import annotations

import asyncio

from storage.uow import Store
from tests.support.outbox import first_look_done, outbox_sender


async def test_a_cancel_that_comes_with_a_wake_stops_the_loop(store: Store) -> None:
    outbox = outbox_sender(store, object())  # nothing is sent in this test
    looked = first_look_done(outbox)
    run = asyncio.get_running_loop().create_task(outbox.run())
    await looked.wait()
    for _ in range(5):  # run goes on from its look into the wait for a wake
        await asyncio.sleep(0)
    outbox.wake()
    run.cancel()
    for _ in range(50):  # a few turns of the loop: the cancel must not be lost in them
        await asyncio.sleep(0)
    stopped = run.done()
    if not stopped:
        run.cancel()
        await asyncio.gather(run, return_exceptions=True)
    assert stopped
    assert run.cancelled()
