"""OAuth2 against the sandbox's Harvest ID: code flow, implicit flow, refresh before expiry and
after a 401 (with the callback to persist tokens), and a refused refresh."""

from __future__ import annotations

import asyncio
from typing import List

import httpx
import pytest

import harvest_sdk
from conftest import USER_AGENT, Sandbox

REDIRECT = "http://localhost:8765/callback"


def oauth_app(sandbox: Sandbox, **options: object) -> harvest_sdk.OAuth:
    return harvest_sdk.OAuth(
        sandbox.info["oauth_client_id"],
        sandbox.info["oauth_client_secret"],
        USER_AGENT,
        redirect_uri=REDIRECT,
        id_base_url=sandbox.base_url,
        base_url=sandbox.base_url,
        **options,  # type: ignore[arg-type]
    )


def authorize(url: str) -> str:
    """The user approves: Harvest ID redirects to the app with the answer in the Location."""
    answer = httpx.get(url, follow_redirects=False)
    assert answer.status_code == 302, answer.text
    return answer.headers["location"]


def test_code_flow_then_calls(sandbox: Sandbox) -> None:
    oauth = oauth_app(sandbox)
    state = harvest_sdk.new_state()
    url = oauth.authorize_url(state)
    assert url.startswith(sandbox.base_url + "/oauth2/authorize?") and "response_type=code" in url
    redirect = authorize(url)
    with pytest.raises(harvest_sdk.InvalidInputError, match="state"):
        harvest_sdk.code_from_redirect(redirect, "another-state")
    tokens = oauth.exchange_redirect(redirect, state)
    assert tokens.refresh_token and tokens.expires_at_ms and tokens.account_ids == [sandbox.account_id]
    assert tokens.access_token not in repr(tokens)
    client = oauth.client(tokens, rate_limits={"enabled": False})
    assert client.account_id == sandbox.account_id
    assert client.users.me().email == "alice@example.com"
    with pytest.raises(harvest_sdk.TokenRefreshFailedError):
        oauth.exchange_redirect(redirect, state)  # a code is used once
    scopeless = oauth.exchange_code(harvest_sdk.code_from_redirect(authorize(oauth.authorize_url(state)), state))
    with pytest.raises(harvest_sdk.InvalidInputError, match="account_id"):
        oauth.client(scopeless)
    assert oauth.client(scopeless, sandbox.account_id, rate_limits={"enabled": False}).company.get().name


def test_code_exchange_with_asyncio(sandbox: Sandbox) -> None:
    oauth = oauth_app(sandbox)
    state = harvest_sdk.new_state()
    redirect = authorize(oauth.authorize_url(state))

    async def main() -> str:
        tokens = await oauth.exchange_redirect_async(redirect, state)
        async with oauth.async_client(tokens, rate_limits={"enabled": False}) as client:
            return (await client.users.me()).email

    assert asyncio.run(main()) == "alice@example.com"


def test_implicit_flow(sandbox: Sandbox) -> None:
    oauth = oauth_app(sandbox)
    state = harvest_sdk.new_state()
    redirect = authorize(oauth.authorize_url(state, response_type="token"))
    tokens = harvest_sdk.token_from_redirect(redirect, state)
    assert tokens.refresh_token is None and tokens.account_ids == [sandbox.account_id]
    assert sandbox.client(token=tokens.access_token).users.me().email == "alice@example.com"


def fresh_tokens(sandbox: Sandbox) -> harvest_sdk.Tokens:
    oauth = oauth_app(sandbox)
    state = harvest_sdk.new_state()
    return oauth.exchange_redirect(authorize(oauth.authorize_url(state)), state)


def test_refresh_before_expiry_calls_back_with_new_tokens(sandbox: Sandbox) -> None:
    tokens = fresh_tokens(sandbox)
    expiring = harvest_sdk.Tokens(tokens.access_token, tokens.refresh_token, expires_at_ms=1, scope=tokens.scope)
    saved: List[harvest_sdk.Tokens] = []
    client = oauth_app(sandbox).client(expiring, on_tokens_refreshed=saved.append, rate_limits={"enabled": False})
    assert client.users.me().email == "alice@example.com"
    assert len(saved) == 1 and saved[0].access_token != tokens.access_token
    assert client.tokens == saved[0]
    assert client.company.get().name and len(saved) == 1


def test_refresh_after_a_401(sandbox: Sandbox) -> None:
    tokens = fresh_tokens(sandbox)
    revoked = harvest_sdk.Tokens("sbx-oauth-revoked", tokens.refresh_token, expires_at_ms=None, scope=tokens.scope)
    saved: List[harvest_sdk.Tokens] = []

    async def main() -> None:
        client = oauth_app(sandbox).async_client(revoked, on_tokens_refreshed=saved.append, rate_limits={"enabled": False})
        users = await asyncio.gather(*(client.users.me() for _ in range(5)))
        assert {u.email for u in users} == {"alice@example.com"}
        await client.aclose()

    asyncio.run(main())
    assert len(saved) == 1, "five concurrent 401s share one refresh"


def test_a_refused_refresh_is_token_refresh_failed(sandbox: Sandbox) -> None:
    tokens = harvest_sdk.Tokens("sbx-oauth-nope", "sbx-refresh-nope", expires_at_ms=1)
    client = oauth_app(sandbox).client(tokens, account_id=sandbox.account_id, rate_limits={"enabled": False})
    with pytest.raises(harvest_sdk.TokenRefreshFailedError) as caught:
        client.users.me()
    assert "sbx-refresh-nope" not in str(caught.value)


def test_account_discovery(sandbox: Sandbox) -> None:
    accounts = sandbox.client().accounts()
    assert accounts.user.email == "alice@example.com"
    assert [a.id for a in accounts.accounts if a.product == "harvest"] == [sandbox.account_id]
