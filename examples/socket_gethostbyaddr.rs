//! The Rust twin of `socket_gethostbyaddr.py`: the host that has each of a few
//! addresses, as Python's `socket.gethostbyaddr(address)` finds it, or the error
//! Python prints.
//!
//! ```text
//! cargo run --example socket_gethostbyaddr
//! ```

mod python;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::process::ExitCode;

use netdb::Host;

/// 127.0.0.1 and ::1: Python takes a numeric address as it is (inet_pton), without
/// resolving it.
const ADDRESSES: [IpAddr; 2] = [IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST)];

fn main() -> ExitCode {
    python::run(|| {
        for address in ADDRESSES {
            // An address without a name is Ok(None), which Python raises as a
            // socket.herror: `ERROR: [Errno 1] Unknown host` on glibc.
            match Host::from_addr(address) {
                Ok(Some(host)) => {
                    println!("Hostname : {}", host.name);
                    println!("Aliases  : {}", python::repr_list(&host.aliases));
                    println!("Addresses: {}", python::repr_addresses(&host.addresses));
                }
                Ok(None) => println!("ERROR: {}", python::host_not_found()),
                Err(err) => println!("ERROR: {}", python::except_os_error(err)?),
            }
            println!();
        }
        Ok(())
    })
}
