//! Outgoing mail: SMTP when `SMTP_URL` is set, otherwise `.eml` files in `<DATA_DIR>/outbox`
//! with the link also written to the log, so a newcomer can activate without a mail server.

mod digest;
mod receipt;

pub use digest::{DigestLetter, DIGEST_NAMES};
pub use receipt::{ReceiptLetter, SendError};

use crate::metrics::MailLabels;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, MessageBuilder, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, SmtpTransport, Tokio1Executor,
};
use prometheus_client::metrics::{counter::Counter, family::Family};
use std::path::PathBuf;

pub enum Transport {
    /// The requests' letters go through the pooled asynchronous transport, the background
    /// jobs' (which run on threads of their own) through the blocking one.
    Smtp {
        pooled: AsyncSmtpTransport<Tokio1Executor>,
        blocking: SmtpTransport,
    },
    /// The outbox and its directory.
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    public_url: String,
    /// Letters by outcome, for `/metrics`.
    letters: Family<MailLabels, Counter>,
}

/// One letter: a subject, a text with one call to action, and the link itself.
struct Letter<'a> {
    subject: &'a str,
    greeting: String,
    text: String,
    action: &'a str,
    link: String,
    footer: &'a str,
    /// Where the reader stops letters like this one, if they can.
    unsubscribe: Option<String>,
}

/// Accepts `smtp://[user:password@]host[:port]`.
pub fn check_smtp_url(url: &str) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("not a URL: {e}"))?;
    if parsed.scheme() != "smtp" || parsed.host_str().is_none() {
        return Err("expected smtp://[user:password@]host[:port]".into());
    }
    Ok(())
}

