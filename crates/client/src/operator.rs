//! `operator/*` beyond houses: premises, accounts, services, tariffs, meters, readings,
//! recalculations and payments of the operator's organization.

use crate::request::Method;
use crate::{Client, Result};
use domkom_dto::*;
use domkom_values::{
    AccountId, MeterId, PaymentId, PremiseId, RecalculationId, ServiceId, TariffId,
};
use serde::Serialize;

const CSV: &str = "text/csv; charset=utf-8";

/// `path?filter…&limit=&offset=`; the filter's unset fields are left out.
pub(crate) fn list_path<F: Serialize>(path: &str, filter: &F, page: PageQuery) -> Result<String> {
    let filter = query(filter)?;
    let separator = if filter.is_empty() { "" } else { "&" };
    Ok(format!(
        "{path}?{filter}{separator}limit={}&offset={}",
        page.limit(),
        page.offset()
    ))
}

/// A struct of plain fields as a query string (`key=value&…`, unset options left out).
pub(crate) fn query<F: Serialize>(fields: &F) -> Result<String> {
    serde_urlencoded::to_string(fields).map_err(|e| crate::Error::Encode(e.to_string()))
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub(crate) fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// No filter beyond the page.
#[derive(Serialize)]
pub struct NoFilter;

/// The five calls of a CRUD resource under `operator/`, its objects named by `$id`.
macro_rules! crud {
    ($path:literal, $id:ty, $filter:ty, $data:ty, $object:ty,
     $list:ident, $create:ident, $read:ident, $update:ident, $delete:ident) => {
        impl Client {
            pub async fn $list(&self, filter: &$filter, page: PageQuery) -> Result<Page<$object>> {
                self.get(&list_path($path, filter, page)?).await
            }

            pub async fn $create(&self, data: &$data) -> Result<$object> {
                self.with_body(Method::Post, $path, data).await
            }

            pub async fn $read(&self, id: $id) -> Result<$object> {
                self.get(&format!("{}/{id}", $path)).await
            }

            pub async fn $update(&self, id: $id, data: &$data) -> Result<$object> {
                self.with_body(Method::Put, &format!("{}/{id}", $path), data)
                    .await
            }

            pub async fn $delete(&self, id: $id) -> Result<()> {
                self.send_empty(self.request(Method::Delete, &format!("{}/{id}", $path)))
                    .await
            }
        }
    };
}

crud!(
    "operator/premises",
    PremiseId,
    PremiseFilter,
    PremiseData,
    Premise,
    premises,
    create_premise,
    premise,
    update_premise,
    delete_premise
);
crud!(
    "operator/accounts",
    AccountId,
    AccountFilter,
    AccountData,
    Account,
    accounts,
    create_account,
    account,
    update_account,
    delete_account
);
crud!(
    "operator/services",
    ServiceId,
    NoFilter,
    ServiceData,
    Service,
    services,
    create_service,
    service,
    update_service,
    delete_service
);
crud!(
    "operator/tariffs",
    TariffId,
    TariffFilter,
    TariffData,
    Tariff,
    tariffs,
    create_tariff,
    tariff,
    update_tariff,
    delete_tariff
);
crud!(
    "operator/meters",
    MeterId,
    MeterFilter,
    MeterData,
    Meter,
    meters,
    create_meter,
    meter,
    update_meter,
    delete_meter
);

impl Client {
    /// The organization's readings, newest first.
    pub async fn readings(&self, filter: &ReadingFilter, page: PageQuery) -> Result<Page<Reading>> {
        self.get(&list_path("operator/readings", filter, page)?)
            .await
    }

    /// Enters a reading as the operator.
    pub async fn create_reading(&self, data: &ReadingData) -> Result<Reading> {
        self.with_body(Method::Post, "operator/readings", data)
            .await
    }

    /// The period's readings as CSV (UTF-8 with a BOM, `;`-separated).
    pub async fn export_readings(&self, period: &str) -> Result<String> {
        let path = format!("operator/readings/export?period={}", encode(period));
        self.call(self.request(Method::Get, &path)).await?.text()
    }
}

impl Client {
    pub async fn recalculations(
        &self,
        filter: &AccountPeriodFilter,
        page: PageQuery,
    ) -> Result<Page<Recalculation>> {
        self.get(&list_path("operator/recalculations", filter, page)?)
            .await
    }

    pub async fn create_recalculation(&self, data: &RecalculationData) -> Result<Recalculation> {
        self.with_body(Method::Post, "operator/recalculations", data)
            .await
    }

    pub async fn recalculation(&self, id: RecalculationId) -> Result<Recalculation> {
        self.get(&format!("operator/recalculations/{id}")).await
    }

    pub async fn delete_recalculation(&self, id: RecalculationId) -> Result<()> {
        let path = format!("operator/recalculations/{id}");
        self.send_empty(self.request(Method::Delete, &path)).await
    }
}

impl Client {
    pub async fn payments(&self, filter: &PaymentFilter, page: PageQuery) -> Result<Page<Payment>> {
        self.get(&list_path("operator/payments", filter, page)?)
            .await
    }

    pub async fn create_payment(&self, data: &PaymentData) -> Result<Payment> {
        self.with_body(Method::Post, "operator/payments", data)
            .await
    }

    pub async fn payment(&self, id: PaymentId) -> Result<Payment> {
        self.get(&format!("operator/payments/{id}")).await
    }

    /// Loads a bank registry (CSV text, see docs/import.md).
    pub async fn load_registry(&self, csv: &str) -> Result<RegistryResult> {
        let request = self
            .request(Method::Post, "operator/payments/registry")
            .text(CSV, csv.to_owned());
        self.send(request).await
    }
}

impl Client {
    /// Imports a CSV file of one kind (see docs/import.md): all of it, or nothing and a 422
    /// naming every bad cell as `row N: column`.
    pub async fn import_csv(&self, kind: ImportKind, csv: &str) -> Result<ImportResult> {
        let request = self
            .request(Method::Post, &format!("operator/imports/{}", kind.as_str()))
            .text(CSV, csv.to_owned());
        self.send(request).await
    }

    /// Imports rows of one kind as JSON: a `serde_json::Value` array or any serializable
    /// slice of rows whose fields are the file's columns.
    pub async fn import_json<T: Serialize + ?Sized>(
        &self,
        kind: ImportKind,
        rows: &T,
    ) -> Result<ImportResult> {
        let path = format!("operator/imports/{}", kind.as_str());
        self.with_body(Method::Post, &path, rows).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_path_holds_the_set_fields_and_the_page() {
        let filter = AccountFilter {
            house_id: Some(domkom_values::HouseId(7)),
            number: Some("12 Б&1".into()),
        };
        let page = PageQuery {
            limit: Some(20),
            offset: Some(40),
        };
        assert_eq!(
            list_path("operator/accounts", &filter, page).unwrap(),
            "operator/accounts?house_id=7&number=12+%D0%91%261&limit=20&offset=40"
        );
        let unset = list_path("operator/accounts", &AccountFilter::default(), page).unwrap();
        assert_eq!(unset, "operator/accounts?limit=20&offset=40");
        assert_eq!(
            list_path("operator/paid-services", &(), page).unwrap(),
            "operator/paid-services?limit=20&offset=40"
        );
    }

    #[test]
    fn a_filter_of_nested_values_is_an_encoding_error() {
        let nested = [("house_id", [1, 2])];
        let page = PageQuery::default();
        assert!(matches!(
            list_path("operator/accounts", &nested, page),
            Err(crate::Error::Encode(_))
        ));
    }
}
