//! The driver loop against a scripted transport: no network, no sandbox.

use futures_util::StreamExt;
use harvest_sdk::api::{CreateTimeEntryParams, ExternalReferenceParams, ListClientsParams};
use harvest_sdk::model::Decimal;
use harvest_sdk::{
    BoxFuture, Client, Config, ErrorCode, FailureKind, OAuthApp, RateLimits, Request, Response, RetryPolicy, Secret, Tokens, Transport, TransportError,
};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

type Scripted = Result<(u16, &'static str, Vec<(&'static str, &'static str)>), TransportError>;

/// Answers requests from a script and records what was sent.
#[derive(Clone, Default)]
struct Script {
    answers: Arc<Mutex<VecDeque<Scripted>>>,
    sent: Arc<Mutex<Vec<Request>>>,
}

impl Script {
    fn new(answers: Vec<Scripted>) -> Self {
        Self { answers: Arc::new(Mutex::new(answers.into())), sent: Arc::default() }
    }
    fn sent(&self) -> Vec<Request> {
        self.sent.lock().unwrap().clone()
    }
}

impl Transport for Script {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        let id = request.id;
        self.sent.lock().unwrap().push(request);
        let next = self.answers.lock().unwrap().pop_front().unwrap_or_else(|| Err(TransportError::new(FailureKind::Connect, "script exhausted")));
        Box::pin(async move {
            let (status, body, headers) = next?;
            let mut response = Response::new(id, status, body);
            for (k, v) in headers {
                response = response.with_header(k, v);
            }
            Ok(response)
        })
    }
}

fn ok(body: &'static str) -> Scripted {
    Ok((200, body, vec![]))
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy { base_delay_ms: 1, max_delay_ms: 5, ..RetryPolicy::default() }
}

fn client(script: &Script) -> Client {
    let config = Config::new(42, "secret-token", "tests (t@example.com)").unwrap();
    Client::builder(config)
        .transport(script.clone())
        .retry_policy(fast_retries())
        .rate_limits(RateLimits { enabled: false, ..RateLimits::default() })
        .build()
        .unwrap()
}

const CLIENT: &str = r#"{"id":7,"name":"ABC","is_active":true,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#;

#[tokio::test]
async fn a_get_is_sent_verbatim_and_decoded() {
    let script = Script::new(vec![ok(CLIENT)]);
    let got = client(&script).clients().get(7).await.unwrap();
    assert_eq!((got.id, got.name.as_str()), (7, "ABC"));
    let sent = script.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url, "https://api.harvestapp.com/v2/clients/7");
    assert_eq!(sent[0].header("Authorization"), Some("Bearer secret-token"));
    assert_eq!(sent[0].header("Harvest-Account-Id"), Some("42"));
}

#[tokio::test]
async fn server_errors_and_dropped_connections_are_retried_on_reads() {
    let script = Script::new(vec![
        Ok((503, "", vec![])),
        Err(TransportError::new(FailureKind::Transport, "connection reset")),
        Ok((200, "{\"id\":7,\"name\":\"AB", vec![])),
        ok(CLIENT),
    ]);
    let got = client(&script).clients().get(7).await.unwrap();
    assert_eq!(got.id, 7);
    assert_eq!(script.sent().len(), 4);
}

#[tokio::test]
async fn a_429_waits_for_retry_after() {
    let script = Script::new(vec![Ok((429, "", vec![("Retry-After", "1")])), ok(CLIENT)]);
    let started = std::time::Instant::now();
    client(&script).clients().get(7).await.unwrap();
    assert!(started.elapsed() >= std::time::Duration::from_millis(900), "{:?}", started.elapsed());
    assert_eq!(script.sent().len(), 2);
}

#[tokio::test]
async fn a_post_lost_in_transit_is_not_repeated_blindly() {
    let script = Script::new(vec![Err(TransportError::new(FailureKind::Transport, "reset after sending"))]);
    let params = CreateTimeEntryParams::duration(2, 3, "2026-01-02".parse().unwrap(), Decimal::new(15, 1));
    let error = client(&script).time_entries().create(&params).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Transport);
    assert_eq!(script.sent().len(), 1);
}

