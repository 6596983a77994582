//! Appeals: the resident's (`accounts/{id}/appeals`, `appeals/{id}`) and the company's
//! desk (`operator/appeals`, `operator/appeal-topics`).

use crate::operator::{list_path, query};
use crate::request::Method;
use crate::{Client, Document, Result};
use domkom_dto::*;
use domkom_values::{AccountId, AppealId, AppealPhotoId};
use serde::Serialize;

/// A file to attach, as a browser sends it: a name, the type it claims and the bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Client {
    pub async fn appeal_topics(&self, account_id: AccountId) -> Result<AppealTopics> {
        self.get(&format!("accounts/{account_id}/appeal-topics"))
            .await
    }

    pub async fn appeals(&self, account_id: AccountId, page: PageQuery) -> Result<AppealList> {
        self.get(&list_path(
            &format!("accounts/{account_id}/appeals"),
            &(),
            page,
        )?)
        .await
    }

    /// Writes an appeal: as JSON without photos, as a multipart form with them.
    pub async fn create_appeal(
        &self,
        account_id: AccountId,
        appeal: &NewAppeal,
        photos: &[Upload],
    ) -> Result<Appeal> {
        self.with_photos(&format!("accounts/{account_id}/appeals"), appeal, photos)
            .await
    }

    pub async fn appeal(&self, id: AppealId) -> Result<Appeal> {
        self.get(&format!("appeals/{id}")).await
    }

    pub async fn write_in_appeal(
        &self,
        id: AppealId,
        message: &NewMessage,
        photos: &[Upload],
    ) -> Result<Appeal> {
        self.with_photos(&format!("appeals/{id}/messages"), message, photos)
            .await
    }

    pub async fn set_appeal_status(&self, id: AppealId, status: AppealStatus) -> Result<Appeal> {
        let body = ChangeAppealStatus { status };
        self.with_body(Method::Post, &format!("appeals/{id}/status"), &body)
            .await
    }

    pub async fn appeal_photo(&self, id: AppealId, photo: AppealPhotoId) -> Result<Document> {
        self.document(&format!("appeals/{id}/photos/{photo}")).await
    }

    pub async fn operator_appeals(
        &self,
        filter: &AppealFilter,
        page: PageQuery,
    ) -> Result<Page<AppealSummary>> {
        self.get(&list_path("operator/appeals", filter, page)?)
            .await
    }

    pub async fn operator_appeal(&self, id: AppealId) -> Result<Appeal> {
        self.get(&format!("operator/appeals/{id}")).await
    }

    pub async fn answer_appeal(&self, id: AppealId, message: &NewMessage) -> Result<Appeal> {
        self.with_body(
            Method::Post,
            &format!("operator/appeals/{id}/messages"),
            message,
        )
        .await
    }

    pub async fn set_operator_appeal_status(
        &self,
        id: AppealId,
        status: AppealStatus,
    ) -> Result<Appeal> {
        let body = ChangeAppealStatus { status };
        self.with_body(
            Method::Post,
            &format!("operator/appeals/{id}/status"),
            &body,
        )
        .await
    }

    pub async fn operator_appeal_photo(
        &self,
        id: AppealId,
        photo: AppealPhotoId,
    ) -> Result<Document> {
        self.document(&format!("operator/appeals/{id}/photos/{photo}"))
            .await
    }

    pub async fn operator_appeal_topics(&self) -> Result<AppealTopics> {
        self.get("operator/appeal-topics").await
    }

    pub async fn set_appeal_topics(&self, topics: &AppealTopics) -> Result<AppealTopics> {
        self.with_body(Method::Put, "operator/appeal-topics", topics)
            .await
    }

    /// `body` as JSON, or, with photos, as a form of its text fields and the files.
    async fn with_photos<B: Serialize, T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        photos: &[Upload],
    ) -> Result<T> {
        if photos.is_empty() {
            return self.with_body(Method::Post, path, body).await;
        }
        let fields = form_urlencoded::parse(query(body)?.as_bytes())
            .into_owned()
            .collect();
        let files = photos
            .iter()
            .map(|photo| ("photos", photo.clone()))
            .collect();
        self.send(self.request(Method::Post, path).form(fields, files))
            .await
    }
}
