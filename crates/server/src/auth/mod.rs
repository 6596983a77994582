//! Authentication: password hashing, access tokens (JWT), opaque secrets, and the extractor
//! that turns `Authorization: Bearer` into the caller.

pub mod jwt;
pub mod password;
pub mod revoked;
pub mod secret;
pub mod session;

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use domkom_dto::ErrorCode;
use domkom_dto::Role;
use domkom_values::{OrganizationId, UserId};
use std::future::{ready, Ready};

/// The caller, proven by a valid access token.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    pub user_id: UserId,
    pub role: Role,
    /// The organization an operator works for.
    pub organization_id: Option<OrganizationId>,
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(caller(req))
    }
}

fn caller(req: &HttpRequest) -> Result<Caller, ApiError> {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            ApiError::unauthorized(ErrorCode::Unauthorized, "Требуется вход в систему")
        })?;
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state is missing")))?;
    let (caller, issued_ms) = state.jwt.verify(token.trim())?;
    if state
        .revoked
        .is_revoked(&state.pool, caller.user_id, issued_ms)
    {
        return Err(ApiError::unauthorized(
            ErrorCode::SessionEnded,
            "Сессия завершена. Войдите снова",
        ));
    }
    Ok(caller)
}

/// Staff of one organization: every operator query is filtered by `organization_id`.
#[derive(Debug, Clone, Copy)]
pub struct Operator {
    pub user_id: UserId,
    pub organization_id: OrganizationId,
}

impl FromRequest for Operator {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(caller(req).and_then(|c| match (c.role, c.organization_id) {
            (Role::Operator, Some(organization_id)) => Ok(Operator {
                user_id: c.user_id,
                organization_id,
            }),
            _ => Err(ApiError::forbidden(
                ErrorCode::Forbidden,
                "Раздел доступен только сотрудникам управляющей организации",
            )),
        }))
    }
}

/// A platform administrator.
#[derive(Debug, Clone, Copy)]
pub struct Admin {
    pub user_id: UserId,
}

impl FromRequest for Admin {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(caller(req).and_then(|c| match c.role {
            Role::Admin => Ok(Admin { user_id: c.user_id }),
            _ => Err(ApiError::forbidden(
                ErrorCode::Forbidden,
                "Раздел доступен только администраторам платформы",
            )),
        }))
    }
}

/// A resident: reaches only the accounts linked to them.
#[derive(Debug, Clone, Copy)]
pub struct Resident {
    pub user_id: UserId,
}

impl FromRequest for Resident {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(caller(req).and_then(|c| match c.role {
            Role::Resident => Ok(Resident { user_id: c.user_id }),
            _ => Err(ApiError::forbidden(
                ErrorCode::Forbidden,
                "Раздел доступен только жителям",
            )),
        }))
    }
}
