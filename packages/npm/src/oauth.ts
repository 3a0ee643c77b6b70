/** OAuth2 with Harvest ID: the authorize URL, the code exchange, and the browser implicit flow
 * (the token read from the redirect URL's fragment or query, after checking `state`). The refresh
 * that keeps a client signed in runs inside the engine; `onTokensRefreshed` persists the result. */

import { sendOnce, type FetchLike } from "./driver.js";
import { loadEngine, type EngineChoice } from "./engines.js";
import { HarvestError } from "./errors.js";
import { defaultFetch, tokensFromEngine, type Tokens } from "./client.js";

export interface OAuthAppOptions {
  /** The app's Client ID. */
  clientId: string;
  /** The app's Client Secret (server-side code flow only; never in a browser). */
  clientSecret?: string;
  /** The redirect URL registered for the app. */
  redirectUri?: string;
  /** The identity base URL (default `https://id.getharvest.com`; the sandbox's URL in tests). */
  idBaseUrl?: string;
  /** Your app's name and a contact, sent with the code exchange. */
  userAgent?: string;
  engine?: EngineChoice;
}

const DEFAULT_USER_AGENT = "harvest-sdk (https://github.com/harvest-sdk/harvest-sdk)";

function engineOptions(app: OAuthAppOptions): object {
  return {
    access_token: "",
    user_agent: app.userAgent ?? DEFAULT_USER_AGENT,
    ...(app.idBaseUrl ? { id_base_url: app.idBaseUrl } : {}),
    oauth: { client_id: app.clientId, client_secret: app.clientSecret ?? "", ...(app.redirectUri ? { redirect_uri: app.redirectUri } : {}) },
  };
}

/** A random `state` to protect the redirect (CSRF). */
export function randomState(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The URL to send the user to: `code` for the server-side flow, `token` for the browser's
 * implicit flow. */
export async function authorizeUrl(app: OAuthAppOptions & { responseType: "code" | "token"; state: string }): Promise<string> {
  const engine = await loadEngine(app.engine);
  return engine.oauthAuthorizeUrl(engineOptions(app), app.responseType, app.state);
}

/** The token of the implicit flow's redirect (fragment or query), after checking `state`. */
export async function tokenFromRedirect(url: string, expectedState: string, engine?: EngineChoice): Promise<Tokens> {
  return tokensFromEngine((await loadEngine(engine)).oauthTokenFromRedirect(url, expectedState, Date.now()));
}

/** The authorization code of the code flow's redirect, after checking `state`. */
export async function codeFromRedirect(url: string, expectedState: string, engine?: EngineChoice): Promise<string> {
  return (await loadEngine(engine)).oauthCodeFromRedirect(url, expectedState);
}

/** Exchanges an authorization code for tokens (server side: it needs the client secret). */
export async function exchangeCode(app: OAuthAppOptions & { code: string; fetch?: FetchLike; signal?: AbortSignal }): Promise<Tokens> {
  const engine = await loadEngine(app.engine);
  const options = engineOptions(app);
  const request = engine.oauthCodeExchangeRequest(options, app.code, 1);
  const fetchFn = app.fetch ?? defaultFetch();
  if (!fetchFn) throw new HarvestError("invalid_input", "no fetch function: pass `fetch`");
  const outcome = await sendOnce(request, { fetch: fetchFn, signal: app.signal });
  if ("failure" in outcome) throw new HarvestError(outcome.failure === "timeout" ? "timeout" : "transport", `the code exchange failed: ${outcome.message}`);
  return tokensFromEngine(engine.oauthParseTokenResponse(options, outcome.response, Date.now()));
}

const STATE_KEY = "harvest-sdk.oauth.state";

/** Browser implicit flow, step 1: remembers a fresh `state` in `sessionStorage` and sends the
 * browser to Harvest ID's authorize page (which redirects back to `redirectUri`). */
export async function beginImplicitSignIn(app: OAuthAppOptions & { redirectUri: string }): Promise<void> {
  const state = randomState();
  globalThis.sessionStorage.setItem(STATE_KEY, state);
  globalThis.location.assign(await authorizeUrl({ ...app, responseType: "token", state }));
}

/** Browser implicit flow, step 2, on the redirect page: the token from the URL (fragment or
 * query), checked against the remembered `state`; the token is then removed from the address
 * bar. `null` when the page was not reached by a sign-in redirect. */
export async function completeImplicitSignIn(engine?: EngineChoice): Promise<Tokens | null> {
  const url = globalThis.location.href;
  if (!/[#?&]access_token=|[#?&]error=/.test(url)) return null;
  const state = globalThis.sessionStorage.getItem(STATE_KEY) ?? "";
  globalThis.sessionStorage.removeItem(STATE_KEY);
  const tokens = await tokenFromRedirect(url, state, engine);
  globalThis.history.replaceState(null, "", globalThis.location.pathname);
  return tokens;
}
