# Generated from _async_driver.py by tools/unasync.py: edit _async_driver.py, not this file.
"""The sync driver: carries out the effects of :func:`harvest_sdk._steps.steps`
with a transport and a sleep.

Cancellation is native: when the caller stops waiting while a request is in flight or during a
wait (``KeyboardInterrupt``), the core's call is cancelled
too and the exception goes on.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from ._steps import Answer, Clock, Request, steps
from ._transport import Transport

Sleep = Callable[[float], Any]


def drive(machine: Any, transport: Transport, clock: Clock, sleep: Sleep) -> Any:
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
                answer = transport.send(effect)
            else:
                answer = None
                sleep(max(0, effect - clock()) / 1000)
        except BaseException:
            cancel = getattr(machine, "cancel", None)
            if cancel is not None:
                cancel()
            run.close()
            raise
