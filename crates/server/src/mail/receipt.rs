//! The receipt by e-mail: the PDF attached, and a one-click unsubscribe link in the text
//! and in the `List-Unsubscribe` header (RFC 2369, one click by RFC 8058). It is sent
//! from the jobs thread, so it blocks.
//!
//! A letter is named by its outbox row: its `Message-ID` and, in the file outbox, its
//! file name. A letter sent again after a stop (the server died between sending it and
//! recording it) is the same letter: the file is replaced whole, and a receiving server sees
//! the `Message-ID` it already has.

use super::{body, Letter, Mailer, Transport};
use domkom_receipt::Receipt;
use domkom_values::ru;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, MultiPart};
use lettre::Message;

/// One receipt to one subscriber.
pub struct ReceiptLetter<'a> {
    /// The outbox row's id.
    pub id: i64,
    pub to: &'a str,
    pub name: &'a str,
    pub receipt: &'a Receipt,
    pub pdf: Vec<u8>,
    pub file_name: String,
    pub unsubscribe_token: &'a str,
}

/// Why a letter did not go: worth another try later, or not.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("{0}")]
    Transient(String),
    #[error("{0}")]
    Permanent(String),
}

impl Mailer {
    pub fn send_receipt(&self, letter: ReceiptLetter) -> Result<(), SendError> {
        let sent = self.deliver_receipt(letter);
        self.count(sent.is_ok());
        sent
    }

    fn deliver_receipt(&self, letter: ReceiptLetter) -> Result<(), SendError> {
        let r = letter.receipt;
        let page = format!(
            "{}/unsubscribe?token={}",
            self.public_url, letter.unsubscribe_token
        );
        let one_click = format!(
            "{}/api/v1/subscriptions/unsubscribe?token={}",
            self.public_url, letter.unsubscribe_token
        );
        let text = Letter {
            subject: &format!(
                "Квитанция за {} — лицевой счёт {}",
                ru::period(r.period),
                r.payer.account_number
            ),
            greeting: format!("Здравствуйте, {}!", letter.name),
            text: format!(
                "Квитанция за {} по лицевому счёту {} ({}) — во вложении. Итого к оплате: {}, \
                 оплатить до {}. Начисления, платежи и показания — в личном кабинете:",
                ru::period(r.period),
                r.payer.account_number,
                r.payer.address,
                ru::money(r.money.due()),
                ru::date(r.money.due_date),
            ),
            action: "Открыть личный кабинет",
            link: self.public_url.clone(),
            footer: "Вы получаете квитанции, потому что подписались на них в личном кабинете \
                     («Мой профиль»).",
            unsubscribe: Some(page),
        };
        let pdf = ContentType::parse("application/pdf").map_err(permanent)?;
        let message = self
            .envelope(letter.to, &text)
            .map_err(permanent)?
            .message_id(Some(format!("<receipt-{}@{}>", letter.id, self.host())))
            .header(ListUnsubscribe(format!("<{one_click}>")))
            .header(ListUnsubscribePost)
            .multipart(
                MultiPart::mixed()
                    .multipart(body(&text))
                    .singlepart(Attachment::new(letter.file_name).body(letter.pdf, pdf)),
            )
            .map_err(permanent)?;
        self.send_blocking(&message, &format!("receipt-{}.eml", letter.id))
    }

    /// Sends from a thread of its own (a job's). In the file outbox the letter is
    /// `name`, replaced whole when it is sent again.
    pub(super) fn send_blocking(&self, message: &Message, name: &str) -> Result<(), SendError> {
        match &self.transport {
            Transport::Smtp { blocking, .. } => {
                use lettre::Transport as _;
                blocking.send(message).map_err(|e| {
                    if e.is_permanent() {
                        SendError::Permanent(e.to_string())
                    } else {
                        SendError::Transient(e.to_string())
                    }
                })?;
            }
            Transport::Files(_, outbox) => {
                crate::private::replace(&outbox.join(name), &message.formatted())
                    .map_err(|e| SendError::Transient(format!("{name}: {e}")))?;
                tracing::info!(file = name, "letter written to the outbox");
            }
        }
        Ok(())
    }

    /// The portal's host, for the letters' `Message-ID`.
    pub(super) fn host(&self) -> String {
        url::Url::parse(&self.public_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "domkom".into())
    }
}

pub(super) fn permanent(e: impl std::fmt::Display) -> SendError {
    SendError::Permanent(e.to_string())
}

/// `List-Unsubscribe: <https://…>`: the address a mail program posts to.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`: the post needs no confirmation.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}
