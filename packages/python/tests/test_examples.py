"""The examples run against a fresh sandbox, and ``mypy --strict`` accepts them (through the
package's stubs: the models' fields, the clients' return types)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator

import pytest

from conftest import Sandbox

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def env() -> Iterator[Dict[str, str]]:
    running = Sandbox("--seed", "demo", "--no-rate-limit")
    yield dict(os.environ, HARVEST_BASE_URL=running.base_url, HARVEST_ACCOUNT_ID=str(running.account_id), HARVEST_ACCESS_TOKEN=running.token)
    running.stop()


def run(env: Dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, *args], cwd=EXAMPLES, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_log_time(env: Dict[str, str]) -> None:
    out = run(env, "log_time.py", "2.25", "from the test")
    assert out.startswith("logged 2.25 h on ")


def test_invoice_a_month(env: Dict[str, str]) -> None:
    lines = run(env, "invoice_month.py", "2026-11").splitlines()
    assert lines and all(line.endswith("(paid)") for line in lines)
    assert run(env, "invoice_month.py", "2026-11").strip() == "nothing to invoice between 2026-11-01 and 2026-11-30"


def test_budget_report_to_csv(env: Dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "budget.csv"
    assert "projects to" in run(env, "budget_report.py", str(target))
    rows = list(csv.DictReader(target.open()))
    assert rows and {"project_name", "budget", "budget_remaining"} <= set(rows[0])
    assert all(row["project_name"] for row in rows)


def test_async_bulk_fetch(env: Dict[str, str]) -> None:
    lines = run(env, "bulk_fetch.py").splitlines()
    assert lines[0].endswith("tasks") and "users" in lines[0]
    assert len(lines) > 1 and all(" entries, " in line for line in lines[1:])


def test_mypy_strict_accepts_the_examples() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(EXAMPLES)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout


def test_mypy_catches_a_wrong_field(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "import harvest_sdk\n"
        "def hours(client: harvest_sdk.Client) -> str:\n"
        "    return client.time_entries.get(1).hours\n"
        "def typo(client: harvest_sdk.Client) -> object:\n"
        "    return client.time_entries.get(1).no_such_field\n"
    )
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(wrong)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert '"TimeEntry" has no attribute "no_such_field"' in done.stdout
    assert 'Incompatible return value type (got "Decimal", expected "str")' in done.stdout
