"""Fixtures: sandboxes started on free ports (killed at the end of the session) and clients for them.

The sandbox binary is ``$HARVEST_SANDBOX``, or ``target/debug/harvest-sandbox`` of the workspace
(``make test-python`` builds it first).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

import harvest_sdk

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[3]
USER_AGENT = "harvest-sdk Python tests (tests@example.com)"


def sandbox_binary() -> Path:
    explicit = os.environ.get("HARVEST_SANDBOX")
    if explicit:
        return Path(explicit)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "harvest-sandbox"


class Sandbox:
    """A running harvest-sandbox: its start line (``base_url``, ``account_id``, tokens, users)."""

    def __init__(self, *args: str) -> None:
        binary = sandbox_binary()
        if not binary.exists():
            pytest.fail(f"no sandbox at {binary}: run `cargo build -p harvest-sandbox` (make test-python does)")
        self.process = subprocess.Popen([str(binary), "--port", "0", "--json", *args], stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.process.kill()
            pytest.fail(f"the sandbox did not start: {binary} {' '.join(args)}")
        self.info: Dict[str, Any] = json.loads(line)
        self.base_url: str = self.info["base_url"]
        self.account_id: int = self.info["account_id"]
        self.token: str = self.info["access_token"]
        self.users: List[Dict[str, Any]] = self.info["users"]

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)

    def client(self, **options: Any) -> harvest_sdk.Client:
        options.setdefault("rate_limits", {"enabled": False})
        options.setdefault("id_base_url", self.base_url)
        return harvest_sdk.Client(self.account_id, options.pop("token", self.token), USER_AGENT, base_url=self.base_url, **options)

    def async_client(self, **options: Any) -> harvest_sdk.AsyncClient:
        options.setdefault("rate_limits", {"enabled": False})
        options.setdefault("id_base_url", self.base_url)
        return harvest_sdk.AsyncClient(self.account_id, options.pop("token", self.token), USER_AGENT, base_url=self.base_url, **options)

    def _admin(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            raw = answer.read()
        return json.loads(raw) if raw else None

    def fault(self, **fault: Any) -> None:
        """Injects a fault (``method``, ``path`` prefix, ``times``, ``fault``, ``status``, ``ms``)."""
        self._admin("POST", "/_sandbox/faults", fault)

    def clear_faults(self) -> None:
        self._admin("DELETE", "/_sandbox/faults")

    def stats(self) -> Dict[str, Any]:
        return dict(self._admin("GET", "/_sandbox/stats"))


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    """The demo data, no rate limit, faults enabled."""
    running = Sandbox("--seed", "demo", "--no-rate-limit", "--faults")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def big_sandbox() -> Iterator[Sandbox]:
    """10000 more time entries, for pagination."""
    running = Sandbox("--seed", "demo", "--no-rate-limit", "--seed-time-entries", "10000")
    yield running
    running.stop()


@pytest.fixture()
def harvest(sandbox: Sandbox) -> Iterator[harvest_sdk.Client]:
    sandbox.clear_faults()
    with sandbox.client() as client:
        yield client
    sandbox.clear_faults()
