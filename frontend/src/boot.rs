//! What `boot.js` sent while the app was downloading, taken once by the app, whose own
//! request it stands for: the session's refresh, and the card of the account at the
//! address (its token being the refresh's). In the browser only: natively (the unit tests)
//! there is no boot script.

use wasm_bindgen::{JsCast, JsValue};

/// The global `name`, removed: a refresh token works once, and a card asked for again
/// (another visit to the account) is the page's own request.
fn take(name: &str) -> Option<JsValue> {
    let global = js_sys::global();
    let key = JsValue::from_str(name);
    let value = js_sys::Reflect::get(&global, &key).ok()?;
    let _ = js_sys::Reflect::delete_property::<JsValue>(global.unchecked_ref(), &key);
    (!value.is_undefined()).then_some(value)
}

/// The answer to the refresh (`domkomRefresh`).
pub fn refresh() -> Option<js_sys::Promise> {
    take("domkomRefresh")?.dyn_into().ok()
}

/// The answer to the card of account `id` (`domkomCard`: `{ id, answer }`), if that is the
/// account it asked for.
pub fn card(id: impl std::fmt::Display) -> Option<js_sys::Promise> {
    let card = take("domkomCard")?;
    let asked = js_sys::Reflect::get(&card, &JsValue::from_str("id")).ok()?;
    (asked.as_string()? == id.to_string())
        .then(|| js_sys::Reflect::get(&card, &JsValue::from_str("answer")).ok())??
        .dyn_into()
        .ok()
}
