"""Benchmarks of the Python package, as ratios to same-run baselines (``make bench-python``).

1. Decoding one generated 2000-entry ``listTimeEntries`` body: ``harvest_sdk.decode`` to typed
   objects, touching ``.id`` and ``.hours`` of every item, against ``json.loads`` alone and
   against ``json.loads`` + pydantic models (dataclasses when pydantic is not installed).
2. Fetching 20000+ time entries from the sandbox (rate limit off): ``harvest_sdk`` against plain
   httpx + ``json.loads`` paging with ``per_page=100``.
3. Reading ahead: the same walk with 30 ms added to every page (a sandbox fault, as a real network
   would) and 20 µs of the caller's own work per entry, with the next page fetched while the caller
   works, against the same client fetching one page at a time.

Build the extension in release first (``make bench-python`` does); a debug build is ~10x slower.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import httpx

import harvest_sdk

ROOT = Path(__file__).resolve().parents[3]


def entry(i: int) -> Dict[str, Any]:
    """A time entry shaped like Harvest's documentation example."""
    day = 1 + i % 28
    return {
        "id": 636708723 + i,
        "spent_date": f"2026-11-{day:02d}",
        "user": {"id": 1782959, "name": "Kim Allen"},
        "client": {"id": 5735774, "name": "ABC Corp", "currency": "USD"},
        "project": {"id": 14307913, "name": "Marketing Website", "code": "MW"},
        "task": {"id": 8083365, "name": "Graphic Design"},
        "user_assignment": {"id": 125068554, "is_project_manager": True, "is_active": True, "budget": None,
                            "created_at": "2017-06-26T22:32:52Z", "updated_at": "2017-06-26T22:32:52Z", "hourly_rate": 100.0},
        "task_assignment": {"id": 155502709, "billable": True, "is_active": True, "created_at": "2017-06-26T21:36:23Z",
                            "updated_at": "2017-06-26T21:36:23Z", "hourly_rate": 100.0, "budget": None},
        "hours": round(0.25 * (1 + i % 16), 2),
        "hours_without_timer": round(0.25 * (1 + i % 16), 2),
        "rounded_hours": round(0.25 * (1 + i % 16), 2),
        "notes": f"Adding CSS styling, entry {i}",
        "created_at": "2017-06-27T15:50:15Z",
        "updated_at": "2017-06-27T16:47:14Z",
        "is_locked": False,
        "locked_reason": None,
        "is_closed": False,
        "approval_status": "unsubmitted",
        "is_billed": False,
        "timer_started_at": None,
        "started_time": None,
        "ended_time": None,
        "is_running": False,
        "invoice": None,
        "external_reference": None,
        "billable": True,
        "budgeted": True,
        "billable_rate": 100.0,
        "cost_rate": 50.0,
    }


def page_body(n: int) -> bytes:
    return json.dumps({
        "time_entries": [entry(i) for i in range(n)],
        "per_page": n, "total_pages": 1, "total_entries": n, "next_page": None, "previous_page": None, "page": 1,
        "links": {"first": "https://api.harvestapp.com/v2/time_entries?page=1&per_page=2000", "next": None, "previous": None,
                  "last": "https://api.harvestapp.com/v2/time_entries?page=1&per_page=2000"},
    }).encode()


def best_ms(run: Callable[[], Any], repeat: int) -> float:
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def decode_rows(body: bytes, repeat: int) -> List[tuple]:
    def loads() -> Any:
        return json.loads(body)

    def loads_touch() -> Any:
        return [(e["id"], e["hours"]) for e in json.loads(body)["time_entries"]]

    def typed() -> Any:
        return harvest_sdk.decode("listTimeEntries", 200, [], body)

    def typed_touch() -> Any:
        return [(e.id, e.hours) for e in harvest_sdk.decode("listTimeEntries", 200, [], body)]

    rows = [
        ("json.loads alone", best_ms(loads, repeat)),
        ("json.loads + read id, hours (dicts, float hours)", best_ms(loads_touch, repeat)),
        ("harvest_sdk.decode (typed, lazy)", best_ms(typed, repeat)),
        ("harvest_sdk.decode + read .id, .hours (Decimal)", best_ms(typed_touch, repeat)),
    ]
    try:
        import pydantic
    except ImportError:
        pydantic = None  # type: ignore[assignment]
    if pydantic is not None:
        rows += pydantic_rows(body, repeat)
    else:
        rows += dataclass_rows(body, repeat)
    return rows


def pydantic_rows(body: bytes, repeat: int) -> List[tuple]:
    from pydantic import BaseModel, TypeAdapter

    class Ref(BaseModel):
        id: int
        name: Optional[str] = None

    class Assignment(BaseModel):
        id: int
        is_active: Optional[bool] = None
        hourly_rate: Optional[Decimal] = None
        created_at: Optional[datetime] = None
        updated_at: Optional[datetime] = None

    class TimeEntry(BaseModel):
        id: int
        spent_date: date
        user: Ref
        client: Ref
        project: Ref
        task: Ref
        user_assignment: Optional[Assignment] = None
        task_assignment: Optional[Assignment] = None
        hours: Decimal
        hours_without_timer: Optional[Decimal] = None
        rounded_hours: Optional[Decimal] = None
        notes: Optional[str] = None
        created_at: datetime
        updated_at: datetime
        is_locked: bool
        locked_reason: Optional[str] = None
        is_closed: bool
        approval_status: Optional[str] = None
        is_billed: bool
        timer_started_at: Optional[datetime] = None
        started_time: Optional[str] = None
        ended_time: Optional[str] = None
        is_running: bool
        invoice: Optional[Ref] = None
        external_reference: Optional[Dict[str, Any]] = None
        billable: bool
        budgeted: bool
        billable_rate: Optional[Decimal] = None
        cost_rate: Optional[Decimal] = None

    adapter = TypeAdapter(List[TimeEntry])

    def loads_models() -> Any:
        return [(e.id, e.hours) for e in adapter.validate_python(json.loads(body)["time_entries"])]

    class Page(BaseModel):
        time_entries: List[TimeEntry]

    def validate_json() -> Any:
        return [(e.id, e.hours) for e in Page.model_validate_json(body).time_entries]

    return [
        (f"json.loads + pydantic {pydantic_version()} models + read", best_ms(loads_models, repeat)),
        ("pydantic model_validate_json + read (no json.loads)", best_ms(validate_json, repeat)),
    ]


