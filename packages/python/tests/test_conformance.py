"""Every conformance case through the Python binding: the README's scheduler over the drivers'
shared step loop, and the single-call cases through the public sync and asyncio clients."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance import call_specs, case_files, load, run_scheduled, run_through_client

FILES = case_files()
SINGLE = [f for f in FILES if len(call_specs(load(f))) == 1]


def test_the_cases_are_there() -> None:
    assert len(FILES) >= 80, f"expected the conformance suite, found {len(FILES)} cases"
    assert len(SINGLE) >= 70


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_scheduled(path: Path) -> None:
    errors = run_scheduled(load(path))
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("path", SINGLE, ids=lambda p: p.stem)
def test_sync_client(path: Path) -> None:
    errors = run_through_client(load(path), use_async=False)
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("path", SINGLE, ids=lambda p: p.stem)
def test_async_client(path: Path) -> None:
    errors = run_through_client(load(path), use_async=True)
    assert not errors, "\n".join(errors)