impl Mailer {
    pub fn new(
        smtp_url: Option<&str>,
        outbox: PathBuf,
        from: &str,
        public_url: &str,
        letters: Family<MailLabels, Counter>,
    ) -> anyhow::Result<Self> {
        let transport = match smtp_url {
            Some(url) => {
                let parsed = url::Url::parse(url)?;
                let host = parsed.host_str().unwrap_or("localhost");
                let port = parsed.port().unwrap_or(25);
                let credentials = (!parsed.username().is_empty()).then(|| {
                    Credentials::new(
                        parsed.username().to_owned(),
                        parsed.password().unwrap_or_default().to_owned(),
                    )
                });
                // A local relay or mail catcher: no TLS on the hop from the server.
                let mut pooled =
                    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port);
                let mut blocking = SmtpTransport::builder_dangerous(host).port(port);
                if let Some(credentials) = credentials {
                    pooled = pooled.credentials(credentials.clone());
                    blocking = blocking.credentials(credentials);
                }
                Transport::Smtp {
                    pooled: pooled.build(),
                    blocking: blocking.build(),
                }
            }
            None => {
                crate::private::dir(&outbox)?;
                Transport::Files(AsyncFileTransport::new(&outbox), outbox)
            }
        };
        Ok(Self {
            transport,
            from: from.parse()?,
            public_url: public_url.to_owned(),
            letters,
        })
    }

    /// The portal's address, which the letters link to.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    pub async fn send_activation(&self, to: &str, name: &str, token: &str) -> anyhow::Result<()> {
        self.send(
            to,
            Letter {
                subject: "Подтверждение регистрации в Домкоме",
                greeting: format!("Здравствуйте, {name}!"),
                text: "Вы зарегистрировались в личном кабинете «Домком». Чтобы активировать \
                       учётную запись, перейдите по ссылке (она действует 24 часа):"
                    .into(),
                action: "Активировать учётную запись",
                link: format!("{}/activate?token={token}", self.public_url),
                footer: "Если вы не регистрировались, просто удалите это письмо.",
                unsubscribe: None,
            },
        )
        .await
    }

    pub async fn send_password_reset(
        &self,
        to: &str,
        name: &str,
        token: &str,
    ) -> anyhow::Result<()> {
        self.send(
            to,
            Letter {
                subject: "Восстановление пароля в Домкоме",
                greeting: format!("Здравствуйте, {name}!"),
                text: "Вы запросили восстановление пароля. Чтобы задать новый пароль, перейдите \
                       по ссылке (она действует 1 час и только один раз):"
                    .into(),
                action: "Задать новый пароль",
                link: format!("{}/password/reset?token={token}", self.public_url),
                footer: "Если вы не запрашивали восстановление, ничего не делайте: пароль прежний.",
                unsubscribe: None,
            },
        )
        .await
    }

    /// To the new address: the link that confirms it.
    pub async fn send_email_confirmation(
        &self,
        to: &str,
        name: &str,
        token: &str,
    ) -> anyhow::Result<()> {
        self.send(
            to,
            Letter {
                subject: "Подтверждение нового адреса в Домкоме",
                greeting: format!("Здравствуйте, {name}!"),
                text: "В личном кабинете «Домком» этот адрес указан как новый адрес вашей \
                       учётной записи. Чтобы подтвердить его, войдите в кабинет и перейдите по \
                       ссылке (она действует 24 часа и только один раз):"
                    .into(),
                action: "Подтвердить адрес",
                link: format!("{}/email/confirm?token={token}", self.public_url),
                footer: "Если вы не меняли адрес, ничего не делайте: он не будет привязан.",
                unsubscribe: None,
            },
        )
        .await
    }

    /// To the current address: a change to `new_email` was asked for, and what to do if
    /// it was not the owner.
    pub async fn send_email_change_notice(
        &self,
        to: &str,
        name: &str,
        new_email: &str,
    ) -> anyhow::Result<()> {
        self.send(
            to,
            Letter {
                subject: "Запрошена смена адреса в Домкоме",
                greeting: format!("Здравствуйте, {name}!"),
                text: format!(
                    "В личном кабинете «Домком» запрошена смена адреса электронной почты \
                     на {new_email}. Адрес сменится, когда по ссылке из письма на новый адрес \
                     перейдут; до этого вход и восстановление пароля работают с этим адресом. \
                     Если смену запросили не вы, смените пароль — запрос будет отменён:"
                ),
                action: "Сменить пароль",
                link: format!("{}/password/forgot", self.public_url),
                footer: "Если смену запросили вы, ничего делать не нужно.",
                unsubscribe: None,
            },
        )
        .await
    }

    /// To the resident: the company answered their appeal.
    pub async fn send_appeal_answer(
        &self,
        to: &str,
        name: &str,
        appeal: &domkom_dto::AppealSummary,
        answer: &str,
    ) -> anyhow::Result<()> {
        self.send(
            to,
            Letter {
                subject: &format!("Ответ на обращение № {}", appeal.id),
                greeting: format!("Здравствуйте, {name}!"),
                text: format!(
                    "Управляющая организация ответила на ваше обращение № {} «{}» \
                     по адресу {}:\n\n{}\n\nВся переписка — в личном кабинете:",
                    appeal.id,
                    appeal.topic,
                    appeal.address,
                    answer.trim()
                ),
                action: "Открыть обращение",
                link: format!(
                    "{}/accounts/{}/appeals/{}",
                    self.public_url, appeal.account_id, appeal.id
                ),
                footer: "Если вопрос не решён, ответьте в кабинете: обращение откроется снова.",
                unsubscribe: None,
            },
        )
        .await
    }

    /// To the resident: their request for a paid service was accepted, done or rejected.
    pub async fn send_request_update(
        &self,
        to: &str,
        name: &str,
        r: &domkom_dto::ServiceRequest,
    ) -> anyhow::Result<()> {
        use domkom_dto::RequestStatus as S;
        use domkom_values::ru;
        let what = format!("«{}» по адресу {}", r.service_name, r.address);
        let price = r.price.map(ru::money).unwrap_or_default();
        let text = match r.status {
            S::Accepted => format!(
                "Заявка № {} на услугу {what} принята. Согласованное время: {}. Стоимость: {price}.",
                r.id,
                r.scheduled_at
                    .map(|t| format!("{} в {}", ru::date(t.date()), t.format("%H:%M")))
                    .unwrap_or_default(),
            ),
            S::Done if r.price.is_some_and(|p| p.is_positive()) && r.paid_by.is_none() => format!(
                "Заявка № {} на услугу {what} выполнена. К оплате: {price}; оплатить можно \
                 в личном кабинете.",
                r.id
            ),
            S::Done => format!("Заявка № {} на услугу {what} выполнена.", r.id),
            S::Rejected => format!(
                "Заявка № {} на услугу {what} отклонена. Причина: {}",
                r.id,
                r.reject_reason.as_deref().unwrap_or_default()
            ),
            S::New => format!("Заявка № {} на услугу {what} получена.", r.id),
        };
        self.send(
            to,
            Letter {
                subject: &format!("Заявка № {}: {}", r.id, r.status.label().to_lowercase()),
                greeting: format!("Здравствуйте, {name}!"),
                text: format!("{text}\n\nЗаявки и их статусы — в личном кабинете:"),
                action: "Открыть заявки",
                link: format!(
                    "{}/accounts/{}/service-requests",
                    self.public_url, r.account_id
                ),
                footer: "Вы получили это письмо, потому что оставили заявку в личном кабинете.",
                unsubscribe: None,
            },
        )
        .await
    }

    async fn send(&self, to: &str, letter: Letter<'_>) -> anyhow::Result<()> {
        let sent = self.deliver(to, letter).await;
        self.count(sent.is_ok());
        sent
    }

    /// Counts a letter for `/metrics`.
    fn count(&self, sent: bool) {
        let outcome = if sent { "sent" } else { "failed" };
        self.letters.get_or_create(&MailLabels { outcome }).inc();
    }

    /// The letter's envelope: from, to and subject.
    fn envelope(&self, to: &str, letter: &Letter) -> anyhow::Result<MessageBuilder> {
        Ok(Message::builder()
            .from(self.from.clone())
            .to(to.parse()?)
            .subject(letter.subject))
    }

    async fn deliver(&self, to: &str, letter: Letter<'_>) -> anyhow::Result<()> {
        let message = self.envelope(to, &letter)?.multipart(body(&letter))?;
        match &self.transport {
            Transport::Smtp { pooled, .. } => {
                pooled.send(message).await?;
            }
            Transport::Files(files, outbox) => {
                let id = files.send(message).await?;
                // The letter holds a live link: the server's user's alone.
                crate::private::file(&outbox.join(format!("{id}.eml")))?;
                tracing::info!(
                    to,
                    link = letter.link,
                    file = format!("{id}.eml"),
                    "mail written to the outbox"
                );
            }
        }
        Ok(())
    }
}

