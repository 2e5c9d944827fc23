//! The Rust twin of `socket_gethostbyname_ex.py`: the official name, aliases and IPv4
//! addresses of a few hosts, as Python's `socket.gethostbyname_ex(host)` gives them,
//! or the error Python prints.
//!
//! Python first resolves the name with `getaddrinfo` for `AF_INET` (`setipaddr`), so
//! a name that does not exist fails there, with `socket.gaierror`:
//! `ERROR: [Errno -2] Name or service not known`. Only then does it call
//! `gethostbyname_r`, whose failure is a `socket.herror` of h_errno and `hstrerror`.
//!
//! ```text
//! cargo run --example socket_gethostbyname_ex
//! ```

mod python;

use std::process::ExitCode;

fn main() -> ExitCode {
    python::run(|| {
        for host in ["localhost", &netdb::hostname()?, "nosuchname.invalid"] {
            println!("{host}");
            match python::gethostbyname_ex(host) {
                Ok((name, aliases, addresses)) => {
                    println!("  Hostname: {name}");
                    println!("   Aliases: {}", python::repr_list(&aliases));
                    println!(" Addresses: {}", python::repr_list(&addresses));
                }
                Err(failure) => println!("ERROR: {}", failure.except_os_error()?),
            }
            println!();
        }
        Ok(())
    })
}
