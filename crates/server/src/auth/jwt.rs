//! Access tokens: HS256 JWTs, algorithm pinned, short-lived.

use super::Caller;
use crate::error::ApiError;
use domkom_dto::ErrorCode;
use domkom_dto::Role;
use domkom_values::OrganizationId;
use jsonwebtoken::{errors::ErrorKind, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org: Option<OrganizationId>,
    iat: i64,
    /// `iat` to the millisecond: what a revocation of the user's sessions is compared with.
    #[serde(default)]
    iat_ms: i64,
    exp: i64,
    jti: String,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub ttl: Duration,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl: Duration) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub", "iat"]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl,
        }
    }

    pub fn issue(&self, caller: Caller) -> Result<String, ApiError> {
        let issued = chrono::Utc::now();
        let now = issued.timestamp();
        let claims = Claims {
            sub: caller.user_id.to_string(),
            role: caller.role.as_str().to_owned(),
            org: caller.organization_id,
            iat: now,
            iat_ms: issued.timestamp_millis(),
            exp: now + self.ttl.as_secs() as i64,
            jti: super::secret::generate(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)
    }

    /// The caller a valid token names, and when it was issued (milliseconds).
    pub fn verify(&self, token: &str) -> Result<(Caller, i64), ApiError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => {
                    ApiError::unauthorized(ErrorCode::TokenExpired, "Срок действия сессии истёк")
                }
                _ => ApiError::unauthorized(
                    ErrorCode::Unauthorized,
                    "Недействительный токен доступа",
                ),
            })?;
        let invalid =
            || ApiError::unauthorized(ErrorCode::Unauthorized, "Недействительный токен доступа");
        let caller = Caller {
            user_id: data.claims.sub.parse().map_err(|_| invalid())?,
            role: Role::parse(&data.claims.role).ok_or_else(invalid)?,
            organization_id: data.claims.org,
        };
        Ok((caller, data.claims.iat_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domkom_values::UserId;

    #[test]
    fn a_token_names_its_user_and_role() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", Duration::from_secs(60));
        let operator = Caller {
            user_id: UserId(42),
            role: Role::Operator,
            organization_id: Some(OrganizationId(7)),
        };
        let before = chrono::Utc::now().timestamp_millis();
        let (caller, issued_ms) = keys.verify(&keys.issue(operator).unwrap()).unwrap();
        assert_eq!(
            (caller.user_id, caller.role, caller.organization_id),
            (UserId(42), Role::Operator, Some(OrganizationId(7)))
        );
        assert!(issued_ms >= before && issued_ms <= chrono::Utc::now().timestamp_millis());
    }

    #[test]
    fn foreign_keys_and_other_algorithms_are_refused() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", Duration::from_secs(60));
        let other = JwtKeys::new(b"fedcba9876543210fedcba9876543210", Duration::from_secs(60));
        let err = keys
            .verify(
                &other
                    .issue(Caller {
                        user_id: UserId(1),
                        role: Role::Admin,
                        organization_id: None,
                    })
                    .unwrap(),
            )
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Unauthorized);
        // An unsigned token ("alg": "none") must never pass.
        let none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIiwiaWF0IjoxLCJleHAiOjk5OTk5OTk5OTksImp0aSI6IngifQ.";
        assert!(keys.verify(none).is_err());
    }

    #[test]
    fn an_expired_token_says_so() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", Duration::from_secs(60));
        let claims = Claims {
            sub: "1".into(),
            role: "resident".into(),
            org: None,
            iat: 0,
            iat_ms: 0,
            exp: 10,
            jti: "x".into(),
        };
        let expired =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).unwrap();
        assert_eq!(
            keys.verify(&expired).unwrap_err().code,
            ErrorCode::TokenExpired
        );
    }
}
