//! Registration, activation, sign-in and tokens.

use crate::User;
use serde::{Deserialize, Serialize};

/// The registration form: every field is required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Register {
    /// 3–32 characters: Latin letters, digits, `.`, `_`, `-`.
    pub login: String,
    pub email: String,
    /// Фамилия, имя, отчество.
    pub full_name: String,
    /// 10–15 digits, `+`, spaces, brackets and dashes allowed.
    pub phone: String,
    /// At least 8 characters with a letter and a digit.
    pub password: String,
}

/// The token from the activation e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activate {
    pub token: String,
}

/// Ask for the activation letter again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResendActivation {
    /// The login or the e-mail given at registration.
    pub login: String,
}

/// Sign in by login or e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Login {
    /// The login or the e-mail.
    pub login: String,
    pub password: String,
}

/// Exchange or revoke a refresh token. Browsers leave the body empty: the token travels
/// in the httpOnly cookie `domkom_refresh`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// Tokens after sign-in or refresh, named as in OAuth 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Opaque, single use: each refresh returns a new one.
    pub refresh_token: String,
    /// Who signed in, as `GET me` answers: a client knows it without asking again.
    pub user: User,
}

/// Ask for a password-reset link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ForgotPassword {
    pub email: String,
}

/// Set a new password with the token from the reset e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetPassword {
    pub token: String,
    pub new_password: String,
}
