//! The resolver's errors against a real name server: Debian's `unbound`, answering on
//! 127.0.0.53 from the zones in `tests/name_server/etc/`, asked through every way in
//! (`getaddrinfo`, `getaddrinfo_with`, `Resolution` waited for and awaited,
//! `Host::from_name`, `Host::from_addr`, `getnameinfo`).
//!
//! What each platform's C library answered here, and the kind netdb gives it:
//!
//! | outcome | glibc 2.36 | musl (Rust's, 1.2.5) | Windows (Wine 8, over glibc) | kind |
//! |---|---|---|---|---|
//! | NXDOMAIN | `EAI_NONAME` -2 | -2 | `WSAHOST_NOT_FOUND` 11001 | `NoName` |
//! | the name has no address of the family asked for (NODATA) | `EAI_NODATA` -5 | -5 (musl 1.2.3: -2) | 11001 | `NoData` (`NoName` on Wine, musl 1.2.3) |
//! | SERVFAIL | `EAI_AGAIN` -3, at once | -3, after its time-out | `WSATRY_AGAIN` 11002, at once | `TryAgain` |
//! | an address without a name, `NI_NAMEREQD` | `EAI_NONAME` -2 | -2 | 11001 | `NoName` |
//! | SERVFAIL for an address's name, `NI_NAMEREQD` | `EAI_AGAIN` -3 | `EAI_NONAME` -2 | 11002 | `TryAgain` (`NoName` on musl) |
//!
//! `Host::from_name` gives `Ok(None)` for the first two and `Error::Host(TryAgain)` for
//! SERVFAIL everywhere; `Host::from_addr` gives `Ok(None)` for an address without a name,
//! and for SERVFAIL `Error::Host(TryAgain)` (`Ok(None)` on musl). The differences, each
//! asserted below:
//! - Wine maps the Unix `EAI_NODATA` to `WS_EAI_NODATA`, which its `ws2tcpip.h`
//!   defines as `WS_EAI_NONAME` (11001): under Wine a name without addresses of the family
//!   is `NoName`. (Both are "not found": `is_not_found()` is true either way.)
//! - musl before 1.2.4 said `EAI_NONAME` there too; 1.2.4 made it `EAI_NODATA`. Rust's
//!   musl targets bundle musl 1.2.5 since Rust 1.93 (1.2.3 before), so the test asks
//!   the musl it is linked with which one it is ([`musl_says_no_data`]).
//! - musl does not take a SERVFAIL for an answer: it asks again and waits for a better
//!   one until its time-out (1 s here), and only then says `EAI_AGAIN`. glibc (and so
//!   Wine) gives up at the SERVFAIL itself.
//! - musl's `getnameinfo` cannot tell a failing name server from an address without a
//!   name ([`failed_reverse_lookup`]).
//!
//! On Linux each test runs in a private network and mount namespace
//! ([`common::with_private_etc_and_network`]) whose /etc has the files of
//! `tests/name_server/etc/` laid over it, and starts unbound there itself. On Windows,
//! `.ci/windows` runs this test binary under Wine in such a namespace, with unbound
//! started, and says so with `NETDB_TEST_NAME_SERVER=1` (Wine's `ws2_32` resolves with
//! the host's glibc, which reads the private resolv.conf). Nothing leaves the machine.

mod common;

common::test_main!(
    a_name_that_does_not_exist_is_not_found,
    a_name_without_addresses_of_the_family_asked_for_has_no_data,
    a_failing_name_server_means_try_again,
    a_failing_name_server_for_an_address_means_try_again,
    an_address_with_a_pointer_record_has_its_name,
    an_alias_resolves_to_its_canonical_name,
);

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use netdb::{
    AddrInfo, AddrInfoErrorKind, AddressFamily, Deadline, Error, Hints, Host, HostError,
    NameInfoFlags, Resolution, SocketType,
};

