//! The browser's clock and time zone, for what the page says about moments: the API
//! sends them in UTC.

use chrono::{DateTime, FixedOffset, Offset, Utc};
use wasm_bindgen::JsValue;

/// Now, by the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// `at` in the reader's time zone, with the offset it had then (summer time included).
pub fn local(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    let then = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    // Minutes behind UTC: −180 in Moscow.
    let behind = then.get_timezone_offset() as i32;
    let offset = FixedOffset::west_opt(behind * 60).unwrap_or(Utc.fix());
    at.with_timezone(&offset)
}

/// Today in the reader's calendar.
pub fn today() -> chrono::NaiveDate {
    local(now()).date_naive()
}
