//! The Rust twin of `socket_getnameinfo.py`: the host and service names of a few
//! socket addresses, with and without `NI_NUMERICHOST | NI_NUMERICSERV`, as Python's
//! `socket.getnameinfo(sockaddr, flags)` gives them.
//!
//! Failures are uncaught.
//!
//! ```text
//! cargo run --example socket_getnameinfo
//! ```

mod python;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV6};
use std::process::ExitCode;

use netdb::NameInfoFlags;

/// `('127.0.0.1', 80)`, `('127.0.0.1', 443)` and `('::1', 22, 0, 0)`: Python reads each
/// tuple's host as a numeric address (getaddrinfo with AI_NUMERICHOST), and an IPv6
/// one's flow info and scope id from the tuple.
const ADDRESSES: [SocketAddr; 3] = [
    SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 80),
    SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 443),
    SocketAddr::V6(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 22, 0, 0)),
];

fn main() -> ExitCode {
    python::run(|| {
        let numeric = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE;
        for address in ADDRESSES {
            for flags in [NameInfoFlags::NONE, numeric] {
                let (host, service) = netdb::getnameinfo(&address, flags)?;
                // print() of a tuple, an int, '->' and a tuple of two strings.
                println!(
                    "{} {} -> ({}, {})",
                    python::repr_socket_address(&address),
                    flags.bits(),
                    python::repr(&host),
                    python::repr(&service)
                );
            }
        }
        Ok(())
    })
}