/// The files laid over /etc: resolv.conf and nsswitch.conf send every host lookup to
/// the name server, which reads its configuration and zones from the others.
#[cfg(unix)]
const ETC: &[(&str, Option<&[u8]>)] = &[
    ("resolv.conf", Some(include_bytes!("name_server/etc/resolv.conf"))),
    ("nsswitch.conf", Some(include_bytes!("name_server/etc/nsswitch.conf"))),
    ("netdb-test-unbound.conf", Some(include_bytes!("name_server/etc/netdb-test-unbound.conf"))),
    ("netdb-test.zone", Some(include_bytes!("name_server/etc/netdb-test.zone"))),
    ("netdb-test-reverse.zone", Some(include_bytes!("name_server/etc/netdb-test-reverse.zone"))),
    ("netdb-test-reverse6.zone", Some(include_bytes!("name_server/etc/netdb-test-reverse6.zone"))),
];

/// Where the name server listens (its `interface:`, resolv.conf's `nameserver`).
const SERVER: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 53)), 53);

/// Set (to anything) by `.ci/windows` where it runs this binary with the name server.
#[cfg(windows)]
const PRESENT: &str = "NETDB_TEST_NAME_SERVER";

/// Set to `1` (as CI does) to fail, not skip, where the name server cannot run: the
/// harness's variable for a private /etc, which these tests need too.
const REQUIRE: &str = "NETDB_REQUIRE_PRIVATE_ETC";

/// NXDOMAIN: no such name in the `test.` zone.
const NO_SUCH_NAME: &str = "no-such-name.test";
/// SERVFAIL: `broken.example.` is forwarded to a name server that cannot be reached.
const BROKEN: &str = "www.broken.example";
/// A and AAAA records, and a PTR record for each address.
const GOOD: &str = "good.test";
/// A CNAME of good.test.
const ALIAS: &str = "alias.test";
const GOOD_V4: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 1);
const GOOD_V6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
/// Only an A record (v4only.test), and no PTR record for it.
const V4_ONLY: &str = "v4only.test";
const NAMELESS: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 4);
/// Its name is asked of a name server that cannot be reached: SERVFAIL.
const UNREVERSIBLE: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 1);
/// Only an AAAA record.
const V6_ONLY: &str = "v6only.test";
const V6_ONLY_ADDRESS: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 6);

/// Long enough for any answer here: the deadline resolver must give the resolver's own
/// outcome, never `TimedOut`.
const DEADLINE: Duration = Duration::from_secs(10);

fn a_name_that_does_not_exist_is_not_found() {
    with_name_server("a_name_that_does_not_exist_is_not_found", || {
        for family in [None, Some(AddressFamily::Inet), Some(AddressFamily::Inet6)] {
            for way in resolve_every_way(NO_SUCH_NAME, &hints(family)) {
                let error = way.error();
                assert!(error.is_not_found(), "{way:?}");
                assert!(!error.is_temporary(), "{way:?}");
                assert_eq!(
                    kind_and_code(error),
                    (AddrInfoErrorKind::NoName, netdb::ffi::EAI_NONAME),
                    "{way:?}"
                );
                assert_eq!(
                    io::Error::from(way.outcome.unwrap_err()).kind(),
                    io::ErrorKind::NotFound
                );
            }
        }
        for family in [AddressFamily::Inet, AddressFamily::Inet6] {
            assert_eq!(Host::from_name(NO_SUCH_NAME, family).unwrap(), None, "{family}");
        }
    });
}

fn a_name_without_addresses_of_the_family_asked_for_has_no_data() {
    with_name_server("a_name_without_addresses_of_the_family_asked_for_has_no_data", || {
        let expected = no_data();
        let cases = [
            (V6_ONLY, AddressFamily::Inet, IpAddr::from(V6_ONLY_ADDRESS)),
            (V4_ONLY, AddressFamily::Inet6, IpAddr::from(NAMELESS)),
        ];
        for (name, missing, address) in cases {
            // The name exists: asked for any family, it has its one address.
            let found = netdb::getaddrinfo(Some(name), None, &hints(None)).unwrap();
            assert_eq!(addresses(&found), [address], "{name}");
            let has = AddressFamily::of(&address);
            let host = Host::from_name(name, has).unwrap().expect(name);
            assert_eq!(host.addresses, [address]);

            for way in resolve_every_way(name, &hints(Some(missing))) {
                let error = way.error();
                assert!(error.is_not_found(), "{way:?}");
                assert!(!error.is_temporary(), "{way:?}");
                assert_eq!(kind_and_code(error), expected, "{way:?}");
                assert_eq!(
                    io::Error::from(way.outcome.unwrap_err()).kind(),
                    io::ErrorKind::NotFound
                );
            }
            // h_errno NO_DATA (Windows: WSANO_DATA from gethostbyname, WSAHOST_NOT_FOUND
            // from the getaddrinfo behind Inet6) is "not found" too.
            assert_eq!(Host::from_name(name, missing).unwrap(), None, "{name} {missing}");
        }
    });
}

