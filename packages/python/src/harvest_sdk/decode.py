"""Decoding a raw response without sending anything: cached answers, replay tests, debugging."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Tuple, Union

from . import _core
from ._transport import _header_pairs


def decode(
    operation_id: str,
    status: int,
    headers: Union[Mapping[str, str], Iterable[Tuple[str, str]]],
    body: Union[bytes, str],
) -> Any:
    """Decodes a response to the operation named by its OpenAPI ``operationId`` (for example
    ``listTimeEntries``): a :class:`~harvest_sdk.Model`, a :class:`~harvest_sdk.Page`, the body of a
    delete (usually ``None``), or a raised :class:`~harvest_sdk.HarvestError` (non-2xx statuses,
    HTML, truncated JSON)."""
    raw = body.encode() if isinstance(body, str) else bytes(body)
    return _core.decode(operation_id, status, _header_pairs(headers), raw)
