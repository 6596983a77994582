//! OpenAPI schemas: every value type travels as the JSON integer it wraps, so the spec
//! shows it as `int64` (the server's spec only; the SPA builds without utoipa).

/// Declares `$name` an `int64` in the spec.
macro_rules! int64_schema {
    ($($name:ty),* $(,)?) => {$(
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                <i64 as utoipa::PartialSchema>::schema()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    )*};
}

pub(crate) use int64_schema;

int64_schema!(
    crate::Money,
    crate::Quantity,
    crate::Area,
    crate::AreaNorm,
    crate::Tariff
);
