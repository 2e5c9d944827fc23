//! The Rust twin of `socket_getservbyname.py`: the port of each URL's scheme, looked up
//! by name in the services database, as Python's `socket.getservbyname(scheme)` does.
//!
//! ```text
//! cargo run --example socket_getservbyname
//! ```

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
    for url in URLS {
        // The scheme is what precedes "://", as urllib.parse.urlparse finds it.
        let scheme = url.split_once("://").map_or("", |(scheme, _)| scheme);
        match Service::from_name(scheme, None) {
            Ok(Some(service)) => println!("{scheme:>6} : {}", service.port),
            Ok(None) => return fail(&format!("service/proto not found: {scheme}")),
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
