//! Who reaches what a resident writes to the company (an appeal, a request for a paid
//! service): its writer while still linked to its account, and that organization's staff.
//! To anyone else it does not exist (404), so its id tells nothing.

use crate::auth::Operator;
use crate::db::{links, users, DbConn};
use crate::error::ApiError;
use domkom_values::{AccountId, OrganizationId, UserId};

/// Who acts, with what proves their reach.
#[derive(Debug, Clone, Copy)]
pub enum Party {
    /// Reaches what they wrote while linked to its account.
    Resident(UserId),
    /// Reaches what was written to their organization.
    Staff(Operator),
}

impl Party {
    /// The user acting, e.g. a message's author.
    pub fn user(self) -> UserId {
        match self {
            Party::Resident(user) => user,
            Party::Staff(op) => op.user_id,
        }
    }
}

/// Passes when `party` reaches a record `writer` wrote about `account` to `organization`
/// (`writer` is `None` once that profile was deleted: then only the staff do); else 404.
pub fn check(
    c: &mut DbConn,
    party: Party,
    writer: Option<UserId>,
    account: AccountId,
    organization: OrganizationId,
) -> Result<(), ApiError> {
    let reached = match party {
        Party::Resident(user) => {
            writer == Some(user) && links::linked_organization(c, user, account)?.is_some()
        }
        Party::Staff(op) => organization == op.organization_id,
    };
    reached.then_some(()).ok_or_else(ApiError::not_found)
}

/// Whom a letter about it goes to, as (address, name): the contact e-mail the writer gave,
/// else their profile's; no one once the profile was deleted.
pub fn recipient(
    c: &mut DbConn,
    writer: Option<UserId>,
    contact_email: Option<String>,
) -> Result<Option<(String, String)>, ApiError> {
    let resident = writer.map(|u| users::find(c, u)).transpose()?.flatten();
    Ok(resident.map(|r| (contact_email.unwrap_or(r.email), r.full_name)))
}
