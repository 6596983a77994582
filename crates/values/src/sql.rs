//! Database columns: every value type is stored as the BIGINT it wraps. It binds and
//! loads through the `i64` conversions of whatever backend runs the query, so it also
//! goes through a multi-backend connection.

/// Lets `$name`, a one-field tuple struct of `i64`, be bound to and loaded from a BIGINT.
macro_rules! bigint_column {
    ($($name:ident),* $(,)?) => {$(
        $crate::sql::bigint_column!(@bind $name, diesel::sql_types::BigInt);
        $crate::sql::bigint_column!(
            @bind $name,
            diesel::sql_types::Nullable<diesel::sql_types::BigInt>
        );

        impl<DB: diesel::backend::Backend> diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>
            for $name
        where
            i64: diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>,
        {
            fn from_sql(value: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                i64::from_sql(value).map($name)
            }
        }

        // For what binds a value itself rather than its expression: a nullable column set
        // from an `Option`, a list in `eq_any`.
        impl<DB: diesel::backend::Backend> diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>
            for $name
        where
            i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.0.to_sql(out)
            }
        }

        impl<DB: diesel::backend::Backend> diesel::deserialize::Queryable<diesel::sql_types::BigInt, DB>
            for $name
        where
            Self: diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>,
        {
            type Row = Self;
            fn build(row: Self) -> diesel::deserialize::Result<Self> {
                Ok(row)
            }
        }
    )*};
    (@bind $name:ident, $sql:ty) => {
        impl diesel::expression::AsExpression<$sql> for $name {
            type Expression = <i64 as diesel::expression::AsExpression<$sql>>::Expression;
            fn as_expression(self) -> Self::Expression {
                <i64 as diesel::expression::AsExpression<$sql>>::as_expression(self.0)
            }
        }

        impl diesel::expression::AsExpression<$sql> for &$name {
            type Expression = <i64 as diesel::expression::AsExpression<$sql>>::Expression;
            fn as_expression(self) -> Self::Expression {
                <i64 as diesel::expression::AsExpression<$sql>>::as_expression(self.0)
            }
        }
    };
}

pub(crate) use bigint_column;

use crate::{Area, AreaNorm, Money, Quantity, Tariff};

bigint_column!(Money, Quantity, Area, AreaNorm, Tariff);
