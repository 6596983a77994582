//! Letters over real SMTP: a minimal SMTP server records what the app sends.

use crate::helpers::{decode_letter, register_form, Backend, TestApp};
use domkom_client::dto::ErrorCode;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server: keeps the DATA of every letter it accepts; while `refusal`
/// holds a reply, it answers `MAIL FROM` with it instead.
pub struct SmtpSink {
    pub port: u16,
    pub letters: Arc<Mutex<Vec<String>>>,
    pub refusal: Arc<Mutex<Option<&'static str>>>,
}

pub async fn smtp_sink() -> SmtpSink {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let letters = Arc::new(Mutex::new(Vec::new()));
    let refusal = Arc::new(Mutex::new(None::<&'static str>));
    let (store, refused) = (letters.clone(), refusal.clone());
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (store, refused) = (store.clone(), refused.clone());
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.to_ascii_uppercase();
                    let refusal = *refused.lock().unwrap();
                    let reply: &[u8] = if verb.starts_with("EHLO") || verb.starts_with("HELO") {
                        b"250 sink\r\n"
                    } else if let (true, Some(refusal)) = (verb.starts_with("MAIL FROM"), refusal) {
                        refusal.as_bytes()
                    } else if verb.starts_with("DATA") {
                        write.write_all(b"354 go on\r\n").await.unwrap();
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        store.lock().unwrap().push(data);
                        b"250 queued\r\n"
                    } else if verb.starts_with("QUIT") {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    if write.write_all(reply).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    SmtpSink {
        port,
        letters,
        refusal,
    }
}

#[tokio::test]
async fn the_activation_letter_goes_out_over_smtp_in_russian_with_text_and_html() {
    let SmtpSink { port, letters, .. } = smtp_sink().await;
    let app = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))
    })
    .await
    .unwrap();
    app.client.register(&register_form("mailed")).await.unwrap();

    let sent = letters.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    let letter = decode_letter(&sent[0]);
    assert!(letter.contains("To: mailed@example.ru"), "{letter}");
    assert!(letter.contains("text/plain") && letter.contains("text/html"));
    assert!(letter.contains("Здравствуйте, Иванов Иван Иванович!"));
    let start = letter.find("/activate?token=").expect("the link") + "/activate?token=".len();
    let token: String = letter[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_".contains(*c))
        .collect();
    app.client.activate(&token).await.unwrap();
    assert!(
        !app.data_dir.path().join("outbox").exists(),
        "SMTP replaces the outbox"
    );
}

#[tokio::test]
async fn without_a_mail_server_registration_is_taken_back() {
    let dead_port = crate::helpers::free_port();
    let app = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{dead_port}"))
    })
    .await
    .unwrap();
    let err = app
        .client
        .register(&register_form("unlucky"))
        .await
        .unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(503), Some(ErrorCode::MailUnavailable))
    );
    // Nothing half-written: the same login and e-mail can register once mail works again.
    let err = app
        .client
        .register(&register_form("unlucky"))
        .await
        .unwrap_err();
    assert_eq!(
        err.code(),
        Some(ErrorCode::MailUnavailable),
        "not login_taken"
    );
}
