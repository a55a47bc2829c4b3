//! The limit on failed logins, in a sliding window:
//! - per client (any account): `per_client` failures. One browser guessing.
//! - per account (any client): `per_account` failures, a higher bound against guessing spread
//!   over many addresses.
//!
//! A client that logged in to an account in the last `known_for` is known to it: its attempts
//! at that account count apart, `per_client` for the pair, and neither the account's bound nor
//! its address's count applies to them. Strangers, elsewhere or behind the same address, cannot
//! lock the account's own users out.
//!
//! A client is its address; an IPv6 address counts by its /64 network (one host usually holds
//! a whole /64 and could change address at will within it). An attempt is reserved before JOC
//! is asked, so parallel attempts cannot all pass the check before the first failure is
//! counted; a successful login gives its reservation back, so people behind one address do not
//! lock each other out by logging in. [`LoginLimiter::prune`] forgets old entries; the session
//! sweep calls it every minute.

use app::serverfns::backend::ClientAddr;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Who a client is for the limit.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Client {
    V4(u32),
    /// The /64 network.
    V6(u64),
    Named(String),
}

impl From<&ClientAddr> for Client {
    fn from(c: &ClientAddr) -> Client {
        match c {
            ClientAddr::Ip(ip) => match ip.to_canonical() {
                IpAddr::V4(v4) => Client::V4(v4.to_bits()),
                IpAddr::V6(v6) => Client::V6((v6.to_bits() >> 64) as u64),
            },
            ClientAddr::Named(name) => Client::Named(name.chars().take(64).collect()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Client(Client),
    /// A known client's attempts at one account.
    Known(String, Client),
}

/// The bounds of the limit.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    pub per_client: usize,
    pub per_account: usize,
    pub window: Duration,
    /// How long a successful login makes its client known to the account.
    pub known_for: Duration,
}

impl Default for Bounds {
    fn default() -> Bounds {
        Bounds {
            per_client: 10,
            per_account: 100,
            window: Duration::from_secs(60),
            known_for: Duration::from_secs(24 * 3600),
        }
    }
}

/// At most this many (account, client) pairs are remembered as known; the oldest go first.
const MAX_KNOWN: usize = 10_000;
/// At most this many accounts and clients are counted at once (account names are at most 255
/// characters: some tens of MB at most). Beyond, strangers' attempts are refused until the
/// window frees some; known clients still log in.
const MAX_KEYS: usize = 100_000;

#[derive(Default)]
struct State {
    /// Attempts per key: when each was reserved, with a number to give one back.
    attempts: HashMap<Key, Vec<(u64, Instant)>>,
    /// When each (account, client) last logged in.
    known: HashMap<(String, Client), Instant>,
    next: u64,
}

/// Failed logins per client and per account in a sliding window.
#[derive(Clone)]
pub struct LoginLimiter {
    state: Arc<Mutex<State>>,
    bounds: Bounds,
}

/// Which limit refused an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limited {
    Account,
    Client,
}

/// A reserved attempt: counted as failed unless [`Reservation::succeeded`] or
/// [`Reservation::not_tried`] gives it back (a login that is cancelled midway stays counted).
pub struct Reservation {
    limiter: LoginLimiter,
    account: String,
    client: Option<Client>,
    keys: Vec<Key>,
    id: u64,
}

impl Reservation {
    /// JOC could not be asked: the attempt does not count.
    pub fn not_tried(self) {
        let mut s = self.limiter.state.lock();
        for k in &self.keys {
            if let Some(v) = s.attempts.get_mut(k) {
                v.retain(|(id, _)| *id != self.id);
                if v.is_empty() {
                    s.attempts.remove(k);
                }
            }
        }
    }

    /// The login succeeded: the attempt does not count, and the client is known to the account.
    pub fn succeeded(self) {
        if let Some(c) = self.client.clone() {
            let mut s = self.limiter.state.lock();
            if s.known.len() >= MAX_KNOWN
                && !s.known.contains_key(&(self.account.clone(), c.clone()))
                && let Some(oldest) = s.known.iter().min_by_key(|(_, t)| **t).map(|(k, _)| k.clone())
            {
                s.known.remove(&oldest);
            }
            s.known.insert((self.account.clone(), c), Instant::now());
        }
        self.not_tried();
    }
}

impl LoginLimiter {
    pub fn new(bounds: Bounds) -> LoginLimiter {
        LoginLimiter { state: Arc::default(), bounds }
    }

