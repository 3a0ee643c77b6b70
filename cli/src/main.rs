//! `harvest`: the Harvest API v2 from the command line, over harvest-sdk.
//!
//! Exit codes: 0 success, 1 other errors, 2 invalid input or usage, 3 unauthorized, forbidden or
//! refused token refresh, 4 not found, 5 validation (422), 6 rate limited, 7 server, transport,
//! timeout or undecodable answer.

mod api;
mod commands;
mod context;
mod credentials;
mod login;
mod table;

use clap::{Args, Parser, Subcommand};
use harvest_sdk::{Error, ErrorCode};
use std::process::ExitCode;

/// The Harvest API v2 from the command line: time, projects, invoices, payments, reports.
#[derive(Parser, Debug)]
#[command(name = "harvest", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Where to connect and as whom; flags and environment variables win over `harvest login`.
#[derive(Args, Debug, Clone)]
pub struct Global {
    /// API base URL (the sandbox's, for example)
    #[arg(long, global = true, env = "HARVEST_BASE_URL")]
    pub base_url: Option<String>,
    /// Harvest ID base URL (accounts, OAuth)
    #[arg(long, global = true, env = "HARVEST_ID_BASE_URL")]
    pub id_base_url: Option<String>,
    /// Harvest account id
    #[arg(long, global = true, env = "HARVEST_ACCOUNT_ID")]
    pub account_id: Option<u64>,
    /// Personal access token (or OAuth access token)
    #[arg(long, global = true, env = "HARVEST_ACCESS_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Print JSON instead of tables
    #[arg(long, global = true)]
    pub json: bool,
    /// The User-Agent Harvest requires: your app and a contact
    #[arg(long, global = true, env = "HARVEST_USER_AGENT", default_value = "harvest-cli (https://github.com/harvest-sdk/harvest-sdk)")]
    pub user_agent: String,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Sign in with a personal access token or OAuth, and remember it
    Login(login::LoginArgs),
    /// Forget the stored login
    Logout,
    /// The accounts the token reaches
    Accounts,
    /// Log, start, stop and list time entries
    #[command(subcommand)]
    Time(commands::TimeCommand),
    /// Projects
    #[command(subcommand)]
    Projects(commands::ListOnly),
    /// Clients
    #[command(subcommand)]
    Clients(commands::ListOnly),
    /// Tasks (of a project with --project)
    #[command(subcommand)]
    Tasks(commands::TasksCommand),
    /// Preview, create, send, mark sent and list invoices
    #[command(subcommand)]
    Invoice(commands::InvoiceCommand),
    /// Record and list invoice payments
    #[command(subcommand)]
    Payment(commands::PaymentCommand),
    /// Project budget, uninvoiced and time reports
    #[command(subcommand)]
    Report(commands::ReportCommand),
    /// Call any endpoint, like `gh api`: raw JSON out
    Api(api::ApiArgs),
}

/// The exit code for an error's class.
pub fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidInput | ErrorCode::BadRequest => 2,
        ErrorCode::Unauthorized | ErrorCode::Forbidden | ErrorCode::TokenRefreshFailed => 3,
        ErrorCode::NotFound => 4,
        ErrorCode::Validation => 5,
        ErrorCode::RateLimited => 6,
        ErrorCode::Server | ErrorCode::Transport | ErrorCode::Timeout | ErrorCode::Decode | ErrorCode::UnexpectedStatus => 7,
        _ => 1,
    }
}

fn init_logging() {
    if let Ok(filter) = std::env::var("HARVEST_LOG") {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_writer(std::io::stderr)
            .try_init();
    }
}

async fn run(cli: Cli) -> Result<(), Error> {
    let global = cli.global;
    match cli.command {
        Command::Login(args) => login::login(&global, args).await,
        Command::Logout => login::logout(),
        Command::Accounts => commands::accounts(&global).await,
        Command::Time(c) => commands::time(&global, c).await,
        Command::Projects(c) => commands::projects(&global, c).await,
        Command::Clients(c) => commands::clients(&global, c).await,
        Command::Tasks(c) => commands::tasks(&global, c).await,
        Command::Invoice(c) => commands::invoice(&global, c).await,
        Command::Payment(c) => commands::payment(&global, c).await,
        Command::Report(c) => commands::report(&global, c).await,
        Command::Api(args) => api::api(&global, args).await,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}: {}", error.code_str(), error.message);
            ExitCode::from(exit_code(error.code))
        }
    }
}
