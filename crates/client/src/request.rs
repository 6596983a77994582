//! What a call sends and what it gets back, independent of how it travels: reqwest natively,
//! the browser's `fetch` in the SPA (`crate::transport`).

use crate::{Error, Result, Upload};
use serde::{de::DeserializeOwned, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Debug)]
pub(crate) struct Request {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

#[derive(Debug)]
pub(crate) enum Body {
    Empty,
    Text {
        content_type: &'static str,
        text: String,
    },
    /// `multipart/form-data`: text fields, then files.
    Form {
        fields: Vec<(String, String)>,
        files: Vec<(&'static str, Upload)>,
    },
}

impl Request {
    pub(crate) fn new(method: Method, url: String) -> Self {
        Self {
            method,
            url,
            headers: Vec::new(),
            body: Body::Empty,
        }
    }

    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub(crate) fn json<B: Serialize + ?Sized>(self, body: &B) -> Result<Self> {
        let text = serde_json::to_string(body).map_err(|e| Error::Encode(e.to_string()))?;
        Ok(self.text("application/json", text))
    }

    pub(crate) fn text(mut self, content_type: &'static str, text: String) -> Self {
        self.body = Body::Text { content_type, text };
        self
    }

    pub(crate) fn form(
        mut self,
        fields: Vec<(String, String)>,
        files: Vec<(&'static str, Upload)>,
    ) -> Self {
        self.body = Body::Form { fields, files };
        self
    }
}

/// A whole answer: the body is read before the caller looks at it.
pub(crate) struct Response {
    pub status: u16,
    pub headers: crate::transport::Headers,
    pub body: Vec<u8>,
}

impl Response {
    pub(crate) fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name)
    }

    pub(crate) fn json<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| Error::Decode(e.to_string()))
    }

    pub(crate) fn text(self) -> Result<String> {
        String::from_utf8(self.body).map_err(|e| Error::Decode(e.to_string()))
    }
}
