//! `admin/operators`: staff accounts of an organization.

use crate::auth::{password, Admin};
use crate::db::{self, organizations, users};
use crate::error::ApiError;
use crate::input::Json;
use crate::routes::valid;
use crate::routes::with_db;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use domkom_dto::{rules, NewOperator, Problem, Register, Role, User};
use utoipa_actix_web::service_config::ServiceConfig;

/// Create an active operator of an organization; they sign in at once.
#[utoipa::path(tag = "admin", security(("bearer" = [])), request_body = NewOperator,
    responses((status = 201, body = User), (status = 404, description = "No such organization", body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/admin/operators")]
async fn create(
    state: web::Data<AppState>,
    _: Admin,
    body: Json<NewOperator>,
) -> Result<HttpResponse, ApiError> {
    let NewOperator {
        organization_id,
        login,
        email,
        full_name,
        phone,
        password: pw,
    } = body.into_inner();
    let form = Register {
        login,
        email,
        full_name,
        phone,
        password: pw,
    };
    valid(rules::check_register(&form))?;
    let hash = password::hash_off_thread(form.password.clone()).await?;
    let user = with_db(&state.pool, move |c| {
        db::write_tx(c, |c| {
            organizations::get(c, organization_id)?.ok_or_else(ApiError::not_found)?;
            let id = users::create(c, &form, &hash, Role::Operator, Some(organization_id))?;
            users::find(c, id)?.ok_or_else(ApiError::not_found)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(crate::views::profile::to_dto(user)?))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create);
}
