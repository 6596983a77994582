//! Paid services («Заявки на платные услуги»): the organization's catalogue, and the
//! residents' requests that the company accepts, does or rejects (see
//! docs/paid-services.md).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use domkom_values::ServiceRequestId;
use domkom_values::{AccountId, HouseId, Money, OnlinePaymentId, PaidServiceId};
use serde::{Deserialize, Serialize};

/// A service of the catalogue, as the company writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaidServiceData {
    /// 1 to 200 characters, unique in the organization.
    pub name: String,
    /// Up to 2000 characters.
    #[serde(default)]
    pub description: String,
    /// Kopecks per unit, 0 to 1 000 000 ₽; none: «по договорённости».
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    #[serde(default)]
    pub price: Option<Money>,
    /// «услуга», «час», «шт.»: 1 to 20 characters.
    pub unit: String,
    /// Shown to residents; an inactive service keeps its requests.
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// A service of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaidService {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: PaidServiceId,
    #[serde(flatten)]
    pub data: PaidServiceData,
}

crate::wire_enum! {
    /// When in the day the resident would like the work done.
    TimeSlot {
        /// 9:00–12:00.
        Morning = "morning",
        /// 12:00–17:00.
        Afternoon = "afternoon",
        /// 17:00–20:00.
        Evening = "evening",
        /// Any time.
        Any = "any",
    }
}

impl TimeSlot {
    pub const fn label(self) -> &'static str {
        match self {
            Self::Morning => "утром, 9:00–12:00",
            Self::Afternoon => "днём, 12:00–17:00",
            Self::Evening => "вечером, 17:00–20:00",
            Self::Any => "в любое время",
        }
    }
}

crate::wire_enum! {
    /// Where a request stands: new → accepted → done, or rejected (from new or accepted).
    RequestStatus {
        /// Sent, not yet looked at.
        New = "new",
        /// The company agreed a time and a price.
        Accepted = "accepted",
        /// Done.
        Done = "done",
        /// Refused, with the reason.
        Rejected = "rejected",
    }
}

impl RequestStatus {
    pub const fn label(self) -> &'static str {
        match self {
            Self::New => "Новая",
            Self::Accepted => "Принята",
            Self::Done => "Выполнена",
            Self::Rejected => "Отклонена",
        }
    }
}

/// `POST accounts/{id}/service-requests`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewServiceRequest {
    /// An active service of the account's organization.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub paid_service_id: PaidServiceId,
    /// From today to a year ahead.
    #[serde(deserialize_with = "crate::time::date")]
    pub preferred_date: NaiveDate,
    pub time_slot: TimeSlot,
    /// Up to 2000 characters.
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub contact_phone: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
}

/// A request for a paid service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: ServiceRequestId,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub account_id: AccountId,
    pub account_number: String,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub house_id: HouseId,
    pub address: String,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub paid_service_id: PaidServiceId,
    /// The service's name and unit as it was ordered.
    pub service_name: String,
    pub unit: String,
    /// The catalogue's price now (none: «по договорённости»).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub listed_price: Option<Money>,
    #[serde(deserialize_with = "crate::time::date")]
    pub preferred_date: NaiveDate,
    pub time_slot: TimeSlot,
    pub comment: String,
    pub contact: crate::Contact,
    pub status: RequestStatus,
    /// The agreed time, local (no offset): `YYYY-MM-DDTHH:MM:SS`, once accepted.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>,
        pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", example = "2026-12-20T10:30:00"))]
    #[serde(default, deserialize_with = "crate::time::optional_date_time")]
    pub scheduled_at: Option<NaiveDateTime>,
    /// The agreed price, once accepted.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub price: Option<Money>,
    pub reject_reason: Option<String>,
    #[serde(deserialize_with = "crate::time::instant")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::instant")]
    pub updated_at: DateTime<Utc>,
    #[serde(default, deserialize_with = "crate::time::optional_instant")]
    pub accepted_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::optional_instant")]
    pub done_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::optional_instant")]
    pub rejected_at: Option<DateTime<Utc>>,
    /// The online payment that paid it, once paid.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub paid_by: Option<OnlinePaymentId>,
}

/// `POST operator/service-requests/{id}/accept`: the time and the price agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptRequest {
    /// Local date and time, no offset: `YYYY-MM-DDTHH:MM:SS`, from today to a year ahead.
    #[cfg_attr(feature = "openapi", schema(value_type = String,
        pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", example = "2026-12-20T10:30:00"))]
    #[serde(deserialize_with = "crate::time::date_time")]
    pub scheduled_at: NaiveDateTime,
    /// Kopecks, 0 to 1 000 000 ₽.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub price: Money,
}

/// `POST operator/service-requests/{id}/reject`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectRequest {
    /// 1 to 500 characters, shown to the resident.
    pub reason: String,
}

/// `operator/service-requests?status=&house_id=&paid_service_id=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ServiceRequestFilter {
    pub status: Option<RequestStatus>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub house_id: Option<HouseId>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub paid_service_id: Option<PaidServiceId>,
}

#[cfg(test)]
mod tests {
    use crate::{AppealStatus, RequestStatus, TimeSlot};
    use serde::Serialize;

    /// The text a column stores is the one the wire carries.
    fn same_on_the_wire<T: Serialize + Copy>(all: &[T], text: fn(T) -> &'static str) {
        for value in all {
            let wire = serde_json::to_value(value).unwrap();
            assert_eq!(wire, serde_json::Value::from(text(*value)));
        }
    }

    #[test]
    fn the_stored_texts_are_the_wire_texts() {
        same_on_the_wire(AppealStatus::ALL, AppealStatus::as_str);
        same_on_the_wire(RequestStatus::ALL, RequestStatus::as_str);
        same_on_the_wire(TimeSlot::ALL, TimeSlot::as_str);
        assert_eq!(
            AppealStatus::parse("in_progress"),
            Some(AppealStatus::InProgress)
        );
        assert_eq!(RequestStatus::parse("accepted "), None);
    }
}
