//! What may happen to a request for a paid service (see docs/paid-services.md): new →
//! accepted (a time and a price agreed) → done, or rejected with a reason from new or
//! accepted. The rule is checked against the request as read; the write moves it only
//! from that status, so of two changes at once the second is refused.

use crate::auth::Operator;
use crate::correspondence::{self, Party};
use crate::db::paid_services::{self as q, Move, Row};
use crate::db::{write_tx, DbConn};
use crate::error::ApiError;
use domkom_dto::{RequestStatus as S, ServiceRequest};
use domkom_values::ServiceRequestId;

/// The request, when `party` reaches it; else 404.
pub fn reach(c: &mut DbConn, party: Party, id: ServiceRequestId) -> Result<Row, ApiError> {
    let row = q::row(c, id)?.ok_or_else(ApiError::not_found)?;
    correspondence::check(c, party, row.user_id, row.account_id, row.organization_id)?;
    Ok(row)
}

/// Checks that the request in `from` may move to `to`.
pub fn check(from: S, to: S) -> Result<(), ApiError> {
    match (from, to) {
        (S::New, S::Accepted) | (S::Accepted, S::Done) | (S::New | S::Accepted, S::Rejected) => {
            Ok(())
        }
        (S::Done | S::Rejected, _) => Err(ApiError::status_not_allowed(format!(
            "Заявка уже {}: её статус не меняется",
            from.label().to_lowercase()
        ))),
        (S::New, S::Done) => Err(ApiError::status_not_allowed(
            "Выполнить можно только принятую заявку: сначала согласуйте время и цену",
        )),
        (S::Accepted, S::Accepted) => Err(ApiError::status_not_allowed("Заявка уже принята")),
        (_, S::New) => Err(ApiError::status_not_allowed(
            "Вернуть заявку в «Новую» нельзя",
        )),
    }
}

/// The staff move the organization's request, all or nothing; answers it.
pub fn change(
    c: &mut DbConn,
    staff: Operator,
    id: ServiceRequestId,
    to: Move,
) -> Result<ServiceRequest, ApiError> {
    let target = match to {
        Move::Accept { .. } => S::Accepted,
        Move::Done => S::Done,
        Move::Reject { .. } => S::Rejected,
    };
    write_tx(c, |c| {
        let row = reach(c, Party::Staff(staff), id)?;
        check(row.status(), target)?;
        if !q::transition(c, id, row.status(), to)? {
            return Err(ApiError::status_not_allowed(
                "Заявка только что изменилась: обновите страницу",
            ));
        }
        q::get(c, id)?.ok_or_else(ApiError::not_found)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_moves_only_forward_and_never_from_new_to_done() {
        let allowed = [
            (S::New, S::Accepted),
            (S::Accepted, S::Done),
            (S::New, S::Rejected),
            (S::Accepted, S::Rejected),
        ];
        for from in S::ALL {
            for to in S::ALL {
                let ok = allowed.contains(&(*from, *to));
                assert_eq!(check(*from, *to).is_ok(), ok, "{from:?} → {to:?}");
            }
        }
        let rule = check(S::New, S::Done).unwrap_err();
        assert_eq!(rule.code, domkom_dto::ErrorCode::StatusNotAllowed);
        assert!(rule.detail.contains("принятую"), "{}", rule.detail);
    }
}
