//! Where a closed balance leaves the resident: a value the API sends and the SPA colours.

use serde::{Deserialize, Serialize};

/// Where a closed period's balance leaves the resident as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BalanceStatus {
    /// Nothing owed, nothing paid ahead.
    Settled,
    /// Paid ahead (переплата).
    Advance,
    /// A debt that the payments received since cover.
    Paid,
    /// The period's bill, not yet due: nothing is late.
    Due,
    /// Past the due date, or carrying an older debt that is: задолженность.
    Overdue,
}
