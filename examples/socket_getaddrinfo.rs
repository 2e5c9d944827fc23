//! The Rust twin of `socket_getaddrinfo.py`: the addresses of `localhost` for the
//! `http` service, as Python's `socket.getaddrinfo('localhost', 'http')` lists them,
//! with the names of their family, socket type and protocol constants.
//!
//! Python calls `getaddrinfo` with hints of `AF_UNSPEC`, socket type 0, protocol 0 and
//! no flags, which is `Hints::new()`. A failure is an uncaught `socket.gaierror`.
//!
//! ```text
//! cargo run --example socket_getaddrinfo
//! ```

mod python;

use std::process::ExitCode;

use netdb::Hints;
use python::{AF_CONSTANTS, IPPROTO_CONSTANTS, SOCK_CONSTANTS};

fn main() -> ExitCode {
    python::run(|| {
        for response in netdb::getaddrinfo(Some("localhost"), Some("http"), &Hints::new())? {
            // families[family], types[socktype] and protocols[proto].
            let family = python::constant_name(&AF_CONSTANTS, response.family)?;
            let socket_type =
                python::constant_name(&SOCK_CONSTANTS, response.socket_type.as_raw())?;
            let protocol = python::constant_name(&IPPROTO_CONSTANTS, response.protocol)?;
            println!("Family        : {family}");
            println!("Type          : {socket_type}");
            println!("Protocol      : {protocol}");
            // Python gives '' where getaddrinfo gives no canonical name.
            println!("Canonical name: {}", response.canonical_name.unwrap_or_default());
            println!("Socket address: {}", python::repr_socket_address(&response.address));
            println!();
        }
        Ok(())
    })
}
