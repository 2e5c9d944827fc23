//! The Rust twin of `socket_getfqdn.py`: the fully qualified name of a few hosts, as
//! Python's `socket.getfqdn(host)` finds it.
//!
//! `netdb::fqdn` follows `getfqdn` of Python's `socket.py`: the name is looked up with
//! `gethostbyaddr` (its first address, in reverse), and the first of the official name
//! and the aliases that holds a dot is the answer, else the official name; where the
//! lookup fails, the name itself.
//!
//! ```text
//! cargo run --example socket_getfqdn
//! ```

mod python;

use std::process::ExitCode;

fn main() -> ExitCode {
    python::run(|| {
        for host in ["localhost", &netdb::hostname()?, "127.0.0.1"] {
            // getfqdn catches every OSError; what is left (a NUL byte) ends the script.
            println!("{host:>10} : {}", netdb::fqdn(host)?);
        }
        Ok(())
    })
}
