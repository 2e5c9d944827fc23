//! The Rust twin of glibc's `getent` for the `services`, `protocols`, `hosts`, `ahosts`,
//! `ahostsv4`, `ahostsv6` and `networks` databases.
//!
//! ```text
//! cargo run --example getent -- services                  # every entry, like `getent services`
//! cargo run --example getent -- services http 443 22/tcp domain/udp
//! cargo run --example getent -- protocols tcp 17 ICMP
//! cargo run --example getent -- hosts localhost 127.0.0.1 ::1
//! cargo run --example getent -- ahosts localhost           # getaddrinfo, as ahostsv4 and ahostsv6
//! cargo run --example getent -- networks loopback 127.0.0.0
//! ```
//!
//! It prints byte for byte what `getent` of glibc 2.36 prints, on the same streams, and
//! exits with the same status: 0 when every key was found, 2 when some key was not (the
//! later keys are still looked up), 1 for a missing or unknown database and 64 for a bad
//! option. `tests/getent.rs` checks this against the system's `getent`.
//!
//! # How getent reads its arguments
//! * Options are parsed by glibc's `argp`, that is GNU `getopt_long` over `-A`, `-i`,
//!   `-s CONFIG`, `-?`, `-V` and the long options (which may be abbreviated), with argp's
//!   hidden `--program-name` and `--HANG`. Options may come after the database and the
//!   keys; `--` ends them; with `POSIXLY_CORRECT` set they end at the first operand. A
//!   key that starts with `-`, such as `-1`, is therefore an *option* and fails with exit
//!   status 64 unless it follows `--`.
//! * The first operand names the database, exactly and case-sensitively.
//!
//! # How getent reads a key
//! * `services`: the key is split at its first `/` into a name and a protocol (`80/` has
//!   the empty protocol, which no entry has; `/tcp` the empty name; `a/b/c` the protocol
//!   `b/c`). A name of ASCII digits only whose value is at most 65535 is a port (`080` is
//!   port 80, `0` is port 0); anything else is looked up by name or alias, so `99999`,
//!   `1a`, `+22` and ` 22` are names, and are not found.
//! * `protocols`: a key that *starts* with a digit is a number, read like C's `atol` and
//!   cut to an `int`: `1a` is 1, `06` is 6, `4294967297` is 1 and a number too large for
//!   a `long` is -1. Anything else is a name or alias: `''`, ` 6` and `+6` are not found.
//! * `hosts`: a key that `inet_pton` reads as an IPv6 address, else as an IPv4 one (four
//!   decimal parts, no leading zeros), is looked up by address with `gethostbyaddr`: so
//!   `::1` is found only if a host has the address `::1`. Any other key is a name for
//!   `gethostbyname2`, with `AF_INET6` first and, if that finds nothing (or fails),
//!   `AF_INET`: `localhost` prints its IPv6 entry if it has one, and only that. The C
//!   library answers a name that `inet_aton` reads (`127.1`, `1.2.3`, `4294967295`, `0`)
//!   itself, with the key as the host name, so `getent hosts 127.1` prints
//!   `127.0.0.1       127.1`; `0x7f.1` is no such name and goes to the sources.
//! * `ahosts`, `ahostsv4`, `ahostsv6`: every key goes to `getaddrinfo` with the family
//!   `AF_UNSPEC`, `AF_INET` or `AF_INET6`, the flags `AI_V4MAPPED | AI_ADDRCONFIG |
//!   AI_CANONNAME | AI_IDN | AI_CANONIDN` (`-A` drops `AI_ADDRCONFIG`, `-i` the two IDN
//!   flags) and no socket type, so each address comes three times: `STREAM`, `DGRAM`,
//!   `RAW`. `getaddrinfo` reads addresses as `inet_aton` does (`0x7f.1` is 127.0.0.1) and
//!   IPv6 ones with a scope (`fe80::1%lo`); `ahostsv6` maps IPv4 addresses into IPv6
//!   (`::ffff:127.0.0.1`).
//! * `networks`: a key that starts with a digit is read by `inet_addr` (the forms of
//!   `inet_aton`, and anything after a white space: `127.0.0.0 junk` is 127.0.0.0) and
//!   looked up by number: `127` is the number 127 (the line `loopback 127`), `127.0` is
//!   127.0.0.0 and a key it cannot read (`127x`) is 255.255.255.255. Any other key is a
//!   name or alias, compared ignoring case.
//!
//! # What getent prints
//! * `hosts`: a line per address of the entry, `printf ("%-15s %s", address, name)`
//!   then ` alias` for each alias; addresses as `inet_ntop` writes them (`::1.2.3.4`).
//! * `ahosts*`: a line per result, `address[%scope] TYPE canonical-name`, the address
//!   and scope padded to 15 bytes and the type to 6; only the first result has the
//!   canonical name, the others end in spaces.
//! * `networks`: `printf ("%-21s %s", name, inet_ntoa (htonl (number)))` then the
//!   aliases: `loopback 127` in `/etc/networks` prints as `loopback 0.0.0.127`.
//! * Without keys `hosts` and every `ahosts*` enumerate `/etc/hosts` with `gethostent`,
//!   which glibc gives the IPv4 lines of only, `::1` as `127.0.0.1` and `::ffff:a.b.c.d`
//!   as `a.b.c.d`; `networks` enumerates with `getnetent`.
//!
//! # Bytes, not text
//! Keys, output and messages are bytes, as in C: keys need not be UTF-8 and names are
//! padded to 21 *bytes* (`printf("%-21s")`), not characters. The `netdb` crate returns
//! `String`s, so an entry that is not UTF-8 comes back as [`netdb::Error::NonUtf8`],
//! which carries the entry decoded lossily and the raw bytes of its first invalid field.
//! The twin prints the entry with that field's raw bytes restored, which is exactly
//! getent's line whenever a single field of the entry is not UTF-8; further invalid
//! fields print with U+FFFD in place of each invalid sequence. Enumerations use
//! `all_lossy` and restore such an entry the same way by looking it up again by port,
//! number or address (which for hosts finds the first line with that address). An
//! `ahosts*` canonical name that is not UTF-8 is restored from the host's entry. A key
//! that is not UTF-8 cannot be passed to `netdb` as a name; it can only match an entry
//! that is not UTF-8 either, so it is "not found" when the whole database is UTF-8 and
//! reported on stderr otherwise.
//!
//! # Where the twin differs
//! * `-s`/`--service CONFIG` cannot be honoured (`netdb` cannot choose the NSS sources of
//!   a lookup): for a database it would change, the twin says so and exits with status 1.
//!   `-s DB:CONFIG` naming no database fails with getent's own message. As in glibc, a
//!   configuration for `hosts` applies to `ahosts*`, which look up `hosts`, and one for
//!   `ahosts` (or `a`) changes nothing, since there is no such NSS database.
//! * IDN: the twin behaves like getent in the C locale (`LC_ALL=C`), where `AI_IDN`
//!   cannot encode a key with a byte above 127 (`getaddrinfo` fails with
//!   `EAI_IDN_ENCODE`: not found; `-i` passes the key as it is) and `AI_CANONIDN`
//!   leaves canonical names as they are. `netdb` cannot pass the IDN flags, so the twin
//!   does that itself. In a UTF-8 locale getent would encode `café` as
//!   `xn--caf-dma` and print `xn--` canonical names decoded.
//! * The empty key: `getent hosts ''` finds a line of `/etc/hosts` that has an address
//!   but no name, and netdb's `Host::from_name` does not look the empty name up. The
//!   twin says so on stderr (status 2) where the enumeration shows such a line.
//! * `--help` lists the databases the twin supports and `--version` names the twin.
//! * A lookup that fails (not "not found") counts as a key not found, status 2, since
//!   getent cannot tell the two apart. The resolver's failures (`TRY_AGAIN`,
//!   `NO_RECOVERY`, `getaddrinfo`'s `EAI_*` codes) are what "not found" looks like with a
//!   name server, and getent is silent about them: so is the twin. Other failures (a
//!   system error, an entry larger than `netdb` will hold) are reported on stderr. An
//!   enumeration that fails prints nothing and exits with status 2; getent would print
//!   what it read.
//! * When stdout is a closed pipe the twin exits with status 1; getent dies of `SIGPIPE`.
//!
//! # Adding a database
//! [`DATABASES`] lists getent's databases; each one the twin handles has a [`Handler`].
//! The others (`aliases`, `group`, `passwd`, ...) are `None` and answer like an unknown
//! database does. To add one, write its handler next to [`services`] and the others and
//! put it in the table; [`Options`] carries `-i` and `-A` for the address databases, and
//! [`nss_database`] names the NSS database whose `-s` configuration applies to it.

// getent is a Unix tool and the twin reads Unix arguments as raw bytes, as getent does.
#[cfg(unix)]
#[path = "getent/twin.rs"]
mod twin;

#[cfg(unix)]
fn main() -> std::process::ExitCode {
    twin::main()
}

#[cfg(not(unix))]
fn main() -> std::process::ExitCode {
    eprintln!("getent: this twin of glibc's getent runs on Unix only");
    std::process::ExitCode::FAILURE
}
