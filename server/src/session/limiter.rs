//! The limit on failed logins: per account and per client address, in a sliding window. An
//! attempt is reserved before JOC is asked, so parallel attempts cannot all pass the check
//! before the first failure is counted; a successful login gives its reservation back, so
//! people behind one address do not lock each other out by logging in.

use parking_lot::Mutex;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Client(IpAddr),
}

/// Attempts per key: when each was reserved, with a number to give one back.
#[derive(Default)]
struct Attempts {
    by_key: HashMap<Key, Vec<(u64, Instant)>>,
    next: u64,
}

/// Failed logins per account and per client in a sliding window.
#[derive(Clone)]
pub struct LoginLimiter {
    attempts: Arc<Mutex<Attempts>>,
    max: usize,
    window: Duration,
}

/// Which limit refused an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limited {
    Account,
    Client,
}

/// A reserved attempt: counted as failed unless [`Reservation::succeeded`] gives it back
/// (a login that is cancelled midway stays counted).
pub struct Reservation {
    limiter: LoginLimiter,
    keys: Vec<Key>,
    id: u64,
}

impl Reservation {
    /// The login succeeded: the attempt does not count.
    pub fn succeeded(self) {
        let mut a = self.limiter.attempts.lock();
        for k in &self.keys {
            if let Some(v) = a.by_key.get_mut(k) {
                v.retain(|(id, _)| *id != self.id);
            }
        }
    }
}

impl LoginLimiter {
    /// At most `max` failed attempts per account and per client within `window`.
    pub fn new(max: usize, window: Duration) -> LoginLimiter {
        LoginLimiter { attempts: Arc::default(), max, window }
    }

    /// Reserves one attempt for `account` from `client`, or says which limit is reached.
    pub fn reserve(&self, account: &str, client: Option<IpAddr>) -> Result<Reservation, Limited> {
        let now = Instant::now();
        let keys: Vec<Key> =
            std::iter::once(Key::Account(account.to_lowercase())).chain(client.map(Key::Client)).collect();
        let mut a = self.attempts.lock();
        let window = self.window;
        a.by_key.retain(|_, v| {
            v.retain(|(_, t)| now.duration_since(*t) < window);
            !v.is_empty()
        });
        for k in &keys {
            if a.by_key.get(k).is_some_and(|v| v.len() >= self.max) {
                return Err(match k {
                    Key::Account(_) => Limited::Account,
                    Key::Client(_) => Limited::Client,
                });
            }
        }
        a.next += 1;
        let id = a.next;
        for k in &keys {
            a.by_key.entry(k.clone()).or_default().push((id, now));
        }
        Ok(Reservation { limiter: self.clone(), keys, id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_limited_per_client_and_per_account() {
        let l = LoginLimiter::new(3, Duration::from_secs(60));
        let a: IpAddr = [127, 0, 0, 1].into();
        let b: IpAddr = [127, 0, 0, 2].into();
        for _ in 0..3 {
            drop(l.reserve("root", Some(a)).expect("allowed"));
        }
        assert_eq!(l.reserve("other", Some(a)).err(), Some(Limited::Client));
        assert_eq!(l.reserve("ROOT", Some(b)).err(), Some(Limited::Account), "accounts are case-blind");
        assert!(l.reserve("other", Some(b)).is_ok());
    }

    #[test]
    fn successful_logins_give_their_attempt_back() {
        let l = LoginLimiter::new(2, Duration::from_secs(60));
        let a: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..10 {
            l.reserve("root", Some(a)).expect("allowed").succeeded();
        }
        assert!(l.reserve("root", Some(a)).is_ok());
    }

    /// Attempts in flight count: the limit holds before any of them is answered.
    #[test]
    fn attempts_in_flight_count() {
        let l = LoginLimiter::new(3, Duration::from_secs(60));
        let held: Vec<_> = (0..3).map(|_| l.reserve("root", None).expect("allowed")).collect();
        assert_eq!(l.reserve("root", None).err(), Some(Limited::Account));
        drop(held);
    }

    #[test]
    fn the_window_slides() {
        let l = LoginLimiter::new(1, Duration::from_millis(50));
        drop(l.reserve("root", None).expect("allowed"));
        assert!(l.reserve("root", None).is_err());
        std::thread::sleep(Duration::from_millis(60));
        assert!(l.reserve("root", None).is_ok());
    }
}
