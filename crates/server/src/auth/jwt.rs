//! Access tokens: HS256 JWTs, algorithm pinned, short-lived.

use super::Caller;
use crate::error::ApiError;
use domkom_dto::Role;
use jsonwebtoken::{errors::ErrorKind, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: String,
    iat: i64,
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

    pub fn issue(&self, user_id: i64, role: Role) -> Result<String, ApiError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.to_string(),
            role: role.as_str().to_owned(),
            iat: now,
            exp: now + self.ttl.as_secs() as i64,
            jti: super::secret::generate(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)
    }

    pub fn verify(&self, token: &str) -> Result<Caller, ApiError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => {
                    ApiError::unauthorized("token_expired", "Срок действия сессии истёк")
                }
                _ => ApiError::unauthorized("unauthorized", "Недействительный токен доступа"),
            })?;
        let invalid = || ApiError::unauthorized("unauthorized", "Недействительный токен доступа");
        Ok(Caller {
            user_id: data.claims.sub.parse().map_err(|_| invalid())?,
            role: Role::parse(&data.claims.role).ok_or_else(invalid)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_its_user_and_role() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", Duration::from_secs(60));
        let caller = keys
            .verify(&keys.issue(42, Role::Operator).unwrap())
            .unwrap();
        assert_eq!((caller.user_id, caller.role), (42, Role::Operator));
    }

    #[test]
    fn foreign_keys_and_other_algorithms_are_refused() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", Duration::from_secs(60));
        let other = JwtKeys::new(b"fedcba9876543210fedcba9876543210", Duration::from_secs(60));
        let err = keys
            .verify(&other.issue(1, Role::Admin).unwrap())
            .unwrap_err();
        assert_eq!(err.code, "unauthorized");
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
            iat: 0,
            exp: 10,
            jti: "x".into(),
        };
        let expired =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).unwrap();
        assert_eq!(keys.verify(&expired).unwrap_err().code, "token_expired");
    }
}
