//! Receipts by e-mail: the resident's subscriptions, one per linked account.

use domkom_values::AccountId;
use serde::{Deserialize, Serialize};

/// `GET me/subscriptions`: where the letters go and, for every linked account, whether
/// its receipts are sent there when a period closes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subscriptions {
    /// The profile's confirmed address; a new address waiting for its confirmation gets
    /// nothing until it is confirmed.
    pub email: String,
    pub accounts: Vec<Subscription>,
}

/// One linked account's subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subscription {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub account_id: AccountId,
    pub account_number: String,
    /// The house's address and the premise's number.
    pub address: String,
    pub receipts_by_email: bool,
}

/// `PUT me/subscriptions`: the switches to set; accounts not named keep theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateSubscriptions {
    /// At most [`crate::rules::SUBSCRIPTIONS_MAX`], each account once.
    pub accounts: Vec<SubscriptionChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionChange {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub account_id: AccountId,
    pub receipts_by_email: bool,
}

/// `POST subscriptions/unsubscribe?token=`: the letters that were switched off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unsubscribed {
    pub account_number: String,
    pub address: String,
}

/// The token of a letter's unsubscribe link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct UnsubscribeQuery {
    /// 43 URL-safe characters, as in the letter.
    pub token: String,
}
