"""Generates the sync modules from the asyncio ones (as encode/httpcore does): one driver and one
client are written, the other is derived, and a test checks the derived files are up to date.

    python tools/unasync.py          # rewrite the sync modules
    python tools/unasync.py --check  # exit 1 if they are out of date
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "harvest_sdk"

FILES = {"_async_driver.py": "_driver.py", "_async_client.py": "_client.py"}

# Lines ending with "# async-only" are left out. Whole words (or phrases) replaced in order.
WORDS = [
    ("async def ", "def "),
    ("async for ", "for "),
    ("async with ", "with "),
    ("await ", ""),
    ("__aiter__", "__iter__"),
    ("__anext__", "__next__"),
    ("__aenter__", "__enter__"),
    ("__aexit__", "__exit__"),
    ("StopAsyncIteration", "StopIteration"),
    ("aclose", "close"),
    ("AsyncClient", "Client"),
    ("AsyncAhead", "Ahead"),
    ("AsyncTransport", "Transport"),
    ("AsyncItems", "Items"),
    ("AsyncPages", "Pages"),
    ("AsyncSleep", "Sleep"),
    ("async_transport", "sync_transport"),
    ("_async_driver", "_driver"),
    ("asyncio.sleep", "time.sleep"),
    ("import asyncio", "import time"),
    ("Awaitable[Any]", "Any"),
    ("Awaitable, ", ""),
    ("an httpx.AsyncClient", "an httpx.Client"),
    ("for asyncio", "without asyncio"),
    ("The asyncio driver", "The sync driver"),
    ("The asyncio client", "The sync client"),
    ("(``async for page in ...``)", "(``for page in ...``)"),
    ("(``async for item in ...``)", "(``for item in ...``)"),
    (", else urllib in a thread", ", else urllib"),
    ("asyncio.gather", "threads"),
    ("an async transport and an async sleep", "a transport and a sleep"),
    ("a cancelled task, ``asyncio.wait_for``, ", ""),
]

HEADER = '# Generated from {source} by tools/unasync.py: edit {source}, not this file.\n'


def unasync(text: str) -> str:
    text = "".join(line for line in text.splitlines(keepends=True) if not line.rstrip().endswith("# async-only"))
    for old, new in WORDS:
        pattern = re.escape(old)
        if old[0].isalnum() or old[0] == "_":
            pattern = r"(?<!\w)" + pattern
        text = re.sub(pattern, new.replace("\\", "\\\\"), text)
    return text


def generated(source: str) -> str:
    body = unasync((PACKAGE / source).read_text())
    return HEADER.format(source=source) + body


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for source, target in FILES.items():
        text = generated(source)
        path = PACKAGE / target
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(target)
        else:
            path.write_text(text)
    if stale:
        print(f"out of date (run python tools/unasync.py): {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
