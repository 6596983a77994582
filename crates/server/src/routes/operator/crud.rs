//! The steps every operator resource repeats: read one object of the organization, write
//! in a transaction and answer what was stored, delete, list a page.

use crate::db::{self, DbConn};
use crate::error::ApiError;
use crate::routes::with_db;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use diesel::QueryResult;
use domkom_dto::Page;
use domkom_values::OrganizationId;

pub type State = web::Data<AppState>;

/// How a resource reads one of its objects: `(conn, organization, id)`, `I` its id type.
pub type Getter<T, I> = fn(&mut DbConn, OrganizationId, I) -> QueryResult<Option<T>>;

/// The object `id` of the organization, or 404.
pub async fn fetch<T: Send + 'static, I: Send + 'static>(
    state: &State,
    org: OrganizationId,
    id: I,
    get: Getter<T, I>,
) -> Result<web::Json<T>, ApiError> {
    with_db(&state.pool, move |c| {
        get(c, org, id)?.ok_or_else(ApiError::not_found)
    })
    .await
    .map(web::Json)
}

/// Runs `write` (which answers the id written) in a write transaction, then reads the
/// object back in the same transaction.
pub async fn save<T, I, F>(
    state: &State,
    org: OrganizationId,
    write: F,
    get: Getter<T, I>,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    I: Send + 'static,
    F: FnOnce(&mut DbConn) -> Result<I, ApiError> + Send + 'static,
{
    with_db(&state.pool, move |c| {
        db::write_tx(c, |c| {
            let id = write(c)?;
            get(c, org, id)?.ok_or_else(ApiError::not_found)
        })
    })
    .await
}

/// `save` for a new object: 201 with its body.
pub async fn created<T, I, F>(
    state: &State,
    org: OrganizationId,
    write: F,
    get: Getter<T, I>,
) -> Result<HttpResponse, ApiError>
where
    T: serde::Serialize + Send + 'static,
    I: Send + 'static,
    F: FnOnce(&mut DbConn) -> Result<I, ApiError> + Send + 'static,
{
    let object = save(state, org, write, get).await?;
    Ok(HttpResponse::Created().json(object))
}

/// The id again when an update touched a row of the organization, else 404.
pub fn updated<I>(rows: usize, id: I) -> Result<I, ApiError> {
    match rows {
        0 => Err(ApiError::not_found()),
        _ => Ok(id),
    }
}

/// Runs `delete` (which answers the rows deleted) in a write transaction: 204, or 404.
pub async fn remove<F>(state: &State, delete: F) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut DbConn) -> Result<usize, ApiError> + Send + 'static,
{
    with_db(&state.pool, move |c| {
        db::write_tx(c, |c| match delete(c)? {
            0 => Err(ApiError::not_found()),
            _ => Ok(()),
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// One page of a list.
pub async fn page<T, F>(state: &State, list: F) -> Result<web::Json<Page<T>>, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConn) -> QueryResult<(Vec<T>, i64)> + Send + 'static,
{
    let (items, total) = with_db(&state.pool, move |c| Ok(list(c)?)).await?;
    Ok(web::Json(Page { items, total }))
}

/// The object `id` of the organization inside a transaction, or 404 (checked before the
/// body's references, so another organization's id is always 404).
pub fn found<T, I>(
    c: &mut DbConn,
    org: OrganizationId,
    id: I,
    get: Getter<T, I>,
) -> Result<T, ApiError> {
    get(c, org, id)?.ok_or_else(ApiError::not_found)
}
