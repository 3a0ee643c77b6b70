"""Pagination over 10000+ time entries in the sandbox: lazily, page by page, saved and resumed."""

from __future__ import annotations

import asyncio
import json
from typing import List

import harvest_sdk
from conftest import Sandbox


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
