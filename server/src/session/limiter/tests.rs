//! The login limit's rules, one by one.

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
