"""The asyncio driver: carries out the effects of :func:`harvest_sdk._steps.steps`
with an async transport and an async sleep.

Cancellation is native: when the caller stops waiting while a request is in flight or during a
wait (a cancelled task, ``asyncio.wait_for``, ``KeyboardInterrupt``), the core's call is cancelled
too and the exception goes on.
"""
# The sync driver, _driver.py, is generated from this file by tools/unasync.py.  # async-only

from __future__ import annotations

from typing import Any, Awaitable, Callable, Optional

from ._steps import Answer, Clock, Request, steps
from ._transport import AsyncTransport

AsyncSleep = Callable[[float], Awaitable[Any]]


async def drive(machine: Any, transport: AsyncTransport, clock: Clock, sleep: AsyncSleep) -> Any:
    """Runs a ``CoreCall`` (or one page of a ``CorePaginator``) to its value."""
    run = steps(machine, clock)
    answer: Optional[Answer] = None
    while True:
        try:
            effect = run.send(answer)
        except StopIteration as done:
            return done.value
        try:
            if isinstance(effect, Request):
                answer = await transport.send(effect)
            else:
                answer = None
                await sleep(max(0, effect - clock()) / 1000)
        except BaseException:
            cancel = getattr(machine, "cancel", None)
            if cancel is not None:
                cancel()
            run.close()
            raise
