//! The two things the driver needs from its platform: the wall clock and a timer. Native targets
//! use the system clock and tokio; `wasm32` uses `Date.now()` and `setTimeout` through js-sys.

/// Wall-clock epoch milliseconds, the only time the core ever sees.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn now_ms() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Wall-clock epoch milliseconds, the only time the core ever sees.
#[cfg(target_arch = "wasm32")]
pub(crate) fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Sleeps for `ms` milliseconds (nothing for zero or less).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) async fn sleep_ms(ms: i64) {
    if ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(ms as u64)).await;
    }
}

/// Sleeps for `ms` milliseconds through the host's `setTimeout` (browsers and Node alike).
#[cfg(target_arch = "wasm32")]
pub(crate) async fn sleep_ms(ms: i64) {
    use wasm_bindgen_futures::wasm_bindgen::{JsCast, JsValue};
    if ms <= 0 {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let set_timeout = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("setTimeout"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match set_timeout {
            Some(f) => {
                let _ = f.call2(&JsValue::NULL, &resolve, &JsValue::from_f64(ms as f64));
            }
            None => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
