//! A closed period never changes: what would be booked in it is refused.

use super::schema::periods as p;
use super::DbConn;
use crate::error::ApiError;
use actix_web::http::StatusCode;
use diesel::prelude::*;

/// 409 `period_closed` when the organization closed `period`.
pub fn ensure_open(conn: &mut DbConn, org: i64, period: &str) -> Result<(), ApiError> {
    let closed: i64 = p::table
        .filter(p::organization_id.eq(org))
        .filter(p::period.eq(period))
        .filter(p::status.eq("closed"))
        .count()
        .get_result(conn)?;
    if closed == 0 {
        Ok(())
    } else {
        Err(ApiError::field(
            StatusCode::CONFLICT,
            "period_closed",
            "period",
            "Период закрыт: изменения в нём невозможны",
        ))
    }
}
