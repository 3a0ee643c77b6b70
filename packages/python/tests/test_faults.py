"""Reliability against the sandbox's injected faults: reads survive 5xx, dropped connections,
truncated bodies, stalls and 429s; a create is never repeated; async calls cancel cleanly."""

from __future__ import annotations

import asyncio
import time
from datetime import date
from decimal import Decimal
from typing import Any, Tuple

import pytest

import harvest_sdk
from conftest import Sandbox

FAST_RETRY = {"base_delay_ms": 10, "max_delay_ms": 50}


@pytest.fixture()
def fast(sandbox: Sandbox) -> Any:
    sandbox.clear_faults()
    with sandbox.client(retry=FAST_RETRY) as client:
        yield client
    sandbox.clear_faults()


def assignment(client: harvest_sdk.Client) -> Tuple[int, int]:
    mine = next(iter(client.users.my_project_assignments()))
    return mine.project.id, mine.task_assignments[0].task.id


@pytest.mark.parametrize("fault", [{"fault": "status", "status": 503}, {"fault": "status", "status": 500}, {"fault": "drop"}, {"fault": "truncate"}])
def test_reads_survive_faults(fast: harvest_sdk.Client, sandbox: Sandbox, fault: dict) -> None:
    expected = [c.id for c in fast.clients.list()]
    before = sandbox.stats()["requests"]
    sandbox.fault(method="GET", path="/v2/clients", times=2, **fault)
    assert [c.id for c in fast.clients.list()] == expected
    assert sandbox.stats()["requests"] - before == 3


def test_a_read_fails_once_retries_are_exhausted(sandbox: Sandbox) -> None:
    sandbox.clear_faults()
    client = sandbox.client(retry=dict(FAST_RETRY, max_attempts=2))
    sandbox.fault(method="GET", path="/v2/company", times=5, fault="status", status=502)
    with pytest.raises(harvest_sdk.ServerError) as caught:
        client.company.get()
    assert caught.value.status == 502
    sandbox.clear_faults()
    assert client.company.get().name


def test_a_dropped_create_with_an_external_reference_is_created_exactly_once(fast: harvest_sdk.Client, sandbox: Sandbox) -> None:
    project_id, task_id = assignment(fast)
    reference = {"id": f"PY-DROP-{time.time_ns()}", "group_id": "py", "permalink": "https://example.com/drop"}
    sandbox.fault(method="POST", path="/v2/time_entries", times=1, fault="drop")
    entry = fast.log_time(project_id, task_id, date(2026, 11, 12), Decimal("0.5"), external_reference=reference)
    assert entry.external_reference.id == reference["id"]
    found = list(fast.time_entries.list(external_reference_id=reference["id"]))
    assert [e.id for e in found] == [entry.id]
    fast.time_entries.delete(entry.id)


def test_a_dropped_create_without_a_reference_is_not_repeated(fast: harvest_sdk.Client, sandbox: Sandbox) -> None:
    project_id, task_id = assignment(fast)
    notes = f"py-no-ref-{time.time_ns()}"
    sandbox.fault(method="POST", path="/v2/time_entries", times=1, fault="drop")
    with pytest.raises(harvest_sdk.TransportError):
        fast.log_time(project_id, task_id, date(2026, 11, 13), Decimal("0.5"), notes=notes)
    created = [e for e in fast.time_entries.list(from_=date(2026, 11, 13), to=date(2026, 11, 13)) if e.notes == notes]
    assert len(created) == 1
    fast.time_entries.delete(created[0].id)


def test_a_stalled_read_times_out_and_is_retried(sandbox: Sandbox) -> None:
    sandbox.clear_faults()
    with sandbox.client(retry=FAST_RETRY, timeout=0.3) as client:
        sandbox.fault(method="GET", path="/v2/users/me", times=1, fault="stall", ms=3000)
        started = time.monotonic()
        assert client.users.me().email == "alice@example.com"
        assert time.monotonic() - started < 2.5


