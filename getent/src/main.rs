//! `getent` for the network databases, built on the netdb crate: glibc's `getent` byte
//! for byte on Linux, and the same tool on macOS and Windows.
//!
//! ```text
//! getent services                    # every entry
//! getent services http 443 22/tcp domain/udp
//! getent protocols tcp 17 ICMP
//! getent hosts localhost 127.0.0.1 ::1
//! getent ahosts localhost            # getaddrinfo; ahostsv4 and ahostsv6 by family
//! getent networks loopback 127.0.0.0
//! ```
//!
//! It prints what `getent` of glibc 2.36 prints, on the same streams, and exits with the
//! same status: 0 when every key was found, 2 when some key was not (the later keys are
//! still looked up), 1 for a missing database or one it does not have, 3 for a database
//! the platform cannot list (`hosts` on Windows and with musl), and 64 for a bad option.
//! The tests of the repository (`tests/getent.rs`, `tests/broken_databases.rs`) compare
//! it with glibc's `getent`.
//!
//! # The databases
//! `services`, `protocols`, `hosts`, `ahosts`, `ahostsv4` and `ahostsv6` everywhere;
//! `networks` where the platform has one (not on Windows, nor with musl, where it is an
//! unknown database and `--help` does not list it). getent's other databases (`passwd`,
//! `group`, ...) are unknown databases here. How each reads a key is in
//! [`databases`]: `getent services 080` looks up port 80, `getent hosts 127.1` prints
//! `127.0.0.1       127.1`, as glibc does.
//!
//! # The command line
//! As glibc's `argp` reads it ([`args`]): options may come after the database and the
//! keys, `--` ends them, and with `POSIXLY_CORRECT` set they end at the first operand;
//! so a key that starts with `-`, such as `-1`, is an *option* unless it follows `--`.
//!
//! # Bytes, not text
//! Keys, output and messages are bytes, as in C: names are padded to 21 *bytes*
//! (`printf("%-21s")`), and an entry that is not UTF-8 prints with its raw bytes
//! ([`entry`]). On Windows the arguments are UTF-16: they reach netdb as UTF-8, and an
//! argument that is not valid Unicode is refused (status 1).
//!
//! # Where it differs from glibc's getent
//! * `-s`/`--service CONFIG` cannot be honoured (netdb cannot choose the NSS sources of
//!   a lookup): for a database it would change, getent says so and exits with status 1.
//!   As in glibc, a configuration for `hosts` applies to `ahosts*`, and one for `ahosts`
//!   changes nothing, since there is no such NSS database.
//! * IDN: it behaves like glibc's getent in the C locale (`LC_ALL=C`), where a key with a
//!   byte above 127 cannot be encoded for `ahosts*` (not found) unless `-i` is given.
//! * A key that is not UTF-8 cannot reach netdb: it is not found where the database is
//!   all UTF-8, and is reported on stderr otherwise. The empty `hosts` key finds no line
//!   without a name, and says so where the database has one.
//! * A lookup that fails (rather than finds nothing) counts as not found, status 2, as
//!   in getent, and a system error is reported on stderr. An enumeration that fails
//!   prints nothing and exits with status 2; getent would print what it read.
//! * `--help` lists the databases this getent has here, `--version` names it, and when
//!   stdout is a closed pipe it exits with status 1 where getent dies of `SIGPIPE`.

mod args;
mod c;
mod databases;
mod entry;
mod os;
mod output;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use databases::{handler, nss_database, DATABASES};
use output::{message, USAGE};

fn main() -> ExitCode {
    let mut args = Vec::new();
    for (at, argument) in std::env::args_os().enumerate() {
        match os::argument_bytes(argument) {
            Some(bytes) => args.push(bytes),
            None => {
                message(&[format!("getent: argument {at} is not valid Unicode\n").as_bytes()]);
                return ExitCode::from(USAGE);
            }
        }
    }
    ExitCode::from(run(&args, std::env::var_os("POSIXLY_CORRECT").is_some()))
}

/// The whole program: `args` as `main` gets them, program name first. Returns the exit
/// status.
fn run(args: &[Vec<u8>], posixly_correct: bool) -> u8 {
    let (options, operands) = match args::parse(args, posixly_correct) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let Some((database, keys)) = operands.split_first() else {
        // error (0, 0, "wrong number of arguments"), then argp_help (..., stdout, ...).
        message(&[&options.invocation_name, b": wrong number of arguments\n"]);
        args::print_try_help(&mut io::stdout(), &options.short_name);
        return USAGE;
    };
    let known = DATABASES.iter().find(|known| known.name.as_bytes() == database.as_slice());
    let Some((name, handler)) = known.and_then(|known| Some((known.name, handler(known)?))) else {
        message(&[b"Unknown database: ", database, b"\n"]);
        args::print_try_help(&mut io::stdout(), &options.short_name);
        return USAGE;
    };
    if let Some(config) = options.nss_config_for(nss_database(name)) {
        message(&[
            &options.invocation_name,
            b": cannot use the service configuration '",
            config,
            b"' for the ",
            name.as_bytes(),
            b" database: netdb cannot choose the NSS sources of a lookup\n",
        ]);
        return USAGE;
    }

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match handler(&options, keys, &mut out).and_then(|status| out.flush().map(|()| status)) {
        Ok(status) => status,
        Err(err) => {
            if err.kind() != io::ErrorKind::BrokenPipe {
                message(&[format!("getent: write error: {err}\n").as_bytes()]);
            }
            USAGE
        }
    }
}
