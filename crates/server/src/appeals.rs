//! What may happen to an appeal, and its thread as the API answers it (see
//! docs/appeals.md). The rules are checked against the appeal as read; the write then moves
//! it only from that status, so two changes at once cannot both pass.

use crate::correspondence::{self, Party};
use crate::db::appeals::{self as q, Row};
use crate::db::{now, write_tx, DbConn};
use crate::error::ApiError;
use crate::uploads::Photo;
use actix_web::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::QueryResult;
use domkom_dto::{Appeal, AppealMessage, AppealStatus as S, ErrorCode};
use domkom_values::{AppealId, AppealPhotoId};

/// How long after the answer the resident may reopen an appeal.
pub const REOPEN_DAYS: i64 = 30;

/// Which side acts on the appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Resident,
    Staff,
}

impl From<Party> for Side {
    fn from(party: Party) -> Side {
        match party {
            Party::Resident(_) => Side::Resident,
            Party::Staff(_) => Side::Staff,
        }
    }
}

/// The appeal, when `party` reaches it; else 404.
pub fn reach(c: &mut DbConn, party: Party, id: AppealId) -> Result<Row, ApiError> {
    let row = q::get(c, id)?
        .map(|(row, ..)| row)
        .ok_or_else(ApiError::not_found)?;
    correspondence::check(c, party, row.user_id, row.account_id, row.organization_id)?;
    Ok(row)
}

/// Moves the appeal to `to` as `party` asked, all or nothing; answers it.
pub fn set_status(c: &mut DbConn, party: Party, id: AppealId, to: S) -> Result<Appeal, ApiError> {
    write_tx(c, |c| {
        let row = reach(c, party, id)?;
        let to = change(Side::from(party), &row, to, now())?;
        apply(c, &row, to)?;
        found(thread(c, id)?)
    })
}

/// Adds `party`'s message with its photos and moves the appeal as the message does, all or
/// nothing; answers the appeal and the row as it was before.
pub fn write(
    c: &mut DbConn,
    party: Party,
    id: AppealId,
    text: &str,
    photos: &[Photo],
) -> Result<(Appeal, Row), ApiError> {
    write_tx(c, |c| {
        let row = reach(c, party, id)?;
        let to = after_message(Side::from(party), &row, now())?;
        let from_staff = Side::from(party) == Side::Staff;
        q::add_message(c, id, from_staff, party.user(), text, photos)?;
        apply(c, &row, to)?;
        if !from_staff {
            q::mark_read(c, id)?;
        }
        Ok((found(thread(c, id)?)?, row))
    })
}

/// A photo of an appeal `party` reaches.
pub fn photo(
    c: &mut DbConn,
    party: Party,
    id: AppealId,
    photo: AppealPhotoId,
) -> Result<(String, Vec<u8>), ApiError> {
    reach(c, party, id)?;
    q::photo(c, id, photo)?.ok_or_else(ApiError::not_found)
}

/// The appeal just read or written: it exists, unless it was deleted meanwhile.
pub fn found(appeal: Option<Appeal>) -> Result<Appeal, ApiError> {
    appeal.ok_or_else(ApiError::not_found)
}

/// The status a message moves the appeal to: the staff's answers it; the resident's
/// leaves a waiting one as it is and reopens an answered one (while it may).
pub fn after_message(side: Side, row: &Row, now: NaiveDateTime) -> Result<S, ApiError> {
    match (side, row.status()) {
        (_, S::Closed) => Err(not_allowed(
            "В закрытое обращение писать нельзя: напишите новое",
        )),
        (Side::Staff, _) => Ok(S::Answered),
        (Side::Resident, S::Answered) => reopen(row, now),
        (Side::Resident, status) => Ok(status),
    }
}

/// Checks a change of status asked for; answers the status it moves to.
pub fn change(side: Side, row: &Row, to: S, now: NaiveDateTime) -> Result<S, ApiError> {
    let from = row.status();
    match (side, from, to) {
        (_, S::Closed, _) => Err(not_allowed("Обращение закрыто: его статус не меняется")),
        (_, _, S::Closed) => Ok(S::Closed),
        (Side::Staff, S::New, S::InProgress) => Ok(S::InProgress),
        (Side::Resident, S::Answered, S::InProgress) => reopen(row, now),
        (Side::Resident, _, S::InProgress) => Err(not_allowed(
            "Открыть снова можно только обращение, на которое дан ответ",
        )),
        (_, _, S::Answered) => Err(not_allowed(
            "Статус «Дан ответ» ставится ответом: напишите сообщение в обращение",
        )),
        (Side::Staff, _, S::InProgress) => {
            Err(not_allowed("В работу берут только новое обращение"))
        }
        (_, _, S::New) => Err(not_allowed("Вернуть обращение в «Новое» нельзя")),
    }
}

fn reopen(row: &Row, now: NaiveDateTime) -> Result<S, ApiError> {
    match reopen_until(row) {
        Some(until) if now <= until => Ok(S::InProgress),
        _ => Err(ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::ReopenExpired,
            format!(
                "Открыть снова можно в течение {REOPEN_DAYS} дней после ответа: напишите \
                 новое обращение"
            ),
        )),
    }
}

