//! Per-address rate limits (GCRA, from `governor`): reads and votes each have a quota per minute
//! per client address, in bursts of as many. The address is the peer's, or, behind a trusted
//! reverse proxy, the one that proxy saw (X-Forwarded-For). IPv6 addresses count by their /64,
//! since one subscriber usually holds a whole /64.
//!
//! Limits are per instance: with N instances behind a balancer a client can reach N times the
//! quota at most (a balancer that keeps a client on one instance makes it exact).

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::time::Duration;

/// The address a request counts against, from its peer and its `X-Forwarded-For` header. The
/// header is believed only from a trusted proxy, and read from the right: each trusted hop added
/// the address it saw, and the first address that is not a trusted proxy is the client's.
pub fn client_address(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    let peer = canonical(peer);
    if !trusted.contains(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else { return peer };
    let mut client = peer;
    for hop in header.rsplit(',') {
        match hop.trim().parse::<IpAddr>().map(canonical) {
            Ok(ip) => {
                client = ip;
                if !trusted.contains(&ip) {
                    break;
                }
            }
            // Garbage cannot be believed; the last good address stands.
            Err(_) => break,
        }
    }
    client
}

/// IPv4-mapped IPv6 addresses as IPv4, so one client has one key.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The key an address is counted under: IPv4 as it is, IPv6 by its /64.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// One quota per address; `None` when unlimited.
pub struct Limiter {
    limiter: Option<DefaultKeyedRateLimiter<IpAddr>>,
}

impl Limiter {
    pub fn per_minute(n: u32) -> Limiter {
        Limiter { limiter: NonZeroU32::new(n).map(|n| DefaultKeyedRateLimiter::keyed(Quota::per_minute(n))) }
    }

    /// `Ok` when `ip` may go on, else how long it should wait.
    pub fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        let Some(limiter) = &self.limiter else { return Ok(()) };
        limiter.check_key(&limit_key(ip)).map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets the addresses whose quota is whole again, so that memory follows the active
    /// clients rather than every address ever seen.
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// How many addresses are remembered.
    pub fn len(&self) -> usize {
        self.limiter.as_ref().map_or(0, |l| l.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whole seconds for `Retry-After`, rounded up and at least 1.
pub fn retry_after_seconds(wait: Duration) -> u64 {
    u64::try_from(wait.as_nanos().div_ceil(1_000_000_000)).unwrap_or(u64::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_forwarded_address_is_believed_from_trusted_proxies_only() {
        let proxy = [ip("127.0.0.1"), ip("10.0.0.2")];
        // Direct: the header is whatever the client wrote.
        assert_eq!(client_address(ip("203.0.113.9"), Some("1.2.3.4"), &proxy), ip("203.0.113.9"));
        // Through nginx on the same host.
        assert_eq!(client_address(ip("127.0.0.1"), Some("198.51.100.7"), &proxy), ip("198.51.100.7"));
        // A client that forges a header: nginx appends the real address, which is read first.
        assert_eq!(client_address(ip("127.0.0.1"), Some("1.2.3.4, 198.51.100.7"), &proxy), ip("198.51.100.7"));
        // Two trusted hops.
        assert_eq!(client_address(ip("127.0.0.1"), Some("198.51.100.7, 10.0.0.2"), &proxy), ip("198.51.100.7"));
        // Garbage, or no header: the proxy's own address.
        assert_eq!(client_address(ip("127.0.0.1"), Some("unknown"), &proxy), ip("127.0.0.1"));
        assert_eq!(client_address(ip("127.0.0.1"), None, &proxy), ip("127.0.0.1"));
        assert_eq!(client_address(ip("::ffff:127.0.0.1"), Some("2001:db8::1"), &proxy), ip("2001:db8::1"));
    }

    #[test]
    fn ipv6_counts_by_its_64() {
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(limit_key(ip("2001:db8:1:2:bbbb::9")), limit_key(ip("2001:db8:1:2:aaaa::1")));
        assert_ne!(limit_key(ip("2001:db8:1:3::1")), limit_key(ip("2001:db8:1:2::1")));
        assert_eq!(limit_key(ip("::ffff:192.0.2.1")), ip("192.0.2.1"));
    }

    #[test]
    fn a_burst_then_a_wait_per_address() {
        let limiter = Limiter::per_minute(3);
        let (a, b) = (ip("192.0.2.1"), ip("192.0.2.2"));
        assert!((0..3).all(|_| limiter.check(a).is_ok()));
        let wait = limiter.check(a).unwrap_err();
        // One more every 20 s.
        assert!(wait > Duration::from_secs(19) && wait <= Duration::from_secs(20), "{wait:?}");
        assert!(limiter.check(b).is_ok(), "another address has its own quota");
        assert_eq!(limiter.len(), 2);
        assert!(Limiter::per_minute(0).check(a).is_ok());
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_seconds(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_seconds(Duration::ZERO), 1);
        assert_eq!(retry_after_seconds(Duration::from_secs(20)), 20);
        assert_eq!(retry_after_seconds(Duration::from_millis(19_001)), 20);
    }
}
