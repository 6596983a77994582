//! Starting a payment: checked and recorded in one transaction before the provider is
//! asked, with what the payer and the fiscal receipt are told. A payment is for the
//! account's charges (up to the debt and an advance) or for a done request for a paid
//! service (its agreed price, exactly).

use super::Settings;
use crate::auth::Caller;
use crate::correspondence::Party;
use crate::db::{online_payments as op, paid_services, users, write_tx, DbConn, DbError};
use crate::error::ApiError;
use crate::paid_services::reach;
use crate::routes::accounts::linked_organization;
use domkom_dto::{ErrorCode, FieldError, RequestStatus, StartPayment};
use domkom_values::{ru, AccountId, Money, OrganizationId, Period, ServiceRequestId};

/// A payment asked for.
pub struct Start<'a> {
    pub caller: Caller,
    pub account: AccountId,
    pub form: &'a StartPayment,
    /// The `Idempotency-Key`.
    pub key: Option<&'a str>,
    pub today: chrono::NaiveDate,
    pub settings: Settings,
    pub provider: &'a str,
}

/// The payment this key started before, or a new one to create at the provider.
pub enum Begun {
    Again(op::Row),
    New(op::Row, Bill),
}

/// What the payer and the fiscal receipt are told.
pub struct Bill {
    pub description: String,
    pub email: String,
    pub items: Vec<(String, Money)>,
}

/// Checks and records a new payment (or finds the one the key started) in one
/// transaction.
pub fn begin(c: &mut DbConn, s: &Start) -> Result<Begun, ApiError> {
    let org = linked_organization(c, &s.caller, s.account)?;
    let begun = write_tx(c, |c| {
        if let Some(row) = again(c, s)? {
            return if same(&row, s) {
                Ok(Begun::Again(row))
            } else {
                Err(ApiError::conflict(
                    ErrorCode::IdempotencyKeyReused,
                    "Idempotency-Key",
                    "Этим ключом уже начат другой платёж",
                ))
            };
        }
        let (description, items) = match s.form.service_request_id {
            Some(request) => for_request(c, s, request)?,
            None => for_charges(c, s, org)?,
        };
        let expires_at = crate::db::now()
            + chrono::Duration::from_std(s.settings.ttl).map_err(ApiError::internal)?;
        let id = op::insert(
            c,
            &op::New {
                organization_id: org,
                account_id: s.account,
                user_id: s.caller.user_id,
                amount: s.form.amount,
                for_period: s.form.for_period.as_deref(),
                provider: s.provider,
                idempotency_key: s.key,
                expires_at,
            },
        )?;
        if let Some(request) = s.form.service_request_id {
            paid_services::link_payment(c, id, request)?;
        }
        let email = users::find(c, s.caller.user_id)?
            .ok_or_else(ApiError::not_found)?
            .email;
        let row = op::get(c, id)?.ok_or_else(ApiError::not_found)?;
        let bill = Bill {
            description,
            email,
            items,
        };
        Ok(Begun::New(row, bill))
    });
    // The same key at the same moment: the other request's insert won.
    match begun {
        Err(e) => match again(c, s)? {
            Some(row) if same(&row, s) => Ok(Begun::Again(row)),
            _ => Err(e),
        },
        begun => begun,
    }
}

/// The payment the caller started with this key, if any.
fn again(c: &mut DbConn, s: &Start) -> Result<Option<op::Row>, ApiError> {
    Ok(s.key
        .map(|k| op::by_idempotency_key(c, s.caller.user_id, k))
        .transpose()?
        .flatten())
}

fn same(row: &op::Row, s: &Start) -> bool {
    row.account_id == s.account
        && row.amount == s.form.amount
        && row.for_period.as_deref() == s.form.for_period.as_deref()
}

