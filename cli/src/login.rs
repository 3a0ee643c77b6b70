//! `harvest login` and `harvest logout`.

use crate::context::{self, Resolved};
use crate::credentials::{self, Credentials, StoredOAuth};
use crate::Global;
use clap::Args;
use harvest_sdk::model::Id;
use harvest_sdk::oauth::{code_from_redirect, new_state, OAuth};
use harvest_sdk::{Client, Config, Error, ErrorCode, OAuthApp, Result, Secret};
use std::io::{BufRead, IsTerminal, Write};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// Sign in with OAuth in a browser instead of a personal access token
    #[arg(long)]
    oauth: bool,
    /// OAuth client id (env HARVEST_CLIENT_ID)
    #[arg(long, env = "HARVEST_CLIENT_ID")]
    client_id: Option<String>,
    /// OAuth client secret (env HARVEST_CLIENT_SECRET)
    #[arg(long, env = "HARVEST_CLIENT_SECRET", hide_env_values = true)]
    client_secret: Option<String>,
    /// Port of the local redirect listener on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Print the authorize URL instead of opening a browser
    #[arg(long)]
    no_browser: bool,
}

pub fn logout() -> Result<()> {
    match credentials::remove() {
        Ok(true) => eprintln!("logged out"),
        Ok(false) => eprintln!("not logged in"),
        Err(e) => return Err(Error::new(ErrorCode::InvalidInput, format!("cannot remove the stored login: {e}"))),
    }
    Ok(())
}

pub async fn login(global: &Global, args: LoginArgs) -> Result<()> {
    if args.oauth {
        return login_oauth(global, args).await;
    }
    let token = match global.token.clone().filter(|t| !t.is_empty()) {
        Some(token) => token,
        None => prompt_token()?,
    };
    let resolved = Resolved { token, account_id: global.account_id, base_url: global.base_url.clone(), id_base_url: global.id_base_url.clone(), oauth: None };
    let account_id = match resolved.account_id {
        Some(id) => id,
        None => discover_account(global, &resolved).await?,
    };
    let client = client_for(global, &resolved, account_id)?;
    let me = client.users().me().await?;
    let credentials = Credentials {
        account_id: Some(account_id),
        access_token: resolved.token.clone(),
        base_url: resolved.base_url.clone(),
        id_base_url: resolved.id_base_url.clone(),
        oauth: None,
    };
    save(global, &credentials, &me.email, account_id)
}

fn save(global: &Global, credentials: &Credentials, email: &str, account_id: Id) -> Result<()> {
    let path = credentials::save(credentials).map_err(|e| Error::invalid_input(format!("cannot store the login: {e}")))?;
    if global.json {
        context::print_json(&serde_json::json!({"account_id": account_id, "user": email, "stored": path}))
    } else {
        eprintln!("logged in as {email} on account {account_id} (stored in {})", path.display());
        Ok(())
    }
}

fn prompt_token() -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Personal access token (https://id.getharvest.com/developers): ");
        let _ = std::io::stderr().flush();
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line).map_err(|e| Error::invalid_input(format!("cannot read the token: {e}")))?;
    let token = line.trim().to_owned();
    if token.is_empty() {
        return Err(Error::invalid_input("no token given: pass --token or type it at the prompt"));
    }
    Ok(token)
}

fn client_for(global: &Global, resolved: &Resolved, account_id: Id) -> Result<Client> {
    let mut config = Config::new(account_id, resolved.token.as_str(), global.user_agent.clone())?;
    if let Some(url) = &resolved.base_url {
        config = config.with_base_url(url.clone())?;
    }
    if let Some(url) = &resolved.id_base_url {
        config = config.with_id_base_url(url.clone())?;
    }
    Client::builder(config).build()
}

/// The only Harvest account of the token, or an error listing them.
async fn discover_account(global: &Global, resolved: &Resolved) -> Result<Id> {
    let mut config = Config::without_account(resolved.token.as_str(), global.user_agent.clone())?;
    if let Some(url) = &resolved.id_base_url.clone().or_else(|| resolved.base_url.clone()) {
        config = config.with_id_base_url(url.clone())?;
    }
    let accounts = Client::builder(config).build()?.accounts().await?;
    let harvest: Vec<_> = accounts.harvest_accounts().collect();
    match harvest.as_slice() {
        [only] => Ok(only.id),
        [] => Err(Error::invalid_input("the token reaches no Harvest account")),
        many => {
            let list = many.iter().map(|a| format!("{} ({})", a.id, a.name.clone().unwrap_or_default())).collect::<Vec<_>>().join(", ");
            Err(Error::invalid_input(format!("the token reaches several accounts, pick one with --account-id: {list}")))
        }
    }
}