fn a_failing_name_server_means_try_again() {
    with_name_server("a_failing_name_server_means_try_again", || {
        // Every way for one family (each costs musl a time-out), the plain call for each.
        let mut ways = resolve_every_way(BROKEN, &hints(None));
        for family in [AddressFamily::Inet, AddressFamily::Inet6] {
            let hints = hints(Some(family));
            ways.push(Way::timed("getaddrinfo", hints, || {
                netdb::getaddrinfo(Some(BROKEN), None, &hints)
            }));
        }
        for way in ways {
            let error = way.error();
            assert!(error.is_temporary(), "{way:?}");
            assert!(!error.is_not_found(), "{way:?}");
            let expected = (AddrInfoErrorKind::TryAgain, netdb::ffi::EAI_AGAIN);
            assert_eq!(kind_and_code(error), expected, "{way:?}");
            assert_servfail_timing(&way);
            assert_eq!(io::Error::from(way.outcome.unwrap_err()).kind(), io::ErrorKind::TimedOut);
        }
        for family in [AddressFamily::Inet, AddressFamily::Inet6] {
            let outcome = Host::from_name(BROKEN, family);
            assert!(
                matches!(outcome, Err(Error::Host(HostError::TryAgain))),
                "{family}: {outcome:?}"
            );
            assert!(outcome.unwrap_err().is_temporary());
        }
    });
}

/// The reverse direction: the name server fails for the address's name. glibc (and so
/// Wine) says so; musl cannot tell it from an address without a name (see
/// [`failed_reverse_lookup`]).
fn a_failing_name_server_for_an_address_means_try_again() {
    with_name_server("a_failing_name_server_for_an_address_means_try_again", || {
        let socket = SocketAddr::new(UNREVERSIBLE.into(), 80);
        let outcomes = [
            ("Host::from_addr", Host::from_addr(UNREVERSIBLE.into()).map(|h| h.map(|h| h.name))),
            (
                "getnameinfo, NI_NAMEREQD",
                netdb::getnameinfo(&socket, NameInfoFlags::NAME_REQUIRED).map(|(h, _)| Some(h)),
            ),
            ("getnameinfo", netdb::getnameinfo(&socket, NameInfoFlags::NONE).map(|(h, _)| Some(h))),
        ];
        for (way, outcome) in outcomes {
            failed_reverse_lookup(way, outcome);
        }
    });
}

fn an_address_with_a_pointer_record_has_its_name() {
    with_name_server("an_address_with_a_pointer_record_has_its_name", || {
        for address in [IpAddr::from(GOOD_V4), IpAddr::from(GOOD_V6)] {
            let host = Host::from_addr(address).unwrap();
            let expected = Host { name: GOOD.into(), aliases: vec![], addresses: vec![address] };
            assert_eq!(host, Some(expected), "{address}");

            let socket = SocketAddr::new(address, 80);
            let flags = NameInfoFlags::NAME_REQUIRED | NameInfoFlags::NUMERIC_SERVICE;
            let named = netdb::getnameinfo(&socket, flags).unwrap();
            assert_eq!(named, (GOOD.to_owned(), "80".to_owned()), "{address}");
        }

        // An address whose reverse zone has no record for it has no name.
        assert_eq!(Host::from_addr(NAMELESS.into()).unwrap(), None);
        let socket = SocketAddr::new(NAMELESS.into(), 80);
        let flags = NameInfoFlags::NAME_REQUIRED | NameInfoFlags::NUMERIC_SERVICE;
        let error = netdb::getnameinfo(&socket, flags).unwrap_err();
        assert!(error.is_not_found(), "{error:?}");
        assert_eq!(kind_and_code(&error), (AddrInfoErrorKind::NoName, netdb::ffi::EAI_NONAME));
        // Without NAME_REQUIRED it is written in digits instead.
        let digits = netdb::getnameinfo(&socket, NameInfoFlags::NUMERIC_SERVICE).unwrap();
        assert_eq!(digits, (NAMELESS.to_string(), "80".to_owned()));
    });
}

