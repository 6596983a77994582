//! Receipts (ЕПД) as PDF files: a resident's of a closed period, a company's of a house.

use crate::request::Method;
use crate::{Client, Result};
use domkom_values::{AccountId, HouseId};

/// A file the server sent: its type, the name it suggests and its bytes.
#[derive(Debug, Clone)]
pub struct Document {
    pub content_type: String,
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

impl Client {
    /// The receipt of a closed period of a linked account.
    pub async fn receipt(&self, account_id: AccountId, period: &str) -> Result<Document> {
        let period = crate::operator::encode(period);
        self.document(&format!("accounts/{account_id}/receipts/{period}"))
            .await
    }

    /// Every receipt of a house for a closed period, in flat order, as one PDF.
    pub async fn house_receipts(&self, period: &str, house_id: HouseId) -> Result<Document> {
        let period = crate::operator::encode(period);
        self.document(&format!("operator/receipts/{period}?house_id={house_id}"))
            .await
    }

    pub(crate) async fn document(&self, path: &str) -> Result<Document> {
        let response = self.call(self.request(Method::Get, path)).await?;
        Ok(Document {
            content_type: response.header("content-type").unwrap_or_default(),
            file_name: response
                .header("content-disposition")
                .and_then(|d| file_name(&d)),
            bytes: response.body,
        })
    }
}

/// `inline; filename="kvitanciya-1001-2026-10.pdf"` → the name.
fn file_name(disposition: &str) -> Option<String> {
    let (_, rest) = disposition.split_once("filename=")?;
    Some(rest.split(';').next()?.trim().trim_matches('"').to_owned())
}
