//! Lists: `{items, total}` with `limit`/`offset`.

use serde::{Deserialize, Serialize};

/// One page of a list and the size of the whole list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// All matching items, not only this page's.
    pub total: i64,
}

/// `?limit=&offset=`: `limit` from 1 to 500, 50 unless given; `offset` from 0. Outside
/// those a list answers 422 naming the parameter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PageQuery {
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 500))]
    pub limit: Option<i64>,
    #[cfg_attr(feature = "openapi", param(minimum = 0))]
    pub offset: Option<i64>,
}

impl PageQuery {
    pub const DEFAULT_LIMIT: i64 = 50;
    pub const MAX_LIMIT: i64 = 500;

    pub fn limit(&self) -> i64 {
        self.limit
            .unwrap_or(Self::DEFAULT_LIMIT)
            .clamp(1, Self::MAX_LIMIT)
    }

    pub fn offset(&self) -> i64 {
        self.offset.unwrap_or(0).max(0)
    }

    /// A paging parameter of a query string out of its range, as the field error to
    /// answer; `None` for any other parameter and for what is not a number (the query's
    /// own parsing refuses that).
    pub fn check_param(name: &str, value: &str) -> Option<crate::FieldError> {
        let n: i64 = value.trim().parse().ok()?;
        let (ok, message) = match name {
            "limit" => (
                (1..=Self::MAX_LIMIT).contains(&n),
                format!("От 1 до {}", Self::MAX_LIMIT),
            ),
            "offset" => (n >= 0, "Не меньше 0".to_owned()),
            _ => return None,
        };
        (!ok).then(|| crate::FieldError::new(name, "range", message))
    }
}
