//! `operator/readings`: the readings of the organization's meters, one entered by the
//! operator, and the period's export for spreadsheets.

use super::crud::{self, State};
use crate::auth::Operator;
use crate::db::{self, account_meters, periods, readings};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::readings::rules as reading_rules;
use crate::routes::with_db;
use crate::routes::{passed_period, valid};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use domkom_domain::reading::{self, TakenOnError};
use domkom_dto::{
    rules, FieldError, Page, PageQuery, PeriodQuery, Problem, Reading, ReadingData, ReadingFilter,
    ReadingSource,
};
use domkom_values::Quantity;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(export).service(list).service(create);
}

/// The organization's readings, newest first.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery, ReadingFilter),
    responses((status = 200, body = Page<Reading>), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/operator/readings")]
async fn list(
    state: State,
    op: Operator,
    page: Query<PageQuery>,
    f: Query<ReadingFilter>,
) -> Result<web::Json<Page<Reading>>, ApiError> {
    let (limit, offset, f) = (page.limit(), page.offset(), f.into_inner());
    valid(
        f.period
            .iter()
            .flat_map(|p| rules::check_period("period", p))
            .collect(),
    )?;
    crud::page(&state, move |c| {
        readings::list(c, op.organization_id, &f, limit, offset)
    })
    .await
}

/// Enter a reading (source `operator`) in an open period.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = ReadingData,
    responses((status = 201, body = Reading), (status = 200, description = "The same as the reading that counts: nothing stored", body = Reading),
        (status = 409, description = "`period_closed`", body = Problem),
        (status = 422, body = Problem)))]
#[post("/operator/readings")]
async fn create(
    state: State,
    op: Operator,
    body: Json<ReadingData>,
) -> Result<HttpResponse, ApiError> {
    let (org, data, today) = (op.organization_id, body.into_inner(), state.config.today());
    valid(rules::check_reading(&data))?;
    let taken_on = taken_on(&data, today)?;
    let (reading, repeated) = with_db(&state.pool, move |c| {
        db::write_tx(c, |c| {
            let period = passed_period(&data.period)?;
            let book = account_meters::book(c, org, data.meter_id, period)?
                .ok_or_else(|| db::DbError::NotOwned("meter_id".into()))?;
            periods::ensure_open(c, org, period)?;
            // The staff's reading is the staff's confirmation of a jump; the rest holds.
            let value = (&data).into();
            if let Err((field, code, message)) = reading_rules::check(&book, period, value) {
                valid(vec![FieldError::new(field, code, message)])?;
            }
            let repeated = reading_rules::repeated(&book, period, value);
            let id = match repeated {
                Some(id) => id,
                None => {
                    let source = ReadingSource::Operator;
                    readings::insert(c, org, &data, taken_on, source, op.user_id)?
                }
            };
            let reading = readings::get(c, org, id)?.ok_or_else(ApiError::not_found)?;
            Ok((reading, repeated.is_some()))
        })
    })
    .await?;
    // The same reading again changes nothing: 200 with the one that counts.
    let status = if repeated {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(HttpResponse::build(status).json(reading))
}

/// The day the reading was taken, or a 422 naming `taken_on`.
pub fn taken_on(
    data: &ReadingData,
    today: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, ApiError> {
    let period = data
        .period
        .parse()
        .map_err(|_| ApiError::internal(anyhow::anyhow!("checked period")))?;
    reading::taken_on(period, data.taken_on, today).map_err(|e| {
        ApiError::validation(vec![FieldError::new(
            "taken_on",
            "range",
            taken_on_refusal(e),
        )])
    })
}

/// Why a reading's day was refused, for a person.
pub fn taken_on_refusal(e: TakenOnError) -> &'static str {
    match e {
        TakenOnError::Future => "Дата показания не может быть позже сегодняшней",
        TakenOnError::FarFromPeriod => {
            "Показание снимают в расчётном периоде, в месяце до него или в месяце после"
        }
    }
}

/// The period's readings for a spreadsheet: the newest of each meter and zone, CSV in
/// UTF-8 with a BOM, `;`-separated, decimal commas (what Russian Excel opens as is).
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PeriodQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 422, body = Problem)))]
#[get("/operator/readings/export")]
async fn export(
    state: State,
    op: Operator,
    q: Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    let period = q.into_inner().period;
    valid(rules::check_period("period", &period).into_iter().collect())?;
    let lines = with_db(&state.pool, move |c| {
        Ok(readings::export(c, op.organization_id, &period)?)
    })
    .await?;
    let mut csv = String::from(
        "\u{feff}Лицевой счёт;Адрес;Помещение;Счётчик;Зона;Показание;Источник;Дата\r\n",
    );
    for l in lines {
        let row = [
            cell(&l.account_number),
            cell(&l.address),
            cell(&l.premise_number),
            cell(&l.serial),
            l.zone.to_string(),
            volume_cell(l.value),
            l.source,
            domkom_domain::ru::date(l.taken_on),
        ];
        csv.push_str(&row.join(";"));
        csv.push_str("\r\n");
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .body(csv))
}

/// A reading as the export writes it: a decimal comma, thousandths always, no grouping.
fn volume_cell(value: Quantity) -> String {
    let thousandths = value.thousandths();
    format!("{},{:03}", thousandths / 1000, thousandths % 1000)
}

/// A CSV cell, quoted when it holds the separator, a quote or a line break.
fn cell(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