/// Until when an answered appeal may be reopened.
pub fn reopen_until(row: &Row) -> Option<NaiveDateTime> {
    (row.status() == S::Answered)
        .then_some(row.answered_at)
        .flatten()
        .map(|at| at + Duration::days(REOPEN_DAYS))
}

fn not_allowed(rule: &str) -> ApiError {
    ApiError::status_not_allowed(rule)
}

/// The appeal changed between reading and writing it.
pub fn changed_meanwhile() -> ApiError {
    not_allowed("Обращение только что изменилось: обновите страницу")
}

/// Moves the appeal as the rules said, from the status it was read in.
pub fn apply(conn: &mut DbConn, row: &Row, to: S) -> Result<(), ApiError> {
    if to == row.status() {
        q::touch(conn, row.id)?;
        return Ok(());
    }
    match q::transition(conn, row.id, &[row.status()], to)? {
        true => Ok(()),
        false => Err(changed_meanwhile()),
    }
}

/// The appeal with its whole thread.
pub fn thread(conn: &mut DbConn, id: AppealId) -> QueryResult<Option<Appeal>> {
    let Some(listed) = q::get(conn, id)? else {
        return Ok(None);
    };
    let unread = q::unread(conn, &[id])?.get(&id).copied().unwrap_or(0);
    let mut photos = q::photos(conn, id)?;
    let messages = q::messages(conn, id)?
        .into_iter()
        .map(|m| AppealMessage {
            id: m.id,
            from_staff: m.from_staff,
            author: m.author.unwrap_or_else(|| "Пользователь удалён".into()),
            text: m.text,
            created_at: m.created_at.and_utc(),
            photos: photos.remove(&m.id).unwrap_or_default(),
        })
        .collect();
    let row = listed.0.clone();
    Ok(Some(Appeal {
        contact: row.contact(),
        answered_at: row.answered_at.map(utc),
        closed_at: row.closed_at.map(utc),
        reopen_until: reopen_until(&row).map(utc),
        summary: q::summary(listed, unread),
        messages,
    }))
}

fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domkom_values::{AccountId, HouseId, OrganizationId};

    fn at(day: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap_or_default()
    }

    fn appeal(status: S, answered: Option<u32>) -> Row {
        Row {
            id: AppealId(1),
            organization_id: OrganizationId(1),
            account_id: AccountId(1),
            house_id: HouseId(1),
            user_id: None,
            topic: "Другое".into(),
            excerpt: String::new(),
            contact_phone: None,
            contact_email: Some("a@b.ru".into()),
            status: status.as_str().into(),
            created_at: at(1),
            updated_at: at(1),
            answered_at: answered.map(at),
            closed_at: None,
            read_at: at(1),
        }
    }

    fn code(r: Result<S, ApiError>) -> Option<ErrorCode> {
        r.err().map(|e| e.code)
    }

    #[test]
    fn staff_take_up_a_new_appeal_answer_by_writing_and_close() {
        let new = appeal(S::New, None);
        assert_eq!(
            change(Side::Staff, &new, S::InProgress, at(2)).ok(),
            Some(S::InProgress)
        );
        assert_eq!(
            after_message(Side::Staff, &new, at(2)).ok(),
            Some(S::Answered)
        );
        assert_eq!(
            change(Side::Staff, &new, S::Closed, at(2)).ok(),
            Some(S::Closed)
        );
        let status_not_allowed = Some(ErrorCode::StatusNotAllowed);
        assert_eq!(
            code(change(Side::Staff, &new, S::Answered, at(2))),
            status_not_allowed
        );
        let answered = appeal(S::Answered, Some(2));
        assert_eq!(
            code(change(Side::Staff, &answered, S::InProgress, at(3))),
            status_not_allowed
        );
        assert_eq!(
            code(change(Side::Staff, &answered, S::New, at(3))),
            status_not_allowed
        );
    }

    #[test]
    fn the_resident_reopens_an_answered_appeal_only_for_a_while() {
        let answered = appeal(S::Answered, Some(2));
        let last_day = at(2) + Duration::days(REOPEN_DAYS);
        assert_eq!(
            change(Side::Resident, &answered, S::InProgress, last_day).ok(),
            Some(S::InProgress)
        );
        assert_eq!(
            after_message(Side::Resident, &answered, last_day).ok(),
            Some(S::InProgress)
        );
        let late = last_day + Duration::seconds(1);
        let expired = Some(ErrorCode::ReopenExpired);
        assert_eq!(
            code(change(Side::Resident, &answered, S::InProgress, late)),
            expired
        );
        assert_eq!(
            code(after_message(Side::Resident, &answered, late)),
            expired
        );
        let waiting = appeal(S::InProgress, None);
        assert_eq!(
            after_message(Side::Resident, &waiting, late).ok(),
            Some(S::InProgress)
        );
        assert_eq!(
            code(change(Side::Resident, &waiting, S::InProgress, at(3))),
            Some(ErrorCode::StatusNotAllowed)
        );
    }

    #[test]
    fn nothing_moves_a_closed_appeal() {
        let closed = appeal(S::Closed, Some(2));
        for side in [Side::Resident, Side::Staff] {
            assert!(after_message(side, &closed, at(3)).is_err());
            for to in S::ALL {
                assert_eq!(
                    code(change(side, &closed, *to, at(3))),
                    Some(ErrorCode::StatusNotAllowed)
                );
            }
        }
    }
}