fn an_alias_resolves_to_its_canonical_name() {
    with_name_server("an_alias_resolves_to_its_canonical_name", || {
        for (family, address) in
            [(AddressFamily::Inet, IpAddr::from(GOOD_V4)), (AddressFamily::Inet6, GOOD_V6.into())]
        {
            let hints = hints(Some(family)).canonical_name(true);
            for way in resolve_every_way(ALIAS, &hints) {
                let found = way.outcome.as_ref().unwrap_or_else(|e| panic!("{way:?}: {e}"));
                assert_eq!(addresses(found), [address], "{way:?}");
                assert_eq!(found[0].canonical_name.as_deref(), Some(GOOD), "{way:?}");
            }
            // Not asked for, no canonical name (musl fills one in on every result).
            let found = netdb::getaddrinfo(Some(ALIAS), None, &self::hints(Some(family))).unwrap();
            assert!(found.iter().all(|a| a.canonical_name.is_none()), "{found:?}");

            // The host's name is the canonical one, the name asked for an alias.
            // (Windows has no gethostbyname2: Inet6 goes through getaddrinfo, which
            // knows no aliases.)
            let aliases = if cfg!(windows) && family == AddressFamily::Inet6 {
                vec![]
            } else {
                vec![ALIAS.to_owned()]
            };
            let host = Host::from_name(ALIAS, family).unwrap();
            let expected = Host { name: GOOD.into(), aliases, addresses: vec![address] };
            assert_eq!(host, Some(expected), "{family}");
            // The canonical name itself has no alias.
            let host = Host::from_name(GOOD, family).unwrap();
            let expected = Host { name: GOOD.into(), aliases: vec![], addresses: vec![address] };
            assert_eq!(host, Some(expected), "{family}");
        }
        // Both families at once, through the alias.
        let found = netdb::getaddrinfo(Some(ALIAS), None, &hints(None)).unwrap();
        let mut found = addresses(&found);
        found.sort();
        assert_eq!(found, [IpAddr::from(GOOD_V4), GOOD_V6.into()]);
    });
}

// --- the ways in -----------------------------------------------------------------------

/// Stream sockets only (one result per address), of `family` or of any.
fn hints(family: Option<AddressFamily>) -> Hints {
    let hints = Hints::new().socket_type(SocketType::STREAM);
    match family {
        Some(family) => hints.family(family),
        None => hints,
    }
}

/// One lookup: how it was made, what it gave and how long it took.
struct Way {
    how: &'static str,
    hints: Hints,
    outcome: netdb::Result<Vec<AddrInfo>>,
    took: Duration,
}

impl std::fmt::Debug for Way {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({:?}, {:?}): {:?}", self.how, self.hints, self.took, self.outcome)
    }
}

impl Way {
    fn timed(
        how: &'static str,
        hints: Hints,
        lookup: impl FnOnce() -> netdb::Result<Vec<AddrInfo>>,
    ) -> Way {
        let start = Instant::now();
        let outcome = lookup();
        Way { how, hints, outcome, took: start.elapsed() }
    }

    fn error(&self) -> &Error {
        match &self.outcome {
            Err(error) => error,
            Ok(found) => panic!("{}: found {found:?}", self.how),
        }
    }
}

