//! «Печать квитанции»: the receipt of a closed period, fetched with the session's token
//! and opened as a PDF in a new tab, where the browser prints it.

use super::form::describe;
use crate::session::use_session;
use domkom_values::{AccountId, Period};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag, Url};

/// What the button is doing.
#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Loading,
    /// The receipt as an object URL, with its size: opened, and linked in case the
    /// browser blocked the tab.
    Ready {
        url: String,
        size: usize,
    },
    Failed(String),
}

#[component]
pub fn ReceiptButton(account: AccountId, period: Period) -> impl IntoView {
    let session = use_session();
    let state = RwSignal::new(State::Idle);
    let print = move |_| {
        // Opened now, while the click still counts, so that no pop-up blocker stops it;
        // the PDF goes into it when it arrives.
        let tab = window()
            .open_with_url_and_target("about:blank", "_blank")
            .ok()
            .flatten();
        state.set(State::Loading);
        spawn_local(async move {
            let got = session
                .authorized(async |c| c.receipt(account, &period.to_string()).await)
                .await;
            let next = match got {
                Ok(doc) => match object_url(&doc.bytes) {
                    Ok(url) => {
                        if let State::Ready { url: old, .. } = state.get_untracked() {
                            let _ = Url::revoke_object_url(&old);
                        }
                        if let Some(tab) = &tab {
                            let _ = tab.location().set_href(&url);
                        }
                        State::Ready {
                            url,
                            size: doc.bytes.len(),
                        }
                    }
                    Err(_) => State::Failed("Браузер не смог открыть PDF.".into()),
                },
                Err(e) => {
                    if let Some(tab) = &tab {
                        let _ = tab.close();
                    }
                    State::Failed(describe(&e))
                }
            };
            state.set(next);
        });
    };
    let file = format!("kvitanciya-{period}.pdf");
    view! {
        <div class="receipt-print" data-test="receipt">
            <button
                type="button"
                class="button secondary"
                data-test="print-receipt"
                data-period=period.to_string()
                disabled=move || state.with(|s| *s == State::Loading)
                on:click=print
            >
                {move || if state.with(|s| *s == State::Loading) { "Готовим квитанцию…" } else { "Печать квитанции" }}
            </button>
            {move || match state.get() {
                State::Ready { url, size } => view! {
                    <a href=url download=file.clone() data-test="receipt-link" data-size=size.to_string()>
                        "Квитанция (PDF)"
                    </a>
                }.into_any(),
                State::Failed(message) => view! {
                    <p class="form-error" role="alert" data-test="receipt-error">{message}</p>
                }.into_any(),
                _ => ().into_any(),
            }}
        </div>
    }
}

/// The PDF's bytes as a `blob:` URL of this page.
fn object_url(bytes: &[u8]) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type("application/pdf");
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    Url::create_object_url_with_blob(&blob)
}
