//! `accounts/{id}/meters` and `accounts/{id}/readings`: a linked account's meters, their
//! history, and the month's readings. 404 for an account not linked to the caller.

pub mod submit;

use super::accounts::linked_organization;
use crate::auth::Caller;
use crate::db::account_meters::{self as am, MeterBook};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::input::Query;
use crate::routes::period_range;
use crate::routes::with_db;
use crate::state::AppState;
use actix_web::{get, web};
use chrono::{Days, NaiveDate};
use domkom_domain::reading::Window;
use domkom_domain::{ru, Period};
use domkom_dto::{
    AccountMeter, AccountMeters, ConsumptionMethod, MeterHistory, MeterZoneState,
    PeriodConsumption, PeriodRange, Problem, ReadingWindow, SubmittedValue, VerificationState,
};
use domkom_values::{AccountId, MeterId, OrganizationId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(history).service(submit::submit);
}

/// How early the resident is warned about the verification.
const VERIFICATION_WARNING_DAYS: u64 = 60;

/// The reading window of the organization on `today`.
fn window(c: &mut DbConn, org: OrganizationId, today: NaiveDate) -> Result<Window, ApiError> {
    let (from, to) = am::window_days(c, org)?;
    let day = |d: i32| u8::try_from(d).unwrap_or(1);
    Window::on(today, day(from), day(to))
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no period contains {today}")))
}

fn window_dto(w: &Window, today: NaiveDate) -> ReadingWindow {
    ReadingWindow {
        day_from: i32::from(w.day_from),
        day_to: i32::from(w.day_to),
        today,
        open: w.open,
        next_period: w.next,
        period: w.period,
        message: w.message(),
    }
}

fn verification(due: NaiveDate, today: NaiveDate) -> (VerificationState, Option<String>) {
    let soon = today
        .checked_add_days(Days::new(VERIFICATION_WARNING_DAYS))
        .unwrap_or(today);
    if due <= today {
        (
            VerificationState::Expired,
            Some(format!(
                "Срок поверки истёк {}: счётчик считается неисправным, начисление идёт по \
                 среднему расходу не более 3 месяцев, затем по нормативу. Поверьте или замените \
                 счётчик и сообщите в управляющую организацию.",
                ru::date(due)
            )),
        )
    } else if due <= soon {
        (
            VerificationState::DueSoon,
            Some(format!(
                "Срок поверки — {}. Поверьте счётчик заранее: после этой даты он считается \
                 неисправным и показания по нему не принимаются.",
                ru::date(due)
            )),
        )
    } else {
        (VerificationState::Valid, None)
    }
}

fn meter_dto(book: &MeterBook, window: &Window, today: NaiveDate) -> AccountMeter {
    let m = &book.meter;
    let (billed_period, billed) = book.billed_before(window.period);
    let base = book.base_for(window.period);
    let newest = book.newest_by_period();
    let submitted = newest.get(&window.period);
    let (state, warning) = verification(m.verification_due, today);
    AccountMeter {
        id: m.id,
        service_id: m.service_id,
        service_name: m.service_name.clone(),
        unit: m.unit.clone(),
        resource: m.resource,
        serial: m.serial.clone(),
        zones: m.zones,
        digits: m.digits,
        verification_due: m.verification_due,
        verification: state,
        verification_warning: warning,
        accepts_readings: m.verification_due > window.period.last_day(),
        billed_period,
        readings: (0..book.zone_count())
            .map(|i| MeterZoneState {
                zone: i32::try_from(i + 1).unwrap_or(1),
                billed: billed[i],
                base: base[i],
                submitted: submitted
                    .and_then(|zones| zones.get(i).copied().flatten())
                    .map(|r| SubmittedValue {
                        reading_id: r.id,
                        value: r.value,
                        rolled_over: r.rolled_over,
                        source: r.source,
                        submitted_at: r.created_at.and_utc(),
                        taken_on: r.taken_on,
                    }),
            })
            .collect(),
    }
}

/// The account's meters («Показания счётчиков»): each with its verification, the last
/// billed readings, what was sent for the window's period, and the window itself.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(("account_id" = i64, Path)),
    responses((status = 200, body = AccountMeters), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/accounts/{account_id}/meters")]
async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<AccountId>,
) -> Result<web::Json<AccountMeters>, ApiError> {
    let (account, today) = (id.into_inner(), state.config.today());
    let meters = with_db(&state.pool, move |c| {
        let org = linked_organization(c, &caller, account)?;
        let window = window(c, org, today)?;
        let books = am::books(c, account, window.period)?;
        Ok(AccountMeters {
            window: window_dto(&window, today),
            meters: books.iter().map(|b| meter_dto(b, &window, today)).collect(),
        })
    })
    .await?;
    Ok(web::Json(meters))
}

/// A meter's readings (every one sent, corrections included) and its consumption per
/// closed period, for a chart. `from`/`to` are periods; by default the last 12 months up
/// to the window's period.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(("account_id" = i64, Path), PeriodRange, ("meter_id" = i64, Path)),
    responses((status = 200, body = MeterHistory), (status = 401, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[get("/accounts/{account_id}/meters/{meter_id}/readings")]
async fn history(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(AccountId, MeterId)>,
    range: Query<PeriodRange>,
) -> Result<web::Json<MeterHistory>, ApiError> {
    let ((account, meter), (from, to)) = (path.into_inner(), period_range(&range)?);
    let today = state.config.today();
    let history = with_db(&state.pool, move |c| {
        let org = linked_organization(c, &caller, account)?;
        let row = am::meters(c, account)?
            .into_iter()
            .find(|m| m.id == meter)
            .ok_or_else(ApiError::not_found)?;
        let to = match to {
            Some(to) => to,
            None => window(c, org, today)?.period,
        };
        let from = from.unwrap_or_else(|| year_before(to));
        let readings = am::readings(c, &[meter], Some(from), to)?
            .remove(&meter)
            .unwrap_or_default();
        let volumes = am::volumes(c, &[meter], Some(from), to)?
            .remove(&meter)
            .unwrap_or_default();
        Ok(MeterHistory {
            meter_id: meter,
            unit: row.unit,
            readings: am::entries(&readings),
            consumption: volumes
                .into_iter()
                .map(|v| PeriodConsumption {
                    period: v.period,
                    method: method_dto(v.method),
                    total: v.volumes.iter().copied().sum(),
                    volumes: v.volumes,
                })
                .collect(),
            from,
            to,
        })
    })
    .await?;
    Ok(web::Json(history))
}

fn method_dto(m: domkom_domain::billing::input::VolumeMethod) -> ConsumptionMethod {
    use domkom_domain::billing::input::VolumeMethod as V;
    match m {
        V::Meter => ConsumptionMethod::Meter,
        V::Average => ConsumptionMethod::Average,
        V::Norm => ConsumptionMethod::Norm,
    }
}

/// The 12 months ending with `to` start 11 months before it.
fn year_before(to: Period) -> Period {
    (0..11).try_fold(to, |p, _| p.prev()).unwrap_or(to)
}
