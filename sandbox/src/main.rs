//! `harvest-sandbox`: run the Harvest-compatible sandbox server.

use clap::Parser;
use harvest_sandbox::{Config, RateLimit, Sandbox, Seed};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser, Debug)]
#[command(name = "harvest-sandbox", version, about = "A Harvest API v2 compatible server on SQLite")]
struct Cli {
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port (0 = pick a free one)
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// SQLite file to persist to (default: in memory)
    #[arg(long)]
    db: Option<PathBuf>,
    /// Data for a new database: demo or empty (default demo)
    #[arg(long, value_parser = ["demo", "empty"])]
    seed: Option<String>,
    /// Add N generated time entries (bulk, for benchmarks)
    #[arg(long, default_value_t = 0)]
    seed_time_entries: usize,
    /// Print the start line as JSON
    #[arg(long)]
    json: bool,
    /// Turn rate limiting off
    #[arg(long)]
    no_rate_limit: bool,
    /// General rate limit, N/SECONDS (default 100/15)
    #[arg(long, value_name = "N/SECONDS")]
    rate_limit: Option<String>,
    /// Reports rate limit, N/SECONDS (default 100/900)
    #[arg(long, value_name = "N/SECONDS")]
    reports_rate_limit: Option<String>,
    /// Enable /_sandbox/faults and /_sandbox/stats
    #[arg(long)]
    faults: bool,
    /// Lifetime of OAuth access tokens in seconds (default 1209600 = 14 days)
    #[arg(long, default_value_t = 1_209_600)]
    token_expires_in: u64,
}

fn parse_limit(s: &str) -> Result<RateLimit, String> {
    let (n, secs) = s.split_once('/').ok_or_else(|| format!("expected N/SECONDS, got {s:?}"))?;
    let requests: usize = n.trim().parse().map_err(|_| format!("bad request count in {s:?}"))?;
    let secs: f64 = secs.trim().parse().map_err(|_| format!("bad seconds in {s:?}"))?;
    if requests == 0 || !(secs > 0.0) {
        return Err(format!("rate limit must be positive: {s:?}"));
    }
    Ok(RateLimit { requests, window: Duration::from_secs_f64(secs) })
}

fn main() {
    let cli = Cli::parse();
    let mut cfg = Config {
        host: cli.host,
        port: cli.port,
        db: cli.db,
        seed: cli.seed.as_deref().map(|s| if s == "empty" { Seed::Empty } else { Seed::Demo }),
        seed_time_entries: cli.seed_time_entries,
        faults: cli.faults,
        token_expires_in: cli.token_expires_in,
        ..Config::default()
    };
    let parsed = (|| -> Result<(), String> {
        if let Some(l) = &cli.rate_limit {
            cfg.rate_limit = Some(parse_limit(l)?);
        }
        if let Some(l) = &cli.reports_rate_limit {
            cfg.reports_rate_limit = Some(parse_limit(l)?);
        }
        if cli.no_rate_limit {
            cfg.rate_limit = None;
            cfg.reports_rate_limit = None;
        }
        Ok(())
    })();
    if let Err(e) = parsed {
        eprintln!("harvest-sandbox: {e}");
        std::process::exit(2);
    }
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("harvest-sandbox: cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    rt.block_on(async move {
        let sb = match Sandbox::start(cfg).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("harvest-sandbox: {e}");
                std::process::exit(1);
            }
        };
        // install the signal handlers before announcing readiness
        let signals = Signals::new();
        let line = if cli.json {
            serde_json::to_string(&sb.info).unwrap_or_default()
        } else {
            format!("Harvest sandbox at {}  account {}  token {}", sb.info.base_url, sb.info.account_id, sb.info.access_token)
        };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
        drop(out);
        signals.wait().await;
        sb.shutdown().await;
    });
}

struct Signals {
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    int: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    fn new() -> Signals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Signals { term: signal(SignalKind::terminate()).ok(), int: signal(SignalKind::interrupt()).ok() }
        }
        #[cfg(not(unix))]
        {
            Signals {}
        }
    }

    async fn wait(self) {
        #[cfg(unix)]
        {
            match (self.term, self.int) {
                (Some(mut term), Some(mut int)) => {
                    tokio::select! {
                        _ = term.recv() => {},
                        _ = int.recv() => {},
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
