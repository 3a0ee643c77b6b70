"""The examples run against a fresh sandbox, and ``mypy --strict`` and pyright (strict) accept them
(through the package's stubs: the models' fields, the clients' return types), as they would check a
user's project that has harvest_sdk installed."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from conftest import Sandbox

PACKAGE = Path(__file__).resolve().parents[1]
EXAMPLES = PACKAGE / "examples"
# Installed by `make setup-python` at the version pinned in tools/pyright/package-lock.json.
PYRIGHT = PACKAGE / "tools" / "pyright" / "node_modules" / "pyright" / "index.js"


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


def pyright(*args: str, cwd: Path) -> Dict[str, Any]:
    """Runs the pinned pyright with this interpreter's environment (where harvest_sdk is installed,
    as in a user's virtualenv) and returns its JSON report."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: pyright (an npm package) cannot run; install Node.js 14+ and run `make setup-python`")
    assert PYRIGHT.is_file(), f"pyright is not installed in {PYRIGHT.parents[2]}: run `make setup-python`"
    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ, VIRTUAL_ENV=sys.prefix, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    done = subprocess.run([node, str(PYRIGHT), "--outputjson", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stdout + done.stderr  # 1: errors reported; others: pyright failed
    report: Dict[str, Any] = json.loads(done.stdout)
    return report


def diagnostics(report: Dict[str, Any]) -> List[str]:
    return [
        f"{d['file']}:{d['range']['start']['line'] + 1}: {d['severity']}: {d['message']}"
        for d in report.get("generalDiagnostics", [])
    ]


def test_pyright_strict_accepts_the_examples() -> None:
    # examples/pyrightconfig.json: strict, Python 3.9, harvest_sdk from the .venv's site-packages.
    report = pyright("--project", str(EXAMPLES), cwd=EXAMPLES)
    assert report["summary"]["errorCount"] == 0 and report["summary"]["warningCount"] == 0, "\n".join(diagnostics(report))
    assert report["summary"]["filesAnalyzed"] >= 5


def test_pyright_catches_a_wrong_field(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "import harvest_sdk\n"
        "def hours(client: harvest_sdk.Client) -> str:\n"
        "    return client.time_entries.get(1).hours\n"
        "def typo(client: harvest_sdk.Client) -> object:\n"
        "    return client.time_entries.get(1).no_such_field\n"
    )
    (tmp_path / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict"}')
    found = diagnostics(pyright("--pythonpath", sys.executable, str(wrong), cwd=tmp_path))
    text = "\n".join(found)
    assert 'Cannot access attribute "no_such_field" for class "TimeEntry"' in text, text
    assert 'Type "Decimal" is not assignable to return type "str"' in text, text
    assert all(line.startswith((f"{wrong}:3: ", f"{wrong}:5: ")) for line in found), text  # the import resolves, typed


def test_pyright_finds_the_public_surface_fully_typed(tmp_path: Path) -> None:
    # --verifytypes: every symbol harvest_sdk exports (clients, namespaces, models, errors, OAuth)
    # has a declared type, not one a checker has to infer.
    report = pyright("--verifytypes", "harvest_sdk", "--ignoreexternal", cwd=tmp_path)
    completeness = report["typeCompleteness"]
    assert completeness["pyTypedPath"], "pyright did not find harvest_sdk's py.typed"
    assert completeness["completenessScore"] == 1, "\n".join(
        f"{s['name']}: {d['message']}" for s in completeness["symbols"] for d in s["diagnostics"] if d["severity"] == "error"
    )
