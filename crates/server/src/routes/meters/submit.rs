//! `POST accounts/{id}/readings`: the resident's readings of the account's meters, checked
//! as the period close will bill them and stored all or none.

use super::window;
use crate::auth::Caller;
use crate::db::account_meters as am;
use crate::db::{self, periods, readings, DbConn};
use crate::error::ApiError;
use crate::input::Json;
use crate::readings::submission::{plan, Plan, Refused};
use crate::routes::accounts::linked_organization;
use crate::routes::valid;
use crate::routes::with_db;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use domkom_dto::{rules, ErrorCode, Problem, ReadingSource, ReadingsResult, SubmitReadings};
use domkom_values::{AccountId, MeterId, ReadingId};

/// Send the month's readings of the account's meters, all at once: all are stored or
/// none. They count for the window's period (outside the window, the next one); a second
/// reading of the same meter and zone in that period corrects the first. With `preview`
/// nothing is stored and the answer shows each meter's consumption and estimated charge.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(("account_id" = i64, Path)), request_body = SubmitReadings,
    responses((status = 201, body = ReadingsResult), (status = 200, description = "`preview`", body = ReadingsResult),
        (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "`period_closed`", body = Problem),
        (status = 422, description = "`validation_failed`, or `confirm_required` for an unusually large consumption", body = Problem)))]
#[post("/accounts/{account_id}/readings")]
pub async fn submit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<AccountId>,
    body: Json<SubmitReadings>,
) -> Result<HttpResponse, ApiError> {
    let (account, form, today) = (id.into_inner(), body.into_inner(), state.config.today());
    valid(rules::check_submit_readings(&form))?;
    let preview = form.preview;
    let result = with_db(&state.pool, move |c| {
        let org = linked_organization(c, &caller, account)?;
        let window = window(c, org, today)?;
        let check = |c: &mut DbConn| -> Result<Plan, ApiError> {
            periods::ensure_open(c, org, window.period)?;
            Ok(plan(c, org, account, &window, &form.readings)?)
        };
        if preview {
            // Reads only: no write lock for a preview.
            return Ok(check(c)?.result(true, Vec::new()));
        }
        // The checks and the writes in one transaction: what was checked is what is stored.
        db::write_tx(c, |c| {
            let plan = check(c)?;
            let ids = plan
                .rows
                .iter()
                .map(|(r, repeated)| match repeated {
                    Some(id) => Ok(*id),
                    None => {
                        readings::insert(c, org, r, today, ReadingSource::Resident, caller.user_id)
                    }
                })
                .collect::<Result<Vec<ReadingId>, _>>()?;
            let meters: Vec<MeterId> = plan.meters.iter().map(|m| m.meter_id).collect();
            let period = window.period;
            let stored: Vec<_> = am::readings(c, &meters, Some(period), period)?
                .into_values()
                .flat_map(|readings| am::entries(&readings))
                .filter(|r| ids.contains(&r.id))
                .collect();
            Ok(plan.result(false, stored))
        })
    })
    .await?;
    let status = if preview {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(HttpResponse::build(status).json(result))
}

impl From<Refused> for ApiError {
    fn from(refused: Refused) -> Self {
        match refused {
            Refused::Invalid(errors) => ApiError::validation(errors),
            Refused::Unconfirmed(jumps) => {
                let mut e = ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    ErrorCode::ConfirmRequired,
                    "Расход необычно велик. Проверьте показания; если они верны, подтвердите их",
                );
                e.errors = jumps;
                e
            }
            Refused::Database(e) => ApiError::internal(e),
        }
    }
}
