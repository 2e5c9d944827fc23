//! The Rust twin of `socket_gethostbyname.py`: the IPv4 address of a few hosts, as
//! Python's `socket.gethostbyname(host)` finds it, or the error Python prints.
//!
//! ```text
//! cargo run --example socket_gethostbyname
//! ```

mod python;

use std::process::ExitCode;

use netdb::{AddressFamily, Hints};

fn main() -> ExitCode {
    python::run(|| {
        // Hosts that resolve without a network: the loopback name, this machine's own
        // name, and a name under the reserved .invalid domain, which never resolves.
        for host in ["localhost", &netdb::hostname()?, "nosuchname.invalid"] {
            // Python's gethostbyname is getaddrinfo for AF_INET, its first address
            // (setipaddr in socketmodule.c); a name that does not resolve is a
            // socket.gaierror: `[Errno -2] Name or service not known` on glibc.
            let hints = Hints::new().family(AddressFamily::Inet);
            let answer = match netdb::getaddrinfo(Some(host), None, &hints) {
                // getaddrinfo succeeds with one address or more, all IPv4 here.
                Ok(found) => found[0].address.ip().to_string(),
                Err(err) => python::except_os_error(err)?,
            };
            println!("{host} : {answer}");
        }
        Ok(())
    })
}