async fn login_oauth(global: &Global, args: LoginArgs) -> Result<()> {
    let client_id = args.client_id.ok_or_else(|| Error::invalid_input("--oauth needs --client-id (or HARVEST_CLIENT_ID)"))?;
    let client_secret = args.client_secret.ok_or_else(|| Error::invalid_input("--oauth needs --client-secret (or HARVEST_CLIENT_SECRET)"))?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port))
        .await
        .map_err(|e| Error::invalid_input(format!("cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
    let port = listener.local_addr().map_err(|e| Error::invalid_input(e.to_string()))?.port();
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");
    let app = OAuthApp { client_id: client_id.clone(), client_secret: Secret::new(client_secret.clone()), redirect_uri: Some(redirect_uri) };
    let mut flow = OAuth::new(app, global.user_agent.clone())?;
    let id_base = global.id_base_url.clone().or_else(|| global.base_url.clone());
    if let Some(url) = &id_base {
        flow = flow.with_id_base_url(url.clone())?;
    }
    if let Some(url) = &global.base_url {
        flow = flow.with_base_url(url.clone())?;
    }
    let state = new_state();
    let url = flow.authorize_url(&state)?;
    eprintln!("Open this URL to authorize harvest:\n{url}");
    if !args.no_browser {
        open_browser(&url);
    }
    let redirect = receive_redirect(&listener, &state).await?;
    let tokens = flow.exchange_redirect(&redirect, &state).await?;
    let account_id = match global.account_id.or_else(|| tokens.account_ids().first().copied()) {
        Some(id) => id,
        None => return Err(Error::invalid_input("the authorization granted no Harvest account: pass --account-id")),
    };
    let client = flow.client(Some(account_id), tokens.clone())?.build()?;
    let me = client.users().me().await?;
    let tokens = client.core().tokens().unwrap_or(tokens);
    let credentials = Credentials {
        account_id: Some(account_id),
        access_token: tokens.access_token.expose().to_owned(),
        base_url: global.base_url.clone(),
        id_base_url: id_base,
        oauth: Some(StoredOAuth {
            client_id,
            client_secret,
            refresh_token: tokens.refresh_token.as_ref().map(|t| t.expose().to_owned()),
            expires_at_ms: tokens.expires_at_ms,
            scope: tokens.scope.clone(),
        }),
    };
    save(global, &credentials, &me.email, account_id)
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") { "open" } else if cfg!(windows) { "explorer" } else { "xdg-open" };
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("(could not open a browser; open the URL yourself)");
    }
}

/// Waits for the browser's redirect to the local listener and returns its URL (state checked).
async fn receive_redirect(listener: &tokio::net::TcpListener, state: &str) -> Result<String> {
    loop {
        let (mut socket, _) = listener.accept().await.map_err(|e| Error::new(ErrorCode::Transport, format!("redirect listener: {e}")))?;
        let mut buffer = vec![0u8; 8192];
        let mut read = 0;
        while read < buffer.len() {
            match socket.read(&mut buffer[read..]).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    read += n;
                    if buffer[..read].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
            }
        }
        let head = String::from_utf8_lossy(&buffer[..read]);
        let target = head.lines().next().and_then(|l| l.split_whitespace().nth(1)).unwrap_or("/").to_owned();
        if !target.starts_with("/callback") {
            let _ = socket.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").await;
            continue;
        }
        let url = format!("http://127.0.0.1{target}");
        let outcome = code_from_redirect(&url, state).map(|_| url);
        let body = match &outcome {
            Ok(_) => "harvest is signed in. You can close this window.",
            Err(_) => "harvest could not sign in. See the terminal.",
        };
        let reply = format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        let _ = socket.write_all(reply.as_bytes()).await;
        let _ = socket.shutdown().await;
        return outcome;
    }
}