/// Resolves `host` with `hints` through `getaddrinfo`, the deadline resolver, and a
/// `Resolution` both waited for and awaited (each has its own path on Windows, where
/// the last three go through `GetAddrInfoExW`).
fn resolve_every_way(host: &str, hints: &Hints) -> Vec<Way> {
    let host = Some(host);
    vec![
        Way::timed("getaddrinfo", *hints, || netdb::getaddrinfo(host, None, hints)),
        Way::timed("getaddrinfo_with", *hints, || {
            netdb::getaddrinfo_with(host, None, hints, Deadline::after(DEADLINE))
        }),
        Way::timed("Resolution::wait", *hints, || {
            Resolution::start(host, None, hints)?.wait(Deadline::after(DEADLINE))
        }),
        Way::timed("Resolution as a future", *hints, || {
            common::block_on(Resolution::start(host, None, hints)?).output
        }),
    ]
}

fn addresses(found: &[AddrInfo]) -> Vec<IpAddr> {
    found.iter().map(|a| a.address.ip()).collect()
}

/// The kind and the C library's code of a `getaddrinfo`/`getnameinfo` error.
fn kind_and_code(error: &Error) -> (AddrInfoErrorKind, i32) {
    match error {
        Error::AddrInfo(e) => (e.kind(), e.code()),
        other => panic!("not an AddrInfo error: {other:?}"),
    }
}

/// The kind and code of "the name has no address of that family" on FreeBSD, whose
/// `<netdb.h>` keeps `EAI_NODATA` under `#if 0`: its getaddrinfo says `EAI_NONAME`.
#[cfg(target_os = "freebsd")]
fn no_data() -> (AddrInfoErrorKind, i32) {
    (AddrInfoErrorKind::NoName, netdb::ffi::EAI_NONAME)
}

/// The kind and code of "the name has no address of that family" here (see the table
/// at the top).
#[cfg(not(target_os = "freebsd"))]
fn no_data() -> (AddrInfoErrorKind, i32) {
    if cfg!(windows) {
        // Wine's WS_EAI_NODATA is its WS_EAI_NONAME.
        (AddrInfoErrorKind::NoName, netdb::ffi::EAI_NONAME)
    } else if cfg!(target_env = "musl") && !musl_says_no_data() {
        (AddrInfoErrorKind::NoName, netdb::ffi::EAI_NONAME)
    } else {
        (AddrInfoErrorKind::NoData, netdb::ffi::EAI_NODATA)
    }
}

/// Whether this musl is 1.2.4 or later, whose `getaddrinfo` says `EAI_NODATA` (not
/// `EAI_NONAME`) for a name without addresses of the family asked for. The same release
/// made `gethostbyname2_r` return 0, not `ENOENT`, for a name that does not exist,
/// which the C function, called directly, tells.
#[cfg(target_env = "musl")]
fn musl_says_no_data() -> bool {
    use std::ffi::{c_char, c_int};
    use std::mem::MaybeUninit;

    let mut entry = MaybeUninit::<netdb::ffi::hostent>::uninit();
    let mut buffer = [0 as c_char; 1024];
    let mut result: *mut netdb::ffi::hostent = std::ptr::null_mut();
    let mut h_errno: c_int = 0;
    // SAFETY: the name is NUL-terminated; the entry, the buffer (of the length passed),
    // the result and the h_errno slot are valid for writes for the whole call.
    let rc = unsafe {
        netdb::ffi::gethostbyname2_r(
            c"no-such-name.test".as_ptr(),
            libc::AF_INET,
            entry.as_mut_ptr(),
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut result,
            &mut h_errno,
        )
    };
    assert!(result.is_null(), "no-such-name.test was found");
    assert_eq!(h_errno, netdb::ffi::HOST_NOT_FOUND);
    match rc {
        0 => true,
        libc::ENOENT => false,
        other => panic!("gethostbyname2_r returned {other} for a name that does not exist"),
    }
}

#[cfg(not(any(target_env = "musl", target_os = "freebsd")))]
fn musl_says_no_data() -> bool {
    unreachable!("asked only on musl")
}

/// A SERVFAIL is heard at once by glibc (and by Wine, which calls glibc): well within
/// resolv.conf's one-second time-out, so the `EAI_AGAIN` is the SERVFAIL's, not a
/// time-out's. musl asks again on SERVFAIL until its time-out, and only then says
/// `EAI_AGAIN`.
fn assert_servfail_timing(way: &Way) {
    let timeout = Duration::from_secs(1);
    if cfg!(target_env = "musl") {
        assert!(way.took >= timeout - Duration::from_millis(100), "{way:?}");
    } else {
        assert!(way.took < timeout - Duration::from_millis(100), "{way:?}");
    }
}

