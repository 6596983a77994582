//! Attempt limits for sign-in, registration and password recovery.
//!
//! Behind a trait so that several server instances can later share counters through the
//! database; one instance keeps them in memory.

use crate::error::ApiError;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// At most `max` attempts per `window` for one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window: Duration,
}

impl Limit {
    pub const fn per_minutes(max: u32, minutes: u64) -> Self {
        Self {
            max,
            window: Duration::from_secs(minutes * 60),
        }
    }
}

pub trait RateLimiter: Send + Sync {
    /// Counts an attempt under `key`; `Err(seconds)` tells how long to wait when over limit.
    fn hit(&self, key: &str, limit: Limit) -> Result<(), u64>;

    /// Without counting: `Some(seconds)` when `key` already used up its limit.
    fn blocked(&self, key: &str, limit: Limit) -> Option<u64>;
}

/// Fixed-window counters in memory.
#[derive(Default)]
pub struct MemoryLimiter {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter for MemoryLimiter {
    fn hit(&self, key: &str, limit: Limit) -> Result<(), u64> {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < limit.window);
        }
        let (start, count) = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(*start) >= limit.window {
            *start = now;
            *count = 0;
        }
        if *count >= limit.max {
            let wait = limit.window.saturating_sub(now.duration_since(*start));
            return Err(wait.as_secs().max(1));
        }
        *count += 1;
        Ok(())
    }

    fn blocked(&self, key: &str, limit: Limit) -> Option<u64> {
        let windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let (start, count) = windows.get(key)?;
        let elapsed = Instant::now().duration_since(*start);
        (elapsed < limit.window && *count >= limit.max)
            .then(|| limit.window.saturating_sub(elapsed).as_secs().max(1))
    }
}

/// Counts an attempt under every key, failing with 429 on the first one over its limit.
pub fn check(limiter: &dyn RateLimiter, keys: &[(String, Limit)]) -> Result<(), ApiError> {
    for (key, limit) in keys {
        limiter.hit(key, *limit).map_err(ApiError::rate_limited)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_limit_and_tells_how_long_to_wait() {
        let limiter = MemoryLimiter::default();
        let limit = Limit::per_minutes(2, 1);
        assert_eq!(limiter.hit("a", limit), Ok(()));
        assert_eq!(limiter.hit("a", limit), Ok(()));
        let wait = limiter.hit("a", limit).unwrap_err();
        assert!((1..=60).contains(&wait), "{wait}");
        assert_eq!(limiter.hit("b", limit), Ok(()), "keys are counted apart");
        assert!(limiter.blocked("a", limit).is_some());
        assert_eq!(limiter.blocked("b", limit), None, "one of two used");
        assert_eq!(limiter.blocked("c", limit), None);
    }

    #[test]
    fn a_new_window_starts_afresh() {
        let limiter = MemoryLimiter::default();
        let limit = Limit {
            max: 1,
            window: Duration::from_millis(20),
        };
        assert!(limiter.hit("a", limit).is_ok());
        assert!(limiter.hit("a", limit).is_err());
        std::thread::sleep(Duration::from_millis(30));
        assert!(limiter.hit("a", limit).is_ok());
    }
}
