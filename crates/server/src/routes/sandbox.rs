//! The sandbox acquirer's payment page, served when it takes the portal's payments: what
//! a provider's page would be, outside the API (`/sandbox/payments/{id}`).

use crate::mail::escape;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use domkom_values::ru;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/sandbox/payments/{id}")
            .route(web::get().to(page))
            .route(web::post().to(decide)),
    );
}

#[derive(serde::Deserialize)]
struct Decision {
    decision: String,
}

async fn page(state: web::Data<AppState>, id: web::Path<String>) -> HttpResponse {
    let Some(sandbox) = state.sandbox.clone() else {
        return not_found();
    };
    let row = match sandbox.page(id.into_inner()).await {
        Ok(Some(row)) => row,
        Ok(None) => return not_found(),
        Err(e) => return unavailable(&e.to_string()),
    };
    let decided = match row.status.as_str() {
        "pending" => String::new(),
        "succeeded" => "<p class=\"done\">Платёж уже оплачен.</p>".into(),
        _ => "<p class=\"done\">От платежа уже отказались.</p>".into(),
    };
    let buttons = if decided.is_empty() {
        "<form method=\"post\"><button name=\"decision\" value=\"pay\" id=\"sandbox-pay\">Оплатить</button> \
         <button name=\"decision\" value=\"refuse\" id=\"sandbox-refuse\" class=\"quiet\">Отказаться</button></form>"
    } else {
        ""
    };
    let html = format!(
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Тестовая оплата</title><style>\
         body{{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}\
         .sum{{font-size:2rem;font-weight:700}} button{{font-size:1rem;padding:.7rem 1.4rem;border-radius:6px;\
         border:0;background:#1f5fa8;color:#fff;cursor:pointer}} button.quiet{{background:#e4e8ee;color:#222}}\
         .note{{color:#666;font-size:90%}}</style></head><body>\
         <p class=\"note\">Тестовый платёжный шлюз Домкома: деньги не списываются.</p>\
         <h1>Оплата</h1><p id=\"sandbox-description\">{}</p><p class=\"sum\" id=\"sandbox-amount\">{}</p>{decided}{buttons}\
         </body></html>",
        escape(&row.description),
        ru::money(row.amount),
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html)
}

/// Records the decision, notifies Domkom, and sends the payer back.
async fn decide(
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<Decision>,
) -> HttpResponse {
    let Some(sandbox) = state.sandbox.clone() else {
        return not_found();
    };
    let pay = match form.decision.as_str() {
        "pay" => true,
        "refuse" => false,
        _ => return HttpResponse::BadRequest().body("decision: pay or refuse"),
    };
    match sandbox.decide(id.into_inner(), pay).await {
        Ok(Some(back)) => HttpResponse::SeeOther()
            .insert_header((header::LOCATION, back))
            .finish(),
        Ok(None) => not_found(),
        Err(e) => unavailable(&e.to_string()),
    }
}

fn not_found() -> HttpResponse {
    HttpResponse::NotFound().body("Нет такого платежа")
}

fn unavailable(e: &str) -> HttpResponse {
    tracing::error!(error = e, "sandbox page");
    HttpResponse::ServiceUnavailable().body("Шлюз недоступен")
}
