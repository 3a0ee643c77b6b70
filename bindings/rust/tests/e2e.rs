//! End to end against the sandbox over real HTTP: resources, every workflow, the blocking client,
//! OAuth, and faults. One sandbox for the file; tests use different data so they can run at once.

mod common;

use common::Sandbox;
use futures_util::StreamExt;
use harvest_sdk::api::*;
use harvest_sdk::model::{Date, Decimal, Id, InvoiceState};
use harvest_sdk::oauth::{code_from_redirect, new_state, OAuth};
use harvest_sdk::{Client, ErrorCode, OAuthApp, Secret, Tokens};
use serde_json::json;
use std::sync::{Arc, Mutex, OnceLock};

fn sandbox() -> &'static Sandbox {
    static SANDBOX: OnceLock<Sandbox> = OnceLock::new();
    SANDBOX.get_or_init(|| Sandbox::start(&["--seed", "demo", "--no-rate-limit", "--faults"]))
}

fn today() -> Date {
    chrono::Local::now().date_naive()
}

/// A project with a billable task assigned, and its client.
async fn billable_project(client: &Client, code: &str) -> (Id, Id, Id) {
    let projects = client.projects().list(&ListProjectsParams { is_active: Some(true), ..Default::default() }).all().await.unwrap();
    let project = projects.iter().find(|p| p.code.as_deref() == Some(code)).unwrap_or_else(|| panic!("project {code}"));
    let tasks = client.task_assignments().list_for_project(project.id, &Default::default()).all().await.unwrap();
    let task = tasks.iter().find(|t| t.billable && t.is_active).expect("a billable task");
    (project.client.id, project.id, task.task.as_ref().unwrap().id)
}

#[tokio::test]
async fn resources_read_and_write() {
    let client = sandbox().client();
    let clients = client.clients().list(&ListClientsParams::default()).all().await.unwrap();
    assert!(clients.len() >= 3);
    let created = client.clients().create(&CreateClientParams { name: "E2E Client".into(), ..Default::default() }).await.unwrap();
    let renamed = client.clients().update(created.id, &UpdateClientParams { name: Some("E2E Renamed".into()), ..Default::default() }).await.unwrap();
    assert_eq!(renamed.name, "E2E Renamed");
    assert_eq!(client.clients().get(created.id).await.unwrap().name, "E2E Renamed");
    client.clients().delete(created.id).await.unwrap();
    assert_eq!(client.clients().get(created.id).await.unwrap_err().code, ErrorCode::NotFound);
    assert!(!client.users().me().await.unwrap().email.is_empty());
    assert!(client.company().get().await.unwrap().name.is_some());
    assert!(!client.tasks().list(&Default::default()).all().await.unwrap().is_empty());
    assert!(!client.users().list(&Default::default()).all().await.unwrap().is_empty());
    client.roles().list(&Default::default()).all().await.unwrap();
    let pages: Vec<_> = client.projects().pages(&Default::default()).collect().await;
    assert!(pages.iter().all(|p| p.is_ok()));
}

#[tokio::test]
async fn log_time_start_and_stop_a_timer() {
    let client = sandbox().client();
    let (_, project_id, task_id) = billable_project(&client, "IT").await;
    let entry = client.log_time(project_id, task_id, today(), Decimal::new(125, 2)).await.unwrap();
    assert_eq!(entry.hours, Decimal::new(125, 2));
    assert!(!entry.is_running);
    assert_eq!(client.log_time(project_id, task_id, today(), Decimal::ZERO).await.unwrap_err().code, ErrorCode::InvalidInput);
    let timer = client.start_timer(project_id, task_id, today()).await.unwrap();
    assert!(timer.is_running);
    let stopped = client.stop_running_timer().await.unwrap().expect("a running timer");
    assert_eq!(stopped.id, timer.id);
    assert!(!stopped.is_running);
    assert!(client.stop_running_timer().await.unwrap().is_none());
    let restarted = client.time_entries().restart(timer.id).await.unwrap();
    assert!(restarted.is_running);
    assert!(!client.time_entries().stop(timer.id).await.unwrap().is_running);
    client.time_entries().delete(entry.id).await.unwrap();
}