    /// Reserves one attempt for `account` from `client`, or says which limit is reached.
    pub fn reserve(&self, account: &str, client: Option<&ClientAddr>) -> Result<Reservation, Limited> {
        let now = Instant::now();
        let account = account.to_lowercase();
        let client = client.map(Client::from);
        let b = self.bounds;
        let mut s = self.state.lock();
        let s = &mut *s;
        let known = client
            .as_ref()
            .and_then(|c| s.known.get(&(account.clone(), c.clone())))
            .is_some_and(|t| now.duration_since(*t) < b.known_for);
        let mut recent = |k: &Key| {
            s.attempts.get_mut(k).map_or(0, |v| {
                v.retain(|(_, t)| now.duration_since(*t) < b.window);
                v.len()
            })
        };
        let keys: Vec<Key> = match &client {
            Some(c) if known => {
                let pair = Key::Known(account.clone(), c.clone());
                if recent(&pair) >= b.per_client {
                    return Err(Limited::Client);
                }
                vec![pair]
            }
            _ => {
                let by_client = client.clone().map(Key::Client);
                if by_client.as_ref().is_some_and(|k| recent(k) >= b.per_client) {
                    return Err(Limited::Client);
                }
                let by_account = Key::Account(account.clone());
                if recent(&by_account) >= b.per_account {
                    return Err(Limited::Account);
                }
                std::iter::once(by_account).chain(by_client).collect()
            }
        };
        let new_keys = keys.iter().filter(|k| !s.attempts.contains_key(k)).count();
        if !known && s.attempts.len() + new_keys > MAX_KEYS {
            prune(s, now, b);
            if s.attempts.len() + new_keys > MAX_KEYS {
                tracing::warn!(keys = s.attempts.len(), "too many clients and accounts with failed logins at once");
                return Err(Limited::Client);
            }
        }
        s.next += 1;
        let id = s.next;
        for k in &keys {
            s.attempts.entry(k.clone()).or_default().push((id, now));
        }
        Ok(Reservation { limiter: self.clone(), account, client, keys, id })
    }

    /// Forgets attempts older than the window and clients no longer known.
    pub fn prune(&self) {
        prune(&mut self.state.lock(), Instant::now(), self.bounds);
    }

