//! The resource commands: time, projects, clients, tasks, invoices, payments, reports, accounts.

use crate::context::{self, client, identity_client, print_json};
use crate::table::{Align, Table};
use crate::Global;
use chrono::NaiveDate;
use clap::Subcommand;
use futures_util::StreamExt;
use harvest_sdk::api::*;
use harvest_sdk::model::{Date, Decimal, Id, Invoice, InvoiceState, ListPage, TimeEntry};
use harvest_sdk::{Client, Error, Item, Pages, Result};
use serde::Serialize;
use std::str::FromStr;

fn today() -> Date {
    chrono::Local::now().date_naive()
}

fn parse_date(text: &str) -> std::result::Result<NaiveDate, String> {
    match text {
        "today" => Ok(today()),
        "yesterday" => Ok(today().pred_opt().unwrap_or_else(today)),
        _ => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("not a date (YYYY-MM-DD, today, yesterday): {text:?}")),
    }
}

fn parse_decimal(text: &str) -> std::result::Result<Decimal, String> {
    Decimal::from_str(text.trim()).map_err(|_| format!("not a number: {text:?}"))
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

#[derive(Subcommand, Debug)]
pub enum TimeCommand {
    /// Log hours on a project's task
    Log {
        /// Project id, name or code
        #[arg(long)]
        project: String,
        /// Task id or name (assigned to the project)
        #[arg(long)]
        task: String,
        /// Hours, e.g. 1.5
        #[arg(long, value_parser = parse_decimal)]
        hours: Decimal,
        /// The day (YYYY-MM-DD, today, yesterday)
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Notes
        #[arg(long)]
        notes: Option<String>,
        /// An id in another system; a retried create never duplicates the entry
        #[arg(long)]
        external_ref: Option<String>,
    },
    /// Start a timer on a project's task
    Start {
        /// Project id, name or code
        #[arg(long)]
        project: String,
        /// Task id or name
        #[arg(long)]
        task: String,
        /// The day (default today)
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Notes
        #[arg(long)]
        notes: Option<String>,
    },
    /// Stop your running timer
    Stop,
    /// List time entries
    List {
        /// From this day
        #[arg(long, value_parser = parse_date)]
        from: Option<NaiveDate>,
        /// Up to this day
        #[arg(long, value_parser = parse_date)]
        to: Option<NaiveDate>,
        /// Only this project (id, name or code)
        #[arg(long)]
        project: Option<String>,
        /// Only this user id
        #[arg(long)]
        user: Option<Id>,
        /// Only running timers
        #[arg(long)]
        running: bool,
        /// Only entries with this external reference id
        #[arg(long)]
        external_ref: Option<String>,
        /// At most this many entries
        #[arg(long)]
        limit: Option<usize>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ListOnly {
    /// List them
    List {
        /// Include inactive ones
        #[arg(long)]
        all: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum TasksCommand {
    /// List tasks, or the tasks assigned to a project
    List {
        /// Only the tasks of this project (id, name or code)
        #[arg(long)]
        project: Option<String>,
        /// Include inactive ones
        #[arg(long)]
        all: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum InvoiceCommand {
    /// What an invoice from tracked time would bill (the uninvoiced report)
    Preview(InvoiceScope),
    /// Create a draft invoice from tracked time
    CreateFromTime(InvoiceScope),
    /// Email an invoice to recipients (marks it sent)
    Send {
        /// Invoice id
        id: Id,
        /// Recipient email (repeat for more)
        #[arg(long = "to", required = true)]
        to: Vec<String>,
    },
    /// Mark an invoice as sent without emailing anyone
    MarkSent {
        /// Invoice id
        id: Id,
    },
    /// Show one invoice
    Show {
        /// Invoice id
        id: Id,
    },
    /// List invoices
    List {
        /// Only this client (id or name)
        #[arg(long)]
        client: Option<String>,
        /// Only in this state: draft, open, paid, closed
        #[arg(long)]
        state: Option<String>,
    },
}

#[derive(clap::Args, Debug)]
pub struct InvoiceScope {
    /// Client id or name
    #[arg(long)]
    client: String,
    /// Project id, name or code (repeat; default all with uninvoiced time)
    #[arg(long = "project")]
    projects: Vec<String>,
    /// First day of tracked time
    #[arg(long, value_parser = parse_date)]
    from: NaiveDate,
    /// Last day of tracked time (default today)
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
}

#[derive(Subcommand, Debug)]
pub enum PaymentCommand {
    /// Record a payment on an invoice
    Record {
        /// Invoice id
        #[arg(long)]
        invoice: Id,
        /// Amount (default: what is still due)
        #[arg(long, value_parser = parse_decimal)]
        amount: Option<Decimal>,
        /// Day paid (default today)
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// List an invoice's payments
    List {
        /// Invoice id
        #[arg(long)]
        invoice: Id,
    },
}

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Budget, spent and remaining per project
    Budget {
        /// Include inactive projects
        #[arg(long)]
        all: bool,
    },
    /// Uninvoiced hours and amounts per project
    Uninvoiced {
        /// First day
        #[arg(long, value_parser = parse_date)]
        from: NaiveDate,
        /// Last day (default today)
        #[arg(long, value_parser = parse_date)]
        to: Option<NaiveDate>,
    },
    /// Tracked time per project, client, task or team member
    Time {
        /// First day
        #[arg(long, value_parser = parse_date)]
        from: NaiveDate,
        /// Last day (default today)
        #[arg(long, value_parser = parse_date)]
        to: Option<NaiveDate>,
        /// Group by project, client, task or team
        #[arg(long, default_value = "project", value_parser = ["project", "client", "task", "team"])]
        by: String,
    },
}

/// Reads every item of a list, with a progress bar on a terminal, stopping after `limit`.
async fn collect<T: Item>(mut pages: Pages<T>, limit: Option<usize>) -> Result<Vec<T>> {
    let bar = context::interactive().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()));
        bar.set_message(T::LIST_KEY.replace('_', " "));
        bar
    });
    let mut items = Vec::new();
    while let Some(page) = pages.next().await {
        let page: ListPage<T> = page?;
        if let (Some(bar), Some(total)) = (&bar, page.total_entries) {
            bar.set_length(limit.map_or(total, |l| total.min(l as u64)));
        }
        items.extend(page.items);
        if let Some(bar) = &bar {
            bar.set_position(items.len() as u64);
        }
        if limit.is_some_and(|l| items.len() >= l) {
            break;
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(limit) = limit {
        items.truncate(limit);
    }
    Ok(items)
}

/// Prints JSON, or the table built by `table` (with a note when empty).
fn output<T: Serialize + ?Sized>(global: &Global, value: &T, table: impl FnOnce() -> Table) -> Result<()> {
    if global.json {
        return print_json(value);
    }
    let table = table();
    if table.is_empty() {
        eprintln!("(none)");
    } else {
        print!("{}", table.render());
    }
    Ok(())
}

/// A project by id, or by name or code among the active projects.
async fn resolve_project(client: &Client, text: &str) -> Result<Id> {
    if let Ok(id) = text.parse::<Id>() {
        return Ok(id);
    }
    let projects = client.projects().list(&ListProjectsParams::default()).all().await?;
    let wanted = text.to_lowercase();
    let matches: Vec<_> = projects
        .iter()
        .filter(|p| p.name.to_lowercase() == wanted || p.code.as_deref().is_some_and(|c| c.to_lowercase() == wanted))
        .collect();
    pick(text, "project", matches.iter().map(|p| (p.id, p.is_active)).collect())
}

/// A task by id, or by name among the project's task assignments.
async fn resolve_task(client: &Client, project_id: Id, text: &str) -> Result<Id> {
    if let Ok(id) = text.parse::<Id>() {
        return Ok(id);
    }
    let assignments = client.task_assignments().list_for_project(project_id, &Default::default()).all().await?;
    let wanted = text.to_lowercase();
    let matches = assignments
        .iter()
        .filter_map(|a| a.task.as_ref().filter(|t| t.name.as_deref().is_some_and(|n| n.to_lowercase() == wanted)).map(|t| (t.id, a.is_active)))
        .collect();
    pick(text, "task of this project", matches)
}

/// A client by id or name.
async fn resolve_client(client: &Client, text: &str) -> Result<Id> {
    if let Ok(id) = text.parse::<Id>() {
        return Ok(id);
    }
    let clients = client.clients().list(&ListClientsParams::default()).all().await?;
    let wanted = text.to_lowercase();
    pick(text, "client", clients.iter().filter(|c| c.name.to_lowercase() == wanted).map(|c| (c.id, c.is_active)).collect())
}

/// The one match (an active one preferred), or an error that says why not.
fn pick(text: &str, what: &str, matches: Vec<(Id, bool)>) -> Result<Id> {
    let active: Vec<_> = matches.iter().filter(|(_, a)| *a).collect();
    match (active.as_slice(), matches.as_slice()) {
        ([(id, _)], _) | ([], [(id, _)]) => Ok(*id),
        ([], []) => Err(Error::new(harvest_sdk::ErrorCode::NotFound, format!("no {what} named {text:?}"))),
        _ => Err(Error::invalid_input(format!("several {what}s match {text:?}: use the id"))),
    }
}

fn time_table(entries: &[TimeEntry]) -> Table {
    let mut table = Table::new(&[
        ("ID", Align::Right),
        ("DATE", Align::Left),
        ("PROJECT", Align::Left),
        ("TASK", Align::Left),
        ("HOURS", Align::Right),
        ("STATUS", Align::Left),
        ("NOTES", Align::Left),
    ]);
    for e in entries {
        let status = if e.is_running {
            "running"
        } else if e.is_billed {
            "billed"
        } else if e.is_locked {
            "locked"
        } else {
            ""
        };
        table.row(vec![
            e.id.to_string(),
            e.spent_date.to_string(),
            opt(e.project.name.clone()),
            opt(e.task.name.clone()),
            e.hours.to_string(),
            status.into(),
            opt(e.notes.clone()),
        ]);
    }
    table
}

pub async fn time(global: &Global, command: TimeCommand) -> Result<()> {
    let client = client(global)?;
    match command {
        TimeCommand::Log { project, task, hours, date, notes, external_ref } => {
            let project_id = resolve_project(&client, &project).await?;
            let task_id = resolve_task(&client, project_id, &task).await?;
            let mut params = CreateTimeEntryViaDuration {
                project_id,
                task_id,
                spent_date: date.unwrap_or_else(today),
                hours: Some(hours),
                notes,
                ..Default::default()
            };
            params.external_reference = external_ref.map(|id| ExternalReferenceParams { id: Some(id), ..Default::default() });
            let entry = client.time_entries().create(&params.into()).await?;
            output(global, &entry, || time_table(std::slice::from_ref(&entry)))
        }
        TimeCommand::Start { project, task, date, notes } => {
            let project_id = resolve_project(&client, &project).await?;
            let task_id = resolve_task(&client, project_id, &task).await?;
            let params = CreateTimeEntryViaDuration { project_id, task_id, spent_date: date.unwrap_or_else(today), notes, ..Default::default() };
            let entry = client.time_entries().create(&params.into()).await?;
            output(global, &entry, || time_table(std::slice::from_ref(&entry)))
        }
        TimeCommand::Stop => match client.stop_running_timer().await? {
            Some(entry) => output(global, &entry, || time_table(std::slice::from_ref(&entry))),
            None if global.json => print_json(&serde_json::Value::Null),
            None => {
                eprintln!("no timer is running");
                Ok(())
            }
        },
        TimeCommand::List { from, to, project, user, running, external_ref, limit } => {
            let project_id = match project {
                Some(p) => Some(resolve_project(&client, &p).await?),
                None => None,
            };
            let params = ListTimeEntriesParams {
                from,
                to,
                project_id,
                user_id: user,
                is_running: running.then_some(true),
                external_reference_id: external_ref,
                // Pages no bigger than the limit: `--limit 5` transfers five entries, not 2000.
                per_page: limit.map(|l| l.clamp(1, 2000) as u32),
                ..Default::default()
            };
            let entries = collect(client.time_entries().pages(&params), limit).await?;
            output(global, &entries, || time_table(&entries))
        }
    }
}

pub async fn projects(global: &Global, command: ListOnly) -> Result<()> {
    let ListOnly::List { all } = command;
    let client = client(global)?;
    let params = ListProjectsParams { is_active: (!all).then_some(true), ..Default::default() };
    let projects = collect(client.projects().pages(&params), None).await?;
    output(global, &projects, || {
        let mut t = Table::new(&[("ID", Align::Right), ("CODE", Align::Left), ("NAME", Align::Left), ("CLIENT", Align::Left), ("BUDGET", Align::Right), ("ACTIVE", Align::Left)]);
        for p in &projects {
            t.row(vec![p.id.to_string(), opt(p.code.clone()), p.name.clone(), opt(p.client.name.clone()), opt(p.budget), yes(p.is_active)]);
        }
        t
    })
}

fn yes(flag: bool) -> String {
    if flag { "yes" } else { "no" }.into()
}

pub async fn clients(global: &Global, command: ListOnly) -> Result<()> {
    let ListOnly::List { all } = command;
    let client = client(global)?;
    let params = ListClientsParams { is_active: (!all).then_some(true), ..Default::default() };
    let clients = collect(client.clients().pages(&params), None).await?;
    output(global, &clients, || {
        let mut t = Table::new(&[("ID", Align::Right), ("NAME", Align::Left), ("CURRENCY", Align::Left), ("ACTIVE", Align::Left)]);
        for c in &clients {
            t.row(vec![c.id.to_string(), c.name.clone(), opt(c.currency.clone()), yes(c.is_active)]);
        }
        t
    })
}

pub async fn tasks(global: &Global, command: TasksCommand) -> Result<()> {
    let TasksCommand::List { project, all } = command;
    let client = client(global)?;
    let is_active = (!all).then_some(true);
    match project {
        Some(project) => {
            let project_id = resolve_project(&client, &project).await?;
            let params = ListTaskAssignmentsForSpecificProjectParams { is_active, ..Default::default() };
            let assignments = collect(client.task_assignments().pages_for_project(project_id, &params), None).await?;
            output(global, &assignments, || {
                let mut t = Table::new(&[("TASK ID", Align::Right), ("TASK", Align::Left), ("BILLABLE", Align::Left), ("RATE", Align::Right), ("ASSIGNMENT", Align::Right)]);
                for a in &assignments {
                    let task = a.task.clone().unwrap_or_default();
                    t.row(vec![task.id.to_string(), opt(task.name), yes(a.billable), opt(a.hourly_rate), a.id.to_string()]);
                }
                t
            })
        }
        None => {
            let params = ListTasksParams { is_active, ..Default::default() };
            let tasks = collect(client.tasks().pages(&params), None).await?;
            output(global, &tasks, || {
                let mut t = Table::new(&[("ID", Align::Right), ("NAME", Align::Left), ("BILLABLE", Align::Left), ("RATE", Align::Right), ("ACTIVE", Align::Left)]);
                for task in &tasks {
                    t.row(vec![task.id.to_string(), task.name.clone(), yes(task.billable_by_default), opt(task.default_hourly_rate), yes(task.is_active)]);
                }
                t
            })
        }
    }
}

fn invoice_table(invoices: &[Invoice]) -> Table {
    let mut t = Table::new(&[
        ("ID", Align::Right),
        ("NUMBER", Align::Left),
        ("CLIENT", Align::Left),
        ("ISSUED", Align::Left),
        ("AMOUNT", Align::Right),
        ("DUE", Align::Right),
        ("CURRENCY", Align::Left),
        ("STATE", Align::Left),
    ]);
    for i in invoices {
        t.row(vec![
            i.id.to_string(),
            opt(i.number.clone()),
            opt(i.client.name.clone()),
            opt(i.issue_date),
            i.amount.to_string(),
            i.due_amount.to_string(),
            opt(i.currency.clone()),
            opt(i.state.clone()),
        ]);
    }
    t
}

async fn scope_ids(client: &Client, scope: &InvoiceScope) -> Result<(Id, Vec<Id>, Date, Date)> {
    let client_id = resolve_client(client, &scope.client).await?;
    let mut project_ids = Vec::new();
    for p in &scope.projects {
        project_ids.push(resolve_project(client, p).await?);
    }
    Ok((client_id, project_ids, scope.from, scope.to.unwrap_or_else(today)))
}

fn preview_table(preview: &harvest_sdk::UninvoicedPreview) -> Table {
    let mut t = Table::new(&[("PROJECT ID", Align::Right), ("PROJECT", Align::Left), ("HOURS", Align::Right), ("EXPENSES", Align::Right), ("AMOUNT", Align::Right), ("CURRENCY", Align::Left)]);
    for p in &preview.projects {
        t.row(vec![opt(p.project_id), opt(p.project_name.clone()), opt(p.uninvoiced_hours), opt(p.uninvoiced_expenses), opt(p.uninvoiced_amount), opt(p.currency.clone())]);
    }
    t.row(vec![String::new(), "total".into(), preview.hours.to_string(), preview.expenses.to_string(), preview.amount.to_string(), opt(preview.currency.clone())]);
    t
}

pub async fn invoice(global: &Global, command: InvoiceCommand) -> Result<()> {
    let client = client(global)?;
    match command {
        InvoiceCommand::Preview(scope) => {
            let (client_id, project_ids, from, to) = scope_ids(&client, &scope).await?;
            let preview = client.preview_uninvoiced(client_id, &project_ids, from, to).await?;
            output(global, &preview, || preview_table(&preview))
        }
        InvoiceCommand::CreateFromTime(scope) => {
            let (client_id, project_ids, from, to) = scope_ids(&client, &scope).await?;
            let invoice = client.invoice_from_tracked_time(client_id, &project_ids, from, to).await?;
            output(global, &invoice, || invoice_table(std::slice::from_ref(&invoice)))
        }
        InvoiceCommand::Send { id, to } => {
            let recipients = to.into_iter().map(|email| RecipientParams::new(email, None)).collect();
            let message = client.send_invoice(id, recipients).await?;
            show_after(global, &client, id, &message).await
        }
        InvoiceCommand::MarkSent { id } => {
            let message = client.mark_invoice_sent(id).await?;
            show_after(global, &client, id, &message).await
        }
        InvoiceCommand::Show { id } => {
            let invoice = client.invoices().get(id).await?;
            output(global, &invoice, || invoice_table(std::slice::from_ref(&invoice)))
        }
        InvoiceCommand::List { client: who, state } => {
            let client_id = match who {
                Some(c) => Some(resolve_client(&client, &c).await?),
                None => None,
            };
            let state = state.map(|s| InvoiceState::from_str(&s).unwrap_or(InvoiceState::Unknown(s)));
            let params = ListInvoicesParams { client_id, state, ..Default::default() };
            let invoices = collect(client.invoices().pages(&params), None).await?;
            output(global, &invoices, || invoice_table(&invoices))
        }
    }
}

/// After a message: JSON of the message, or the invoice's new state as a table.
async fn show_after<M: Serialize>(global: &Global, client: &Client, id: Id, message: &M) -> Result<()> {
    if global.json {
        return print_json(message);
    }
    let invoice = client.invoices().get(id).await?;
    print!("{}", invoice_table(std::slice::from_ref(&invoice)).render());
    Ok(())
}

pub async fn payment(global: &Global, command: PaymentCommand) -> Result<()> {
    let client = client(global)?;
    let table = |payments: &[harvest_sdk::model::InvoicePayment]| {
        let mut t = Table::new(&[("ID", Align::Right), ("AMOUNT", Align::Right), ("PAID", Align::Left), ("RECORDED BY", Align::Left), ("NOTES", Align::Left)]);
        for p in payments {
            t.row(vec![p.id.to_string(), p.amount.to_string(), opt(p.paid_date), opt(p.recorded_by.clone()), opt(p.notes.clone())]);
        }
        t
    };
    match command {
        PaymentCommand::Record { invoice, amount, date } => {
            let amount = match amount {
                Some(a) => a,
                None => client.invoices().get(invoice).await?.due_amount,
            };
            let payment = client.record_payment(invoice, amount, date.unwrap_or_else(today)).await?;
            output(global, &payment, || table(std::slice::from_ref(&payment)))
        }
        PaymentCommand::List { invoice } => {
            let payments = collect(client.invoices().payments().pages(invoice, &Default::default()), None).await?;
            output(global, &payments, || table(&payments))
        }
    }
}

pub async fn report(global: &Global, command: ReportCommand) -> Result<()> {
    let client = client(global)?;
    match command {
        ReportCommand::Budget { all } => {
            let params = ProjectBudgetReportParams { is_active: (!all).then_some(true), ..Default::default() };
            let rows = collect(client.reports().project_budget_pages(&params), None).await?;
            output(global, &rows, || {
                let mut t = Table::new(&[("PROJECT ID", Align::Right), ("PROJECT", Align::Left), ("CLIENT", Align::Left), ("BUDGET BY", Align::Left), ("BUDGET", Align::Right), ("SPENT", Align::Right), ("REMAINING", Align::Right)]);
                for r in &rows {
                    t.row(vec![opt(r.project_id), opt(r.project_name.clone()), opt(r.client_name.clone()), opt(r.budget_by.clone()), opt(r.budget), opt(r.budget_spent), opt(r.budget_remaining)]);
                }
                t
            })
        }
        ReportCommand::Uninvoiced { from, to } => {
            let params = UninvoicedReportParams { from, to: to.unwrap_or_else(today), ..Default::default() };
            let rows = collect(client.reports().uninvoiced_pages(&params), None).await?;
            output(global, &rows, || {
                let mut t = Table::new(&[("CLIENT", Align::Left), ("PROJECT ID", Align::Right), ("PROJECT", Align::Left), ("HOURS", Align::Right), ("EXPENSES", Align::Right), ("AMOUNT", Align::Right), ("CURRENCY", Align::Left)]);
                for r in &rows {
                    t.row(vec![opt(r.client_name.clone()), opt(r.project_id), opt(r.project_name.clone()), opt(r.uninvoiced_hours), opt(r.uninvoiced_expenses), opt(r.uninvoiced_amount), opt(r.currency.clone())]);
                }
                t
            })
        }
        ReportCommand::Time { from, to, by } => {
            let params = TimeReportParams { from, to: to.unwrap_or_else(today), ..Default::default() };
            let reports = client.reports();
            let pages = match by.as_str() {
                "client" => reports.time_by_client_pages(&params),
                "task" => reports.time_by_task_pages(&params),
                "team" => reports.time_by_team_pages(&params),
                _ => reports.time_by_project_pages(&params),
            };
            let rows = collect(pages, None).await?;
            output(global, &rows, || {
                let mut t = Table::new(&[("ID", Align::Right), ("NAME", Align::Left), ("HOURS", Align::Right), ("BILLABLE", Align::Right), ("AMOUNT", Align::Right), ("CURRENCY", Align::Left)]);
                for r in &rows {
                    let (id, name) = match by.as_str() {
                        "client" => (r.client_id, r.client_name.clone()),
                        "task" => (r.task_id, r.task_name.clone()),
                        "team" => (r.user_id, r.user_name.clone()),
                        _ => (r.project_id, r.project_name.clone()),
                    };
                    t.row(vec![opt(id), opt(name), opt(r.total_hours), opt(r.billable_hours), opt(r.billable_amount), opt(r.currency.clone())]);
                }
                t
            })
        }
    }
}

pub async fn accounts(global: &Global) -> Result<()> {
    let accounts = identity_client(global)?.accounts().await?;
    output(global, &accounts, || {
        let mut t = Table::new(&[("ID", Align::Right), ("NAME", Align::Left), ("PRODUCT", Align::Left)]);
        for a in &accounts.accounts {
            t.row(vec![a.id.to_string(), opt(a.name.clone()), opt(a.product.clone())]);
        }
        t
    })
}

