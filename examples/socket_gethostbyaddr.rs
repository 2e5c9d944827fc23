//! The Rust twin of `socket_gethostbyaddr.py`: the host that has each of a few
//! addresses, as Python's `socket.gethostbyaddr(address)` finds it, or the error
//! Python prints.
//!
//! Python turns the argument into an address (`setipaddr` with `AF_UNSPEC`: a numeric
//! address as it is, a name through `getaddrinfo`), then calls `gethostbyaddr_r`. An
//! address without a name is a `socket.herror` of h_errno and its `hstrerror` text:
//! `ERROR: [Errno 1] Unknown host` on glibc.
//!
//! ```text
//! cargo run --example socket_gethostbyaddr
//! ```

mod python;

use std::process::ExitCode;

fn main() -> ExitCode {
    python::run(|| {
        for addr in ["127.0.0.1", "::1"] {
            match python::gethostbyaddr(addr) {
                Ok((hostname, aliases, addresses)) => {
                    println!("Hostname : {hostname}");
                    println!("Aliases  : {}", python::repr_list(&aliases));
                    println!("Addresses: {}", python::repr_list(&addresses));
                }
                Err(failure) => println!("ERROR: {}", failure.except_os_error()?),
            }
            println!();
        }
        Ok(())
    })
}