/// The text and the HTML of a letter, for the reader's program to choose.
fn body(letter: &Letter) -> MultiPart {
    MultiPart::alternative()
        .singlepart(part(ContentType::TEXT_PLAIN, plain_text(letter)))
        .singlepart(part(ContentType::TEXT_HTML, html(letter)))
}

/// Base64 keeps long links whole (quoted-printable would break them across lines).
fn part(kind: ContentType, body: String) -> SinglePart {
    SinglePart::builder()
        .header(kind)
        .header(ContentTransferEncoding::Base64)
        .body(body)
}

const UNSUBSCRIBE: &str = "Отписаться от этих писем";

fn plain_text(l: &Letter) -> String {
    let unsubscribe = l
        .unsubscribe
        .as_ref()
        .map(|link| format!("{UNSUBSCRIBE}: {link}\n\n"))
        .unwrap_or_default();
    format!(
        "{}\n\n{}\n{}\n\n{}\n\n{unsubscribe}— Домком, личный кабинет жителя\n",
        l.greeting, l.text, l.link, l.footer
    )
}

fn html(l: &Letter) -> String {
    format!(
        "<!doctype html><html lang=\"ru\"><body style=\"font-family:sans-serif;line-height:1.5\">\
         <p>{}</p><p>{}</p>\
         <p><a href=\"{link}\" style=\"display:inline-block;padding:10px 18px;background:#1f5fa8;\
         color:#fff;border-radius:6px;text-decoration:none\">{}</a></p>\
         <p style=\"font-size:90%\">Или скопируйте ссылку: {link}</p>\
         <p style=\"color:#666\">{}</p>{unsubscribe}\
         <p style=\"color:#666\">— Домком, личный кабинет жителя</p></body></html>",
        escape(&l.greeting),
        escape(&l.text),
        escape(l.action),
        escape(l.footer),
        link = escape(&l.link),
        unsubscribe = l.unsubscribe.as_ref().map_or(String::new(), |link| format!(
            "<p style=\"color:#666\"><a href=\"{}\">{UNSUBSCRIBE}</a></p>",
            escape(link)
        )),
    )
}

/// Text for HTML.
pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
