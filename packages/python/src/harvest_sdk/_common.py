"""What the sync and asyncio clients share: client options, keyword parameters, tokens, previews."""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional

from .models import UninvoicedReportResult

USER_AGENT_HINT = "pass user_agent='YourApp (you@example.com)': Harvest requires your app's name and a contact"


@dataclass(frozen=True)
class Tokens:
    """OAuth tokens. ``repr`` never shows the secrets. ``expires_at_ms`` is epoch milliseconds."""

    access_token: str = field(repr=False)
    refresh_token: Optional[str] = field(default=None, repr=False)
    expires_at_ms: Optional[int] = None
    scope: Optional[str] = None

    @property
    def account_ids(self) -> List[int]:
        """The Harvest account ids the scope grants (``harvest:123``)."""
        from . import _core

        return list(_core.account_ids_from_scope(self.scope or ""))


@dataclass(frozen=True)
class OAuthSettings:
    """What a client needs to refresh OAuth tokens by itself."""

    client_id: str
    client_secret: str = field(default="", repr=False)
    redirect_uri: Optional[str] = None


@dataclass(frozen=True)
class UninvoicedPreview:
    """What an invoice from tracked time would bill, from the uninvoiced report."""

    client_id: int
    from_: date
    to: date
    projects: List[UninvoicedReportResult]
    hours: Decimal
    expenses: Decimal
    amount: Decimal
    currency: Optional[str]

    @property
    def project_ids(self) -> List[int]:
        """The projects with uninvoiced hours."""
        return [p.project_id for p in self.projects if p.project_id is not None and (p.uninvoiced_hours or 0) > 0]


def params_of(params: Mapping[str, Any]) -> Dict[str, Any]:
    """Keyword arguments as Harvest parameters: ``from_`` is ``from`` (a Python keyword)."""
    out: Dict[str, Any] = {}
    for name, value in params.items():
        if name.endswith("_") and keyword.iskeyword(name[:-1]):
            name = name[:-1]
        out[name] = value
    return out


def client_options(
    *,
    account_id: Optional[int],
    access_token: str,
    user_agent: str,
    base_url: Optional[str],
    id_base_url: Optional[str],
    retry: Optional[Mapping[str, int]],
    rate_limits: Optional[Mapping[str, Any]],
    oauth: Optional[OAuthSettings],
    tokens: Optional[Tokens],
) -> Dict[str, Any]:
    """The ``ClientOptions`` dict the core builds a client from."""
    if not user_agent:
        from .errors import InvalidInputError

        raise InvalidInputError(USER_AGENT_HINT)
    options: Dict[str, Any] = {"access_token": tokens.access_token if tokens else access_token, "user_agent": user_agent}
    if account_id is not None:
        options["account_id"] = account_id
    if base_url is not None:
        options["base_url"] = base_url
    if id_base_url is not None:
        options["id_base_url"] = id_base_url
    if retry is not None:
        options["retry"] = dict(retry)
    if rate_limits is not None:
        options["rate_limits"] = dict(rate_limits)
    if oauth is not None:
        options["oauth"] = {
            "client_id": oauth.client_id,
            "client_secret": oauth.client_secret,
            "redirect_uri": oauth.redirect_uri,
            "refresh_token": tokens.refresh_token if tokens else None,
            "expires_at_ms": tokens.expires_at_ms if tokens else None,
        }
    return options