def test_a_timeout_that_persists_is_a_harvest_timeout_error(sandbox: Sandbox) -> None:
    sandbox.clear_faults()
    with sandbox.client(retry=dict(FAST_RETRY, max_attempts=2), timeout=0.2) as client:
        sandbox.fault(method="GET", path="/v2/roles", times=2, fault="stall", ms=2000)
        with pytest.raises(harvest_sdk.HarvestTimeoutError) as caught:
            list(client.roles.list())
    assert caught.value.code == "timeout"
    sandbox.clear_faults()


def test_429_waits_for_retry_after_then_succeeds(fast: harvest_sdk.Client, sandbox: Sandbox) -> None:
    sandbox.fault(method="GET", path="/v2/tasks", times=1, fault="rate_limit", retry_after=1)
    before = sandbox.stats()["requests"]
    started = time.monotonic()
    assert list(fast.tasks.list())
    assert time.monotonic() - started >= 0.9
    assert sandbox.stats()["requests"] == before + 2


def test_429_past_the_retry_budget_is_a_rate_limited_error(sandbox: Sandbox) -> None:
    sandbox.clear_faults()
    client = sandbox.client(retry=dict(FAST_RETRY, max_attempts=1))
    sandbox.fault(method="GET", path="/v2/tasks", times=1, fault="rate_limit", retry_after=30)
    with pytest.raises(harvest_sdk.RateLimitedError) as caught:
        list(client.tasks.list())
    assert caught.value.status == 429 and caught.value.retry_at is not None
    assert 25 < caught.value.retry_at.timestamp() - time.time() <= 31


def test_an_async_call_cancelled_mid_flight(sandbox: Sandbox) -> None:
    sandbox.clear_faults()

    async def main() -> None:
        async with sandbox.async_client() as client:
            sandbox.fault(method="GET", path="/v2/users/me", times=1, fault="stall", ms=5000)
            started = time.monotonic()
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(client.users.me(), timeout=0.3)
            assert time.monotonic() - started < 2
            sandbox.fault(method="GET", path="/v2/company", times=1, fault="stall", ms=5000)
            task = asyncio.ensure_future(client.company.get())
            await asyncio.sleep(0.2)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert task.cancelled()
            me, company = await asyncio.gather(client.users.me(), client.company.get())
            assert me.email == "alice@example.com" and company.name

    asyncio.run(main())


def test_a_cancelled_page_walk_resumes_from_its_position(sandbox: Sandbox) -> None:
    sandbox.clear_faults()

    async def main() -> None:
        async with sandbox.async_client() as client:
            everything = [e.id async for e in client.time_entries.list(per_page=50)]
            pages = client.time_entries.list(per_page=50).pages()
            first = await pages.__anext__()
            sandbox.fault(method="GET", path="/v2/time_entries", times=1, fault="stall", ms=5000)
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(pages.__anext__(), timeout=0.3)
            rest = [e.id async for e in client.time_entries.list(resume=pages.position)]
            assert [e.id for e in first] + rest == everything

    asyncio.run(main())


@pytest.fixture(scope="module")
def limited_sandbox() -> Any:
    """10 requests per second, as a stand-in for Harvest's 100 per 15 s."""
    running = Sandbox("--seed", "demo", "--faults", "--rate-limit", "10/1")
    yield running
    running.stop()


def test_the_proactive_limiter_never_meets_a_429(limited_sandbox: Sandbox) -> None:
    # A tenth of a second of margin over the server's window absorbs loopback jitter.
    client = limited_sandbox.client(rate_limits={"general": {"requests": 10, "window_ms": 1100}})
    started = time.monotonic()
    for _ in range(25):
        client.company.get()
    assert time.monotonic() - started >= 2.1
    assert limited_sandbox.stats()["rate_limited"] == 0


def test_without_the_limiter_429s_are_waited_out(limited_sandbox: Sandbox) -> None:
    async def main() -> None:
        async with limited_sandbox.async_client(rate_limits={"enabled": False}) as client:
            before = limited_sandbox.stats()["rate_limited"]
            companies = await asyncio.gather(*(client.company.get() for _ in range(25)))
            assert len(companies) == 25 and all(c.name for c in companies)
            assert limited_sandbox.stats()["rate_limited"] > before

    asyncio.run(main())
