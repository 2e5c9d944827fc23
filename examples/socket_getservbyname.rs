//! The Rust twin of `socket_getservbyname.py`: the port of each URL's scheme, looked up
//! by name in the services database, as Python's `socket.getservbyname(scheme)` does.
//!
//! ```text
//! cargo run --example socket_getservbyname
//! ```

mod python;

use std::process::ExitCode;

use netdb::Service;

const URLS: [&str; 9] = [
    "http://www.python.org",
    "https://www.mybank.com",
    "ftp://prep.ai.mit.edu",
    "gopher://gopher.micro.umn.edu",
    "smtp://mail.example.com",
    "imap://mail.example.com",
    "imaps://mail.example.com",
    "pop3://pop.example.com",
    "pop3s://pop.example.com",
];

fn main() -> ExitCode {
    python::run(|| {
        for url in URLS {
            // The scheme is what precedes "://", as urllib.parse.urlsplit finds it.
            let scheme = url.split_once("://").map_or("", |(scheme, _)| scheme);
            // Of any protocol, as Python passes none. Not found is Ok(None); Python
            // raises OSError, which ends the script.
            let Some(service) = Service::from_name(scheme, None)? else {
                return Err(format!("service/proto not found: {scheme}").into());
            };
            println!("{scheme:>6} : {}", service.port);
        }
        Ok(())
    })
}
