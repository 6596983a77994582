//! The SPA's files: `index.html` for every client-side route, and the build under
//! `/pkg/<build>/`, whose directory is named by its content and so kept by browsers for a
//! year. Each file has brotli and gzip copies made at build time (`.br`, `.gz` beside it);
//! the best one the client accepts is sent as it is, so nothing is compressed per request.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::header::{self, AcceptEncoding, ContentEncoding, Encoding, Header};
use actix_web::http::{Method, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use domkom_dto::ErrorCode;
use std::path::{Path, PathBuf};

/// The copies the build writes beside each file, the best first.
const COPIES: [(ContentEncoding, &str); 2] = [
    (ContentEncoding::Brotli, "br"),
    (ContentEncoding::Gzip, "gz"),
];

/// A file from the build, or `index.html` for the client-side routes.
pub async fn file_or_page(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> actix_web::Result<HttpResponse> {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        // The pages and files are read only (`/health/…` too, the one route out here).
        return Ok(crate::app::method_not_allowed("GET, HEAD"));
    }
    let dir = &state.config.static_dir;
    let path = req.path().trim_start_matches('/');
    let looks_like_file = path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    let file = match safe_join(dir, path).filter(|p| p.is_file()) {
        Some(file) => file,
        None if looks_like_file => return Err(ApiError::not_found().into()),
        None => dir.join("index.html"),
    };
    let content_type = mime_guess::from_path(&file).first_or_octet_stream();
    let (sent, encoding) = match precompressed(&file, &req) {
        Some((copy, encoding)) => (copy, Some(encoding)),
        None => (file, None),
    };
    let named = actix_files::NamedFile::open_async(&sent)
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                ErrorCode::SpaNotBuilt,
                "Веб-интерфейс не собран: выполните scripts/run.sh или scripts/setup.sh build_spa",
            )
        })?
        .set_content_type(content_type)
        .disable_content_disposition();
    let named = match encoding {
        Some(encoding) => named.set_content_encoding(encoding),
        None => named,
    };
    let mut response = named.into_response(&req);
    let cache = if path.starts_with("pkg/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(cache),
    );
    headers.insert(
        header::VARY,
        header::HeaderValue::from_static("accept-encoding"),
    );
    Ok(response)
}

/// The build's compressed copy of `file` the client prefers, when there is one.
fn precompressed(file: &Path, req: &HttpRequest) -> Option<(PathBuf, ContentEncoding)> {
    let accept = AcceptEncoding::parse(req).ok()?;
    let copies: Vec<_> = COPIES
        .into_iter()
        .map(|(encoding, suffix)| (encoding, with_suffix(file, suffix)))
        .filter(|(_, copy)| copy.is_file())
        .collect();
    let offered: Vec<Encoding> = copies
        .iter()
        .map(|(encoding, _)| Encoding::Known(*encoding))
        .chain([Encoding::identity()])
        .collect();
    let Encoding::Known(chosen) = accept.negotiate(offered.iter())? else {
        return None;
    };
    copies
        .into_iter()
        .find(|(encoding, _)| *encoding == chosen)
        .map(|(encoding, copy)| (copy, encoding))
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Joins a request path to the static directory, refusing `..` and absolute parts.
fn safe_join(dir: &Path, path: &str) -> Option<PathBuf> {
    let mut out = dir.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part == "." || part.contains('\\') {
            return None;
        }
        out.push(part);
    }
    Some(out)
}
