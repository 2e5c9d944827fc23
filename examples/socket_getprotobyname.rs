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

use python::IPPROTO_CONSTANTS;

fn main() -> ExitCode {
    python::run(|| {
        for name in ["icmp", "udp", "tcp"] {
            let proto_num = python::getprotobyname(name)?;
            // protocols[proto_num]: the last of the IPPROTO_* constants of that value.
            let const_name = python::constant_name(&IPPROTO_CONSTANTS, proto_num)?;
            println!("{name:>4} -> {proto_num:2} (netdb::{const_name:<12} = {proto_num:2})");
        }
        Ok(())
    })
}
