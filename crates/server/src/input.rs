//! What every request's input passes before a handler sees it: no text of a JSON body or of
//! the query string holds a forbidden character (`rules::is_forbidden_char`: NUL, other
//! control characters, bidirectional overrides), and every list's `limit` and `offset` are
//! in range. Refused with 422 naming the field.

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use domkom_dto::ErrorCode;
use domkom_dto::{rules, PageQuery};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::{ready, Future, Ready};
use std::ops::Deref;
use std::pin::Pin;

/// A JSON body read into `T` once every text in it passed the character rule. The body's
/// size limit and its syntax errors are the app's `JsonConfig`'s.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let value = web::Json::<Value>::from_request(req, payload);
        Box::pin(async move { Ok(Json(typed(value.await?.into_inner())?)) })
    }
}

/// A body's JSON value read into `T` once every text in it passed the character rule.
pub fn typed<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    // serde would read a struct from an array too (`[null, null]`).
    if !value.is_object() {
        return Err(ApiError::new(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::InvalidBody,
            "Тело запроса — JSON-объект",
        ));
    }
    if let Some(e) = forbidden_text(&value, &mut String::new()) {
        return Err(ApiError::validation(vec![e]));
    }
    T::deserialize(value).map_err(|e| invalid_body(&e))
}

/// A JSON body that may be left out: none when the request names no content type, else
/// read as [`Json`], so a wrong body is refused rather than taken for none.
#[derive(Debug)]
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned + 'static> FromRequest for OptionalJson<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if !req
            .headers()
            .contains_key(actix_web::http::header::CONTENT_TYPE)
        {
            return Box::pin(ready(Ok(OptionalJson(None))));
        }
        let body = Json::<T>::from_request(req, payload);
        Box::pin(async move { Ok(OptionalJson(Some(body.await?.into_inner()))) })
    }
}

/// 422 for JSON of the wrong shape: a missing field, a wrong type, an unknown value.
pub fn invalid_body(e: &serde_json::Error) -> ApiError {
    ApiError::new(
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::InvalidBody,
        format!("Неверные данные в запросе: {e}"),
    )
    .with_missing_field(&e.to_string())
}

/// The first text breaking the rule, at its path (`bank.bic`, `items[2].name`).
fn forbidden_text(value: &Value, path: &mut String) -> Option<domkom_dto::FieldError> {
    let len = path.len();
    let found = match value {
        Value::String(s) => rules::check_characters(path, s),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            path.truncate(len);
            path.push_str(&format!("[{i}]"));
            forbidden_text(item, path)
        }),
        Value::Object(fields) => fields.iter().find_map(|(name, item)| {
            path.truncate(len);
            if len > 0 {
                path.push('.');
            }
            path.push_str(name);
            forbidden_text(item, path)
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    };
    path.truncate(len);
    found
}

/// A query string read into `T` once every parameter passed the character rule and the
/// paging bounds (`limit`, `offset`). An extractor rather than a middleware, so that a
/// handler's authentication, extracted first, answers before the query is judged.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(read_query(req.query_string()))
    }
}

fn read_query<T: DeserializeOwned>(query: &str) -> Result<Query<T>, ApiError> {
    let refused = url::form_urlencoded::parse(query.as_bytes()).find_map(|(name, value)| {
        rules::check_characters(&name, &name)
            .or_else(|| rules::check_characters(&name, &value))
            .or_else(|| PageQuery::check_param(&name, &value))
    });
    if let Some(e) = refused {
        return Err(ApiError::validation(vec![e]));
    }
    web::Query::<T>::from_query(query)
        .map(|q| Query(q.into_inner()))
        .map_err(|e| {
            ApiError::bad_request(
                ErrorCode::InvalidQuery,
                format!("Неверные параметры запроса: {e}"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(value: Value) -> Option<String> {
        forbidden_text(&value, &mut String::new()).map(|e| e.field)
    }

    #[test]
    fn the_path_names_the_text_that_breaks_the_rule() {
        assert_eq!(at(json!({ "name": "ООО «Ромашка»\tтел.\n1" })), None);
        assert_eq!(at(json!({ "login": "ivan\u{0}" })), Some("login".into()));
        assert_eq!(
            at(json!({ "bank": { "bic": "0445\u{202E}25225" } })),
            Some("bank.bic".into())
        );
        assert_eq!(
            at(json!({ "ok": 1, "items": [{ "name": "a" }, { "name": "b\u{85}" }] })),
            Some("items[1].name".into())
        );
        assert_eq!(at(json!(["\r"])), Some("[0]".into()));
    }
}