/// Checks what `way` gave for the name of [`UNREVERSIBLE`], whose reverse zone answers
/// SERVFAIL.
///
/// glibc's `gethostbyaddr_r` says `TRY_AGAIN`, and its `getnameinfo` `EAI_AGAIN`, with
/// or without `NI_NAMEREQD`; Wine passes both on (`WSATRY_AGAIN`, 11002).
///
/// musl's `getnameinfo` reads no error from its DNS query: an answer without a name
/// (and a SERVFAIL, which it does not take for an answer, after its time-out) leaves the
/// name empty, so it gives the address in digits, or `EAI_NONAME` with `NI_NAMEREQD`.
/// Its `gethostbyaddr_r` asks that `getnameinfo` without the flag and returns the digits
/// as the host's name, which netdb reads as "no name" (`Ok(None)`). So on musl a failing
/// name server looks like an address without a name, and netdb cannot tell otherwise.
fn failed_reverse_lookup(way: &str, outcome: netdb::Result<Option<String>>) {
    if cfg!(target_env = "musl") {
        match way {
            "getnameinfo" => assert_eq!(outcome.unwrap(), Some(UNREVERSIBLE.to_string())),
            "Host::from_addr" => assert_eq!(outcome.unwrap(), None),
            _ => {
                let error = outcome.unwrap_err();
                assert!(error.is_not_found() && !error.is_temporary(), "{way}: {error:?}");
                assert_eq!(
                    kind_and_code(&error),
                    (AddrInfoErrorKind::NoName, netdb::ffi::EAI_NONAME)
                );
            }
        }
        return;
    }
    let error = outcome.unwrap_err();
    assert!(error.is_temporary() && !error.is_not_found(), "{way}: {error:?}");
    if way == "Host::from_addr" {
        assert!(matches!(error, Error::Host(HostError::TryAgain)), "{way}: {error:?}");
    } else {
        assert_eq!(
            kind_and_code(&error),
            (AddrInfoErrorKind::TryAgain, netdb::ffi::EAI_AGAIN),
            "{way}"
        );
    }
}

// --- the name server ---------------------------------------------------------------------

/// Runs `body` where host lookups go to the name server: on Linux in a private /etc and
/// network with unbound started there; on Windows where `.ci/windows` started it. Where
/// that cannot be, the test fails under `NETDB_REQUIRE_PRIVATE_ETC=1` and is reported
/// ignored, saying why, otherwise (as the harness does for a private /etc).
fn with_name_server(test_name: &str, body: impl FnOnce()) {
    if let Some(missing) = name_server_missing() {
        if std::env::var(REQUIRE).as_deref() == Ok("1") {
            panic!("{REQUIRE}=1 but {test_name} cannot run: {missing}");
        }
        common::ignore(missing);
    }
    #[cfg(unix)]
    common::with_private_etc_and_network(test_name, ETC, || {
        let _server = unbound::start();
        body();
        if under_valgrind() {
            let_the_resolver_threads_end();
        }
    });
    #[cfg(windows)]
    {
        wait_until_answering(&mut || None);
        body();
    }
}

/// Whether this process runs under valgrind (whose preloaded library is in `LD_PRELOAD`),
/// as `.ci/valgrind` runs the tests.
#[cfg(unix)]
fn under_valgrind() -> bool {
    std::env::var("LD_PRELOAD").is_ok_and(|p| p.contains("valgrind"))
}

/// Waits until no lookup is in flight and the resolver pool's threads have ended (after
/// a few idle seconds). glibc keeps each thread's resolver configuration, and the first
/// thread to load it allocates it: a pool thread still alive at exit takes the last
/// reference to the test thread's allocation with it, and memcheck reports that as lost.
#[cfg(unix)]
fn let_the_resolver_threads_end() {
    common::dead_server::settle();
}

