//! The OpenAPI document, generated from the handlers' annotations.

use crate::error::PROBLEM_JSON;
use crate::routes;
use std::sync::OnceLock;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Domkom API",
        description = "REST API of Domkom, the resident self-service portal for housing and utilities. \
                       Errors are RFC 7807 problem+json with a stable `code`; money is integer kopecks.",
        license(name = "AGPL-3.0-or-later"),
    ),
    modifiers(&BearerAuth),
    components(schemas(domkom_dto::FieldError)),
    tags(
        (name = "site", description = "What every page shows about the portal"),
        (name = "auth", description = "Registration, sign-in, tokens, password recovery"),
        (name = "me", description = "The signed-in user's profile"),
        (name = "accounts", description = "The resident's personal accounts"),
        (name = "operator", description = "The company's staff: their organization's data"),
        (name = "admin", description = "Platform administration: organizations and their staff"),
        (name = "ops", description = "Health checks"),
    )
)]
struct ApiDoc;

/// The document: the info above and the paths of [`routes::all`], each error declared as
/// sent. Read once.
pub fn spec() -> &'static utoipa::openapi::OpenApi {
    static SPEC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    SPEC.get_or_init(|| {
        let (_, mut spec) = actix_web::App::new()
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .configure(routes::all)
            .split_for_parts();
        ProblemResponses.modify(&mut spec);
        spec
    })
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Errors as they are sent: `application/problem+json`; a secured operation lists 401 and
/// 403, and every operation a `default` for the statuses it does not list (a malformed
/// query or body, an oversized one, a wrong content type, too many tries, a server error).
struct ProblemResponses;

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in operations.into_iter().flatten() {
                for response in op.responses.responses.values_mut() {
                    if let RefOr::T(response) = response {
                        as_problem_json(response);
                    }
                }
                let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
                let listed = &mut op.responses.responses;
                if secured {
                    listed
                        .entry("401".into())
                        .or_insert_with(|| problem("No access token, or an expired one"));
                    listed
                        .entry("403".into())
                        .or_insert_with(|| problem("Not for the caller's role"));
                }
                listed
                    .entry("default".into())
                    .or_insert_with(|| problem("Any other error"));
            }
        }
    }
}

/// Moves a `Problem` body from `application/json` to `application/problem+json`.
fn as_problem_json(response: &mut Response) {
    let is_problem = |c: &RefOr<Content>| match c {
        RefOr::T(c) => {
            matches!(&c.schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/Problem"))
        }
        RefOr::Ref(_) => false,
    };
    if response
        .content
        .get("application/json")
        .is_some_and(is_problem)
    {
        if let Some(content) = response.content.shift_remove("application/json") {
            response.content.insert(PROBLEM_JSON.into(), content);
        }
    }
}

fn problem(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            Content::new(Some(Ref::from_schema_name("Problem"))),
        )
        .build()
        .into()
}

/// The methods the API answers at `path` (`GET, PUT`), if any route has that path: what
/// a 405 names in `Allow`. Read from the spec, which lists every route.
pub fn allowed_methods(path: &str) -> Option<String> {
    static ROUTES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let routes = ROUTES.get_or_init(|| {
        spec()
            .paths
            .paths
            .iter()
            .map(|(pattern, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("PUT", item.put.is_some()),
                    ("POST", item.post.is_some()),
                    ("DELETE", item.delete.is_some()),
                    ("PATCH", item.patch.is_some()),
                ];
                let allow: Vec<&str> = methods.iter().filter(|m| m.1).map(|m| m.0).collect();
                (pattern.clone(), allow.join(", "))
            })
            .collect()
    });
    let matches = |pattern: &str| {
        let (mut want, mut got) = (pattern.split('/'), path.split('/'));
        loop {
            match (want.next(), got.next()) {
                (None, None) => return true,
                (Some(w), Some(g)) if w.starts_with('{') && !g.is_empty() => continue,
                (Some(w), Some(g)) if w == g => continue,
                _ => return false,
            }
        }
    };
    // `payments/registry` before `payments/{id}`: the fewest parameters is the route.
    routes
        .iter()
        .filter(|(pattern, _)| matches(pattern))
        .min_by_key(|(pattern, _)| pattern.matches('{').count())
        .map(|(_, allow)| allow.clone())
}

/// The document as committed in `openapi/openapi.json`.
pub fn spec_json() -> String {
    let mut json = spec().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
