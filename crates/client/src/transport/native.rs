//! Calls over reqwest: tests, tools and third-party programs.

use crate::request::{Body, Request, Response};
use crate::{Error, Result};
use reqwest::multipart::{Form, Part};

#[derive(Debug, Clone)]
pub(crate) struct Transport(reqwest::Client);

pub(crate) struct Headers(reqwest::header::HeaderMap);

impl Headers {
    pub(crate) fn get(&self, name: &str) -> Option<String> {
        let value = self.0.get(name)?.to_str().ok()?;
        Some(value.to_owned())
    }
}

impl Transport {
    pub(crate) fn new() -> Self {
        // A server drops a connection left idle past its keep-alive (actix-web: 5 s); one
        // reused at that very moment fails the request. Idle ones go sooner on this side.
        let client = reqwest::Client::builder()
            .pool_idle_timeout(std::time::Duration::from_secs(4))
            .build();
        Self(client.unwrap_or_default())
    }

    pub(crate) async fn send(&self, request: Request) -> Result<Response> {
        let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes())
            .map_err(|e| Error::Transport(e.to_string()))?;
        let mut builder = self.0.request(method, request.url);
        for (name, value) in request.headers {
            builder = builder.header(name, value);
        }
        builder = match request.body {
            Body::Empty => builder,
            Body::Text { content_type, text } => builder
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(text),
            Body::Form { fields, files } => builder.multipart(form(fields, files)?),
        };
        let response = builder.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let headers = Headers(response.headers().clone());
        let body = response.bytes().await.map_err(transport)?.to_vec();
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

fn form(fields: Vec<(String, String)>, files: Vec<(&'static str, crate::Upload)>) -> Result<Form> {
    let mut form = Form::new();
    for (name, text) in fields {
        form = form.text(name, text);
    }
    for (name, file) in files {
        let part = Part::bytes(file.bytes)
            .file_name(file.file_name)
            .mime_str(&file.content_type)
            .map_err(transport)?;
        form = form.part(name, part);
    }
    Ok(form)
}

fn transport(e: reqwest::Error) -> Error {
    Error::Transport(e.to_string())
}
