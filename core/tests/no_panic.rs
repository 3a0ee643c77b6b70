//! `decode` never panics, whatever the bytes and the status, for every operation.

use harvest_core::{decode, OperationId, Response};
use proptest::prelude::*;

/// Bytes that look like JSON often enough to reach deep into the models.
fn jsonish() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("\"id\"".to_owned()),
        Just("\"links\"".to_owned()),
        Just("\"time_entries\"".to_owned()),
        Just("\"results\"".to_owned()),
        Just("\"spent_date\"".to_owned()),
        Just("\"2017-03-01\"".to_owned()),
        Just("\"2017-06-27T15:49:28Z\"".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("-1e400".to_owned()),
        Just("0.1".to_owned()),
        "\"[a-z_]{0,12}\"",
        "-?[0-9]{1,25}(\\.[0-9]{1,30})?",
    ];
    prop::collection::vec(token, 0..40).prop_map(|tokens| tokens.concat().into_bytes())
}

/// A realistic body (a time entry page) whose bytes the third property corrupts.
const SAMPLE: &str = r#"{"time_entries":[{"id":636708723,"spent_date":"2017-03-01","user":{"id":1782959,"name":"Kim Allen"},"client":{"id":5735774,"name":"ABC Corp"},"project":{"id":14307913,"name":"Marketing Website"},"task":{"id":8083365,"name":"Graphic Design"},"user_assignment":{"id":125068553,"is_project_manager":true,"is_active":true,"budget":null,"created_at":"2017-06-26T22:32:52Z","updated_at":"2017-06-26T22:32:52Z","hourly_rate":100.0},"task_assignment":{"id":155502709,"billable":true,"is_active":true,"created_at":"2017-06-26T21:36:23Z","updated_at":"2017-06-26T21:36:23Z","hourly_rate":100.0,"budget":null},"hours":2.11,"rounded_hours":2.25,"notes":"Adding CSS styling","created_at":"2017-06-27T15:50:15Z","updated_at":"2017-06-27T16:47:14Z","is_locked":true,"locked_reason":"Item Approved and Locked for this Time Period","is_closed":true,"is_billed":false,"timer_started_at":null,"started_time":"3:00pm","ended_time":"5:00pm","is_running":false,"invoice":{"id":13150403,"number":"1001"},"external_reference":null,"billable":true,"budgeted":true,"billable_rate":100.0,"cost_rate":50.0}],"per_page":2000,"total_pages":1,"total_entries":1,"next_page":null,"previous_page":null,"page":1,"links":{"first":"https://api.harvestapp.com/v2/time_entries?page=1&per_page=2000","next":null,"previous":null,"last":"https://api.harvestapp.com/v2/time_entries?page=1&per_page=2000"}}"#;

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![Just(200u16), Just(201), Just(204), Just(404), Just(422), Just(429), Just(503), any::<u16>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decode_never_panics_on_arbitrary_bytes(body in prop::collection::vec(any::<u8>(), 0..256), status in status(), retry_after in "[ -~]{0,30}") {
        for id in OperationId::ALL {
            let response = Response::new(1, status, body.clone()).with_header("Retry-After", &retry_after);
            let result = decode(id.as_str(), &response);
            if !(200..300).contains(&status) {
                prop_assert!(result.is_err());
            }
        }
    }

    #[test]
    fn decode_never_panics_on_json_like_bytes(body in jsonish(), status in status()) {
        for id in OperationId::ALL {
            let result = decode(id.as_str(), &Response::new(1, status, body.clone()));
            if let Err(error) = result {
                prop_assert!(!error.message.is_empty());
            }
        }
    }

    #[test]
    fn decode_never_panics_on_corrupted_real_bodies(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6), cut in any::<prop::sample::Index>()) {
        let mut body = SAMPLE.as_bytes().to_vec();
        for (at, byte) in edits {
            let i = at.index(body.len());
            body[i] = byte;
        }
        body.truncate(cut.index(body.len()) + 1);
        for id in OperationId::ALL {
            let _ = decode(id.as_str(), &Response::new(1, 200, body.clone()));
        }
        // The intact sample decodes under its own operation.
        prop_assert!(decode("listTimeEntries", &Response::new(1, 200, SAMPLE)).is_ok());
    }
}