/// A payment of the account's charges: at most the debt and an advance.
fn for_charges(
    c: &mut DbConn,
    s: &Start,
    org: OrganizationId,
) -> Result<(String, Vec<(String, Money)>), ApiError> {
    let card = crate::views::card::card(c, s.caller.user_id, s.account, s.today)?
        .ok_or_else(ApiError::not_found)?;
    let due = card
        .money
        .as_ref()
        .and_then(|m| m.balance.checked_sub(m.paid_since))
        .unwrap_or(Money::ZERO);
    let limit = s.settings.limit(due);
    if s.form.amount > limit {
        return Err(amount_error(format!(
            "Не более {} за один платёж",
            ru::money(limit)
        )));
    }
    let period = s
        .form
        .for_period
        .as_deref()
        .and_then(|p| p.parse::<Period>().ok());
    let description = match period {
        Some(p) => format!("Оплата ЖКУ, л/с {}, {}", card.number, ru::period(p)),
        None => format!("Оплата ЖКУ, л/с {}", card.number),
    };
    let last = card.money.as_ref().map(|m| m.period);
    let items = receipt_items(c, org, s.account, last, s.form.amount, &description)?;
    Ok((description, items))
}

/// A payment of a done request of the caller's, for its agreed price.
fn for_request(
    c: &mut DbConn,
    s: &Start,
    id: ServiceRequestId,
) -> Result<(String, Vec<(String, Money)>), ApiError> {
    let row = reach(c, Party::Resident(s.caller.user_id), id)
        .ok()
        .filter(|row| row.account_id == s.account)
        .ok_or_else(|| ApiError::from(DbError::NotOwned("service_request_id".into())))?;
    let price = row.price.filter(|p| p.is_positive());
    let Some(price) =
        price.filter(|_| row.status() == RequestStatus::Done && row.paid_by.is_none())
    else {
        return Err(ApiError::status_not_allowed(
            "Оплатить можно выполненную заявку с ценой, ещё не оплаченную",
        ));
    };
    if s.form.amount != price {
        return Err(amount_error(format!("Сумма заявки — {}", ru::money(price))));
    }
    let request = paid_services::get(c, id)?.ok_or_else(ApiError::not_found)?;
    let description = format!(
        "Оплата услуги «{}», заявка № {id}, л/с {}",
        request.service_name, request.account_number
    );
    Ok((description, vec![(request.service_name, price)]))
}

fn amount_error(message: String) -> ApiError {
    ApiError::validation(vec![FieldError::new("amount", "range", message)])
}

/// The fiscal receipt's items: the amount split over the services of the last closed
/// period in proportion to what each was charged (exact to the kopeck), or one item when
/// nothing was charged yet.
fn receipt_items(
    c: &mut DbConn,
    org: OrganizationId,
    account: AccountId,
    last: Option<Period>,
    amount: Money,
    description: &str,
) -> Result<Vec<(String, Money)>, ApiError> {
    use domkom_domain::split::{split_by_weight, Weight};
    let charges = match last {
        Some(p) => crate::views::account_charges::of_period(c, org, account, p)?,
        None => None,
    };
    let mut services: Vec<(String, i64)> = Vec::new();
    for line in charges.iter().flat_map(|p| &p.lines) {
        match services.iter_mut().find(|(name, _)| *name == line.service) {
            Some((_, k)) => *k = k.saturating_add(line.adjusted.kopecks()),
            None => services.push((line.service.clone(), line.adjusted.kopecks())),
        }
    }
    services.retain(|(_, k)| *k > 0);
    let parts: Vec<Weight> = (0..)
        .zip(&services)
        .map(|(key, (_, weight))| Weight {
            key,
            weight: *weight,
        })
        .collect();
    let total = parts
        .iter()
        .try_fold(0_i64, |sum, p| sum.checked_add(p.weight));
    let shares = total.and_then(|t| split_by_weight(amount.kopecks(), &parts, t).ok());
    Ok(match shares {
        Some(shares) if !shares.is_empty() => services
            .into_iter()
            .zip(shares)
            .filter(|(_, k)| *k > 0)
            .map(|((name, _), k)| (name, Money::from_kopecks(k)))
            .collect(),
        _ => vec![(description.to_owned(), amount)],
    })
}
