//! The morning digest to a company's staff: the appeals waiting for an answer. Sent from
//! the jobs thread, named by the organization and the day, so a digest sent again after a
//! stop is the same letter.

use super::receipt::permanent;
use super::{body, Letter, Mailer, SendError};
use chrono::NaiveDate;
use domkom_dto::AppealSummary;
use domkom_values::{ru, OrganizationId, UserId};

/// How many of the waiting appeals a digest names; the rest are counted.
pub const DIGEST_NAMES: i64 = 20;

/// One digest to one member of the staff.
pub struct DigestLetter<'a> {
    pub organization_id: OrganizationId,
    pub day: NaiveDate,
    pub user_id: UserId,
    pub to: &'a str,
    pub name: &'a str,
    /// The longest waiting first.
    pub waiting: &'a [AppealSummary],
    pub total: i64,
}

impl Mailer {
    pub fn send_digest(&self, d: DigestLetter) -> Result<(), SendError> {
        let sent = self.deliver_digest(d);
        self.count(sent.is_ok());
        sent
    }

    fn deliver_digest(&self, d: DigestLetter) -> Result<(), SendError> {
        let lines: Vec<String> = d
            .waiting
            .iter()
            .map(|a| {
                format!(
                    "№ {} от {} — {}, {} («{}»): {}",
                    a.id,
                    ru::date(a.created_at.date_naive()),
                    a.status.label(),
                    a.address,
                    a.topic,
                    a.excerpt
                )
            })
            .collect();
        let more = d.total - d.waiting.len() as i64;
        let more = if more > 0 {
            format!("\n…и ещё {more}.")
        } else {
            String::new()
        };
        let letter = Letter {
            subject: &format!("Обращения без ответа: {} на {}", d.total, ru::date(d.day)),
            greeting: format!("Здравствуйте, {}!", d.name),
            text: format!(
                "Ждут ответа {} обращений жителей, дольше всех ждущие — первыми:\n\n{}{more}\n\n\
                 Ответить можно в разделе «Обращения» кабинета сотрудника:",
                d.total,
                lines.join("\n")
            ),
            action: "Открыть обращения",
            link: format!("{}/desk/appeals", self.public_url),
            footer: "Сводка приходит каждое утро, пока есть обращения без ответа.",
            unsubscribe: None,
        };
        let message = self
            .envelope(d.to, &letter)
            .map_err(permanent)?
            .message_id(Some(format!(
                "<digest-{}-{}-{}@{}>",
                d.organization_id,
                d.day,
                d.user_id,
                self.host()
            )))
            .multipart(body(&letter))
            .map_err(permanent)?;
        let name = format!("digest-{}-{}-{}.eml", d.organization_id, d.day, d.user_id);
        self.send_blocking(&message, &name)
    }
}
