//! What the resident's appeals and the staff's desk share: the thread with its photos, the
//! form that writes in it, the status and its changes, an appeal in a list. The API has a
//! twin of each call for each side; `Party` picks it.

pub mod card;
pub mod photos;
pub mod picker;
pub mod reply;
pub mod status;
pub mod thread;

use domkom_client::{Client, Document, Result, Upload};
use domkom_dto::{Appeal, AppealStatus, NewMessage};
use domkom_values::{AppealId, AppealPhotoId};

/// Who reads the thread: the resident who wrote it (the cabinet) or the company's staff
/// (the desk).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    Resident,
    Staff,
}

impl Party {
    pub async fn read(self, c: &Client, id: AppealId) -> Result<Appeal> {
        match self {
            Party::Resident => c.appeal(id).await,
            Party::Staff => c.operator_appeal(id).await,
        }
    }

    /// Writes in the thread; the staff's message is the answer, in text only.
    pub async fn write(
        self,
        c: &Client,
        id: AppealId,
        message: &NewMessage,
        photos: &[Upload],
    ) -> Result<Appeal> {
        match self {
            Party::Resident => c.write_in_appeal(id, message, photos).await,
            Party::Staff => c.answer_appeal(id, message).await,
        }
    }

    pub async fn set_status(self, c: &Client, id: AppealId, to: AppealStatus) -> Result<Appeal> {
        match self {
            Party::Resident => c.set_appeal_status(id, to).await,
            Party::Staff => c.set_operator_appeal_status(id, to).await,
        }
    }

    pub async fn photo(self, c: &Client, id: AppealId, photo: AppealPhotoId) -> Result<Document> {
        match self {
            Party::Resident => c.appeal_photo(id, photo).await,
            Party::Staff => c.operator_appeal_photo(id, photo).await,
        }
    }

    /// Whether this side attaches photos to its messages.
    pub fn sends_photos(self) -> bool {
        self == Party::Resident
    }
}
