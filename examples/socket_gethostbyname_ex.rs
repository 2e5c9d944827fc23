//! The Rust twin of `socket_gethostbyname_ex.py`: the official name, aliases and IPv4
//! addresses of a few hosts, as Python's `socket.gethostbyname_ex(host)` gives them,
//! or the error Python prints.
//!
//! ```text
//! cargo run --example socket_gethostbyname_ex
//! ```

mod python;

use std::process::ExitCode;

use netdb::{AddressFamily, Hints, Host};

fn main() -> ExitCode {
    python::run(|| {
        for host in ["localhost", &netdb::hostname()?, "nosuchname.invalid"] {
            println!("{host}");
            // Python first resolves the name as gethostbyname does (getaddrinfo for
            // AF_INET), so a name that does not exist fails there, with a
            // socket.gaierror; only then does it call gethostbyname_r, for the entry.
            let hints = Hints::new().family(AddressFamily::Inet);
            let entry = netdb::getaddrinfo(Some(host), None, &hints)
                .and_then(|_| Host::from_name(host, AddressFamily::Inet));
            match entry {
                Ok(Some(entry)) => {
                    println!("  Hostname: {}", entry.name);
                    println!("   Aliases: {}", python::repr_list(&entry.aliases));
                    println!(" Addresses: {}", python::repr_addresses(&entry.addresses));
                }
                Ok(None) => println!("ERROR: {}", python::host_not_found()),
                Err(err) => println!("ERROR: {}", python::except_os_error(err)?),
            }
            println!();
        }
        Ok(())
    })
}