#[tokio::test]
async fn a_post_with_an_external_reference_is_reconciled_not_duplicated() {
    let found = r#"{"time_entries":[{"id":9,"spent_date":"2026-01-02","hours":1.5,"external_reference":{"id":"ext-1"},"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}],"links":{"next":null}}"#;
    let script = Script::new(vec![Err(TransportError::new(FailureKind::Transport, "reset")), Ok((200, found, vec![]))]);
    let mut params = CreateTimeEntryParams::duration(2, 3, "2026-01-02".parse().unwrap(), Decimal::new(15, 1));
    if let CreateTimeEntryParams::Duration(p) = &mut params {
        p.external_reference = Some(ExternalReferenceParams { id: Some("ext-1".into()), ..Default::default() });
    }
    let entry = client(&script).time_entries().create(&params).await.unwrap();
    assert_eq!(entry.id, 9);
    let sent = script.sent();
    assert_eq!(sent.len(), 2);
    assert!(sent[1].url.contains("external_reference_id=ext-1"), "{}", sent[1].url);
}

#[tokio::test]
async fn errors_keep_harvest_codes_and_messages_without_the_token() {
    let script = Script::new(vec![Ok((422, r#"{"message":"Project can't be blank"}"#, vec![]))]);
    let error = client(&script).clients().get(7).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation);
    assert!(error.message.contains("Project can't be blank"));
    assert!(!format!("{error:?} {client:?}", client = client(&script)).contains("secret-token"));
}

#[tokio::test]
async fn invalid_input_fails_before_any_request() {
    let script = Script::new(vec![]);
    let error = client(&script).clients().get(0).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    let mut items = client(&script).clients().list(&ListClientsParams { per_page: Some(5000), ..Default::default() });
    assert_eq!(items.next().await.unwrap().unwrap_err().code, ErrorCode::InvalidInput);
    assert!(items.next().await.is_none());
    assert!(script.sent().is_empty());
}

#[tokio::test]
async fn lists_follow_links_and_resume_from_a_position() {
    let page1 = r#"{"clients":[{"id":1,"name":"a"},{"id":2,"name":"b"}],"per_page":2,"links":{"next":"https://api.harvestapp.com/v2/clients?cursor=abc&per_page=2"}}"#;
    let page2 = r#"{"clients":[{"id":3,"name":"c"}],"per_page":2,"links":{"next":null}}"#;
    let script = Script::new(vec![ok(page1), ok(page2)]);
    let c = client(&script);
    let mut items = c.clients().list(&ListClientsParams { per_page: Some(2), ..Default::default() });
    assert_eq!(items.next().await.unwrap().unwrap().id, 1);
    // Mid-page the position is the page being read: resuming yields its items again, none lost.
    let mid = items.position().unwrap();
    assert!(!mid.query.iter().any(|(k, _)| k == "cursor"));
    assert_eq!(items.next().await.unwrap().unwrap().id, 2);
    let after_first = items.position().unwrap();
    assert!(after_first.query.contains(&("cursor".into(), "abc".into())));
    let saved = after_first.to_json();
    // A new client (another process) resumes from the saved position.
    let script2 = Script::new(vec![ok(page2)]);
    let rest: Vec<_> = client(&script2).resume_items::<harvest_sdk::model::Client>(&harvest_sdk::Position::from_json(&saved).unwrap()).all().await.unwrap();
    assert_eq!(rest.iter().map(|c| c.id).collect::<Vec<_>>(), vec![3]);
    assert!(script2.sent()[0].url.contains("cursor=abc"));
    assert_eq!(items.next().await.unwrap().unwrap().id, 3);
    assert!(items.next().await.is_none());
    assert!(items.position().unwrap().finished);
}

#[tokio::test]
async fn an_oauth_refresh_after_401_reaches_the_callback() {
    let token = r#"{"access_token":"new-access","refresh_token":"new-refresh","expires_in":1209600,"token_type":"bearer"}"#;
    let script = Script::new(vec![Ok((401, r#"{"error":"invalid_token"}"#, vec![])), ok(token), ok(CLIENT)]);
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = seen.clone();
    let config = Config::new(42, "old-access", "tests (t@example.com)").unwrap();
    let app = OAuthApp { client_id: "cid".into(), client_secret: Secret::new("csecret"), redirect_uri: None };
    let tokens = Tokens { access_token: Secret::new("old-access"), refresh_token: Some(Secret::new("old-refresh")), expires_at_ms: None, scope: None };
    let c = Client::builder(config)
        .transport(script.clone())
        .retry_policy(fast_retries())
        .oauth(app, tokens)
        .on_tokens_refreshed(move |t: &Tokens| sink.lock().unwrap().push(t.access_token.expose().to_owned()))
        .build()
        .unwrap();
    assert_eq!(c.clients().get(7).await.unwrap().id, 7);
    assert_eq!(*seen.lock().unwrap(), vec!["new-access".to_owned()]);
    let sent = script.sent();
    assert_eq!(sent[1].url, "https://id.getharvest.com/api/v2/oauth2/token");
    assert_eq!(sent[2].header("Authorization"), Some("Bearer new-access"));
}

#[test]
fn the_blocking_client_drives_the_same_loop() {
    let script = Script::new(vec![Ok((500, "", vec![])), ok(CLIENT)]);
    let blocking = harvest_sdk::blocking::Client::from_async(client(&script)).unwrap();
    assert_eq!(blocking.clients().get(7).unwrap().id, 7);
    assert_eq!(script.sent().len(), 2);
}

#[tokio::test]
async fn the_blocking_client_refuses_to_run_inside_a_runtime() {
    let script = Script::new(vec![ok(CLIENT)]);
    let c = client(&script);
    let blocking = tokio::task::spawn_blocking(move || harvest_sdk::blocking::Client::from_async(c)).await.unwrap().unwrap();
    let error = blocking.clients().get(7).unwrap_err();
    assert_eq!(error.code, ErrorCode::Protocol);
    tokio::task::spawn_blocking(move || drop(blocking)).await.unwrap();
}

/// Serves a three-page client list by cursor (`p2`, `p3`), counting the requests per page; a page
/// can be given a different body for its first answers.
#[derive(Clone, Default)]
struct Paged {
    bodies: Arc<Mutex<std::collections::HashMap<&'static str, VecDeque<&'static str>>>>,
    counts: Arc<Mutex<std::collections::HashMap<&'static str, usize>>>,
}

const P1: &str = r#"{"clients":[{"id":1,"name":"a"},{"id":2,"name":"b"}],"per_page":2,"links":{"next":"https://api.harvestapp.com/v2/clients?cursor=p2&per_page=2"}}"#;
const P2: &str = r#"{"clients":[{"id":3,"name":"c"},{"id":4,"name":"d"}],"per_page":2,"links":{"next":"https://api.harvestapp.com/v2/clients?cursor=p3&per_page=2"}}"#;
const P3: &str = r#"{"clients":[{"id":5,"name":"e"}],"per_page":2,"links":{"next":null}}"#;

impl Paged {
    fn new(first_answers_for_p2: &[&'static str]) -> Self {
        let paged = Paged::default();
        let mut bodies = paged.bodies.lock().unwrap();
        bodies.insert("p1", VecDeque::from([P1]));
        bodies.insert("p2", first_answers_for_p2.iter().copied().chain([P2]).collect());
        bodies.insert("p3", VecDeque::from([P3]));
        drop(bodies);
        paged
    }
    fn count(&self, page: &str) -> usize {
        self.counts.lock().unwrap().get(page).copied().unwrap_or(0)
    }
}

impl Transport for Paged {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        let page = if request.url.contains("cursor=p2") { "p2" } else if request.url.contains("cursor=p3") { "p3" } else { "p1" };
        *self.counts.lock().unwrap().entry(page).or_default() += 1;
        let mut bodies = self.bodies.lock().unwrap();
        let queue = bodies.get_mut(page).unwrap();
        let body = if queue.len() > 1 { queue.pop_front().unwrap() } else { queue[0] };
        let response = Response::new(request.id, 200, body);
        Box::pin(async move { Ok(response) })
    }
}

fn paged_client(transport: &Paged) -> Client {
    let config = Config::new(42, "secret-token", "tests (t@example.com)").unwrap();
    Client::builder(config)
        .transport(transport.clone())
        .retry_policy(fast_retries())
        .rate_limits(RateLimits { enabled: false, ..RateLimits::default() })
        .build()
        .unwrap()
}

fn cursor(position: &harvest_sdk::Position) -> Option<&str> {
    position.query.iter().find(|(k, _)| k == "cursor").map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn pages_read_ahead_but_the_position_is_the_first_page_not_yet_yielded() {
    let transport = Paged::new(&[]);
    let c = paged_client(&transport);
    let mut pages = c.clients().pages(&ListClientsParams { per_page: Some(2), ..Default::default() });
    assert_eq!(pages.position().map(|p| p.pages), Some(0));
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!(first.items.iter().map(|c| c.id).collect::<Vec<_>>(), vec![1, 2]);
    let position = pages.position().unwrap();
    assert_eq!((cursor(&position), position.pages, position.finished), (Some("p2"), 1, false));
    let second = pages.next().await.unwrap().unwrap();
    assert_eq!(second.items.iter().map(|c| c.id).collect::<Vec<_>>(), vec![3, 4]);
    assert_eq!(cursor(&pages.position().unwrap()), Some("p3"));
    // Resuming from a saved position fetches from there, with the same read-ahead.
    let saved = pages.position().unwrap();
    let rest: Vec<_> = paged_client(&Paged::new(&[])).resume_items::<harvest_sdk::model::Client>(&saved).all().await.unwrap();
    assert_eq!(rest.iter().map(|c| c.id).collect::<Vec<_>>(), vec![5]);
    assert_eq!(pages.next().await.unwrap().unwrap().items.len(), 1);
    assert!(pages.next().await.is_none());
    let end = pages.position().unwrap();
    assert!(end.finished && end.pages == 3);
    assert_eq!((transport.count("p1"), transport.count("p2"), transport.count("p3")), (1, 1, 1));
}

#[tokio::test]
async fn a_truncated_page_is_read_again_by_the_core() {
    let transport = Paged::new(&[&P2[..P2.len() - 3]]);
    let ids: Vec<_> = paged_client(&transport).clients().list(&ListClientsParams::default()).all().await.unwrap().iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![1, 2, 3, 4, 5]);
    assert_eq!(transport.count("p2"), 2);
}

#[tokio::test]
async fn a_page_that_scans_but_does_not_decode_fails_as_the_typed_path_does() {
    // Well-formed, with its links, but an id that is not a number: the typed decode fails.
    const BAD: &str = r#"{"clients":[{"id":"three","name":"c"}],"per_page":2,"links":{"next":"https://api.harvestapp.com/v2/clients?cursor=p3&per_page=2"}}"#;
    let bad_always = [BAD; 8];
    let typed = Paged::new(&bad_always);
    let mut op = harvest_sdk::api::list_clients(&ListClientsParams::default()).unwrap();
    op.query.push(("cursor".into(), "p2".into()));
    let expected = paged_client(&typed).send(op).await.unwrap_err();
    assert_eq!(expected.code, ErrorCode::Decode);

    let transport = Paged::new(&bad_always);
    let mut items = paged_client(&transport).clients().list(&ListClientsParams::default());
    assert_eq!(items.next().await.unwrap().unwrap().id, 1);
    assert_eq!(items.next().await.unwrap().unwrap().id, 2);
    let error = items.next().await.unwrap().unwrap_err();
    assert_eq!((error.code, error.status, error.message.as_str()), (expected.code, expected.status, expected.message.as_str()));
    // The position points at the page that failed; the stream ends after the error.
    assert_eq!(cursor(&items.position().unwrap()), Some("p2"));
    assert_eq!(items.position().unwrap().pages, 1);
    assert!(items.next().await.is_none());
    // The bad page was read again the typed way, with the core's retries (as often as the typed call).
    assert_eq!(transport.count("p2"), 1 + typed.count("p2"));
}

#[tokio::test]
async fn a_page_that_decodes_when_read_again_is_yielded_and_the_list_goes_on() {
    const BAD_ONCE: &str = r#"{"clients":[{"id":"three","name":"c"}],"per_page":2,"links":{"next":"https://api.harvestapp.com/v2/clients?cursor=p3&per_page=2"}}"#;
    let transport = Paged::new(&[BAD_ONCE]);
    let ids: Vec<_> = paged_client(&transport).clients().list(&ListClientsParams::default()).all().await.unwrap().iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![1, 2, 3, 4, 5]);
    assert_eq!(transport.count("p2"), 2);
}

#[test]
fn the_blocking_client_reads_ahead_too() {
    let transport = Paged::new(&[]);
    let blocking = harvest_sdk::blocking::Client::from_async(paged_client(&transport)).unwrap();
    let mut items = blocking.clients().list(&ListClientsParams { per_page: Some(2), ..Default::default() });
    let first: Vec<_> = items.by_ref().take(2).map(|c| c.unwrap().id).collect();
    assert_eq!(first, vec![1, 2]);
    assert_eq!(cursor(&items.position().unwrap()), Some("p2"));
    let rest: Vec<_> = items.map(|c| c.unwrap().id).collect();
    assert_eq!(rest, vec![3, 4, 5]);
}

/// Lets the fetcher task run as far as it would on its own.
async fn settle() {
    for _ in 0..50 {
        tokio::task::yield_now().await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_item_costs_one_request_and_reading_on_starts_the_read_ahead() {
    let transport = Paged::new(&[]);
    let c = paged_client(&transport);
    let mut items = c.clients().list(&ListClientsParams { per_page: Some(2), ..Default::default() });
    settle().await;
    assert_eq!(transport.count("p1"), 0, "nothing is fetched before the first poll");
    assert_eq!(items.next().await.unwrap().unwrap().id, 1);
    settle().await;
    assert_eq!((transport.count("p1"), transport.count("p2")), (1, 0), "one page asked for, one request");
    assert_eq!(items.next().await.unwrap().unwrap().id, 2);
    assert_eq!(items.next().await.unwrap().unwrap().id, 3);
    settle().await;
    // Asked for a second page: the fetcher reads on, up to two pages ahead (here, the last one).
    assert_eq!((transport.count("p2"), transport.count("p3")), (1, 1));
    let rest: Vec<_> = items.map(|c| c.unwrap().id).collect().await;
    assert_eq!(rest, vec![4, 5]);
    assert_eq!((transport.count("p1"), transport.count("p2"), transport.count("p3")), (1, 1, 1));
}

/// Answers the first page, then holds every other request open, noting when one is given up.
#[derive(Clone, Default)]
struct Stalls {
    dropped: Arc<Mutex<usize>>,
}

struct NoteDrop(Arc<Mutex<usize>>);

impl Drop for NoteDrop {
    fn drop(&mut self) {
        *self.0.lock().unwrap() += 1;
    }
}

impl Transport for Stalls {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        if !request.url.contains("cursor=") {
            let response = Response::new(request.id, 200, P1);
            return Box::pin(async move { Ok(response) });
        }
        let guard = NoteDrop(self.dropped.clone());
        Box::pin(async move {
            let _guard = guard;
            std::future::pending::<()>().await;
            unreachable!("a stalled request never answers")
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_the_stream_cancels_the_fetch_ahead() {
    let transport = Stalls::default();
    let config = Config::new(42, "secret-token", "tests (t@example.com)").unwrap();
    let c = Client::builder(config).transport(transport.clone()).rate_limits(RateLimits { enabled: false, ..RateLimits::default() }).build().unwrap();
    let mut items = c.clients().list(&ListClientsParams { per_page: Some(2), ..Default::default() });
    assert_eq!(items.next().await.unwrap().unwrap().id, 1);
    assert_eq!(items.next().await.unwrap().unwrap().id, 2);
    // Ask for the third item: the fetch of the second page starts, and stalls.
    assert!(tokio::time::timeout(std::time::Duration::from_millis(50), items.next()).await.is_err());
    settle().await;
    assert_eq!(*transport.dropped.lock().unwrap(), 0, "the fetch is still running");
    drop(items);
    settle().await;
    assert_eq!(*transport.dropped.lock().unwrap(), 1, "dropping the stream gave the fetch up");
}
