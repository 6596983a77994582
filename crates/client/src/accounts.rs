//! `organizations`, `me/accounts` and `accounts/{id}`: the resident's personal accounts.

use crate::request::Method;
use crate::{Client, Result};
use domkom_dto::*;
use domkom_values::AccountId;

impl Client {
    /// Organizations to link an account with, by name, INN or address; given `kind`, only
    /// those that keep accounts of that kind, the best fit first.
    pub async fn find_organizations(
        &self,
        query: &str,
        kind: Option<AccountKind>,
    ) -> Result<Vec<OrganizationSummary>> {
        let mut path = format!("organizations?q={}", crate::operator::encode(query));
        if let Some(kind) = kind {
            path.push_str("&kind=");
            path.push_str(kind.as_str());
        }
        self.get(&path).await
    }

    pub async fn my_accounts(&self) -> Result<Vec<LinkedAccount>> {
        self.get("me/accounts").await
    }

    pub async fn link_account(&self, form: &LinkAccount) -> Result<LinkedAccount> {
        self.with_body(Method::Post, "me/accounts", form).await
    }

    /// The account card («Главная») of a linked account.
    pub async fn account_card(&self, account_id: AccountId) -> Result<AccountCard> {
        self.get(&format!("accounts/{account_id}")).await
    }

    pub async fn unlink_account(&self, account_id: AccountId) -> Result<()> {
        self.send_empty(self.request(Method::Delete, &format!("me/accounts/{account_id}")))
            .await
    }
}
