//! The Rust twin of `socket_getservbyport.py`: for each well-known port, the service
//! name the services database gives it (whatever its protocol), as a URL scheme.
//!
//! ```text
//! cargo run --example socket_getservbyport
//! ```

use std::process::ExitCode;

use netdb::Service;

const PORTS: [u16; 9] = [80, 443, 21, 70, 25, 143, 993, 110, 995];

fn main() -> ExitCode {
    for port in PORTS {
        match Service::from_port(port, None) {
            Ok(Some(service)) => println!("{}://example.com/", service.name),
            // Python's getservbyport raises OSError("port/proto not found").
            Ok(None) => return fail("port/proto not found"),
            Err(err) => return fail(&err.to_string()),
        }
    }
    ExitCode::SUCCESS
}

/// Reports a failed lookup the way Python's uncaught `OSError` ends the script: a
/// message on stderr and exit status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
