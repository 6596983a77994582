//! A body with photos: JSON, or `multipart/form-data` whose text fields read as that JSON's
//! and whose `photos` parts are images. A photo's type is read from its bytes (JPEG, PNG,
//! HEIC), never from its name or the type the sender claims.

use crate::error::ApiError;
use crate::input::{typed, Json};
use actix_multipart::{Field, Multipart};
use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::{FromRequest, HttpRequest};
use domkom_dto::{ErrorCode, FieldError};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::future::Future;
use std::pin::Pin;

/// The most photos one message carries, and the largest photo.
pub const PHOTOS_MAX: usize = 5;
pub const PHOTO_MAX_BYTES: usize = 5 * 1024 * 1024;
/// A text field of the form.
const FIELD_MAX_BYTES: usize = 64 * 1024;
/// Parts of one form: the photos and a few text fields.
const PARTS_MAX: usize = 16;
const PHOTOS: &str = "photos";

/// A photo whose bytes are an image of a kind the portal keeps.
#[derive(Debug, Clone)]
pub struct Photo {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// What an image's first bytes say it is.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const HEIF_BRANDS: [&[u8; 4]; 8] = [
        b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1",
    ];
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && HEIF_BRANDS.iter().any(|b| &bytes[8..12] == *b)
    {
        Some("image/heic")
    } else {
        None
    }
}

/// The body `T` and its photos (none when it came as JSON).
pub struct WithPhotos<T> {
    pub data: T,
    pub photos: Vec<Photo>,
}

impl<T: DeserializeOwned + 'static> FromRequest for WithPhotos<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
        if !multipart {
            let json = Json::<T>::from_request(req, payload);
            return Box::pin(async move {
                let data = json.await?.into_inner();
                Ok(WithPhotos {
                    data,
                    photos: Vec::new(),
                })
            });
        }
        let form = Multipart::new(req.headers(), payload.take());
        Box::pin(async move { Ok(read_form(form).await?) })
    }
}

async fn read_form<T: DeserializeOwned>(mut form: Multipart) -> Result<WithPhotos<T>, ApiError> {
    let (mut fields, mut photos) = (Map::new(), Vec::new());
    let mut parts = 0;
    while let Some(field) = form.next().await {
        parts += 1;
        if parts > PARTS_MAX {
            return Err(too_many_parts());
        }
        let mut field = field.map_err(unreadable)?;
        let name = field.name().unwrap_or_default().to_owned();
        if name == PHOTOS {
            let bytes = read(&mut field, PHOTO_MAX_BYTES, photo_too_large).await?;
            if bytes.is_empty() {
                continue; // a form's empty file input
            }
            if photos.len() == PHOTOS_MAX {
                return Err(too_many_photos());
            }
            let content_type = sniff(&bytes).ok_or_else(not_an_image)?;
            photos.push(Photo {
                content_type,
                bytes,
            });
        } else {
            let bytes = read(&mut field, FIELD_MAX_BYTES, field_too_large).await?;
            let text = String::from_utf8(bytes).map_err(|_| not_utf8(&name))?;
            // A form's text travels with CRLF line breaks (HTML's form encoding); the
            // text kept has the LF a JSON body would have.
            fields.insert(name, Value::String(text.replace("\r\n", "\n")));
        }
    }
    Ok(WithPhotos {
        data: typed(Value::Object(fields))?,
        photos,
    })
}

/// A part's bytes, refused as soon as they pass `max`.
async fn read(
    field: &mut Field,
    max: usize,
    too_large: fn() -> ApiError,
) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(unreadable)?;
        if bytes.len() + chunk.len() > max {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

fn unreadable(e: actix_multipart::MultipartError) -> ApiError {
    ApiError::bad_request(
        ErrorCode::InvalidBody,
        format!("Форма не читается как multipart/form-data: {e}"),
    )
}

fn photo_too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::PayloadTooLarge,
        format!("Фотография больше {} МБ", PHOTO_MAX_BYTES / 1024 / 1024),
    )
}

fn field_too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::PayloadTooLarge,
        format!("Поле формы больше {} КБ", FIELD_MAX_BYTES / 1024),
    )
}

fn too_many_parts() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::PayloadTooLarge,
        format!("В форме больше {PARTS_MAX} частей"),
    )
}

fn too_many_photos() -> ApiError {
    ApiError::validation(vec![FieldError::new(
        PHOTOS,
        "length",
        format!("Не более {PHOTOS_MAX} фотографий"),
    )])
}

fn not_an_image() -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::UnsupportedMediaType,
        "Фотография — файл JPEG, PNG или HEIC",
    )
}

fn not_utf8(field: &str) -> ApiError {
    ApiError::validation(vec![FieldError::new(field, "encoding", "Текст в UTF-8")])
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn the_type_is_read_from_the_bytes() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("image/png"));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Some("image/heic"));
        assert_eq!(sniff(b"\0\0\0\x18ftypmif1\0\0\0\0"), Some("image/heic"));
        assert_eq!(sniff(b"\0\0\0\x18ftypmp42\0\0\0\0"), None, "an MP4 video");
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b"<svg xmlns="), None);
        assert_eq!(sniff(b"\xFF\xD8"), None, "too short to be a JPEG");
        assert_eq!(sniff(b""), None);
    }
}
