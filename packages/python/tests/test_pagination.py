"""Pagination over 10000+ time entries in the sandbox: lazily, page by page, saved and resumed."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any, Dict, List, Tuple
from urllib.parse import parse_qs, urlsplit

import pytest

import harvest_sdk
from conftest import USER_AGENT, Sandbox


def total_entries(client: harvest_sdk.Client) -> int:
    first = next(iter(client.time_entries.list(per_page=1).pages()))
    return int(json.loads(first.to_json())["total_entries"])


def test_every_entry_once_across_pages(big_sandbox: Sandbox) -> None:
    client = big_sandbox.client()
    total = total_entries(client)
    assert total >= 10000
    ids = [entry.id for entry in client.time_entries.list()]
    assert len(ids) == total == len(set(ids))
    sizes = [len(page) for page in client.time_entries.list(per_page=1000).pages()]
    assert sum(sizes) == total and len(sizes) == -(-total // 1000) and max(sizes) == 1000


def test_a_saved_position_resumes_in_another_client(big_sandbox: Sandbox) -> None:
    first_client = big_sandbox.client()
    walk = first_client.time_entries.list(per_page=500).pages()
    seen: List[int] = []
    for _ in range(3):
        seen += [e.id for e in next(walk)]
    position = walk.position
    assert json.loads(position)["pages"] == 3 and len(position) < 1000
    rest = [e.id for e in big_sandbox.client().time_entries.list(resume=position)]
    everything = [e.id for e in first_client.time_entries.list()]
    assert seen + rest == everything


def test_concurrent_async_walks(big_sandbox: Sandbox) -> None:
    async def main() -> None:
        async with big_sandbox.async_client() as client:
            users = [u.id async for u in client.users.list()]

            async def count(user_id: int) -> int:
                return len([e async for e in client.time_entries.list(user_id=user_id, per_page=400)])

            per_user = await asyncio.gather(*(count(u) for u in users))
            assert sum(per_user) == len(await client.time_entries.list().all())

    asyncio.run(main())


class FourPages:
    """A function transport serving a list of four pages of two clients (``fail`` pages answer 404)
    and recording which pages were asked for; ``asked[n]`` is set once page n was requested."""

    def __init__(self, fail: int = 0) -> None:
        self.pages: List[int] = []
        self.asked = {n: threading.Event() for n in range(1, 5)}
        self.fail = fail
        self.delay = 0.01  # as slow as a real network, so that walks read ahead

    def __call__(self, method: str, url: str, headers: Any, body: Any) -> Tuple[int, Dict[str, str], bytes]:
        query = parse_qs(urlsplit(url).query)
        page = int(query.get("page", ["1"])[0])
        self.pages.append(page)
        self.asked[page].set()
        time.sleep(self.delay)
        if page == self.fail:
            return 404, {"Content-Type": "application/json"}, b'{"message":"Not found"}'
        base = "https://api.harvestapp.com/v2/clients?per_page=2&page="
        listed = {
            "clients": [{"id": page * 10 + i, "name": f"Client {page}.{i}", "is_active": True} for i in (1, 2)],
            "per_page": 2, "total_pages": 4, "total_entries": 8, "page": page,
            "next_page": page + 1 if page < 4 else None, "previous_page": page - 1 if page > 1 else None,
            "links": {"first": base + "1", "next": base + str(page + 1) if page < 4 else None,
                      "previous": base + str(page - 1) if page > 1 else None, "last": base + "4"},
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(listed).encode()


EVERY_ID = [11, 12, 21, 22, 31, 32, 41, 42]


def test_the_first_item_or_page_costs_one_request() -> None:
    fake = FourPages()
    client = harvest_sdk.Client(1, "token", USER_AGENT, transport=fake)
    assert next(iter(client.clients.list(per_page=2))).id == 11
    assert [c.id for c in next(iter(client.clients.list(per_page=2).pages()))] == [11, 12]
    time.sleep(0.05)
    assert fake.pages == [1, 1]


def test_pages_that_arrive_at_once_are_not_read_ahead() -> None:
    fake = FourPages()
    fake.delay = 0.0
    client = harvest_sdk.Client(1, "token", USER_AGENT, transport=fake)
    pages = client.clients.list(per_page=2).pages()
    next(pages), next(pages)
    time.sleep(0.05)
    assert fake.pages == [1, 2]
    assert [c.id for page in pages for c in page] == [31, 32, 41, 42]


def test_from_the_second_page_on_the_next_one_is_read_ahead() -> None:
    fake = FourPages()
    client = harvest_sdk.Client(1, "token", USER_AGENT, transport=fake)
    pages = client.clients.list(per_page=2).pages()
    first, second = next(pages), next(pages)
    assert [c.id for c in first] + [c.id for c in second] == [11, 12, 21, 22]
    assert fake.asked[3].wait(5), "page 3 is fetched before it is asked for"
    assert json.loads(pages.position)["pages"] == 2, "the position is still the page not handed out"
    rest = [c.id for page in pages for c in page]
    assert rest == [31, 32, 41, 42] and fake.pages == [1, 2, 3, 4]
    assert [c.id for c in client.clients.list(per_page=2)] == EVERY_ID


def test_a_page_read_ahead_that_failed_raises_when_it_is_asked_for() -> None:
    fake = FourPages(fail=3)
    client = harvest_sdk.Client(1, "token", USER_AGENT, transport=fake)
    items = client.clients.list(per_page=2)
    walk = iter(items)
    seen = [next(walk).id for _ in range(4)]
    assert fake.asked[3].wait(5)
    with pytest.raises(harvest_sdk.NotFoundError):
        next(walk)
    assert seen == [11, 12, 21, 22]
    fake.fail = 0
    assert [c.id for c in client.clients.list(resume=items.position)] == [31, 32, 41, 42]


def test_async_walks_read_ahead_too() -> None:
    async def main() -> None:
        fake = FourPages()
        client = harvest_sdk.AsyncClient(1, "token", USER_AGENT, transport=fake)
        first = [c async for c in client.clients.list(per_page=2)]
        assert first == [c async for c in client.clients.list(per_page=2)] and [c.id for c in first] == EVERY_ID
        async for _ in client.clients.list(per_page=2):
            break
        assert fake.pages == [1, 2, 3, 4] * 2 + [1]

        failing = FourPages(fail=3)
        pages = harvest_sdk.AsyncClient(1, "token", USER_AGENT, transport=failing).clients.list(per_page=2).pages()
        await pages.__anext__()
        await pages.__anext__()
        for _ in range(500):
            if failing.asked[3].is_set():
                break
            await asyncio.sleep(0.01)
        assert failing.asked[3].is_set() and json.loads(pages.position)["pages"] == 2
        with pytest.raises(harvest_sdk.NotFoundError):
            await pages.__anext__()

    asyncio.run(main())
