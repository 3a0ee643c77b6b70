"""Where the examples connect: HARVEST_BASE_URL (default: Harvest itself), HARVEST_ACCOUNT_ID and
HARVEST_ACCESS_TOKEN (a personal access token from https://id.getharvest.com/developers)."""

from __future__ import annotations

import os
from typing import Any, Dict

USER_AGENT = "harvest-sdk examples (examples@example.com)"


def connection() -> Dict[str, Any]:
    """The keyword arguments for ``Client``/``AsyncClient`` from the environment."""
    options: Dict[str, Any] = {
        "account_id": int(os.environ["HARVEST_ACCOUNT_ID"]),
        "access_token": os.environ["HARVEST_ACCESS_TOKEN"],
        "user_agent": USER_AGENT,
    }
    base_url = os.environ.get("HARVEST_BASE_URL")
    if base_url:
        options["base_url"] = base_url
    return options
