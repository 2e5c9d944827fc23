//! The Rust twin of `socket_getprotobyname.py`: the number of each protocol by name,
//! beside the `IPPROTO_*` constant of that value.
//!
//! Python prints `socket.IPPROTO_ICMP`; this prints `netdb::IPPROTO_ICMP`, and nothing
//! else differs.
//!
//! ```text
//! cargo run --example socket_getprotobyname
//! ```

mod python;

use std::process::ExitCode;

use netdb::Protocol;
use python::IPPROTO_CONSTANTS;

fn main() -> ExitCode {
    python::run(|| {
        for name in ["icmp", "udp", "tcp"] {
            // Not found is Ok(None); Python raises OSError, which ends the script.
            let Some(protocol) = Protocol::from_name(name)? else {
                return Err("protocol not found".into());
            };
            let number = protocol.number;
            // protocols[number]: the last of the IPPROTO_* constants of that value.
            let constant = python::constant_name(&IPPROTO_CONSTANTS, number)?;
            println!("{name:>4} -> {number:2} (netdb::{constant:<12} = {number:2})");
        }
        Ok(())
    })
}
