//! Typed client of the Domkom REST API.
//!
//! Works natively (tests, third-party programs) and in the browser (the SPA). It keeps the
//! access token in memory and sends it as `Authorization: Bearer`; in a browser the refresh
//! token travels in the server's httpOnly cookie, so `refresh(None)` is enough there.

mod accounts;
mod appeals;
mod auth;
mod charges;
mod company;
mod error;
mod me;
mod meters;
mod online_payments;
mod operator;
mod paid_services;
mod periods;
mod receipts;
mod request;
mod statement;
#[cfg_attr(not(target_arch = "wasm32"), path = "transport/native.rs")]
#[cfg_attr(target_arch = "wasm32", path = "transport/web.rs")]
mod transport;

pub use appeals::Upload;
pub use operator::NoFilter;
pub use receipts::Document;

pub use domkom_dto as dto;
pub use error::{Error, Result};

use request::{Method, Request};
use serde::{de::DeserializeOwned, Serialize};
use std::sync::{Arc, RwLock};

/// A handle on one Domkom server; cheap to clone, clones share the access token.
#[derive(Clone, Debug)]
pub struct Client {
    base: String,
    http: transport::Transport,
    access_token: Arc<RwLock<Option<String>>>,
}

impl Client {
    /// `base_url` is the server's origin, e.g. `http://127.0.0.1:8080`.
    pub fn new(base_url: &str) -> Self {
        Self {
            base: base_url.trim_end_matches('/').to_owned(),
            http: transport::Transport::new(),
            access_token: Arc::default(),
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub fn access_token(&self) -> Option<String> {
        self.access_token
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set_access_token(&self, token: Option<String>) {
        *self.access_token.write().unwrap_or_else(|e| e.into_inner()) = token;
    }

    fn request(&self, method: Method, path: &str) -> Request {
        let url = format!("{}/api/v1/{}", self.base, path.trim_start_matches('/'));
        let request = Request::new(method, url);
        match self.access_token() {
            Some(token) => request.header("Authorization", format!("Bearer {token}")),
            None => request,
        }
    }

    /// Sends the request; an answer other than 2xx becomes `Error::Api`.
    async fn call(&self, request: Request) -> Result<request::Response> {
        error::check(self.http.send(request).await?)
    }

    async fn send<T: DeserializeOwned>(&self, request: Request) -> Result<T> {
        self.call(request).await?.json()
    }

    /// The answer to a request the page sent before the app started (the SPA's boot script,
    /// while the app downloads), read as the call's own would be.
    #[cfg(target_arch = "wasm32")]
    pub async fn adopted<T: DeserializeOwned>(&self, answer: js_sys::Promise) -> Result<T> {
        error::check(transport::receive(answer).await?)?.json()
    }

    async fn send_empty(&self, request: Request) -> Result<()> {
        self.call(request).await.map(drop)
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.send(self.request(Method::Get, path)).await
    }

    async fn with_body<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T> {
        self.send(self.request(method, path).json(body)?).await
    }

    /// `GET /health/ready`: whether the server and its database answer.
    pub async fn ready(&self) -> Result<()> {
        let url = format!("{}/health/ready", self.base);
        self.call(Request::new(Method::Get, url)).await.map(drop)
    }

    /// `GET site`: the portal's operator and support contacts, for a footer.
    pub async fn site(&self) -> Result<dto::SiteInfo> {
        self.get("site").await
    }
}
