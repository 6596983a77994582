//! What `boot.js` sent while the app was downloading, taken once by the app, whose own
//! request it stands for: the session's refresh, and the card of the account at the
//! address (its token being the refresh's); and its way to fetch a group's chunks ahead.
//! In the browser only: natively (the unit tests) there is no boot script.

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

/// Starts fetching the chunks of `group` (`domkomPreload`), which a page will soon need.
pub fn preload(group: &str) {
    let preload = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("domkomPreload"));
    if let Ok(preload) = preload.and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = preload.call1(&JsValue::NULL, &JsValue::from_str(group));
    }
}

/// The answer to the refresh (`domkomRefresh`).
pub fn refresh() -> Option<js_sys::Promise> {
    take("domkomRefresh")?.dyn_into().ok()
}

/// The answer to the card of account `id` (`domkomCard`: `{ id, answer }`), if that is the
/// account it asked for.
pub fn card(id: impl std::fmt::Display) -> Option<js_sys::Promise> {
    let card = take("domkomCard")?;
    let field = |name| js_sys::Reflect::get(&card, &JsValue::from_str(name)).ok();
    if field("id")?.as_string()? != id.to_string() {
        return None;
    }
    field("answer")?.dyn_into().ok()
}
