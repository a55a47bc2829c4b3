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

use crate::replicas::limiter::{Counted, SharedLimiter};
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

impl Client {
    /// The client as the shared limit names it.
    fn text(&self) -> String {
        match self {
            Client::V4(n) => format!("v4:{n}"),
            Client::V6(n) => format!("v6:{n}"),
            Client::Named(s) => format!("n:{s}"),
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
    /// With replicas: the count the replicas share (the local one counts while Redis is away).
    shared: Option<SharedLimiter>,
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
    /// Counted in Redis instead.
    counted: Option<Counted>,
}

impl Reservation {
    /// JOC could not be asked: the attempt does not count.
    pub fn not_tried(self) {
        if let Some(c) = self.counted {
            return c.give_back(None);
        }
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
    pub fn succeeded(mut self) {
        if let Some(c) = self.counted.take() {
            return c.give_back(Some(self.limiter.bounds.known_for));
        }
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
        LoginLimiter { state: Arc::default(), bounds, shared: None }
    }

    /// The limit shared by the replicas through Redis.
    pub fn shared_by(bounds: Bounds, shared: SharedLimiter) -> LoginLimiter {
        LoginLimiter { state: Arc::default(), bounds, shared: Some(shared) }
    }

    /// Reserves one attempt: in Redis with replicas (in memory while Redis does not answer),
    /// else as [`LoginLimiter::reserve`].
    pub async fn reserve_everywhere(&self, account: &str, client: Option<&ClientAddr>) -> Result<Reservation, Limited> {
        let Some(shared) = &self.shared else { return self.reserve(account, client) };
        let account = account.to_lowercase();
        let client = client.map(Client::from);
        let text = client.as_ref().map(Client::text);
        match shared.reserve(&account, text.as_deref(), self.bounds).await {
            Ok(Ok(counted)) => Ok(Reservation {
                limiter: self.clone(),
                account,
                client,
                keys: Vec::new(),
                id: 0,
                counted: Some(counted),
            }),
            Ok(Err(limited)) => Err(limited),
            Err(e) => {
                tracing::warn!(error = %e, "the login limit is counted on this replica alone meanwhile");
                self.reserve_local(account, client)
            }
        }
    }

    /// Reserves one attempt for `account` from `client`, or says which limit is reached.
    pub fn reserve(&self, account: &str, client: Option<&ClientAddr>) -> Result<Reservation, Limited> {
        self.reserve_local(account.to_lowercase(), client.map(Client::from))
    }

    fn reserve_local(&self, account: String, client: Option<Client>) -> Result<Reservation, Limited> {
        let now = Instant::now();
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
        Ok(Reservation { limiter: self.clone(), account, client, keys, id, counted: None })
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
mod tests;
