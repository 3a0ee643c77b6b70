"""OAuth2 with Harvest ID, the authorization-code flow::

    oauth = OAuth(client_id, client_secret, "MyApp (me@example.com)", redirect_uri=...)
    state = new_state()
    url = oauth.authorize_url(state)                 # 1. send the user there
    tokens = oauth.exchange_redirect(redirect_url, state)  # 2. Harvest redirects back: check the
                                                     #    state, trade the code for tokens; persist them
    client = oauth.client(tokens, on_tokens_refreshed=save)   # refreshes by itself, calls save

Browser apps use the implicit flow: ``authorize_url(state, response_type="token")`` and
:func:`token_from_redirect`. Tokens never appear in ``repr``, logs or error messages.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any, Callable, Optional
from urllib.parse import parse_qsl, urlsplit

from . import _core
from ._async_client import AsyncClient
from ._client import Client
from ._common import OAuthSettings, Tokens
from ._steps import Failure, Request, wall_clock_ms
from ._transport import DEFAULT_TIMEOUT, async_transport, sync_transport
from .errors import HarvestTimeoutError, InvalidInputError, TransportError


def new_state() -> str:
    """An unguessable ``state`` for an authorize URL."""
    return secrets.token_urlsafe(24)


def code_from_redirect(url: str, state: str) -> str:
    """The authorization code in the redirect URL, after checking that it carries ``state``."""
    return str(_core.oauth_code_from_redirect(url, state))


def token_from_redirect(url: str, state: str) -> Tokens:
    """The access token in the redirect of the browser implicit flow (fragment or query), after
    checking ``state``. There is no refresh token in this flow."""
    return Tokens(*_core.oauth_token_from_redirect(url, state, wall_clock_ms()))


def _scope_of(url: str) -> Optional[str]:
    parts = urlsplit(url)
    found = [v for k, v in parse_qsl(parts.query) + parse_qsl(parts.fragment) if k == "scope"]
    return found[0] if found else None


def _no_answer(failure: Failure) -> Exception:
    cls = HarvestTimeoutError if failure.kind == "timeout" else TransportError
    return cls(f"the token exchange got no answer: {failure.message}", code=cls.code)


class OAuth:
    """A registered OAuth2 application (Client ID and Secret from Harvest ID's developer page)."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        user_agent: str,
        *,
        redirect_uri: Optional[str] = None,
        id_base_url: Optional[str] = None,
        base_url: Optional[str] = None,
        transport: Any = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.settings: OAuthSettings = OAuthSettings(client_id, client_secret, redirect_uri)
        self.user_agent = user_agent
        self.id_base_url = id_base_url
        self.base_url = base_url
        self._transport = transport
        self._timeout = timeout

    def __repr__(self) -> str:
        return f"OAuth(client_id={self.settings.client_id!r}, id_base_url={self.id_base_url!r})"

    def authorize_url(self, state: str, *, response_type: str = "code") -> str:
        """The URL to send the user to; the redirect must bring back the same ``state``."""
        s = self.settings
        return str(_core.oauth_authorize_url(s.client_id, state, s.redirect_uri, self.id_base_url, response_type))

    def _exchange_request(self, code: str) -> Request:
        s = self.settings
        action = _core.oauth_code_exchange_request(self.user_agent, s.client_id, s.client_secret, code, s.redirect_uri, self.id_base_url)
        return Request(*action[1:])

    def _tokens(self, answer: Any, scope: Optional[str]) -> Tokens:
        if isinstance(answer, Failure):
            raise _no_answer(answer)
        tokens = Tokens(*_core.oauth_parse_token_response(answer.status, answer.headers, answer.body, wall_clock_ms()))
        return tokens if tokens.scope or not scope else replace(tokens, scope=scope)

    def exchange_code(self, code: str, scope: Optional[str] = None) -> Tokens:
        """Trades an authorization code for tokens (codes are single-use: not retried). Harvest's
        token answer has no scope; pass the redirect's ``scope`` to keep the account ids."""
        transport = sync_transport(self._transport, self._timeout)
        try:
            return self._tokens(transport.send(self._exchange_request(code)), scope)
        finally:
            if self._transport is None:
                transport.close()

    async def exchange_code_async(self, code: str, scope: Optional[str] = None) -> Tokens:
        """:meth:`exchange_code` for asyncio."""
        transport = async_transport(self._transport, self._timeout)
        try:
            return self._tokens(await transport.send(self._exchange_request(code)), scope)
        finally:
            if self._transport is None:
                await transport.aclose()

    def exchange_redirect(self, url: str, state: str) -> Tokens:
        """The redirect URL Harvest ID sent the user back to: checks ``state``, trades the code for
        tokens and keeps the granted scope (so the client knows the account ids)."""
        return self.exchange_code(code_from_redirect(url, state), _scope_of(url))

    async def exchange_redirect_async(self, url: str, state: str) -> Tokens:
        """:meth:`exchange_redirect` for asyncio."""
        return await self.exchange_code_async(code_from_redirect(url, state), _scope_of(url))

    def _account(self, tokens: Tokens, account_id: Optional[int]) -> int:
        if account_id is not None:
            return account_id
        ids = tokens.account_ids
        if not ids:
            raise InvalidInputError("no account id given and none in the tokens' scope: pass account_id (see Client.accounts())")
        return ids[0]

    def _options(self, tokens: Tokens, account_id: Optional[int], on_tokens_refreshed: Optional[Callable[[Tokens], None]], options: Any) -> Any:
        options.setdefault("transport", self._transport)
        return dict(
            account_id=self._account(tokens, account_id),
            user_agent=self.user_agent,
            base_url=self.base_url,
            id_base_url=self.id_base_url,
            oauth=self.settings,
            tokens=tokens,
            on_tokens_refreshed=on_tokens_refreshed,
            **options,
        )

    def client(self, tokens: Tokens, account_id: Optional[int] = None, *, on_tokens_refreshed: Optional[Callable[[Tokens], None]] = None, **options: Any) -> Client:
        """A sync client signed in with ``tokens`` that refreshes them before they expire (and once
        after a 401), calling ``on_tokens_refreshed`` with the new ones to persist. Without
        ``account_id``, the first Harvest account in the tokens' scope."""
        return Client(**self._options(tokens, account_id, on_tokens_refreshed, options))

    def async_client(self, tokens: Tokens, account_id: Optional[int] = None, *, on_tokens_refreshed: Optional[Callable[[Tokens], None]] = None, **options: Any) -> AsyncClient:
        """:meth:`client` for asyncio."""
        return AsyncClient(**self._options(tokens, account_id, on_tokens_refreshed, options))
