//! Photos to send with a message: chosen one by one or several at once, checked against
//! the server's limits before anything is sent, and read into memory.

use crate::components::field::{FieldErrors, FieldFrame, Wiring};
use crate::format;
use domkom_client::Upload;
use domkom_dto::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

/// The most photos one message takes.
pub const PHOTOS_MAX: usize = 5;
/// The largest photo the server takes: 5 MiB.
pub const PHOTO_BYTES_MAX: u64 = 5 * 1024 * 1024;

/// The types the server takes, and what the file input offers (some systems give a
/// HEIC photo no type, hence the extensions).
const ACCEPT: &str = "image/jpeg,image/png,image/heic,image/heif,.jpg,.jpeg,.png,.heic,.heif";

/// A chosen file as the check sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    pub name: String,
    /// The type the browser gave, often empty for HEIC.
    pub kind: String,
    pub size: u64,
}

/// The types to send the files `chosen` as, when they may join the `already` chosen ones;
/// else why not, as the error of the `photos` field.
pub fn check(already: usize, chosen: &[Chosen]) -> Result<Vec<&'static str>, FieldError> {
    let refuse = |code, message: String| Err(FieldError::new("photos", code, message));
    if already + chosen.len() > PHOTOS_MAX {
        return refuse(
            "count",
            format!("Не более {PHOTOS_MAX} фото к одному сообщению"),
        );
    }
    if let Some(big) = chosen.iter().find(|c| c.size > PHOTO_BYTES_MAX) {
        return refuse(
            "size",
            format!(
                "«{}» — {}, а можно не больше 5\u{a0}МБ",
                big.name,
                format::file_size(big.size)
            ),
        );
    }
    chosen
        .iter()
        .map(|c| {
            content_type(c).ok_or_else(|| {
                let message = format!("«{}»: подойдёт фото в формате JPEG, PNG или HEIC", c.name);
                FieldError::new("photos", "type", message)
            })
        })
        .collect()
}

/// The type to send the file as: the browser's, else the one its extension names.
fn content_type(file: &Chosen) -> Option<&'static str> {
    let extension = file.name.rsplit_once('.').map(|(_, e)| e.to_lowercase());
    match (file.kind.as_str(), extension.as_deref()) {
        ("image/jpeg", _) | ("", Some("jpg" | "jpeg")) => Some("image/jpeg"),
        ("image/png", _) | ("", Some("png")) => Some("image/png"),
        ("image/heic" | "image/heif", _) | ("", Some("heic" | "heif")) => Some("image/heic"),
        _ => None,
    }
}

/// The file input (`photos`) and the photos chosen so far, each with «Убрать». A choice
/// that breaks a limit is refused whole, at the field.
#[component]
pub fn PhotoPicker(photos: RwSignal<Vec<Upload>>, errors: FieldErrors) -> impl IntoView {
    let wiring = Wiring {
        name: "photos",
        errors,
        hint: Some("До 5 фото в формате JPEG, PNG или HEIC, каждое до 5\u{a0}МБ"),
    };
    let reading = RwSignal::new(false);
    let choose = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = selected(&input);
        // Cleared, so that the same file can be chosen again after «Убрать».
        input.set_value("");
        let chosen: Vec<Chosen> = files.iter().map(chosen).collect();
        let types = match check(photos.with_untracked(Vec::len), &chosen) {
            Ok(types) => types,
            Err(refused) => {
                errors.put("photos", Some(refused));
                return;
            }
        };
        errors.put("photos", None);
        reading.set(true);
        spawn_local(async move {
            for (file, content_type) in files.into_iter().zip(types) {
                match read(&file, content_type).await {
                    Ok(upload) => photos.update(|p| p.push(upload)),
                    Err(_) => {
                        let message = format!("Не удалось прочитать «{}»", file.name());
                        let error = FieldError::new("photos", "unreadable", message);
                        errors.put("photos", Some(error));
                    }
                }
            }
            reading.set(false);
        });
    };
    view! {
        <FieldFrame wiring label="Фотографии">
            <input
                id="photos"
                name="photos"
                type="file"
                accept=ACCEPT
                multiple
                aria-invalid=move || wiring.invalid()
                aria-describedby=move || wiring.described_by(&[])
                disabled=move || reading.get()
                on:change=choose
            />
        </FieldFrame>
        <ul class="chosen-photos" aria-label="Выбранные фото" aria-live="polite">
            {move || {
                photos
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, photo)| {
                        view! {
                            <li data-test="chosen-photo">
                                <span class="chosen-name">{photo.file_name}</span>
                                <span class="muted">{format::file_size(photo.bytes.len() as u64)}</span>
                                <button
                                    type="button"
                                    class="button button-quiet button-small"
                                    on:click=move |_| photos.update(|p| {
                                        p.remove(i);
                                    })
                                >
                                    "Убрать"
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

fn selected(input: &HtmlInputElement) -> Vec<File> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

fn chosen(file: &File) -> Chosen {
    Chosen {
        name: file.name(),
        kind: file.type_(),
        size: file.size() as u64,
    }
}

/// The file's bytes, to send as `content_type`.
async fn read(file: &File, content_type: &str) -> Result<Upload, JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(Upload {
        file_name: file.name(),
        content_type: content_type.to_owned(),
        bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, kind: &str, size: u64) -> Chosen {
        Chosen {
            name: name.into(),
            kind: kind.into(),
            size,
        }
    }

    fn refused(already: usize, chosen: &[Chosen]) -> Option<(String, String)> {
        check(already, chosen).err().map(|e| (e.code, e.message))
    }

    #[test]
    fn jpeg_png_and_heic_are_taken_by_type_or_by_extension() {
        let photos = [
            file("a.jpg", "image/jpeg", 10),
            file("b.png", "image/png", 10),
            file("IMG_0001.HEIC", "", 10),
            file("c.heif", "image/heif", 10),
        ];
        assert_eq!(
            check(0, &photos),
            Ok(vec!["image/jpeg", "image/png", "image/heic", "image/heic"])
        );
        let (code, message) = refused(0, &[file("scan.pdf", "application/pdf", 10)]).unwrap();
        assert_eq!(code, "type");
        assert!(message.contains("«scan.pdf»"), "{message}");
        assert_eq!(
            refused(0, &[file("x.png", "text/plain", 10)]).unwrap().0,
            "type"
        );
    }

    #[test]
    fn at_most_five_photos_of_at_most_5_mib() {
        let one = file("a.jpg", "image/jpeg", PHOTO_BYTES_MAX);
        assert_eq!(refused(4, std::slice::from_ref(&one)), None);
        let (code, message) = refused(5, &[one.clone()]).unwrap();
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("count", "Не более 5 фото к одному сообщению")
        );
        assert_eq!(refused(0, &vec![one; 6]).unwrap().0, "count");
        let (code, message) =
            refused(0, &[file("big.jpg", "image/jpeg", PHOTO_BYTES_MAX + 1)]).unwrap();
        assert_eq!(code, "size");
        assert!(message.starts_with("«big.jpg» — 5,1"), "{message}");
    }
}
