//! The jobs Harvest makes multi-step, as one call each: invoice from tracked time (after a
//! preview of what it would bill), mark an invoice sent or email it, record a payment, log time,
//! start and stop a timer, and discover the accounts a token reaches.

use crate::Client;
use futures_util::StreamExt;
use harvest_core::api::{
    self, CreateInvoiceMessageParams, CreateInvoiceParams, CreateInvoicePaymentParams, CreateTimeEntryParams, ImportTime, LineItemsImport,
    ListTimeEntriesParams, RecipientParams, TimeSummaryType, UninvoicedReportParams,
};
use harvest_core::model::{Accounts, Date, Decimal, Id, Invoice, InvoiceEventType, InvoiceMessage, InvoicePayment, TimeEntry, UninvoicedReportResult};
use harvest_core::{Error, Result};

/// What an invoice from tracked time would bill, read from the uninvoiced report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UninvoicedPreview {
    /// The client.
    pub client_id: Id,
    /// First day of the period.
    pub from: Date,
    /// Last day of the period.
    pub to: Date,
    /// One row per project with something uninvoiced.
    pub projects: Vec<UninvoicedReportResult>,
    /// Uninvoiced billable hours.
    pub hours: Decimal,
    /// Uninvoiced expenses.
    pub expenses: Decimal,
    /// The uninvoiced amount: hours at their rates, plus expenses.
    pub amount: Decimal,
    /// The part of `amount` for hours: what [`Client::invoice_from_tracked_time`] bills
    /// (before tax and discount).
    pub time_amount: Decimal,
    /// The currency, when the report says.
    pub currency: Option<String>,
}

impl UninvoicedPreview {
    /// The projects with uninvoiced hours.
    pub fn project_ids(&self) -> Vec<Id> {
        self.projects
            .iter()
            .filter(|p| p.uninvoiced_hours.is_some_and(|h| h > Decimal::ZERO))
            .filter_map(|p| p.project_id)
            .collect()
    }
}

impl Client {
    /// What [`Client::invoice_from_tracked_time`] would bill: the uninvoiced report for the
    /// client's projects (all of them when `project_ids` is empty) between `from` and `to`.
    pub async fn preview_uninvoiced(&self, client_id: Id, project_ids: &[Id], from: Date, to: Date) -> Result<UninvoicedPreview> {
        let params = UninvoicedReportParams { from, to, ..Default::default() };
        let mut rows = self.reports().uninvoiced(&params);
        let mut projects = Vec::new();
        while let Some(row) = rows.next().await {
            let row = row?;
            let wanted = row.client_id == Some(client_id) && (project_ids.is_empty() || row.project_id.is_some_and(|p| project_ids.contains(&p)));
            if wanted {
                projects.push(row);
            }
        }
        let sum = |f: fn(&UninvoicedReportResult) -> Option<Decimal>| projects.iter().filter_map(f).sum::<Decimal>();
        Ok(UninvoicedPreview {
            client_id,
            from,
            to,
            hours: sum(|p| p.uninvoiced_hours),
            expenses: sum(|p| p.uninvoiced_expenses),
            amount: sum(|p| p.uninvoiced_amount),
            time_amount: sum(|p| p.uninvoiced_amount) - sum(|p| p.uninvoiced_expenses),
            currency: projects.iter().find_map(|p| p.currency.clone()),
            projects,
        })
    }

    /// Creates a draft invoice for the client whose lines Harvest imports from the tracked time
    /// of `project_ids` between `from` and `to` (one line per project); that time becomes billed.
    /// With no `project_ids`, the projects with uninvoiced hours in the period are used (one
    /// report request) and nothing is created if there are none.
    pub async fn invoice_from_tracked_time(&self, client_id: Id, project_ids: &[Id], from: Date, to: Date) -> Result<Invoice> {
        let project_ids = if project_ids.is_empty() {
            let preview = self.preview_uninvoiced(client_id, &[], from, to).await?;
            let ids = preview.project_ids();
            if ids.is_empty() {
                return Err(Error::invalid_input(format!("client {client_id} has no uninvoiced hours between {from} and {to}")));
            }
            ids
        } else {
            project_ids.to_vec()
        };
        let import = LineItemsImport {
            project_ids,
            time: Some(ImportTime::new(TimeSummaryType::Project, Some((from, to)))),
            expenses: None,
        };
        self.invoices().create(&CreateInvoiceParams::import(client_id, import)).await
    }

    /// Marks a draft invoice as sent without emailing anyone (a message with `event_type: send`;
    /// a message without it would email the client).
    pub async fn mark_invoice_sent(&self, invoice_id: Id) -> Result<InvoiceMessage> {
        self.invoices().messages().create(invoice_id, &CreateInvoiceMessageParams::event(InvoiceEventType::Send)).await
    }

    /// Emails the invoice to these recipients (Harvest's default subject and body), which also
    /// marks it sent.
    pub async fn send_invoice(&self, invoice_id: Id, recipients: Vec<RecipientParams>) -> Result<InvoiceMessage> {
        if recipients.is_empty() {
            return Err(Error::invalid_input("an invoice is sent to at least one recipient"));
        }
        let params = CreateInvoiceMessageParams { attach_pdf: Some(true), ..CreateInvoiceMessageParams::email(recipients) };
        self.invoices().messages().create(invoice_id, &params).await
    }

    /// Records a payment on an invoice, without the thank-you email Harvest would otherwise send
    /// when it settles the invoice (use `invoices().payments().create` for full control).
    pub async fn record_payment(&self, invoice_id: Id, amount: Decimal, paid_date: Date) -> Result<InvoicePayment> {
        if amount <= Decimal::ZERO {
            return Err(Error::invalid_input(format!("a payment amount must be positive, not {amount}")));
        }
        let params = CreateInvoicePaymentParams { paid_date: Some(paid_date), send_thank_you: Some(false), ..CreateInvoicePaymentParams::new(amount) };
        self.invoices().payments().create(invoice_id, &params).await
    }

    /// Logs `hours` on a project's task for a day, as the token's user.
    pub async fn log_time(&self, project_id: Id, task_id: Id, spent_date: Date, hours: Decimal) -> Result<TimeEntry> {
        if hours <= Decimal::ZERO {
            return Err(Error::invalid_input(format!("hours must be positive, not {hours}")));
        }
        self.time_entries().create(&CreateTimeEntryParams::duration(project_id, task_id, spent_date, hours)).await
    }

    /// Starts a timer on a project's task for a day, as the token's user (Harvest stops the
    /// user's other running timer).
    pub async fn start_timer(&self, project_id: Id, task_id: Id, spent_date: Date) -> Result<TimeEntry> {
        self.time_entries().create(&CreateTimeEntryParams::timer(project_id, task_id, spent_date)).await
    }

    /// Stops the token's user's running timer: `None` when none was running.
    pub async fn stop_running_timer(&self) -> Result<Option<TimeEntry>> {
        let me = self.users().me().await?;
        let params = ListTimeEntriesParams { user_id: Some(me.id), is_running: Some(true), ..Default::default() };
        let running = self.time_entries().list(&params).all().await?;
        let mut stopped = None;
        for entry in running {
            let entry = self.time_entries().stop(entry.id).await?;
            stopped.get_or_insert(entry);
        }
        Ok(stopped)
    }

    /// The user and the accounts the token reaches (on Harvest ID, no account id needed).
    pub async fn accounts(&self) -> Result<Accounts> {
        self.send(api::list_accounts()?).await
    }
}
