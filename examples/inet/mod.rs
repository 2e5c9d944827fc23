//! C's `inet_ntop`, as glibc 2.36 writes addresses, for the examples that must print
//! them byte for byte as C programs do: the Python twins reach it through
//! `python/mod.rs`. (The getent package has its own, beside the C functions that read
//! addresses.)

use std::net::{IpAddr, Ipv4Addr};

/// An address as C's `inet_ntop` writes it: as Rust writes it, but where the first 96
/// bits are zero and the next 16 are not, for which glibc writes the IPv4-compatible
/// form `::a.b.c.d` (`::1.2.3.4`, `::0.1.0.0`).
pub fn inet_ntop(address: IpAddr) -> String {
    match address {
        IpAddr::V6(v6) if v6.segments()[..6] == [0; 6] && v6.segments()[6] != 0 => {
            let [.., a, b, c, d] = v6.octets();
            format!("::{}", Ipv4Addr::new(a, b, c, d))
        }
        address => address.to_string(),
    }
}
