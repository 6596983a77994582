//! Record ids, one type per entity, so that an account's id cannot be passed where a
//! meter's is meant. On the wire and in the database each is the integer it wraps.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map($name)
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }


        #[cfg(feature = "diesel")]
        crate::sql::bigint_column!($name);
    )*};
}

ids! {
    /// A management company or homeowners' association.
    OrganizationId;
    /// A personal account (лицевой счёт).
    AccountId;
    /// A user of the portal.
    UserId;
    /// A house (многоквартирный дом).
    HouseId;
    /// A premise: a flat or a non-residential room of a house.
    PremiseId;
    /// A housing or utility service a company charges for.
    ServiceId;
    /// A price of a service from a date.
    TariffId;
    /// A meter, of a flat or of a house.
    MeterId;
    /// A meter reading.
    ReadingId;
    /// A recalculation of a charge.
    RecalculationId;
    /// A payment received.
    PaymentId;
    /// An online payment started from the cabinet.
    OnlinePaymentId;
    /// A resident's appeal to the company.
    AppealId;
    /// A message of an appeal's thread.
    AppealMessageId;
    /// A photo attached to an appeal's message.
    AppealPhotoId;
    /// A paid service of an organization's catalogue.
    PaidServiceId;
    /// A resident's request for a paid service.
    ServiceRequestId;
    /// A background job (a period's close).
    JobId;
    /// A refresh token of a session.
    RefreshTokenId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_their_integers_on_the_wire() {
        let id = AccountId(1001);
        assert_eq!(serde_json::to_string(&id).unwrap(), "1001");
        assert_eq!(serde_json::from_str::<AccountId>("1001").unwrap(), id);
        assert!(serde_json::from_str::<AccountId>("\"1001\"").is_err());
        assert_eq!(id.to_string(), "1001");
        assert_eq!(i64::from(UserId::from(7)), 7);
    }
}
