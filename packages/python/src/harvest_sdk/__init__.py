"""harvest-sdk: the Harvest API v2 from Python, sync (:class:`Client`) and asyncio
(:class:`AsyncClient`), with typed models, over the harvest-core state machines in Rust.

    import harvest_sdk
    from datetime import date
    from decimal import Decimal

    with harvest_sdk.Client(account_id, token, "MyApp (me@example.com)") as harvest:
        entry = harvest.log_time(project_id, task_id, date.today(), Decimal("1.5"))
        for e in harvest.time_entries.list(from_=date(2026, 11, 1)):
            print(e.spent_date, e.hours, e.project.name)
"""

from ._core import DEFAULT_BASE_URL, DEFAULT_ID_BASE_URL, Model, Page
from ._async_client import AsyncClient, AsyncItems, AsyncPages
from ._client import Client, Items, Pages
from ._common import OAuthSettings, Tokens, UninvoicedPreview
from ._steps import Failure, Request, Response
from ._transport import AsyncTransport, Transport
from .decode import decode
from .errors import (
    BadRequestError,
    CancelledError,
    DecodeError,
    ForbiddenError,
    HarvestError,
    HarvestTimeoutError,
    InvalidInputError,
    NotFoundError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    TokenRefreshFailedError,
    TransportError,
    UnauthorizedError,
    UnexpectedStatusError,
    ValidationError,
)
from .oauth import OAuth, code_from_redirect, new_state, token_from_redirect

__version__ = "0.1.0"

__all__ = [
    "AsyncClient",
    "AsyncItems",
    "AsyncPages",
    "AsyncTransport",
    "BadRequestError",
    "CancelledError",
    "Client",
    "DEFAULT_BASE_URL",
    "DEFAULT_ID_BASE_URL",
    "DecodeError",
    "Failure",
    "ForbiddenError",
    "HarvestError",
    "HarvestTimeoutError",
    "InvalidInputError",
    "Items",
    "Model",
    "NotFoundError",
    "OAuth",
    "OAuthSettings",
    "Page",
    "Pages",
    "ProtocolError",
    "RateLimitedError",
    "Request",
    "Response",
    "ServerError",
    "TokenRefreshFailedError",
    "Tokens",
    "Transport",
    "TransportError",
    "UnauthorizedError",
    "UnexpectedStatusError",
    "UninvoicedPreview",
    "ValidationError",
    "code_from_redirect",
    "decode",
    "new_state",
    "token_from_redirect",
]
