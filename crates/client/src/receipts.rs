//! Receipts (ЕПД) as PDF files: a resident's of a closed period, a company's of a house.

use crate::{error, Client, Result};
use domkom_values::{AccountId, HouseId};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::Method;

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
        let response = error::check(self.request(Method::GET, path).send().await?).await?;
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(CONTENT_TYPE).unwrap_or_default();
        let file_name = header(CONTENT_DISPOSITION).and_then(|d| file_name(&d));
        let bytes = response.bytes().await?.to_vec();
        Ok(Document {
            content_type,
            file_name,
            bytes,
        })
    }
}

/// `inline; filename="kvitanciya-1001-2026-10.pdf"` → the name.
fn file_name(disposition: &str) -> Option<String> {
    let (_, rest) = disposition.split_once("filename=")?;
    Some(rest.split(';').next()?.trim().trim_matches('"').to_owned())
}
