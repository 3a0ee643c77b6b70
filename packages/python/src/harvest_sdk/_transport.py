"""HTTP transports: send a :class:`Request` verbatim, answer with a :class:`Response` or a
:class:`Failure`. Network errors never raise; they become failures the core knows how to retry.

- httpx when installed (an ``httpx.Client`` / ``httpx.AsyncClient`` the SDK owns, or yours);
- otherwise the standard library's ``urllib`` (the async client runs it in a thread);
- or any callable ``(method, url, headers, body) -> (status, headers, body)`` (for the async client
  it may also return an awaitable), so HTTP mocks and proxies plug in; it may raise
  ``ConnectionRefusedError`` (connect), ``TimeoutError`` (timeout) or another ``OSError`` (transport).
"""

from __future__ import annotations

import asyncio
import http.client
import inspect
import socket
import urllib.error
import urllib.request
from typing import Any, Awaitable, Callable, Iterable, Mapping, Optional, Tuple, Union

from ._steps import Answer, Failure, Headers, Request, Response

try:
    import httpx
except ImportError:  # pragma: no cover - exercised where httpx is not installed
    httpx = None  # type: ignore[assignment]

HostHeaders = Union[Mapping[str, str], Iterable[Tuple[str, str]]]
HostAnswer = Tuple[int, HostHeaders, bytes]
TransportCallable = Callable[[str, str, Headers, Optional[bytes]], Union[HostAnswer, Awaitable[HostAnswer]]]

DEFAULT_TIMEOUT = 30.0


class Transport:
    """A synchronous transport."""

    def send(self, request: Request) -> Answer:
        raise NotImplementedError

    def close(self) -> None:
        """Releases connections the transport owns."""


class AsyncTransport:
    """An asyncio transport."""

    async def send(self, request: Request) -> Answer:
        raise NotImplementedError

    async def aclose(self) -> None:
        """Releases connections the transport owns."""


def _header_pairs(headers: Any) -> Headers:
    if hasattr(headers, "multi_items"):
        return [(str(k), str(v)) for k, v in headers.multi_items()]
    if isinstance(headers, Mapping):
        return [(str(k), str(v)) for k, v in headers.items()]
    return [(str(k), str(v)) for k, v in headers]


def failure_of(error: BaseException) -> Optional[Failure]:
    """The failure an exception from an HTTP client means, or ``None`` if it is not a network error."""
    message = f"{type(error).__name__}: {error}".rstrip(": ")
    if httpx is not None and isinstance(error, httpx.HTTPError):
        if isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout)):
            return Failure("connect", message)
        if isinstance(error, httpx.TimeoutException):
            return Failure("timeout", message)
        if isinstance(error, (httpx.TransportError, httpx.DecodingError)):
            return Failure("transport", message)
        return None
    if isinstance(error, urllib.error.URLError) and not isinstance(error, urllib.error.HTTPError):
        reason = error.reason
        if isinstance(reason, BaseException):
            return failure_of(reason) or Failure("transport", message)
        return Failure("transport", message)
    if isinstance(error, (ConnectionRefusedError, socket.gaierror)):
        return Failure("connect", message)
    if isinstance(error, (TimeoutError, socket.timeout)):
        return Failure("timeout", message)
    if isinstance(error, (OSError, http.client.HTTPException)):
        return Failure("transport", message)
    return None


def network_failure(error: Exception) -> Failure:
    """The failure for a network error; any other exception is raised again (a bug to see)."""
    failure = failure_of(error)
    if failure is None:
        raise error
    return failure


def _httpx_answer(answer: Any) -> Response:
    return Response(answer.status_code, answer.headers.multi_items(), answer.content)


