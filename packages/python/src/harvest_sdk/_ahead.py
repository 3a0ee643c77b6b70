"""Reading the next page of a list while the caller works through the one before.

:class:`AsyncAhead` fetches it in an asyncio task, :class:`Ahead` in a thread; ``result()`` gives
the page (or raises the fetch's error) when the caller asks for it. A list reads ahead only once a
second page is asked for, so reading one page, or the first item, costs one request.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Awaitable, Callable, Optional


class AsyncAhead:
    """A page being fetched in an asyncio task."""

    def __init__(self, fetch: Callable[[], Awaitable[Any]]) -> None:
        self._task = asyncio.ensure_future(fetch())
        # An abandoned walk must not log "Task exception was never retrieved".
        self._task.add_done_callback(lambda task: task.cancelled() or task.exception())

    async def result(self) -> Any:
        """The page; cancelling the wait cancels the fetch."""
        return await self._task

    def cancel(self) -> None:
        """Stops the fetch (the walk was dropped)."""
        self._task.cancel()


class Ahead:
    """A page being fetched in a daemon thread."""

    def __init__(self, fetch: Callable[[], Any]) -> None:
        self._value: Any = None
        self._error: Optional[BaseException] = None
        self._thread = threading.Thread(target=self._run, args=(fetch,), name="harvest-read-ahead", daemon=True)
        self._thread.start()

    def _run(self, fetch: Callable[[], Any]) -> None:
        try:
            self._value = fetch()
        except BaseException as error:  # handed to the caller by result()
            self._error = error

    def result(self) -> Any:
        """The page, once fetched; the fetch's error is raised here, in the caller's thread."""
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._value

    def cancel(self) -> None:
        """A thread cannot be stopped: the request in flight finishes and its page is dropped."""
