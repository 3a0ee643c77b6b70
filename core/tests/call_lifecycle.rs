//! Transcript tests of a Call's life beyond what the conformance cases script: misuse by the host,
//! cancellation, and a refresh owner that goes away.

use harvest_core::{api, Action, ClientOptions, ErrorCode, FailureKind, Response};
use serde_json::json;

fn oauth_client(expires_at_ms: i64) -> harvest_core::Client {
    ClientOptions::from_json(json!({
        "account_id": 1, "access_token": "at-1", "user_agent": "Test (t@example.com)",
        "oauth": {"client_id": "c", "client_secret": "s", "refresh_token": "rt", "expires_at_ms": expires_at_ms}
    }))
    .unwrap()
    .build()
    .unwrap()
}

fn pat_client() -> harvest_core::Client {
    ClientOptions::from_json(json!({"account_id": 1, "access_token": "pat", "user_agent": "Test (t@example.com)"})).unwrap().build().unwrap()
}

#[test]
fn a_response_to_an_unknown_request_is_rejected_and_changes_nothing() {
    let client = pat_client();
    let mut call = client.call(api::retrieve_company().unwrap());
    let Action::Send(request) = call.next_action(0) else { panic!("expected a request") };
    let err = call.handle_response(Response::new(request.id + 7, 200, "{}"), 0).unwrap_err();
    assert_eq!(err.code, ErrorCode::Protocol);
    let err = call.handle_failure(request.id + 7, FailureKind::Transport, "", 0).unwrap_err();
    assert_eq!(err.code, ErrorCode::Protocol);
    call.handle_response(Response::new(request.id, 200, r#"{"name":"Acme"}"#), 0).unwrap();
    let Action::Done(Ok(company)) = call.next_action(0) else { panic!("expected the company") };
    assert_eq!(company.name.as_deref(), Some("Acme"));
    let Action::Done(Err(again)) = call.next_action(0) else { panic!("a finished call says so") };
    assert_eq!(again.code, ErrorCode::Protocol);
}

#[test]
fn asking_again_before_answering_is_a_protocol_error_not_a_second_send() {
    let client = pat_client();
    let mut call = client.call(api::retrieve_company().unwrap());
    assert!(matches!(call.next_action(0), Action::Send(_)));
    let Action::Done(Err(e)) = call.next_action(1) else { panic!("expected a protocol error") };
    assert_eq!(e.code, ErrorCode::Protocol);
}

#[test]
fn a_cancelled_call_reports_cancelled() {
    let client = pat_client();
    let mut call = client.call(api::retrieve_company().unwrap());
    assert!(matches!(call.next_action(0), Action::Send(_)));
    call.cancel();
    let Action::Done(Err(e)) = call.next_action(0) else { panic!("expected cancelled") };
    assert_eq!(e.code, ErrorCode::Cancelled);
}

#[test]
fn a_dropped_refresh_owner_hands_the_refresh_to_the_next_call() {
    let client = oauth_client(0);
    let mut first = client.call(api::retrieve_company().unwrap());
    let Action::Send(refresh) = first.next_action(1_000) else { panic!("expected the refresh") };
    assert!(refresh.url.ends_with("/api/v2/oauth2/token"));
    let mut second = client.call(api::retrieve_company().unwrap());
    assert!(matches!(second.next_action(1_000), Action::Wait { until: 1_050 }));
    drop(first);
    let Action::Send(retry) = second.next_action(1_050) else { panic!("the second call refreshes now") };
    assert!(retry.url.ends_with("/api/v2/oauth2/token"));
    second.handle_response(Response::new(retry.id, 200, r#"{"access_token":"at-2","expires_in":3600}"#), 1_060).unwrap();
    let Action::Send(request) = second.next_action(1_060) else { panic!("then the call itself") };
    assert_eq!(request.header("authorization"), Some("Bearer at-2"));
    assert_eq!(client.take_events().len(), 1);
}

#[test]
fn every_loop_ends_even_when_the_server_always_fails() {
    let client = pat_client();
    let mut call = client.call(api::list_time_entries(&Default::default()).unwrap());
    let mut now = 0;
    for step in 0..1_000 {
        match call.next_action(now) {
            Action::Send(r) => call.handle_response(Response::new(r.id, 503, "<html>"), now).unwrap(),
            Action::Wait { until } => now = until,
            Action::Done(result) => {
                assert_eq!(result.unwrap_err().code, ErrorCode::Server);
                assert!(step < 20, "ended after {step} steps");
                return;
            }
        }
    }
    panic!("the call never ended");
}

#[test]
fn debug_output_never_shows_the_token() {
    let client = oauth_client(i64::MAX);
    let mut call = client.call(api::retrieve_company().unwrap());
    let Action::Send(request) = call.next_action(0) else { panic!() };
    for text in [format!("{client:?}"), format!("{call:?}"), format!("{request:?}"), format!("{:?}", client.tokens())] {
        assert!(!text.contains("at-1") && !text.contains("rt\""), "{text}");
    }
}

#[test]
fn a_server_echoing_the_token_does_not_put_it_in_the_error() {
    let client = oauth_client(i64::MAX);
    let mut call = client.call(api::retrieve_company().unwrap());
    let Action::Send(request) = call.next_action(0) else { panic!() };
    let body = r#"{"message":"token at-1 and refresh rt-secret are not allowed here"}"#;
    call.handle_response(Response::new(request.id, 422, body), 0).unwrap();
    let Action::Done(Err(e)) = call.next_action(0) else { panic!("expected the 422") };
    assert_eq!(e.message, "token [redacted] and refresh rt-secret are not allowed here");
}

#[test]
fn a_short_lived_token_is_refreshed_halfway_not_before_every_request() {
    let client = oauth_client(0);
    let mut now = 1_000;
    let mut refreshes = 0;
    for _ in 0..10 {
        let mut call = client.call(api::retrieve_company().unwrap());
        loop {
            match call.next_action(now) {
                Action::Send(r) if r.url.ends_with("/oauth2/token") => {
                    refreshes += 1;
                    call.handle_response(Response::new(r.id, 200, r#"{"access_token":"at-n","expires_in":2}"#), now).unwrap();
                }
                Action::Send(r) => call.handle_response(Response::new(r.id, 200, r#"{"name":"Acme"}"#), now).unwrap(),
                Action::Wait { until } => now = until,
                Action::Done(result) => {
                    result.unwrap();
                    break;
                }
            }
        }
        now += 100;
    }
    // 2 s tokens, 10 calls 100 ms apart: the first refresh, then one when a token is 1 s old.
    assert_eq!(refreshes, 1);
    now += 1_000;
    let mut call = client.call(api::retrieve_company().unwrap());
    let Action::Send(r) = call.next_action(now) else { panic!() };
    assert!(r.url.ends_with("/oauth2/token"), "a token past half its life is refreshed");
}