#[tokio::test]
async fn invoice_from_tracked_time_then_sent_then_paid() {
    let client = sandbox().client();
    let (client_id, project_id, task_id) = billable_project(&client, "MW").await;
    let day = today();
    let from = day - chrono::Days::new(30);
    client.log_time(project_id, task_id, day, Decimal::new(2, 0)).await.unwrap();
    let preview = client.preview_uninvoiced(client_id, &[project_id], from, day).await.unwrap();
    assert!(preview.hours >= Decimal::new(2, 0), "{preview:?}");
    assert!(preview.amount > Decimal::ZERO);
    let invoice = client.invoice_from_tracked_time(client_id, &[project_id], from, day).await.unwrap();
    assert_eq!(invoice.state, Some(InvoiceState::Draft));
    assert_eq!(invoice.amount, preview.time_amount, "the invoice bills the hours the preview showed");
    let after = client.preview_uninvoiced(client_id, &[project_id], from, day).await.unwrap();
    assert_eq!(after.hours, Decimal::ZERO, "the imported time is now billed");
    let message = client.mark_invoice_sent(invoice.id).await.unwrap();
    assert_eq!(message.event_type.as_ref().map(|e| e.as_str()), Some("send"));
    assert_eq!(client.invoices().get(invoice.id).await.unwrap().state, Some(InvoiceState::Open));
    let half = invoice.amount / Decimal::new(2, 0);
    client.record_payment(invoice.id, half, day).await.unwrap();
    assert_eq!(client.invoices().get(invoice.id).await.unwrap().state, Some(InvoiceState::Open));
    client.record_payment(invoice.id, invoice.amount - half, day).await.unwrap();
    let paid = client.invoices().get(invoice.id).await.unwrap();
    assert_eq!(paid.state, Some(InvoiceState::Paid));
    assert_eq!(paid.due_amount, Decimal::ZERO);
    assert_eq!(client.invoices().payments().list(invoice.id, &Default::default()).all().await.unwrap().len(), 2);
    assert_eq!(client.record_payment(invoice.id, Decimal::ZERO, day).await.unwrap_err().code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn send_invoice_emails_recipients() {
    let client = sandbox().client();
    let (client_id, project_id, task_id) = billable_project(&client, "OS1").await;
    let day = today();
    client.log_time(project_id, task_id, day, Decimal::new(1, 0)).await.unwrap();
    let invoice = client.invoice_from_tracked_time(client_id, &[], day, day).await.unwrap();
    let message = client.send_invoice(invoice.id, vec![RecipientParams::new("client@example.com", Some("Client".into()))]).await.unwrap();
    assert!(message.event_type.is_none() || message.event_type.as_ref().map(|e| e.as_str()) == Some("send"));
    assert_eq!(client.invoices().get(invoice.id).await.unwrap().state, Some(InvoiceState::Open));
    assert_eq!(client.send_invoice(invoice.id, vec![]).await.unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(client.invoice_from_tracked_time(client_id, &[], day, day).await.unwrap_err().code, ErrorCode::InvalidInput, "nothing left to invoice");
}

#[tokio::test]
async fn accounts_are_discovered_on_the_identity_host() {
    let accounts = sandbox().client().accounts().await.unwrap();
    assert!(accounts.harvest_accounts().any(|a| a.id == sandbox().account_id));
}

#[test]
fn the_blocking_client_walks_lists_and_workflows() {
    let client = harvest_sdk::blocking::Client::from_async(sandbox().client()).unwrap();
    let projects: Vec<_> = client.projects().list(&Default::default()).collect::<Result<_, _>>().unwrap();
    assert!(!projects.is_empty());
    assert!(!client.accounts().unwrap().accounts.is_empty());
    assert!(client.users().me().is_ok());
    let pages = client.clients().pages(&ListClientsParams { per_page: Some(1), ..Default::default() });
    assert!(pages.count() >= 3);
}

#[tokio::test]
async fn oauth_code_flow_and_refresh_against_the_sandbox() {
    // Tokens live 62 s: the client refreshes 60 s before expiry, so after 2.5 s it must refresh.
    // (With a lifetime under that margin the core would refresh before every request.)
    let sbx = Sandbox::start(&["--seed", "demo", "--no-rate-limit", "--token-expires-in", "62"]);
    let app = OAuthApp {
        client_id: sbx.info["oauth_client_id"].as_str().unwrap().into(),
        client_secret: Secret::new(sbx.info["oauth_client_secret"].as_str().unwrap()),
        redirect_uri: Some("http://127.0.0.1:9/callback".into()),
    };
    let flow = OAuth::new(app, "harvest-sdk tests (t@example.com)").unwrap().with_id_base_url(sbx.base_url.clone()).unwrap().with_base_url(sbx.base_url.clone()).unwrap();
    let state = new_state();
    let url = flow.authorize_url(&state).unwrap();
    harvest_sdk::install_crypto_provider();
    let no_redirects = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let answer = no_redirects.get(&url).send().await.unwrap();
    assert_eq!(answer.status().as_u16(), 302);
    let location = answer.headers()["location"].to_str().unwrap().to_owned();
    let code = code_from_redirect(&location, &state).unwrap();
    assert_eq!(flow.exchange_redirect(&location, "another-state").await.unwrap_err().code, ErrorCode::InvalidInput);
    let tokens = flow.exchange_redirect(&location, &state).await.unwrap();
    assert_eq!(tokens.account_ids(), vec![sbx.account_id]);
    assert_eq!(flow.exchange_code(&code).await.unwrap_err().code, ErrorCode::TokenRefreshFailed, "a code is single-use");
    let seen: Arc<Mutex<Vec<Tokens>>> = Arc::default();
    let sink = seen.clone();
    let client = flow.client(None, tokens.clone()).unwrap().on_tokens_refreshed(move |t: &Tokens| sink.lock().unwrap().push(t.clone())).build().unwrap();
    client.users().me().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    client.users().me().await.unwrap();
    let seen = seen.lock().unwrap();
    assert!(!seen.is_empty(), "the callback saw refreshed tokens");
    let last = seen.last().unwrap();
    assert_ne!(last.access_token, tokens.access_token);
    assert_eq!(client.core().tokens().unwrap().access_token, last.access_token);
    assert!(!format!("{last:?}").contains(last.access_token.expose()));
}

#[tokio::test]
async fn reads_survive_server_errors_drops_and_truncated_bodies() {
    let sbx = Sandbox::start(&["--seed", "demo", "--no-rate-limit", "--faults"]);
    let client = sbx.client();
    for fault in ["status", "drop", "truncate"] {
        sbx.fault(json!({"method": "GET", "path": "/v2/projects", "times": 2, "fault": fault, "status": 503}));
        let projects = client.projects().list(&Default::default()).all().await.unwrap_or_else(|e| panic!("{fault}: {e:?}"));
        assert!(!projects.is_empty(), "{fault}");
    }
    sbx.clear_faults();
    sbx.fault(json!({"method": "GET", "path": "/v2/users/me", "times": 10, "fault": "status", "status": 500}));
    assert_eq!(client.users().me().await.unwrap_err().code, ErrorCode::Server, "attempts are bounded");
    sbx.clear_faults();
}

#[tokio::test]
async fn a_time_entry_with_an_external_reference_is_created_exactly_once() {
    let sbx = Sandbox::start(&["--seed", "demo", "--no-rate-limit", "--faults"]);
    let client = sbx.client();
    let (_, project_id, task_id) = billable_project(&client, "IT").await;
    for fault in ["drop", "truncate"] {
        let reference = format!("ticket-{fault}");
        sbx.fault(json!({"method": "POST", "path": "/v2/time_entries", "times": 1, "fault": fault}));
        let mut params = CreateTimeEntryViaDuration { project_id, task_id, spent_date: today(), hours: Some(Decimal::new(1, 0)), ..Default::default() };
        params.external_reference = Some(ExternalReferenceParams { id: Some(reference.clone()), ..Default::default() });
        let entry = client.time_entries().create(&params.into()).await.unwrap_or_else(|e| panic!("{fault}: {e:?}"));
        let found = client
            .time_entries()
            .list(&ListTimeEntriesParams { external_reference_id: Some(reference.clone()), ..Default::default() })
            .all()
            .await
            .unwrap();
        assert_eq!(found.len(), 1, "{fault}: exactly one entry");
        assert_eq!(found[0].id, entry.id);
    }
    // Without a reference a lost POST is reported, not repeated.
    sbx.fault(json!({"method": "POST", "path": "/v2/time_entries", "times": 1, "fault": "drop"}));
    let params = CreateTimeEntryParams::duration(project_id, task_id, today(), Decimal::new(1, 0));
    assert_eq!(client.time_entries().create(&params).await.unwrap_err().code, ErrorCode::Transport);
}