    /// How many keys and known pairs are remembered (for tests).
    #[cfg(test)]
    fn remembered(&self) -> (usize, usize) {
        let s = self.state.lock();
        (s.attempts.len(), s.known.len())
    }
}

fn prune(s: &mut State, now: Instant, b: Bounds) {
    s.attempts.retain(|_, v| {
        v.retain(|(_, t)| now.duration_since(*t) < b.window);
        !v.is_empty()
    });
    s.known.retain(|_, t| now.duration_since(*t) < b.known_for);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> ClientAddr {
        ClientAddr::Ip(s.parse().unwrap())
    }

    fn limiter(per_client: usize, per_account: usize) -> LoginLimiter {
        LoginLimiter::new(Bounds { per_client, per_account, ..Bounds::default() })
    }

    #[test]
    fn failures_are_limited_per_client() {
        let l = limiter(3, 100);
        let (a, b) = (ip("127.0.0.1"), ip("127.0.0.2"));
        for _ in 0..3 {
            drop(l.reserve("root", Some(&a)).expect("allowed"));
        }
        assert_eq!(l.reserve("other", Some(&a)).err(), Some(Limited::Client), "any account from that client");
        assert!(l.reserve("root", Some(&b)).is_ok(), "another client may still try");
    }

    #[test]
    fn failures_are_limited_per_account_across_clients() {
        let l = limiter(3, 5);
        for i in 0..5 {
            drop(l.reserve("root", Some(&ip(&format!("192.0.2.{i}")))).expect("allowed"));
        }
        assert_eq!(l.reserve("ROOT", Some(&ip("192.0.2.99"))).err(), Some(Limited::Account), "case-blind");
        assert!(l.reserve("other", Some(&ip("192.0.2.99"))).is_ok());
    }

    /// Strangers' failures do not lock out a client that logged in to the account lately.
    #[test]
    fn known_clients_pass_the_account_limit() {
        let l = limiter(3, 5);
        let mine = ip("198.51.100.7");
        l.reserve("root", Some(&mine)).expect("allowed").succeeded();
        for i in 0..5 {
            drop(l.reserve("root", Some(&ip(&format!("192.0.2.{i}")))).expect("allowed"));
        }
        assert_eq!(l.reserve("root", Some(&ip("192.0.2.99"))).err(), Some(Limited::Account));
        assert!(l.reserve("root", Some(&mine)).is_ok(), "the known client may log in");
        assert_eq!(l.reserve("root", None).err(), Some(Limited::Account), "no address: not known");
    }

    /// A stranger behind the known client's own address (a NAT, an untrusted proxy) who
    /// exhausts the address's count does not lock the known client out; the known client's
    /// own failures are still limited.
    #[test]
    fn a_stranger_at_the_same_address_cannot_lock_out_a_known_client() {
        let l = limiter(3, 100);
        let shared = ip("203.0.113.5");
        l.reserve("alice", Some(&shared)).expect("allowed").succeeded();
        for _ in 0..3 {
            drop(l.reserve("mallory", Some(&shared)).expect("allowed"));
        }
        assert_eq!(l.reserve("bob", Some(&shared)).err(), Some(Limited::Client), "the address is limited");
        for _ in 0..3 {
            drop(l.reserve("alice", Some(&shared)).expect("alice is known: counted apart"));
        }
        assert_eq!(l.reserve("alice", Some(&shared)).err(), Some(Limited::Client), "her own failures count");
    }

    /// However many strangers, the counts stay bounded; known clients still log in.
    #[test]
    fn the_counts_are_bounded() {
        let l = limiter(10, 100);
        let mine = ip("198.51.100.7");
        l.reserve("root", Some(&mine)).expect("allowed").succeeded();
        for i in 0..MAX_KEYS {
            drop(l.reserve(&format!("account-{i}"), None).expect("allowed"));
        }
        assert_eq!(l.remembered().0, MAX_KEYS);
        assert_eq!(l.reserve("one-more", None).err(), Some(Limited::Client));
        assert!(l.reserve("root", Some(&mine)).is_ok(), "known clients still log in");
    }

    #[test]
    fn ipv6_counts_by_network_and_mapped_ipv4_as_ipv4() {
        let l = limiter(2, 100);
        drop(l.reserve("root", Some(&ip("2001:db8:1:2::1"))).expect("allowed"));
        drop(l.reserve("root", Some(&ip("2001:db8:1:2:ffff::9"))).expect("allowed"));
        assert_eq!(l.reserve("x", Some(&ip("2001:db8:1:2::77"))).err(), Some(Limited::Client), "same /64");
        assert!(l.reserve("x", Some(&ip("2001:db8:1:3::1"))).is_ok(), "another /64");
        drop(l.reserve("root", Some(&ip("::ffff:192.0.2.1"))).expect("allowed"));
        drop(l.reserve("root", Some(&ip("192.0.2.1"))).expect("allowed"));
        assert_eq!(l.reserve("x", Some(&ip("192.0.2.1"))).err(), Some(Limited::Client), "one client");
    }

    #[test]
    fn named_clients_count_apart() {
        let l = limiter(1, 100);
        let named = ClientAddr::Named("_hidden".into());
        drop(l.reserve("root", Some(&named)).expect("allowed"));
        assert_eq!(l.reserve("root", Some(&named)).err(), Some(Limited::Client));
        assert!(l.reserve("root", Some(&ClientAddr::Named("unknown".into()))).is_ok());
    }

    #[test]
    fn successful_and_untried_logins_give_their_attempt_back() {
        let l = limiter(2, 2);
        let a = ip("10.0.0.1");
        for _ in 0..10 {
            l.reserve("root", Some(&a)).expect("allowed").succeeded();
            l.reserve("other", Some(&a)).expect("allowed").not_tried();
        }
        assert!(l.reserve("root", Some(&a)).is_ok());
    }

    /// Attempts in flight count: the limit holds before any of them is answered.
    #[test]
    fn attempts_in_flight_count() {
        let l = limiter(100, 3);
        let held: Vec<_> = (0..3).map(|_| l.reserve("root", None).expect("allowed")).collect();
        assert_eq!(l.reserve("root", None).err(), Some(Limited::Account));
        drop(held);
    }

    #[test]
    fn the_window_slides_and_prune_forgets() {
        let l = LoginLimiter::new(Bounds {
            per_client: 1,
            per_account: 1,
            window: Duration::from_millis(300),
            known_for: Duration::from_millis(300),
        });
        drop(l.reserve("root", None).expect("allowed"));
        assert!(l.reserve("root", None).is_err());
        l.reserve("other", Some(&ip("192.0.2.1"))).expect("allowed").succeeded();
        assert_eq!(l.remembered(), (1, 1));
        std::thread::sleep(Duration::from_millis(350));
        assert!(l.reserve("root", None).is_ok());
        std::thread::sleep(Duration::from_millis(350));
        l.prune();
        assert_eq!(l.remembered(), (0, 0));
    }
}
