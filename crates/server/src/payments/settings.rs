//! How online payment is set up: `DOMKOM_PAYMENT_PROVIDER`, `DOMKOM_PAYMENT_MAX`,
//! `DOMKOM_PAYMENT_TTL_MINUTES`, and a YooKassa shop's `DOMKOM_YOOKASSA_*`.

use crate::config::{bad, var, ConfigError, Environment};
use domkom_values::Money;
use std::time::Duration;

/// Who collects the money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provider {
    /// Domkom's own acquirer: a page with «Оплатить» and «Отказаться», no money moves.
    Sandbox,
    YooKassa(super::yookassa::Shop),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `None`: online payment is off (production with no provider configured).
    pub provider: Option<Provider>,
    /// The most one payment may be.
    pub max: Money,
    /// How long a started payment waits for the payer.
    pub ttl: Duration,
}

/// What a payment may be beyond the debt: an advance of up to this.
pub const ADVANCE_MAX: Money = Money::from_kopecks(100_000 * 100);

impl Default for Settings {
    fn default() -> Self {
        Self {
            provider: Some(Provider::Sandbox),
            max: Money::from_kopecks(500_000 * 100),
            ttl: Duration::from_secs(60 * 60),
        }
    }
}

impl Settings {
    /// The largest payment of an account that owes `due` (negative: an advance).
    pub fn limit(&self, due: Money) -> Money {
        let owed = due.max(Money::ZERO);
        owed.checked_add(ADVANCE_MAX)
            .map_or(self.max, |limit| limit.min(self.max))
    }

    pub fn from_env(env: Environment) -> Result<Settings, ConfigError> {
        let defaults = Settings::default();
        let provider = match var("DOMKOM_PAYMENT_PROVIDER")?.as_deref() {
            None if env == Environment::Production => None,
            None | Some("sandbox") if env == Environment::Production => {
                return Err(bad(
                    "DOMKOM_PAYMENT_PROVIDER",
                    "the sandbox takes no money: not in production",
                ))
            }
            None | Some("sandbox") => Some(Provider::Sandbox),
            Some("yookassa") => Some(Provider::YooKassa(shop()?)),
            Some("off") => None,
            Some(other) => {
                return Err(bad(
                    "DOMKOM_PAYMENT_PROVIDER",
                    format!("`{other}`: expected yookassa, sandbox or off"),
                ))
            }
        };
        let max = match var("DOMKOM_PAYMENT_MAX")? {
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|r| (1..=10_000_000).contains(r))
                .map(|rubles| Money::from_kopecks(rubles * 100))
                .ok_or_else(|| bad("DOMKOM_PAYMENT_MAX", "whole rubles, 1 to 10 000 000"))?,
            None => defaults.max,
        };
        let ttl = match var("DOMKOM_PAYMENT_TTL_MINUTES")? {
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|m| (5..=7 * 24 * 60).contains(m))
                .map(|m| Duration::from_secs(m * 60))
                .ok_or_else(|| bad("DOMKOM_PAYMENT_TTL_MINUTES", "minutes, 5 to 10080"))?,
            None => defaults.ttl,
        };
        Ok(Settings { provider, max, ttl })
    }
}

/// The shop of `DOMKOM_YOOKASSA_SHOP_ID`, `DOMKOM_YOOKASSA_SECRET_KEY` and
/// `DOMKOM_YOOKASSA_URL`.
fn shop() -> Result<super::yookassa::Shop, ConfigError> {
    let required = |name| var(name)?.ok_or_else(|| bad(name, "required for yookassa"));
    let base_url =
        var("DOMKOM_YOOKASSA_URL")?.unwrap_or_else(|| "https://api.yookassa.ru/v3".into());
    url::Url::parse(&base_url)
        .map_err(|e| bad("DOMKOM_YOOKASSA_URL", format!("not a URL: {e}")))?;
    Ok(super::yookassa::Shop {
        shop_id: required("DOMKOM_YOOKASSA_SHOP_ID")?,
        secret_key: required("DOMKOM_YOOKASSA_SECRET_KEY")?,
        base_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payment_covers_the_debt_and_an_advance_within_the_maximum() {
        let s = Settings::default();
        let rub = |r: i64| Money::from_kopecks(r * 100);
        assert_eq!(s.limit(rub(1_500)), rub(101_500));
        assert_eq!(s.limit(rub(-3_000)), rub(100_000), "an advance already");
        assert_eq!(s.limit(rub(450_000)), rub(500_000), "the maximum");
        assert_eq!(s.limit(Money::from_kopecks(i64::MAX)), rub(500_000));
    }
}
