"""The host loop as a generator, shared by the sync and asyncio drivers and the conformance runner.

``steps(machine, clock)`` asks the core's state machine (``CoreCall`` or ``CorePaginator``) what
to do, **yields a** :class:`Request` **to send** (and is sent back the :class:`Response` or
:class:`Failure`) **or an** ``int`` **epoch-millisecond time to sleep until**, and returns the
call's value. It does no I/O and reads time only through ``clock``, so a driver is the few lines
that carry out those two effects with real (or scripted) HTTP and real (or virtual) sleep.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Generator, List, NamedTuple, Optional, Tuple, Union

Headers = List[Tuple[str, str]]


class Request(NamedTuple):
    """A request to send verbatim: absolute URL, every header (``Authorization`` included)."""

    id: int
    method: str
    url: str
    headers: Headers
    body: Optional[bytes]

    def __repr__(self) -> str:
        shown = [(k, "[redacted]" if k.lower() == "authorization" else v) for k, v in self.headers]
        return f"Request(id={self.id}, method={self.method!r}, url={self.url!r}, headers={shown!r})"


class Response(NamedTuple):
    """An HTTP answer."""

    status: int
    headers: Headers
    body: bytes


class Failure(NamedTuple):
    """No answer: ``kind`` is ``connect`` (never reached the server), ``transport`` or ``timeout``."""

    kind: str
    message: str


Answer = Union[Response, Failure]
Effect = Union[Request, int]
Clock = Callable[[], int]


def wall_clock_ms() -> int:
    """Wall-clock epoch milliseconds (``Retry-After`` dates and token expiry are wall-clock)."""
    return time.time_ns() // 1_000_000


def steps(machine: Any, clock: Clock) -> Generator[Effect, Optional[Answer], Any]:
    """Drives ``machine`` until it is done; see the module docs."""
    while True:
        action = machine.next_action(clock())
        kind = action[0]
        if kind == "send":
            request_id = action[1]
            answer = yield Request(request_id, action[2], action[3], action[4], action[5])
            if type(answer) is Response:
                machine.handle_response(request_id, answer.status, answer.headers, answer.body, clock())
            elif type(answer) is Failure:
                machine.handle_failure(request_id, answer.kind, answer.message, clock())
            else:
                raise TypeError(f"a transport must answer with a Response or a Failure, not {answer!r}")
        elif kind == "wait":
            yield action[1]
        else:
            return action[1]