def pydantic_version() -> str:
    import pydantic

    return str(pydantic.VERSION)


def dataclass_rows(body: bytes, repeat: int) -> List[tuple]:
    @dataclass
    class TimeEntry:
        id: int
        spent_date: date
        hours: Decimal
        notes: Optional[str]
        project_name: str
        created_at: datetime

    def build() -> Any:
        out = []
        for e in json.loads(body)["time_entries"]:
            out.append(TimeEntry(e["id"], date.fromisoformat(e["spent_date"]), Decimal(str(e["hours"])), e["notes"],
                                 e["project"]["name"], datetime.fromisoformat(e["created_at"].replace("Z", "+00:00"))))
        return [(t.id, t.hours) for t in out]

    return [("json.loads + dataclasses (6 fields converted) + read", best_ms(build, repeat))]


def sandbox_rows() -> List[tuple]:
    process, info = start_sandbox()
    try:
        base, token, account = info["base_url"], info["access_token"], info["account_id"]
        headers = {"Authorization": f"Bearer {token}", "Harvest-Account-Id": str(account), "User-Agent": "bench (bench@example.com)"}

        def plain() -> int:
            count = 0
            with httpx.Client() as http:
                url: Optional[str] = f"{base}/v2/time_entries?per_page=100"
                while url:
                    page = json.loads(http.get(url, headers=headers).content)
                    for e in page["time_entries"]:
                        count += 1 if e["id"] and e["hours"] is not None else 0
                    url = page["links"]["next"]
            return count

        def sdk(per_page: int) -> Callable[[], int]:
            def run() -> int:
                with harvest_sdk.Client(account, token, "bench (bench@example.com)", base_url=base, rate_limits={"enabled": False}) as client:
                    return sum(1 for e in client.time_entries.list(per_page=per_page) if e.id and e.hours is not None)
            return run

        total = plain()
        assert total == sdk(100)() >= 20000, "both walks must see every entry"
        return [
            (f"httpx + json.loads, per_page=100 ({total} entries)", best_ms(plain, 3)),
            ("harvest_sdk Client, per_page=100", best_ms(sdk(100), 3)),
            ("harvest_sdk Client, per_page=2000 (its default)", best_ms(sdk(2000), 3)),
        ]
    finally:
        process.kill()
        process.wait()


def start_sandbox(*args: str) -> "tuple[subprocess.Popen[str], Dict[str, Any]]":
    binary = os.environ.get("HARVEST_SANDBOX") or str(ROOT / "target" / "release" / "harvest-sandbox")
    process = subprocess.Popen([binary, "--port", "0", "--json", "--no-rate-limit", "--seed-time-entries", "20000", *args], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    return process, json.loads(process.stdout.readline())


def read_ahead_rows() -> List[tuple]:
    import urllib.request

    from harvest_sdk import _client

    process, info = start_sandbox("--faults")
    try:
        delay = {"method": "GET", "path": "/v2/time_entries", "probability": 1.0, "fault": "stall", "ms": 30}
        request = urllib.request.Request(info["base_url"] + "/_sandbox/faults", json.dumps(delay).encode(), {"Content-Type": "application/json"}, method="POST")
        urllib.request.urlopen(request, timeout=10).close()

        def walk() -> int:
            with harvest_sdk.Client(info["account_id"], info["access_token"], "bench (bench@example.com)", base_url=info["base_url"], rate_limits={"enabled": False}) as client:
                count = 0
                for entry in client.time_entries.list():
                    end = time.perf_counter() + 20e-6
                    while time.perf_counter() < end:
                        pass
                    count += 1 if entry.id else 0
                return count

        default = _client.READ_AHEAD_AFTER_MS
        try:
            _client.READ_AHEAD_AFTER_MS = 10**9
            one_at_a_time = best_ms(walk, 3)
        finally:
            _client.READ_AHEAD_AFTER_MS = default
        return [("harvest_sdk Client, one page at a time", one_at_a_time), ("harvest_sdk Client, reading ahead (its default)", best_ms(walk, 3))]
    finally:
        process.kill()
        process.wait()


def table(title: str, rows: List[tuple]) -> None:
    base = rows[0][1]
    print(f"\n{title}")
    print(f"  {'':58} {'ms':>9} {'ratio':>7}")
    for name, ms in rows:
        print(f"  {name:58} {ms:9.2f} {ms / base:7.2f}")


def main() -> None:
    body = page_body(2000)
    print(f"Python {sys.version.split()[0]}, harvest_sdk {harvest_sdk.__version__}; body {len(body) / 1e6:.2f} MB, 2000 entries")
    table("decode one 2000-entry listTimeEntries page (best of 20; ratio to json.loads alone)", decode_rows(body, 20))
    if "--no-sandbox" not in sys.argv:
        table("fetch every time entry from the sandbox over loopback (best of 3; ratio to httpx + json.loads)", sandbox_rows())
        table("the same, 30 ms a page and 20 us of work an entry, per_page=2000 (best of 3; ratio to one page at a time)", read_ahead_rows())


if __name__ == "__main__":
    main()