class UrllibTransport(Transport):
    """The standard library's ``urllib`` (no connection reuse; install httpx for that)."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._opener = urllib.request.build_opener()

    def send(self, request: Request) -> Answer:
        outgoing = urllib.request.Request(request.url, data=request.body, method=request.method, headers=dict(request.headers))
        try:
            with self._opener.open(outgoing, timeout=self.timeout) as answer:
                return Response(answer.status, _header_pairs(answer.getheaders()), answer.read())
        except urllib.error.HTTPError as error:
            with error:
                return Response(error.code, _header_pairs(error.headers.items()), error.read())
        except Exception as error:
            return network_failure(error)


class HttpxTransport(Transport):
    """An ``httpx.Client``; closed by :meth:`close` only if the SDK created it."""

    def __init__(self, client: Any = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._owned = client is None
        self.client = httpx.Client(timeout=timeout) if client is None else client

    def send(self, request: Request) -> Answer:
        try:
            answer = self.client.request(request.method, request.url, headers=request.headers, content=request.body)
        except Exception as error:
            return network_failure(error)
        return _httpx_answer(answer)

    def close(self) -> None:
        if self._owned:
            self.client.close()


class AsyncHttpxTransport(AsyncTransport):
    """An ``httpx.AsyncClient``; closed by :meth:`aclose` only if the SDK created it."""

    def __init__(self, client: Any = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._owned = client is None
        self.client = httpx.AsyncClient(timeout=timeout) if client is None else client

    async def send(self, request: Request) -> Answer:
        try:
            answer = await self.client.request(request.method, request.url, headers=request.headers, content=request.body)
        except Exception as error:
            return network_failure(error)
        return _httpx_answer(answer)

    async def aclose(self) -> None:
        if self._owned:
            await self.client.aclose()


class ThreadedTransport(AsyncTransport):
    """A sync transport run in a worker thread (the asyncio fallback without httpx)."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner

    async def send(self, request: Request) -> Answer:
        return await asyncio.get_running_loop().run_in_executor(None, self.inner.send, request)

    async def aclose(self) -> None:
        self.inner.close()


def _answer_of(result: Any) -> Response:
    status, headers, body = result
    if isinstance(body, str):
        body = body.encode()
    return Response(int(status), _header_pairs(headers), bytes(body))


class CallableTransport(Transport):
    """A function ``(method, url, headers, body) -> (status, headers, body)``."""

    def __init__(self, function: TransportCallable) -> None:
        self.function = function

    def send(self, request: Request) -> Answer:
        try:
            result = self.function(request.method, request.url, request.headers, request.body)
        except Exception as error:
            return network_failure(error)
        return _answer_of(result)


class AsyncCallableTransport(AsyncTransport):
    """A function ``(method, url, headers, body) -> (status, headers, body)``, sync or async."""

    def __init__(self, function: TransportCallable) -> None:
        self.function = function

    async def send(self, request: Request) -> Answer:
        try:
            result = self.function(request.method, request.url, request.headers, request.body)
            if inspect.isawaitable(result):
                result = await result
        except Exception as error:
            return network_failure(error)
        return _answer_of(result)


def sync_transport(transport: Any = None, timeout: float = DEFAULT_TIMEOUT) -> Transport:
    """The transport for a sync client: yours, or httpx, or urllib."""
    if isinstance(transport, Transport):
        return transport
    if transport is None:
        return HttpxTransport(timeout=timeout) if httpx is not None else UrllibTransport(timeout)
    if httpx is not None and isinstance(transport, httpx.Client):
        return HttpxTransport(transport)
    if callable(transport):
        return CallableTransport(transport)
    raise TypeError(f"a transport is an httpx.Client, a Transport or a callable, not {type(transport).__name__}")


def async_transport(transport: Any = None, timeout: float = DEFAULT_TIMEOUT) -> AsyncTransport:
    """The transport for an asyncio client: yours, or httpx, or urllib in a thread."""
    if isinstance(transport, AsyncTransport):
        return transport
    if transport is None:
        return AsyncHttpxTransport(timeout=timeout) if httpx is not None else ThreadedTransport(UrllibTransport(timeout))
    if httpx is not None and isinstance(transport, httpx.AsyncClient):
        return AsyncHttpxTransport(transport)
    if callable(transport):
        return AsyncCallableTransport(transport)
    raise TypeError(f"a transport is an httpx.AsyncClient, an AsyncTransport or a callable, not {type(transport).__name__}")
