"""The SDK's exceptions: one :class:`HarvestError` with the core's stable ``code``, and a subclass
per code so that callers catch what they can act on (``except NotFoundError``).

Codes are identical in every harvest-sdk language. Messages are short, lowercase and never contain
a token. ``HarvestTimeoutError`` is named so to leave the builtin ``TimeoutError`` alone;
``CancelledError`` also derives from ``asyncio.CancelledError``.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Dict, Optional, Type

__all__ = [
    "HarvestError",
    "InvalidInputError",
    "BadRequestError",
    "UnauthorizedError",
    "ForbiddenError",
    "NotFoundError",
    "ValidationError",
    "RateLimitedError",
    "ServerError",
    "UnexpectedStatusError",
    "DecodeError",
    "TransportError",
    "HarvestTimeoutError",
    "TokenRefreshFailedError",
    "CancelledError",
    "ProtocolError",
]


class HarvestError(Exception):
    """An error from the SDK or from Harvest.

    ``code`` is the stable snake_case code (``not_found``, ``rate_limited``, ...), ``status`` the
    HTTP status when the error came from a response, ``message`` Harvest's own message where it
    sent one, ``retry_at`` (rate limits) when to try again, as an aware UTC ``datetime``.
    """

    code: str = "protocol"

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        status: Optional[int] = None,
        retry_after_ms: Optional[int] = None,
        retry_at_ms: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.status = status
        self.retry_after_ms = retry_after_ms
        self.retry_at_ms = retry_at_ms

    @property
    def retry_at(self) -> Optional[datetime]:
        """When to retry (rate limits), or ``None``."""
        if self.retry_at_ms is None:
            return None
        return datetime.fromtimestamp(self.retry_at_ms / 1000, tz=timezone.utc)

    def __str__(self) -> str:
        if self.status is None:
            return f"{self.code}: {self.message}"
        return f"{self.code} ({self.status}): {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, status={self.status!r}, message={self.message!r})"


class InvalidInputError(HarvestError):
    """The caller passed something Harvest would reject; no request was sent. Fix the input."""

    code = "invalid_input"


class BadRequestError(HarvestError):
    """400: Harvest refused the request itself."""

    code = "bad_request"


class UnauthorizedError(HarvestError):
    """401: the token is missing, expired or revoked, or the account id is wrong. Sign in again."""

    code = "unauthorized"


class ForbiddenError(HarvestError):
    """403: the user may not do this."""

    code = "forbidden"


class NotFoundError(HarvestError):
    """404: no such object."""

    code = "not_found"


class ValidationError(HarvestError):
    """422: Harvest's validation or business rules refused the change; ``message`` says why."""

    code = "validation"


class RateLimitedError(HarvestError):
    """429: too many requests, even after waiting as the retry policy allows; see ``retry_at``."""

    code = "rate_limited"


class ServerError(HarvestError):
    """5xx: Harvest failed (after the retries that were safe)."""

    code = "server"


class UnexpectedStatusError(HarvestError):
    """Any other unexpected HTTP status."""

    code = "unexpected_status"


class DecodeError(HarvestError):
    """The response could not be decoded (HTML where JSON was due, truncated or malformed)."""

    code = "decode"


class TransportError(HarvestError):
    """The request got no answer: connection refused or dropped, DNS, TLS."""

    code = "transport"


class HarvestTimeoutError(HarvestError):
    """The transport's timeout fired before an answer arrived (code ``timeout``)."""

    code = "timeout"


class TokenRefreshFailedError(HarvestError):
    """The OAuth refresh token was refused: the user must authorize again."""

    code = "token_refresh_failed"


class CancelledError(HarvestError, asyncio.CancelledError):
    """The call was cancelled; also an ``asyncio.CancelledError``."""

    code = "cancelled"


class ProtocolError(HarvestError):
    """The SDK's state machine was misused, or the core hit an internal error: a bug to report."""

    code = "protocol"


_BY_CODE: Dict[str, Type[HarvestError]] = {
    cls.code: cls
    for cls in (
        InvalidInputError,
        BadRequestError,
        UnauthorizedError,
        ForbiddenError,
        NotFoundError,
        ValidationError,
        RateLimitedError,
        ServerError,
        UnexpectedStatusError,
        DecodeError,
        TransportError,
        HarvestTimeoutError,
        TokenRefreshFailedError,
        CancelledError,
        ProtocolError,
    )
}


def _from_core(
    code: str,
    message: str,
    status: Optional[int],
    retry_after_ms: Optional[int],
    retry_at_ms: Optional[int],
) -> HarvestError:
    """The exception for a core error (called by the Rust binding)."""
    cls = _BY_CODE.get(code, HarvestError)
    return cls(message, code=code, status=status, retry_after_ms=retry_after_ms, retry_at_ms=retry_at_ms)