/// What this machine lacks to run the name server tests, if anything: the one place
/// that knows what they need. (A private /etc and network, which they need too, the
/// harness checks itself.)
fn name_server_missing() -> Option<String> {
    #[cfg(unix)]
    {
        unbound::path().is_none().then(|| {
            "they need unbound (Debian: `apt-get install unbound`), which is not installed"
                .to_owned()
        })
    }
    #[cfg(windows)]
    {
        std::env::var_os(PRESENT).is_none().then(|| {
            format!(
                "they need a name server, which only .ci/windows provides: it runs this \
                 test binary under Wine with unbound in a private network and sets {PRESENT}"
            )
        })
    }
}

#[cfg(unix)]
mod unbound {
    use std::io::Read;
    use std::path::PathBuf;
    use std::process::{Child, Command, Stdio};

    /// The `unbound` program: on the `PATH`, or in the sbin folders, which a user's
    /// `PATH` often lacks.
    pub fn path() -> Option<PathBuf> {
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path)
            .chain(["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from))
            .map(|dir| dir.join("unbound"))
            .find(|program| program.is_file())
    }

    /// unbound, running in the foreground; killed (and waited for) when dropped, a
    /// failing test's unwinding included.
    pub struct Server(Child);

    /// Starts unbound with the configuration laid over /etc, and waits until it answers.
    pub fn start() -> Server {
        let program = path().expect("name_server_missing found unbound");
        let child = Command::new(&program)
            .args(["-d", "-c", "/etc/netdb-test-unbound.conf"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", program.display()));
        let mut server = Server(child);
        super::wait_until_answering(&mut || server.exited());
        server
    }

    impl Server {
        /// How unbound ended, with what it said, if it has.
        fn exited(&mut self) -> Option<String> {
            let status = self.0.try_wait().expect("waiting for unbound")?;
            let mut said = String::new();
            if let Some(stderr) = &mut self.0.stderr {
                let _ = stderr.read_to_string(&mut said);
            }
            Some(format!("unbound ended ({status}):\n{said}"))
        }
    }

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Asks the name server for good.test's A record until it answers, for up to ten
/// seconds, and checks the answer: its zones are loaded. `exited` says whether (and how)
/// the server process has ended, which ends the wait at once.
fn wait_until_answering(exited: &mut dyn FnMut() -> Option<String>) {
    let socket = UdpSocket::bind("127.0.0.1:0").expect("a UDP socket on the loopback");
    socket.connect(SERVER).expect("connecting to the name server's address");
    socket.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let query = dns_query(0x6e74, GOOD, 1);
    let start = Instant::now();
    let mut answer = [0u8; 512];
    loop {
        if let Some(how) = exited() {
            panic!("the name server ended before it answered: {how}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the name server at {SERVER} did not answer within ten seconds"
        );
        // Refused (nothing listens yet) or unanswered: try again.
        if socket.send(&query).is_err() {
            std::thread::sleep(Duration::from_millis(50));
            continue;
        }
        let Ok(length) = socket.recv(&mut answer) else { continue };
        let answer = &answer[..length];
        if answer.len() < 12 || answer[..2] != query[..2] {
            continue; // not the answer to this query
        }
        let rcode = answer[3] & 0x0f;
        let records = u16::from_be_bytes([answer[6], answer[7]]);
        assert!(
            rcode == 0 && records > 0,
            "the name server answered {GOOD} with rcode {rcode} and {records} records: \
             its zones are not loaded"
        );
        return;
    }
}

/// A DNS query (recursion desired) for `name`'s records of type `record_type`.
fn dns_query(id: u16, name: &str, record_type: u16) -> Vec<u8> {
    let mut query = id.to_be_bytes().to_vec();
    query.extend_from_slice(&[0x01, 0x00]); // a standard query, recursion desired
    query.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]); // one question, no records
    for label in name.split('.') {
        query.push(u8::try_from(label.len()).expect("a label of at most 63 bytes"));
        query.extend_from_slice(label.as_bytes());
    }
    query.push(0);
    query.extend_from_slice(&record_type.to_be_bytes());
    query.extend_from_slice(&1u16.to_be_bytes()); // class IN
    query
}
