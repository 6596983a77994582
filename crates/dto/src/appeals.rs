//! Appeals («Обращения»): a resident writes to the company about an account and the
//! company answers in a thread (see docs/appeals.md).

use chrono::{DateTime, Utc};
use domkom_values::{AccountId, AppealId, AppealMessageId, AppealPhotoId, HouseId};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Where an appeal stands: new → in progress → answered → closed. The resident may
    /// reopen an answered one for a while (`reopen_until`).
    AppealStatus {
        /// Written, not yet taken up.
        New = "new",
        /// The company works on it (or the resident wrote again).
        InProgress = "in_progress",
        /// The company answered.
        Answered = "answered",
        /// Done with: nothing more is written.
        Closed = "closed",
    }
}

impl AppealStatus {
    /// Waiting for the company's answer.
    pub const fn is_waiting(self) -> bool {
        matches!(self, Self::New | Self::InProgress)
    }

    /// As a resident reads it.
    pub const fn label(self) -> &'static str {
        match self {
            Self::New => "Новое",
            Self::InProgress => "В работе",
            Self::Answered => "Дан ответ",
            Self::Closed => "Закрыто",
        }
    }
}

/// How to answer the resident: a phone, an e-mail, or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// `POST accounts/{id}/appeals`: as JSON, or as `multipart/form-data` with the same text
/// fields (`contact_phone`, `contact_email` flat) and up to five `photos` files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAppeal {
    /// One of the organization's topics (`GET accounts/{id}/appeal-topics`).
    pub topic: String,
    /// 1 to 4000 characters.
    pub text: String,
    #[serde(default)]
    pub contact_phone: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
}

/// `POST appeals/{id}/messages` (JSON, or multipart with `photos`) and the staff's
/// `POST operator/appeals/{id}/messages` (JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMessage {
    /// 1 to 4000 characters.
    pub text: String,
}

/// The multipart form of a new appeal, as documented: the text fields and the photos.
#[cfg(feature = "openapi")]
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct NewAppealForm {
    pub topic: String,
    pub text: String,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    /// JPEG, PNG or HEIC, each at most 5 MiB, at most 5; the type is read from the bytes.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub photos: Vec<Vec<u8>>,
}

/// The multipart form of a resident's message.
#[cfg(feature = "openapi")]
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct NewMessageForm {
    pub text: String,
    /// As in a new appeal.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub photos: Vec<Vec<u8>>,
}

/// `POST appeals/{id}/status` (the resident: `closed`, or `in_progress` to reopen an
/// answered one) and `POST operator/appeals/{id}/status` (staff: `in_progress`, `closed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeAppealStatus {
    pub status: AppealStatus,
}

/// An appeal in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppealSummary {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: AppealId,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub account_id: AccountId,
    pub account_number: String,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub house_id: HouseId,
    /// The house's address and the flat.
    pub address: String,
    pub topic: String,
    pub status: AppealStatus,
    /// The start of the first message.
    pub excerpt: String,
    #[serde(deserialize_with = "crate::time::instant")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::instant")]
    pub updated_at: DateTime<Utc>,
    /// Answers the resident has not opened yet.
    pub unread_answers: i64,
}

/// `GET accounts/{id}/appeals`: a page, and the answers unread in all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppealList {
    pub items: Vec<AppealSummary>,
    pub total: i64,
    pub unread_answers: i64,
}

/// A photo of a message; its bytes are at `GET appeals/{id}/photos/{photo_id}` (or the
/// `operator/` twin for staff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoRef {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: AppealPhotoId,
    /// `image/jpeg`, `image/png` or `image/heic`, as read from the bytes.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
}

/// One message of the thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppealMessage {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: AppealMessageId,
    /// Written by the company's staff (else by the resident).
    pub from_staff: bool,
    /// Who wrote it.
    pub author: String,
    pub text: String,
    #[serde(deserialize_with = "crate::time::instant")]
    pub created_at: DateTime<Utc>,
    pub photos: Vec<PhotoRef>,
}

/// An appeal with its thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appeal {
    #[serde(flatten)]
    pub summary: AppealSummary,
    pub contact: Contact,
    /// The last answer.
    #[serde(default, deserialize_with = "crate::time::optional_instant")]
    pub answered_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::optional_instant")]
    pub closed_at: Option<DateTime<Utc>>,
    /// Until when the resident may reopen it, while it is answered.
    #[serde(default, deserialize_with = "crate::time::optional_instant")]
    pub reopen_until: Option<DateTime<Utc>>,
    pub messages: Vec<AppealMessage>,
}

/// The topics an appeal may have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppealTopics {
    /// 1 to 30 names, each 1 to 100 characters, none twice.
    pub topics: Vec<String>,
}

/// `operator/appeals?status=&house_id=&topic=&older_than_days=`: oldest unanswered first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AppealFilter {
    pub status: Option<AppealStatus>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub house_id: Option<HouseId>,
    pub topic: Option<String>,
    /// Only those last changed at least this many days ago (0–3650).
    #[cfg_attr(feature = "openapi", param(minimum = 0, maximum = 3650))]
    pub older_than_days: Option<i64>,
}
