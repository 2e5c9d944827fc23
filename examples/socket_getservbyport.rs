//! The Rust twin of `socket_getservbyport.py`: for each well-known port, the service
//! name the services database gives it (whatever its protocol), as a URL scheme.
//!
//! ```text
//! cargo run --example socket_getservbyport
//! ```

mod python;

use std::process::ExitCode;

use netdb::Service;

const PORTS: [u16; 9] = [80, 443, 21, 70, 25, 143, 993, 110, 995];

fn main() -> ExitCode {
    python::run(|| {
        for port in PORTS {
            // The port in host byte order, of any protocol. Not found is Ok(None);
            // Python raises OSError, which ends the script.
            let Some(service) = Service::from_port(port, None)? else {
                return Err("port/proto not found".into());
            };
            println!("{}://example.com/", service.name);
        }
        Ok(())
    })
}
