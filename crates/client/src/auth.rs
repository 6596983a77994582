//! `auth/*`: registration, activation, sign-in, tokens, password recovery.

use crate::request::Method;
use crate::{Client, Result};
use domkom_dto::*;

impl Client {
    /// Creates an inactive account and sends the activation e-mail.
    pub async fn register(&self, form: &Register) -> Result<MessageResponse> {
        self.with_body(Method::Post, "auth/register", form).await
    }

    pub async fn activate(&self, token: &str) -> Result<MessageResponse> {
        let body = Activate {
            token: token.to_owned(),
        };
        self.with_body(Method::Post, "auth/activate", &body).await
    }

    /// Asks for the activation letter again, by login or e-mail; the answer is the same
    /// whether the account is known, active or not.
    pub async fn resend_activation(&self, login: &str) -> Result<MessageResponse> {
        let body = ResendActivation {
            login: login.to_owned(),
        };
        self.with_body(Method::Post, "auth/activation/resend", &body)
            .await
    }

    /// Signs in and keeps the access token for the following calls.
    pub async fn login(&self, login: &str, password: &str) -> Result<TokenResponse> {
        let body = Login {
            login: login.to_owned(),
            password: password.to_owned(),
        };
        Ok(self.keep(self.with_body(Method::Post, "auth/login", &body).await?))
    }

    /// Exchanges a refresh token (or, in a browser, the cookie) for new tokens.
    pub async fn refresh(&self, refresh_token: Option<&str>) -> Result<TokenResponse> {
        let body = RefreshRequest {
            refresh_token: refresh_token.map(str::to_owned),
        };
        Ok(self.keep(self.with_body(Method::Post, "auth/refresh", &body).await?))
    }

    /// Takes the answer to a refresh the page sent before the app started (the SPA's boot
    /// script, while the app downloads) instead of sending another: a refresh token works
    /// once.
    #[cfg(target_arch = "wasm32")]
    pub async fn refreshed(&self, answer: js_sys::Promise) -> Result<TokenResponse> {
        Ok(self.keep(self.adopted(answer).await?))
    }

    /// Uses the new access token from here on.
    fn keep(&self, tokens: TokenResponse) -> TokenResponse {
        self.set_access_token(Some(tokens.access_token.clone()));
        tokens
    }

    /// Revokes the refresh token (or the cookie's) and forgets the access token.
    pub async fn logout(&self, refresh_token: Option<&str>) -> Result<()> {
        let body = RefreshRequest {
            refresh_token: refresh_token.map(str::to_owned),
        };
        let result = self
            .send_empty(self.request(Method::Post, "auth/logout").json(&body)?)
            .await;
        self.set_access_token(None);
        result
    }

    /// Asks for a reset link; the answer is the same whether the e-mail is known or not.
    pub async fn forgot_password(&self, email: &str) -> Result<MessageResponse> {
        let body = ForgotPassword {
            email: email.to_owned(),
        };
        self.with_body(Method::Post, "auth/password/forgot", &body)
            .await
    }

    pub async fn reset_password(&self, token: &str, new_password: &str) -> Result<MessageResponse> {
        let body = ResetPassword {
            token: token.to_owned(),
            new_password: new_password.to_owned(),
        };
        self.with_body(Method::Post, "auth/password/reset", &body)
            .await
    }
}
