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

use std::process::ExitCode;

use netdb::NameInfoFlags;
use python::Sockaddr;

const SOCKADDRS: [Sockaddr; 3] =
    [("127.0.0.1", 80, None), ("127.0.0.1", 443, None), ("::1", 22, Some((0, 0)))];

fn main() -> ExitCode {
    python::run(|| {
        for sockaddr in SOCKADDRS {
            for flags in
                [NameInfoFlags::NONE, NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE]
            {
                let (host, service) = python::getnameinfo(sockaddr, flags)?;
                // print() of a tuple, an int, '->' and a tuple of two strings.
                println!(
                    "{} {} -> ({}, {})",
                    python::repr_sockaddr(sockaddr),
                    flags.bits(),
                    python::repr(&host),
                    python::repr(&service)
                );
            }
        }
        Ok(())
    })
}
