//! Feeds arbitrary bytes to `harvest_core::decode` for every operation: the first two bytes are the
//! HTTP status, the rest is the body. Nothing may panic; non-2xx statuses must be errors.
#![no_main]

use harvest_core::{decode, OperationId, Response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [hi, lo, rest @ ..] => (u16::from_be_bytes([*hi, *lo]) % 600, rest),
        _ => (200, data),
    };
    // Mostly 2xx, so that the bytes reach the models.
    let status = if status < 400 { 200 + status % 5 } else { status };
    let response = Response::new(1, status, body.to_vec()).with_header("Retry-After", "15");
    for id in OperationId::ALL {
        let result = decode(id.as_str(), &response);
        if !(200..300).contains(&status) {
            assert!(result.is_err());
        }
    }
});
