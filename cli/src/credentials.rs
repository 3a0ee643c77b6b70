//! The stored login: `$XDG_CONFIG_HOME/harvest/credentials.json` (or `~/.config/harvest/...`),
//! written with 0600 permissions. Environment variables and flags win over it.

use harvest_sdk::model::Id;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::PathBuf;

/// OAuth tokens and the app that refreshes them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StoredOAuth {
    pub client_id: String,
    pub client_secret: String,
    pub refresh_token: Option<String>,
    pub expires_at_ms: Option<i64>,
    pub scope: Option<String>,
}

/// What `harvest login` stores.
#[derive(Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Credentials {
    pub account_id: Option<Id>,
    pub access_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<StoredOAuth>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("Credentials").field("account_id", &self.account_id).field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

/// The credentials file's path.
pub fn path() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(std::env::var_os("HOME").filter(|v| !v.is_empty())?).join(".config"),
    };
    Some(base.join("harvest").join("credentials.json"))
}

/// The stored credentials, if any (a file that does not parse counts as none).
pub fn load() -> Option<Credentials> {
    let text = std::fs::read_to_string(path()?).ok()?;
    serde_json::from_str(&text).ok()
}

/// Stores credentials, readable by the user only.
pub fn save(credentials: &Credentials) -> std::io::Result<PathBuf> {
    let path = path().ok_or_else(|| std::io::Error::other("no config directory: set HOME or XDG_CONFIG_HOME"))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_string_pretty(credentials).map_err(std::io::Error::other)?;
    {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// Removes the stored credentials; whether there were any.
pub fn remove() -> std::io::Result<bool> {
    match path() {
        Some(path) if path.exists() => std::fs::remove_file(path).map(|_| true),
        _ => Ok(false),
    }
}
