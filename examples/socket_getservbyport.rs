//! The Rust twin of `socket_getservbyport.py`: for each well-known port, the service
//! name the services database gives it (whatever its protocol), as a URL scheme.
//!
//! ```text
//! cargo run --example socket_getservbyport
//! ```

mod python;

use std::process::ExitCode;

const PORTS: [u16; 9] = [80, 443, 21, 70, 25, 143, 993, 110, 995];

fn main() -> ExitCode {
    python::run(|| {
        for port in PORTS {
            println!("{}://example.com/", python::getservbyport(port)?);
        }
        Ok(())
    })
}
