//! The Rust twin of `socket_gethostbyname.py`: the IPv4 address of a few hosts, as
//! Python's `socket.gethostbyname(host)` finds it, or the error Python prints.
//!
//! Python resolves the name with `getaddrinfo` for `AF_INET` and takes the first
//! address (`setipaddr` in `socketmodule.c`); a name that does not resolve raises
//! `socket.gaierror` with the `EAI_*` code and `gai_strerror` text, which the script
//! prints: `nosuchname.invalid : [Errno -2] Name or service not known` on glibc.
//!
//! ```text
//! cargo run --example socket_gethostbyname
//! ```

mod python;

use std::process::ExitCode;

fn main() -> ExitCode {
    python::run(|| {
        // Hosts that resolve without a network: the loopback name, this machine's own
        // name, and a name under the reserved .invalid domain, which never resolves.
        for host in ["localhost", &netdb::hostname()?, "nosuchname.invalid"] {
            match python::gethostbyname(host) {
                Ok(address) => println!("{host} : {address}"),
                Err(failure) => println!("{host} : {}", failure.except_os_error()?),
            }
        }
        Ok(())
    })
}
