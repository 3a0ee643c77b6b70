"""Fetch everything at once with asyncio: users, projects, clients and tasks concurrently, then every
user's time entries concurrently (the client's rate limiter keeps it under Harvest's limits).
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import List, Tuple

import harvest_sdk
from harvest_sdk.models import TimeEntry
from _env import connection


async def hours_of(harvest: harvest_sdk.AsyncClient, user_id: int) -> Tuple[int, Decimal]:
    entries: List[TimeEntry] = await harvest.time_entries.list(user_id=user_id).all()
    return len(entries), sum((e.hours for e in entries), Decimal(0))


async def main() -> None:
    async with harvest_sdk.AsyncClient(**connection()) as harvest:
        users, projects, clients, tasks = await asyncio.gather(
            harvest.users.list().all(), harvest.projects.list().all(), harvest.clients.list().all(), harvest.tasks.list().all()
        )
        print(f"{len(users)} users, {len(projects)} projects, {len(clients)} clients, {len(tasks)} tasks")
        totals = await asyncio.gather(*(hours_of(harvest, user.id) for user in users))
        for user, (count, hours) in sorted(zip(users, totals), key=lambda pair: -pair[1][1]):
            print(f"{user.first_name} {user.last_name}: {count} entries, {hours} h")


if __name__ == "__main__":
    asyncio.run(main())
