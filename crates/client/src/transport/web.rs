//! Calls over the browser's `fetch`: the SPA. Same-origin, so the refresh cookie travels
//! with them; reqwest would bring its own URL, HTTP and IDNA code into the download.

use crate::request::{Body, Request, Response};
use crate::{Error, Result, Upload};
use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, FormData, RequestInit};

#[derive(Debug, Clone)]
pub(crate) struct Transport;

pub(crate) struct Headers(web_sys::Headers);

impl Headers {
    pub(crate) fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).ok().flatten()
    }
}

impl Transport {
    pub(crate) fn new() -> Self {
        Self
    }

    pub(crate) async fn send(&self, request: Request) -> Result<Response> {
        let window = web_sys::window().ok_or_else(|| Error::Transport("нет окна".into()))?;
        let init = init(request.method.as_str(), request.headers, request.body).map_err(js)?;
        receive(window.fetch_with_str_and_init(&request.url, &init)).await
    }
}

/// The whole answer to a `fetch`, whoever started it.
pub(crate) async fn receive(fetch: Promise) -> Result<Response> {
    let answer = JsFuture::from(fetch).await.map_err(js)?;
    let response: web_sys::Response = answer.dyn_into().map_err(js)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(js)?)
        .await
        .map_err(js)?;
    Ok(Response {
        status: response.status(),
        headers: Headers(response.headers()),
        body: Uint8Array::new(&buffer).to_vec(),
    })
}

fn init(
    method: &str,
    headers: Vec<(&'static str, String)>,
    body: Body,
) -> Result<RequestInit, JsValue> {
    let init = RequestInit::new();
    init.set_method(method);
    let sent = web_sys::Headers::new()?;
    for (name, value) in headers {
        sent.append(name, &value)?;
    }
    match body {
        Body::Empty => {}
        Body::Text { content_type, text } => {
            sent.append("Content-Type", content_type)?;
            init.set_body(&JsValue::from_str(&text));
        }
        // The browser writes the boundary into the Content-Type itself.
        Body::Form { fields, files } => init.set_body(&form(fields, files)?.into()),
    }
    init.set_headers(&sent);
    Ok(init)
}

fn form(
    fields: Vec<(String, String)>,
    files: Vec<(&'static str, Upload)>,
) -> Result<FormData, JsValue> {
    let form = FormData::new()?;
    for (name, text) in fields {
        form.append_with_str(&name, &text)?;
    }
    for (name, file) in files {
        let kind = BlobPropertyBag::new();
        kind.set_type(&file.content_type);
        let parts = Array::of1(&Uint8Array::from(file.bytes.as_slice()));
        let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &kind)?;
        form.append_with_blob_and_filename(name, &blob, &file.file_name)?;
    }
    Ok(form)
}

fn js(e: JsValue) -> Error {
    let message = match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => e.as_string().unwrap_or_else(|| "запрос не выполнен".into()),
    };
    Error::Transport(message)
}
