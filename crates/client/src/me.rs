//! `me`: the signed-in user's profile.

use crate::request::Method;
use crate::{Client, Result};
use domkom_dto::*;

impl Client {
    pub async fn me(&self) -> Result<User> {
        self.get("me").await
    }

    pub async fn update_me(&self, changes: &UpdateProfile) -> Result<User> {
        self.with_body(Method::Patch, "me", changes).await
    }

    /// Deletes the profile and its personal data; the password confirms it.
    pub async fn delete_me(&self, password: &str) -> Result<()> {
        let body = DeleteProfile {
            password: password.to_owned(),
        };
        let result = self
            .send_empty(self.request(Method::Delete, "me").json(&body)?)
            .await;
        if result.is_ok() {
            self.set_access_token(None);
        }
        result
    }

    pub async fn change_password(&self, current: &str, new: &str) -> Result<MessageResponse> {
        let body = ChangePassword {
            current_password: current.to_owned(),
            new_password: new.to_owned(),
        };
        self.with_body(Method::Put, "me/password", &body).await
    }

    /// Asks to move the profile to `new_email`; the password confirms it. The address
    /// changes once the link sent there is followed (`confirm_email`).
    pub async fn change_email(&self, new_email: &str, password: &str) -> Result<MessageResponse> {
        let body = ChangeEmail {
            new_email: new_email.to_owned(),
            password: password.to_owned(),
        };
        self.with_body(Method::Post, "me/email", &body).await
    }

    /// Confirms the new e-mail with the token from the letter sent to it.
    pub async fn confirm_email(&self, token: &str) -> Result<User> {
        let body = ConfirmEmail {
            token: token.to_owned(),
        };
        self.with_body(Method::Post, "me/email/confirm", &body)
            .await
    }

    /// Receipts by e-mail, per linked account.
    pub async fn subscriptions(&self) -> Result<Subscriptions> {
        self.get("me/subscriptions").await
    }

    pub async fn update_subscriptions(
        &self,
        change: &UpdateSubscriptions,
    ) -> Result<Subscriptions> {
        self.with_body(Method::Put, "me/subscriptions", change)
            .await
    }

    /// The one-click unsubscribe of a receipt letter: no session needed.
    pub async fn unsubscribe(&self, token: &str) -> Result<Unsubscribed> {
        let path = format!(
            "subscriptions/unsubscribe?token={}",
            crate::operator::encode(token)
        );
        self.send(self.request(Method::Post, &path)).await
    }
}
