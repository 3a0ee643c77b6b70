"""Transports: the standard-library fallback, your own httpx client, plain functions as mocks, and
how network errors map onto the core's failure kinds."""

from __future__ import annotations

import asyncio
import json
import socket
import urllib.error
from datetime import date
from decimal import Decimal
from typing import Any, List, Tuple

import httpx
import pytest

import harvest_sdk
from harvest_sdk._steps import Failure
from harvest_sdk._transport import ThreadedTransport, UrllibTransport, failure_of
from conftest import USER_AGENT, Sandbox

ENTRY = {"id": 7, "spent_date": "2026-11-02", "hours": 1.5, "project": {"id": 1, "name": "P"}, "task": {"id": 2, "name": "T"}}


def test_urllib_transport_against_the_sandbox(sandbox: Sandbox) -> None:
    sandbox.clear_faults()
    client = sandbox.client(transport=UrllibTransport(timeout=5), retry={"base_delay_ms": 10})
    names = [c.name for c in client.clients.list()]
    assert names
    with pytest.raises(harvest_sdk.NotFoundError):
        client.clients.get(1)
    sandbox.fault(method="GET", path="/v2/clients", times=1, fault="drop")
    assert [c.name for c in client.clients.list()] == names
    made = client.clients.create(name="Py urllib client")
    assert client.clients.update(made.id, name="Py urllib 2").name == "Py urllib 2"
    client.clients.delete(made.id)


def test_threaded_urllib_for_asyncio(sandbox: Sandbox) -> None:
    async def main() -> List[str]:
        async with sandbox.async_client(transport=ThreadedTransport(UrllibTransport())) as client:
            users = await asyncio.gather(client.users.me(), client.users.me())
            return [u.email for u in users]

    assert asyncio.run(main()) == ["alice@example.com", "alice@example.com"]


def test_your_own_httpx_clients_are_used_and_left_open(sandbox: Sandbox) -> None:
    seen: List[str] = []
    with httpx.Client(event_hooks={"request": [lambda r: seen.append(str(r.url))]}) as http:
        with sandbox.client(transport=http) as client:
            assert client.company.get().name
        assert seen == [sandbox.base_url + "/v2/company"]
        assert not http.is_closed

    async def main() -> bool:
        async with httpx.AsyncClient() as http:
            async with sandbox.async_client(transport=http) as client:
                assert (await client.company.get()).name
            return http.is_closed

    assert asyncio.run(main()) is False


def test_a_function_is_a_transport_for_mocking() -> None:
    calls: List[Tuple[str, str, Any]] = []

    def fake(method: str, url: str, headers: List[Tuple[str, str]], body: Any) -> Tuple[int, dict, bytes]:
        calls.append((method, url, json.loads(body) if body else None))
        assert dict(headers)["User-Agent"] == USER_AGENT
        return 201, {"Content-Type": "application/json"}, json.dumps(ENTRY).encode()

    client = harvest_sdk.Client(1, "token", USER_AGENT, transport=fake)
    entry = client.log_time(1, 2, date(2026, 11, 2), Decimal("1.5"))
    assert entry.id == 7 and entry.hours == Decimal("1.5")
    assert calls == [("POST", "https://api.harvestapp.com/v2/time_entries", {"project_id": 1, "task_id": 2, "spent_date": "2026-11-02", "hours": 1.5})]

    async def afake(method: str, url: str, headers: Any, body: Any) -> Tuple[int, List[Tuple[str, str]], str]:
        await asyncio.sleep(0)
        return 200, [("Content-Type", "application/json")], json.dumps(ENTRY)

    async def main() -> int:
        return int((await harvest_sdk.AsyncClient(1, "token", USER_AGENT, transport=afake).time_entries.get(7)).id)

    assert asyncio.run(main()) == 7


def test_a_refused_connection_is_retried_even_for_a_create() -> None:
    attempts: List[str] = []

    def flaky(method: str, url: str, headers: Any, body: Any) -> Tuple[int, dict, bytes]:
        attempts.append(method)
        if len(attempts) == 1:
            raise ConnectionRefusedError("refused")
        return 201, {}, json.dumps(ENTRY).encode()

    client = harvest_sdk.Client(1, "token", USER_AGENT, transport=flaky, retry={"base_delay_ms": 1}, sleep=lambda s: None)
    assert client.log_time(1, 2, date(2026, 11, 2), Decimal("1.5")).id == 7
    assert attempts == ["POST", "POST"]


def test_a_timed_out_create_is_not_repeated() -> None:
    attempts: List[str] = []

    def slow(method: str, url: str, headers: Any, body: Any) -> Tuple[int, dict, bytes]:
        attempts.append(method)
        raise TimeoutError("took too long")

    client = harvest_sdk.Client(1, "token", USER_AGENT, transport=slow, sleep=lambda s: None)
    with pytest.raises(harvest_sdk.HarvestTimeoutError, match="took too long"):
        client.clients.create(name="x")
    assert attempts == ["POST"]


def test_a_bug_in_a_transport_is_not_mistaken_for_a_network_error() -> None:
    def broken(method: str, url: str, headers: Any, body: Any) -> Tuple[int, dict, bytes]:
        raise KeyError("oops")

    with pytest.raises(KeyError):
        harvest_sdk.Client(1, "token", USER_AGENT, transport=broken).company.get()
    with pytest.raises(TypeError):
        harvest_sdk.Client(1, "token", USER_AGENT, transport=42)


@pytest.mark.parametrize(
    "error, kind",
    [
        (httpx.ConnectError("no"), "connect"),
        (httpx.ConnectTimeout("no"), "connect"),
        (httpx.ReadTimeout("slow"), "timeout"),
        (httpx.RemoteProtocolError("cut"), "transport"),
        (httpx.ReadError("reset"), "transport"),
        (ConnectionRefusedError(), "connect"),
        (socket.gaierror(), "connect"),
        (urllib.error.URLError(ConnectionRefusedError()), "connect"),
        (urllib.error.URLError(socket.timeout()), "timeout"),
        (TimeoutError(), "timeout"),
        (ConnectionResetError(), "transport"),
    ],
)
def test_network_errors_map_onto_failure_kinds(error: Exception, kind: str) -> None:
    failure = failure_of(error)
    assert isinstance(failure, Failure) and failure.kind == kind


def test_other_errors_are_not_network_failures() -> None:
    assert failure_of(ValueError("x")) is None
    assert failure_of(httpx.InvalidURL("x")) is None
