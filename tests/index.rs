//! The index of the services and protocols files answers as the C library does, and
//! sees every change at the next lookup; where it cannot give the C library's answer,
//! the C library answers.
//!
//! The comparisons ask, for every name and alias of the files (every word of them, and
//! its parts before a `/` or a `#`) with each protocol of the files and none, and for
//! every port from 0 to 65535 with each protocol and none, `Service::from_name` or
//! `Service::from_port` and the C library's own `getservbyname_r` or `getservbyport_r`
//! (through `netdb::ffi`, with a buffer that grows as the crate's does), and compare the
//! entries field by field (the C library's converted as the crate converts them: a
//! field that is not UTF-8 is `Error::NonUtf8`); on glibc the same for the protocols,
//! by every name and by every number from -1 to 256 and some beyond. They do so on this
//! machine's files and on every broken database of `tests/broken_databases.rs`, and
//! check that the index, not the C library, gave each of netdb's answers
//! (`IndexStatus::answered_from_index`). On musl the comparisons ask only what reaches
//! musl: the crate answers a numeric name, a `port/protocol` text or a protocol other
//! than `tcp` and `udp` itself (`sys/musl.rs`), and a name with a blank goes to musl.
//! In the `locked` fallback (which CI runs on glibc) every answer must be the C
//! library's and none the index's.
//!
//! Where the C library finds nothing for a key without a protocol, it is not asked
//! again with one (its lookups take the first entry of the key whatever its protocol:
//! there is none). Three reductions keep the run within CI's time, each where it is
//! made: a line with more than 64 words gives a sample of its words ([`words`]); a file
//! larger than 64 KiB is asked the ports it names and a sample of the others, and so is
//! every file under valgrind or qemu-user, where a lookup takes ten to fifty times as
//! long ([`ports_to_ask`]).
//!
//! The freshness tests change the files in a private /etc between two lookups in every
//! way the index must see: an edit in place, an edit of the same size right after the
//! file was read (within one timestamp tick), a file renamed over, a bind mount over the
//! file and over /etc, a change of nsswitch.conf, an nss_db file appearing; and the same
//! without /proc, where each lookup checks the files by `stat`. No test measures time.

// The comparisons need the glibc-shaped `_r` functions of glibc and musl on Linux;
// elsewhere only the checks of where the lookups answer from run.
#![cfg_attr(
    not(all(target_os = "linux", any(target_env = "gnu", target_env = "musl"))),
    allow(dead_code, unused_imports)
)]

mod common;

common::test_main!(
    this_machines_files_answer_as_the_c_library,
    missing_files_answer_as_the_c_library,
    empty_files_answer_as_the_c_library,
    crlf_files_answer_as_the_c_library,
    commented_files_answer_as_the_c_library,
    files_with_lines_of_100_kib_answer_as_the_c_library,
    files_with_10000_aliases_answer_as_the_c_library,
    files_that_are_not_utf8_answer_as_the_c_library,
    files_with_numbers_out_of_range_answer_as_the_c_library,
    files_with_duplicates_answer_as_the_c_library,
    files_with_odd_white_space_answer_as_the_c_library,
    files_with_the_readers_quirks_answer_as_the_c_library,
    an_edit_in_place_is_seen_by_the_next_lookup,
    an_edit_of_the_same_size_right_after_a_lookup_is_seen,
    a_file_renamed_over_is_seen_by_the_next_lookup,
    a_bind_mount_over_the_file_or_etc_is_seen_by_the_next_lookup,
    a_change_of_nsswitch_conf_is_seen_by_the_next_lookup,
    an_nss_db_file_hands_the_lookups_to_the_c_library,
    without_proc_each_lookup_checks_the_files_by_stat,
    a_forked_child_and_its_parent_both_see_a_change,
    another_source_in_nsswitch_conf_leaves_the_lookups_to_the_c_library,
    an_unknown_source_is_asked_by_the_c_library_not_the_index,
    many_threads_see_a_change_at_their_next_lookup,
    threads_beyond_the_watch_limit_check_by_stat,
);

use std::collections::BTreeSet;
use std::process::Command;

use common::child::OutputWithin;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
use netdb::Protocol;
use netdb::{Error, Freshness, IndexStatus, LookupSource, Service};

const MUSL: bool = cfg!(target_env = "musl");
const GLIBC: bool = cfg!(all(target_os = "linux", target_env = "gnu"));
/// Whether this build's lookups may be answered from the index at all: glibc's and
/// musl's backends on Linux, not the `locked` fallback CI also runs on glibc.
const INDEXED: bool = cfg!(target_os = "linux") && (GLIBC || MUSL) && !cfg!(netdb_force_locked);

/// Only files, for every database the tests use.
const NSSWITCH: &[u8] = b"hosts: files\nservices: files\nprotocols: files\n";

/// The C library's own lookups, through `netdb::ffi`.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
mod c {
    use std::ffi::{c_char, c_int, CStr, CString};
    use std::mem::MaybeUninit;
    use std::ptr;

    use netdb::ffi;

    /// An entry's fields, as bytes.
    pub struct Fields {
        pub name: Vec<u8>,
        pub aliases: Vec<Vec<u8>>,
        pub number: i32,
        pub protocol: Vec<u8>,
    }

    /// What a lookup gave: an entry, none, or an errno value.
    pub type Answer = Result<Option<Fields>, c_int>;

    /// # Safety
    /// `list` is a NULL-terminated array of NUL-terminated strings.
    unsafe fn strings(mut list: *mut *mut c_char) -> Vec<Vec<u8>> {
        let mut all = Vec::new();
        // SAFETY: the caller's contract; each item is read before the next.
        unsafe {
            while !list.is_null() && !(*list).is_null() {
                all.push(CStr::from_ptr(*list).to_bytes().to_vec());
                list = list.add(1);
            }
        }
        all
    }

    thread_local! {
        /// The buffer of every call on this thread: 1 MiB, the crate's largest, so that
        /// no call needs to be repeated with a larger one (the answer does not depend on
        /// the size, but the time the C library takes to read a long line again does).
        static BUFFER: std::cell::RefCell<Vec<c_char>> = std::cell::RefCell::new(vec![0; 1 << 20]);
    }

    /// Runs a glibc-shaped `_r` call and reads what it found.
    fn run<E>(
        mut call: impl FnMut(*mut E, *mut c_char, usize, *mut *mut E) -> c_int,
        read: impl Fn(&E) -> Fields,
    ) -> Answer {
        BUFFER.with(|buffer| {
            let mut buffer = buffer.borrow_mut();
            let mut entry = MaybeUninit::<E>::uninit();
            let mut result: *mut E = ptr::null_mut();
            let rc = call(entry.as_mut_ptr(), buffer.as_mut_ptr(), buffer.len(), &mut result);
            match rc {
                0 if result.is_null() => Ok(None),
                // SAFETY: on success the result points at the entry the call filled in,
                // whose strings lead into the buffer, borrowed here.
                0 => Ok(Some(read(unsafe { &*result }))),
                libc::ENOENT => Ok(None),
                errno => Err(errno),
            }
        })
    }

    fn service(entry: &ffi::servent) -> Fields {
        // SAFETY: an entry a successful call filled in, its buffer alive.
        unsafe {
            Fields {
                name: CStr::from_ptr(entry.s_name).to_bytes().to_vec(),
                aliases: strings(entry.s_aliases),
                number: i32::from(u16::from_be(entry.s_port as u16)),
                protocol: CStr::from_ptr(entry.s_proto).to_bytes().to_vec(),
            }
        }
    }

    pub fn service_by_name(name: &str, protocol: Option<&str>) -> Answer {
        let name = CString::new(name).unwrap();
        let protocol = protocol.map(|p| CString::new(p).unwrap());
        let protocol = protocol.as_ref().map_or(ptr::null(), |p| p.as_ptr());
        run(
            |entry, buffer, size, result| {
                // SAFETY: the strings are NUL-terminated (or NULL) and outlive the call;
                // entry, buffer and result are valid for writes of the sizes passed.
                unsafe {
                    ffi::getservbyname_r(name.as_ptr(), protocol, entry, buffer, size, result)
                }
            },
            service,
        )
    }

    pub fn service_by_port(port: u16, protocol: Option<&str>) -> Answer {
        let protocol = protocol.map(|p| CString::new(p).unwrap());
        let protocol = protocol.as_ref().map_or(ptr::null(), |p| p.as_ptr());
        run(
            |entry, buffer, size, result| {
                // SAFETY: as in `service_by_name`; the port goes in network byte order.
                unsafe {
                    ffi::getservbyport_r(
                        i32::from(port.to_be()),
                        protocol,
                        entry,
                        buffer,
                        size,
                        result,
                    )
                }
            },
            service,
        )
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn protocol(entry: &ffi::protoent) -> Fields {
        // SAFETY: an entry a successful call filled in, its buffer alive.
        unsafe {
            Fields {
                name: CStr::from_ptr(entry.p_name).to_bytes().to_vec(),
                aliases: strings(entry.p_aliases),
                number: entry.p_proto,
                protocol: Vec::new(),
            }
        }
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    pub fn protocol_by_name(name: &str) -> Answer {
        let name = CString::new(name).unwrap();
        run(
            |entry, buffer, size, result| {
                // SAFETY: as in `service_by_name`.
                unsafe { ffi::getprotobyname_r(name.as_ptr(), entry, buffer, size, result) }
            },
            protocol,
        )
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    pub fn protocol_by_number(number: i32) -> Answer {
        run(
            |entry, buffer, size, result| {
                // SAFETY: as in `service_by_name`.
                unsafe { ffi::getprotobynumber_r(number, entry, buffer, size, result) }
            },
            protocol,
        )
    }
}

// --- describing answers -----------------------------------------------------------

/// An answer, as the crate gives it, in a form that compares: an entry, an entry that
/// is not UTF-8 (the first bad field, its bytes, the entry decoded lossily), nothing,
/// or an errno value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer<T> {
    Found(T),
    NonUtf8(&'static str, Vec<u8>, T),
    None,
    Errno(i32),
    Other(String),
}

/// A field as the crate decodes it, remembering the first that is not UTF-8.
fn decode(
    field: &'static str,
    bytes: &[u8],
    first_bad: &mut Option<(&'static str, Vec<u8>)>,
) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            first_bad.get_or_insert_with(|| (field, bytes.to_vec()));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

fn answer<T>(entry: T, first_bad: Option<(&'static str, Vec<u8>)>) -> Answer<T> {
    match first_bad {
        None => Answer::Found(entry),
        Some((field, bytes)) => Answer::NonUtf8(field, bytes, entry),
    }
}

/// What the crate must answer for what the C library answered (see `sys/convert.rs`):
/// the fields decoded, `NonUtf8` naming the first that is not UTF-8; musl lists an
/// entry's own name among its aliases, which the crate drops.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn expected_service(found: c::Answer) -> Answer<Service> {
    let fields = match found {
        Ok(None) => return Answer::None,
        Err(errno) => return Answer::Errno(errno),
        Ok(Some(fields)) => fields,
    };
    let mut bad = None;
    let service = Service {
        name: decode("name", &fields.name, &mut bad),
        aliases: fields
            .aliases
            .iter()
            .filter(|alias| !(MUSL && **alias == fields.name))
            .map(|alias| decode("alias", alias, &mut bad))
            .collect(),
        port: fields.number as u16,
        protocol: decode("protocol", &fields.protocol, &mut bad),
    };
    answer(service, bad)
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn expected_protocol(found: c::Answer) -> Answer<Protocol> {
    let fields = match found {
        Ok(None) => return Answer::None,
        Err(errno) => return Answer::Errno(errno),
        Ok(Some(fields)) => fields,
    };
    let mut bad = None;
    let protocol = Protocol {
        name: decode("name", &fields.name, &mut bad),
        aliases: fields.aliases.iter().map(|alias| decode("alias", alias, &mut bad)).collect(),
        number: fields.number,
    };
    answer(protocol, bad)
}

/// The crate's answer, in the form [`Answer`] compares.
fn described<T>(
    result: netdb::Result<Option<T>>,
    unwrap: fn(netdb::LossyEntry) -> Option<T>,
) -> Answer<T> {
    match result {
        Ok(None) => Answer::None,
        Ok(Some(entry)) => Answer::Found(entry),
        Err(Error::NonUtf8(bad)) => {
            let bad = *bad;
            match unwrap(bad.entry) {
                Some(entry) => Answer::NonUtf8(bad.field, bad.bytes, entry),
                None => Answer::Other("a NonUtf8 error of another database".into()),
            }
        }
        Err(Error::Io(e)) => Answer::Errno(e.raw_os_error().unwrap_or(-1)),
        Err(other) => Answer::Other(other.to_string()),
    }
}

fn service_answer(result: netdb::Result<Option<Service>>) -> Answer<Service> {
    described(result, |entry| match entry {
        netdb::LossyEntry::Service(service) => Some(service),
        _ => None,
    })
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn protocol_answer(result: netdb::Result<Option<Protocol>>) -> Answer<Protocol> {
    described(result, |entry| match entry {
        netdb::LossyEntry::Protocol(protocol) => Some(protocol),
        _ => None,
    })
}

/// An answer for a message: its start, and its length if it is long.
fn shown<T: std::fmt::Debug>(answer: &Answer<T>) -> String {
    let text = format!("{answer:?}");
    match text.char_indices().nth(200) {
        Some((end, _)) => format!("{}... ({} bytes)", &text[..end], text.len()),
        None => text,
    }
}

// --- the keys of a file --------------------------------------------------------------

/// C's isspace in the C locale.
fn is_c_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Every word of `file` (a run between blanks, NUL bytes and newlines), and each word's
/// parts before and after a `/` or a `#`: every name and alias any reading of the file
/// can find, and more. Of a line with more than 64 words only the first and last 8 and
/// every 100th (under a [`slow_runner`], not those) are taken: a lookup of any alias of
/// a line with 10,000 of them copies all 10,000, which would make the 10,000 lookups of
/// them all take minutes.
fn words(file: &[u8]) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for line in file.split(|&b| b == b'\n') {
        let all: Vec<&[u8]> =
            line.split(|&b| is_c_space(b) || b == 0).filter(|w| !w.is_empty()).collect();
        let n = all.len();
        let taken = all
            .iter()
            .enumerate()
            .filter(|&(i, _)| n <= 64 || i < 8 || i + 8 >= n || (i % 100 == 0 && !slow_runner()));
        for (_, word) in taken {
            let mut add = |part: &[u8]| {
                if let Ok(part) = std::str::from_utf8(part) {
                    if !part.is_empty() {
                        words.insert(part.to_owned());
                    }
                }
            };
            add(word);
            for separator in [b'/', b'#'] {
                for part in word.split(|&b| b == separator) {
                    add(part);
                }
            }
        }
    }
    words
}

/// Whether the tests run under valgrind or an emulator (qemu-user), where a lookup
/// takes 10 to 50 times as long, and their point is the memory checks or the other
/// architecture, not the exhaustive comparison.
fn slow_runner() -> bool {
    let valgrind = std::env::var("LD_PRELOAD").is_ok_and(|p| p.contains("vgpreload"));
    valgrind || !common::target_runner().is_empty()
}

/// The largest file whose every port is asked: each lookup of a port the file lacks
/// reads it whole, which for the 400 KiB of the long lines' database takes musl 400
/// `read` calls of 1 KiB, and 65,536 ports such lookups take minutes.
const EVERY_PORT_UP_TO: usize = 64 * 1024;

/// Every port; but for a file larger than [`EVERY_PORT_UP_TO`], every number the file
/// holds (as a word or part of one, where a bad reading could find a port), the ports
/// below 1024, and every 61st; and under a [`slow_runner`] the numbers the file holds,
/// the ports below 64 and every 997th.
fn ports_to_ask(file: &[u8]) -> Vec<u16> {
    let (below, every) = match (slow_runner(), file.len() <= EVERY_PORT_UP_TO) {
        (false, true) => return (0..=u16::MAX).collect(),
        (false, false) => (1024, 61),
        (true, _) => (64, 997),
    };
    let in_file: BTreeSet<u16> = words(file)
        .iter()
        .filter_map(|word| word.trim_start_matches(['+', '-']).parse::<u64>().ok())
        .map(|number| number as u16)
        .collect();
    (0..=u16::MAX)
        .filter(|port| *port < below || port % every == 0 || in_file.contains(port))
        .collect()
}

/// Whether the crate takes `name` to musl's index rather than answering it itself or
/// leaving it to musl (see the module's docs).
fn reaches_musls_index(name: &str) -> bool {
    let bytes = name.as_bytes();
    let digits = |text: &[u8]| {
        let text = text.strip_prefix(b"+").or_else(|| text.strip_prefix(b"-")).unwrap_or(text);
        !text.is_empty() && text.iter().all(u8::is_ascii_digit)
    };
    let start = bytes.iter().position(|&b| !is_c_space(b)).unwrap_or(bytes.len());
    let number = bytes.is_empty() || digits(&bytes[start..]);
    let port_field = bytes.iter().position(|&b| b == b'/').is_some_and(|slash| {
        let port = &bytes[..slash];
        digits(port) && {
            let value: u128 = port
                .iter()
                .filter(|b| b.is_ascii_digit())
                .fold(0, |v, &d| (v * 10 + u128::from(d - b'0')).min(u128::from(u64::MAX) + 1));
            value <= 65535 || (port.first() == Some(&b'-') && value == 0)
        }
    });
    !number && !port_field && !bytes.iter().any(|&b| is_c_space(b))
}

/// The file the C library reads, or nothing if it is missing.
fn file(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

// --- the comparisons -------------------------------------------------------------------

/// The lookups answered from the index on this thread so far.
fn answered_here() -> u64 {
    IndexStatus::current().answered_from_index
}

/// Asks every key of the services database of netdb and of the C library, on as many
/// threads as there are cores, and fails listing the first differences; checks that
/// netdb answered each from the index.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn compare_services() -> usize {
    let status = IndexStatus::current();
    assert_eq!(
        status.services.is_index(),
        INDEXED,
        "where the services lookups answer: {status:?}"
    );
    let text = file("/etc/services");
    let mut names: Vec<String> = words(&text).into_iter().collect();
    names.extend(["".into(), "no-such-service".into(), "HTTP".into(), "x".repeat(300)]);
    let mut protocols: BTreeSet<Option<String>> =
        [None, Some("tcp".into()), Some("udp".into())].into_iter().collect();
    if !MUSL {
        for service in Service::all_lossy().unwrap_or_default() {
            protocols.insert(Some(service.protocol));
        }
    }
    if MUSL {
        names.retain(|name| reaches_musls_index(name));
    }
    let protocols: Vec<Option<String>> = protocols.into_iter().collect();
    let ports = ports_to_ask(&text);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    let (wrong, asked) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (names, protocols, ports) = (&names, &protocols, &ports);
                scope.spawn(move || {
                    let before = answered_here();
                    let mut wrong = Vec::new();
                    let mut asked = 0u64;
                    let mut check = |what: &dyn Fn() -> String, ours, theirs| {
                        asked += 1;
                        if ours != theirs && wrong.len() < 20 {
                            let (ours, theirs) = (shown(&ours), shown(&theirs));
                            wrong.push(format!("{}:\n  netdb  {ours}\n  C      {theirs}", what()));
                        }
                    };
                    // Where the C library finds nothing without a protocol, it finds
                    // nothing with one either (its lookups take the first entry of the
                    // key whatever its protocol): it is asked with each protocol only
                    // where it finds something without.
                    let mut with_each_protocol =
                        |what: &dyn Fn(Option<&str>) -> String,
                         ours: &dyn Fn(Option<&str>) -> Answer<Service>,
                         theirs: &dyn Fn(Option<&str>) -> Answer<Service>| {
                            let without = theirs(None);
                            for protocol in protocols {
                                let protocol = protocol.as_deref();
                                let theirs = match protocol {
                                    Some(_) if without != Answer::None => theirs(protocol),
                                    _ => without.clone(),
                                };
                                check(&|| what(protocol), ours(protocol), theirs);
                            }
                        };
                    for name in names.iter().skip(t).step_by(threads) {
                        with_each_protocol(
                            &|protocol| format!("by name {name:?} {protocol:?}"),
                            &|protocol| service_answer(Service::from_name(name, protocol)),
                            &|protocol| expected_service(c::service_by_name(name, protocol)),
                        );
                    }
                    for &port in ports.iter().skip(t).step_by(threads) {
                        with_each_protocol(
                            &|protocol| format!("by port {port} {protocol:?}"),
                            &|protocol| service_answer(Service::from_port(port, protocol)),
                            &|protocol| expected_service(c::service_by_port(port, protocol)),
                        );
                    }
                    let from_index = answered_here() - before;
                    let expected = if INDEXED { asked } else { 0 };
                    assert_eq!(from_index, expected, "lookups answered from the index, of asked");
                    (wrong, asked)
                })
            })
            .collect();
        workers.into_iter().fold((Vec::new(), 0), |(mut all, n), worker| {
            let (wrong, asked) = worker.join().unwrap();
            all.extend(wrong);
            (all, n + asked)
        })
    });
    assert!(wrong.is_empty(), "netdb's index and the C library differ:\n{}", wrong.join("\n"));
    asked as usize
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn compare_protocols() -> usize {
    let status = IndexStatus::current();
    assert_eq!(
        status.protocols.is_index(),
        INDEXED,
        "where the protocols lookups answer: {status:?}"
    );
    let text = file("/etc/protocols");
    let mut names: Vec<String> = words(&text).into_iter().collect();
    names.extend(["".into(), "no-such-protocol".into(), "TCP".into()]);
    let mut numbers: BTreeSet<i32> = (-1..=256).collect();
    numbers.extend([i32::MIN, -2, 65535, 65536, 99999, i32::MAX]);
    for protocol in Protocol::all_lossy().unwrap_or_default() {
        numbers.insert(protocol.number);
    }
    let before = answered_here();
    let mut wrong = Vec::new();
    let mut asked = 0;
    for name in &names {
        asked += 1;
        let ours = protocol_answer(Protocol::from_name(name));
        let theirs = expected_protocol(c::protocol_by_name(name));
        if ours != theirs {
            let (ours, theirs) = (shown(&ours), shown(&theirs));
            wrong.push(format!("by name {name:?}:\n  netdb  {ours}\n  C      {theirs}"));
        }
    }
    for &number in &numbers {
        asked += 1;
        let ours = protocol_answer(Protocol::from_number(number));
        let theirs = expected_protocol(c::protocol_by_number(number));
        if ours != theirs {
            let (ours, theirs) = (shown(&ours), shown(&theirs));
            wrong.push(format!("by number {number}:\n  netdb  {ours}\n  C      {theirs}"));
        }
    }
    let expected = if INDEXED { asked as u64 } else { 0 };
    assert_eq!(answered_here() - before, expected, "protocol lookups answered from the index");
    assert!(wrong.is_empty(), "netdb's index and the C library differ:\n{}", wrong.join("\n"));
    asked
}

/// Every comparison this C library has: with the index where netdb has one, and with
/// its fallback, the C call, where it has none (the `locked` backend, which CI runs on
/// glibc), where every answer must be the C library's and none the index's.
fn compare_everything() {
    #[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
    {
        let services = compare_services();
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        let protocols = compare_protocols();
        #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
        let protocols = 0;
        eprintln!("{services} services and {protocols} protocols lookups agree");
    }
    #[cfg(not(all(target_os = "linux", any(target_env = "gnu", target_env = "musl"))))]
    {
        // No glibc-shaped `_r` functions to compare with: every answer is the C
        // library's by construction, and none may come from an index.
        let status = IndexStatus::current();
        assert!(!status.services.is_index() && !status.protocols.is_index(), "{status:?}");
        let before = answered_here();
        let _ = Service::from_name("https", Some("tcp"));
        let _ = Service::from_port(443, None);
        let _ = netdb::Protocol::from_name("tcp");
        assert_eq!(answered_here(), before, "no answer came from an index");
    }
}

fn this_machines_files_answer_as_the_c_library() {
    if INDEXED {
        if let LookupSource::CLibrary { reason, .. } = IndexStatus::current().services {
            common::ignore(format!(
                "compares the index of this machine's /etc/services, which is not indexed: {reason}"
            ));
        }
    }
    compare_everything();
}

/// Compares everything, in the test `test`, on the broken database `name` of
/// `tests/broken_databases.rs`.
fn compare_broken(test: &str, name: &str) {
    let broken = common::databases::broken();
    let database = broken.iter().find(|d| d.name == name).expect("a broken database");
    common::with_private_etc(
        test,
        &[
            ("services", database.services.as_deref()),
            ("protocols", database.protocols.as_deref()),
            ("nsswitch.conf", Some(NSSWITCH)),
        ],
        compare_everything,
    );
}

fn missing_files_answer_as_the_c_library() {
    compare_broken("missing_files_answer_as_the_c_library", "missing_files_are_empty_databases");
}

fn empty_files_answer_as_the_c_library() {
    compare_broken("empty_files_answer_as_the_c_library", "empty_files_are_empty_databases");
}

fn crlf_files_answer_as_the_c_library() {
    compare_broken("crlf_files_answer_as_the_c_library", "crlf_line_ends_are_blanks");
}

fn commented_files_answer_as_the_c_library() {
    compare_broken("commented_files_answer_as_the_c_library", "comments_everywhere_end_the_line");
}

fn files_with_lines_of_100_kib_answer_as_the_c_library() {
    compare_broken(
        "files_with_lines_of_100_kib_answer_as_the_c_library",
        "lines_of_100_kib_are_read_whole",
    );
}

fn files_with_10000_aliases_answer_as_the_c_library() {
    compare_broken(
        "files_with_10000_aliases_answer_as_the_c_library",
        "an_entry_with_10000_aliases_is_whole",
    );
}

fn files_that_are_not_utf8_answer_as_the_c_library() {
    compare_broken(
        "files_that_are_not_utf8_answer_as_the_c_library",
        "bytes_that_are_not_utf8_are_an_error_that_keeps_the_entry",
    );
}

fn files_with_numbers_out_of_range_answer_as_the_c_library() {
    compare_broken(
        "files_with_numbers_out_of_range_answer_as_the_c_library",
        "numbers_out_of_range_and_bad_addresses",
    );
}

fn files_with_duplicates_answer_as_the_c_library() {
    compare_broken(
        "files_with_duplicates_answer_as_the_c_library",
        "duplicate_names_first_match_wins",
    );
}

fn files_with_odd_white_space_answer_as_the_c_library() {
    compare_broken(
        "files_with_odd_white_space_answer_as_the_c_library",
        "white_space_oddities_separate_fields",
    );
}

/// Lines where the C libraries' readers do what a reader of the format would not
/// expect: a NUL byte in a line, leading blanks on a last line without a newline (glibc
/// keeps a tail of it), a port that ends the line, doubled slashes, hexadecimal and
/// octal ports, blanks of every kind, names at and across musl's 127-byte pieces.
fn quirks() -> (Vec<u8>, Vec<u8>) {
    let mut services = b"  lead 5/tcp la\n\
        noslash 80\n\
        slashes 81//udp x\n\
        empty 82/\n\
        hex 0x53/tcp\n\
        oct 0124/tcp\n\
        nul 85/tcp\0hidden 86/tcp\n\
        \0skipped 87/tcp\n\
        tab\t88/tcp\ttab-alias\n\
        vt\x0b89/tcp\x0cff\n\
        samealias 92/tcp samealias samealias\n\
        caps 93/TCP\n\
        glued 94/tcp+x\n\
        # comment 95/tcp\n\
        \t# indented comment 96/tcp\n"
        .to_vec();
    services
        .extend_from_slice(format!("boundary {} split-alias 90/tcp\n", "b".repeat(110)).as_bytes());
    services.extend_from_slice(format!("{} 91/tcp after-boundary\n", "x".repeat(120)).as_bytes());
    services.extend_from_slice(format!("piece 97/udp {}tail-alias\n", "p ".repeat(58)).as_bytes());
    services.extend_from_slice(b"   last 98/tcp");
    let protocols = b"  lead 200 LEAD\n\
        nul 201\0 hidden\n\
        tab\t202\tTAB\n\
        glued 203#x\n\
        minus-zero -0\n\
        plus +205\n\
           last 204 LAST"
        .to_vec();
    (services, protocols)
}

fn files_with_the_readers_quirks_answer_as_the_c_library() {
    let (services, protocols) = quirks();
    common::with_private_etc(
        "files_with_the_readers_quirks_answer_as_the_c_library",
        &[
            ("services", Some(&services)),
            ("protocols", Some(&protocols)),
            ("nsswitch.conf", Some(NSSWITCH)),
        ],
        compare_everything,
    );
}

// --- freshness ---------------------------------------------------------------------------

/// The port of `name`, looked up through netdb.
fn port_of(name: &str) -> Option<u16> {
    Service::from_name(name, Some("tcp")).unwrap().map(|s| s.port)
}

/// That the lookup of `name` gives `port`, answered from the index.
fn assert_indexed_port(name: &str, port: Option<u16>) {
    let before = answered_here();
    assert_eq!(port_of(name), port, "{name}");
    if INDEXED {
        assert_eq!(answered_here(), before + 1, "{name} was answered from the index");
    }
}

/// Unmounts the tmpfs a test put over /proc: with the system call, since umount(8)
/// needs /proc to find the mount, and a new proc cannot be mounted in a user namespace
/// without a process namespace of its own.
fn uncover_proc() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: a NUL-terminated path; the call only unmounts.
        let rc = unsafe { libc::umount(c"/proc".as_ptr()) };
        assert_eq!(rc, 0, "umount /proc: {}", std::io::Error::last_os_error());
    }
}

/// Makes a symbolic link (private /etc views exist only on Linux).
fn symlink(target: &str, link: &str) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, link).unwrap();
    #[cfg(not(unix))]
    unreachable!("no private /etc here: {target} {link}");
}

/// Runs `command` in the private /etc (a `sh -c` script) and fails if it fails.
fn sh(script: &str) {
    let output = Command::new("sh").args(["-c", script]).output_within_limit().expect("sh");
    assert!(
        output.status.success(),
        "`{script}` failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn an_edit_in_place_is_seen_by_the_next_lookup() {
    common::with_private_etc(
        "an_edit_in_place_is_seen_by_the_next_lookup",
        &[("services", Some(b"app 7000/tcp\n")), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            assert_indexed_port("app", Some(7000));
            // Rewritten in place (the same inode), through a new descriptor.
            std::fs::write("/etc/services", b"app 7001/tcp\nother 7002/tcp\n").unwrap();
            assert_indexed_port("app", Some(7001));
            assert_indexed_port("other", Some(7002));
            // Appended to, then truncated, by another process.
            sh("echo 'late 7003/tcp' >> /etc/services");
            assert_indexed_port("late", Some(7003));
            sh(": > /etc/services");
            assert_indexed_port("app", None);
        },
    );
}

fn an_edit_of_the_same_size_right_after_a_lookup_is_seen() {
    common::with_private_etc(
        "an_edit_of_the_same_size_right_after_a_lookup_is_seen",
        &[("services", Some(b"app 7000/tcp\n")), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            use std::io::{Seek, Write};
            let mut services =
                std::fs::OpenOptions::new().write(true).open("/etc/services").unwrap();
            for port in 7001..7021u16 {
                // Each write right after the lookup before it: within one timestamp tick,
                // and the file keeps its size, so its identity may stay as it was.
                services.rewind().unwrap();
                services.write_all(format!("app {port}/tcp\n").as_bytes()).unwrap();
                assert_indexed_port("app", Some(port));
            }
        },
    );
}

fn a_file_renamed_over_is_seen_by_the_next_lookup() {
    common::with_private_etc(
        "a_file_renamed_over_is_seen_by_the_next_lookup",
        &[("services", Some(b"app 7000/tcp\n")), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            assert_indexed_port("app", Some(7000));
            std::fs::write("/etc/services.new", b"app 7100/tcp\n").unwrap();
            std::fs::rename("/etc/services.new", "/etc/services").unwrap();
            assert_indexed_port("app", Some(7100));
            // Gone, then back through a symbolic link to a file elsewhere.
            std::fs::remove_file("/etc/services").unwrap();
            assert_indexed_port("app", None);
            std::fs::create_dir_all("/etc/netdb-test").unwrap();
            std::fs::write("/etc/netdb-test/services", b"app 7200/tcp\n").unwrap();
            symlink("netdb-test/services", "/etc/services");
            assert_indexed_port("app", Some(7200));
            // The folder the link leads into moved away (`mv`: an overlay in a user
            // namespace may refuse to rename a folder), and another put in its place.
            sh("mv /etc/netdb-test /etc/netdb-test.old");
            assert_indexed_port("app", None);
            std::fs::create_dir_all("/etc/netdb-test").unwrap();
            std::fs::write("/etc/netdb-test/services", b"app 7300/tcp\n").unwrap();
            assert_indexed_port("app", Some(7300));
        },
    );
}

fn a_bind_mount_over_the_file_or_etc_is_seen_by_the_next_lookup() {
    common::with_private_etc(
        "a_bind_mount_over_the_file_or_etc_is_seen_by_the_next_lookup",
        &[
            ("services", Some(b"app 7000/tcp\n")),
            ("netdb-other-services", Some(b"app 7400/tcp\n")),
            ("nsswitch.conf", Some(NSSWITCH)),
        ],
        || {
            assert_indexed_port("app", Some(7000));
            sh("mount --bind /etc/netdb-other-services /etc/services");
            assert_indexed_port("app", Some(7400));
            sh("umount /etc/services");
            assert_indexed_port("app", Some(7000));
            // A whole new /etc, with another services file, bound over it.
            let other =
                std::env::temp_dir().join(format!("netdb-index-etc-{}", std::process::id()));
            let other = other.to_str().unwrap().to_owned();
            sh(&format!(
                "mkdir -p {other} && cp /etc/nsswitch.conf {other}/ && \
                 echo 'app 7500/tcp' > {other}/services && mount --bind {other} /etc"
            ));
            assert_indexed_port("app", Some(7500));
            // And an edit in the new /etc is watched as well.
            std::fs::write("/etc/services", b"app 7600/tcp\n").unwrap();
            assert_indexed_port("app", Some(7600));
            sh(&format!("umount /etc && rm -rf {other}"));
            assert_indexed_port("app", Some(7000));
        },
    );
}

fn a_change_of_nsswitch_conf_is_seen_by_the_next_lookup() {
    common::with_private_etc(
        "a_change_of_nsswitch_conf_is_seen_by_the_next_lookup",
        &[("services", Some(b"app 7000/tcp\n")), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            assert_indexed_port("app", Some(7000));
            // A source the C library cannot load: netdb answers what it answers. musl
            // reads no nsswitch.conf, and answers from the file as before.
            std::fs::write("/etc/nsswitch.conf", b"services: netdb-no-such-source\n").unwrap();
            if MUSL {
                assert_indexed_port("app", Some(7000));
                return;
            }
            let before = answered_here();
            // (glibc then returns whatever errno held, so the answer itself varies.)
            let answer = Service::from_name("app", Some("tcp"));
            assert!(!matches!(answer, Ok(Some(_))), "{answer:?}");
            assert_eq!(answered_here(), before, "the C library answered");
            std::fs::write("/etc/nsswitch.conf", NSSWITCH).unwrap();
            assert_indexed_port("app", Some(7000));
        },
    );
}

fn an_nss_db_file_hands_the_lookups_to_the_c_library() {
    common::with_private_etc(
        "an_nss_db_file_hands_the_lookups_to_the_c_library",
        &[("services", Some(b"app 7000/tcp\n")), ("nsswitch.conf", Some(b"services: db files\n"))],
        || {
            assert_indexed_port("app", Some(7000));
            // A folder of this mount namespace's own over Debian's nss_db folder, then a
            // file in it: nss_db would answer first.
            sh("mkdir -p /var/lib/misc && mount -t tmpfs netdb-test /var/lib/misc");
            assert_indexed_port("app", Some(7000));
            sh("touch /var/lib/misc/services.db");
            if !(GLIBC && INDEXED) {
                // nss_db is glibc's: musl's lookups read /etc/services all the same (and
                // where there is no index, glibc answers as it answers).
                assert_indexed_port("app", Some(7000));
                sh("umount /var/lib/misc");
                return;
            }
            let status = IndexStatus::current();
            let LookupSource::CLibrary { reason, .. } = &status.services else {
                panic!("an nss_db file must leave services to the C library: {status:?}")
            };
            assert!(reason.contains("services.db"), "{reason}");
            sh("rm /var/lib/misc/services.db");
            assert_indexed_port("app", Some(7000));
            sh("umount /var/lib/misc");
        },
    );
}

fn without_proc_each_lookup_checks_the_files_by_stat() {
    common::with_private_etc(
        "without_proc_each_lookup_checks_the_files_by_stat",
        &[("services", Some(b"app 7000/tcp\n")), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            // An empty /proc, as in a container without one: no inotify watch through
            // /proc/self/fd, no mount table.
            sh("mount -t tmpfs netdb-test /proc");
            let freshness = |status: &IndexStatus| match status.services {
                LookupSource::Index { freshness, .. } => Some(freshness),
                LookupSource::CLibrary { .. } => None,
            };
            // Just written: too recent to rely on the file's identity, so the C library
            // answers (right).
            assert_eq!(port_of("app"), Some(7000));
            // Edits of the same size in that time are seen all the same.
            for port in 7001..7006u16 {
                std::fs::write("/etc/services", format!("app {port}/tcp\n")).unwrap();
                assert_eq!(port_of("app"), Some(port));
            }
            std::fs::write("/etc/services.new", b"app 7100/tcp\n").unwrap();
            std::fs::rename("/etc/services.new", "/etc/services").unwrap();
            assert_eq!(port_of("app"), Some(7100));
            if !INDEXED {
                uncover_proc();
                return;
            }
            // Once the file is old enough, the index answers, checked by stat.
            std::thread::sleep(std::time::Duration::from_millis(2100));
            assert_indexed_port("app", Some(7100));
            let status = IndexStatus::current();
            assert_eq!(freshness(&status), Some(Freshness::StatPerLookup), "{status:?}");
            // (umount needs /proc; a second bind mount stacks on the first.)
            sh("mount --bind /etc/nsswitch.conf /etc/services");
            assert_indexed_port("app", None);
            std::fs::write("/etc/services.other", b"app 7900/tcp\n").unwrap();
            sh("mount --bind /etc/services.other /etc/services");
            assert_eq!(port_of("app"), Some(7900));
            // /proc back, for what inspects the process as it ends (LeakSanitizer reads it).
            uncover_proc();
        },
    );
}

fn a_forked_child_and_its_parent_both_see_a_change() {
    common::with_private_etc(
        "a_forked_child_and_its_parent_both_see_a_change",
        &[("services", Some(b"app 7000/tcp\n")), ("nsswitch.conf", Some(NSSWITCH))],
        fork_and_change,
    );
}

/// The body of [`a_forked_child_and_its_parent_both_see_a_change`], in its private /etc
/// (which Windows has not: there the test is ignored before it).
fn fork_and_change() {
    #[cfg(unix)]
    {
        assert_indexed_port("app", Some(7000));
        // SAFETY: the child only looks up, writes a file and exits; it never returns
        // into the test harness.
        let child = unsafe { libc::fork() };
        assert!(child >= 0, "fork: {}", std::io::Error::last_os_error());
        if child == 0 {
            let before = port_of("app");
            let written = std::fs::write("/etc/services", b"app 7700/tcp\n").is_ok();
            let after = port_of("app");
            let status = IndexStatus::current();
            let ok = before == Some(7000)
                && written
                && after == Some(7700)
                && (!INDEXED || status.answered_from_index >= 2);
            if !ok {
                eprintln!("the child saw {before:?}, wrote: {written}, then {after:?}; {status:?}");
            }
            // The child ends by running `true` or `false`, not by exiting: its memory
            // holds the harness's threads, which are the parent's, and a memory
            // checker would call them leaked.
            let program = if ok { c"/bin/true" } else { c"/bin/false" };
            let argv = [program.as_ptr(), std::ptr::null()];
            // SAFETY: a NUL-terminated path and argument list, NULL-terminated; exec
            // returns only on failure, and then the child ends at once.
            unsafe {
                libc::execv(program.as_ptr(), argv.as_ptr());
                libc::_exit(2);
            }
        }
        let mut status = 0;
        // SAFETY: waits for the child just forked.
        let waited = unsafe { libc::waitpid(child, &mut status, 0) };
        assert_eq!(waited, child);
        assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "the child failed");
        // The child's change, and the parent's own.
        assert_indexed_port("app", Some(7700));
        std::fs::write("/etc/services", b"app 7800/tcp\n").unwrap();
        assert_indexed_port("app", Some(7800));
    }
}

fn another_source_in_nsswitch_conf_leaves_the_lookups_to_the_c_library() {
    common::with_private_etc(
        "another_source_in_nsswitch_conf_leaves_the_lookups_to_the_c_library",
        &[("services", Some(b"app 7000/tcp\n")), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            assert_indexed_port("app", Some(7000));
            for nsswitch in [
                // Another source after the files, with an action.
                &b"services: files [NOTFOUND=return] db\nprotocols: files sss\n"[..],
                // No line: glibc's default depends on how it was built.
                b"hosts: files\n",
                // A line glibc cannot read, which fails every lookup.
                b"services: files\nprotocols: files\nhosts: files [WHAT=return]\n",
                // The last line without a newline, which glibc never reads.
                b"hosts: files\nservices: files",
            ] {
                std::fs::write("/etc/nsswitch.conf", nsswitch).unwrap();
                if MUSL {
                    // musl reads no nsswitch.conf: the file alone answers, as before.
                    assert_indexed_port("app", Some(7000));
                    continue;
                }
                let status = IndexStatus::current();
                let shown = String::from_utf8_lossy(nsswitch);
                assert!(!status.services.is_index(), "{shown:?}: {status:?}");
                let before = answered_here();
                // (The locked fallback calls the plain functions, which say "not found"
                // where the `_r` ones fail: there only where the answers come from.)
                #[cfg(all(target_os = "linux", target_env = "gnu"))]
                if INDEXED {
                    for name in ["app", "no-such"] {
                        for protocol in [None, Some("tcp")] {
                            assert_eq!(
                                service_answer(Service::from_name(name, protocol)),
                                expected_service(c::service_by_name(name, protocol)),
                                "{shown:?}: {name} {protocol:?}"
                            );
                        }
                    }
                    assert_eq!(
                        service_answer(Service::from_port(7000, None)),
                        expected_service(c::service_by_port(7000, None)),
                        "{shown:?}"
                    );
                    if !status.protocols.is_index() {
                        assert_eq!(
                            protocol_answer(Protocol::from_name("tcp")),
                            expected_protocol(c::protocol_by_name("tcp")),
                            "{shown:?}"
                        );
                    }
                }
                assert_eq!(answered_here(), before, "{shown:?}: the C library answered");
            }
            std::fs::write("/etc/nsswitch.conf", NSSWITCH).unwrap();
            assert_indexed_port("app", Some(7000));
        },
    );
}

fn an_unknown_source_is_asked_by_the_c_library_not_the_index() {
    common::with_private_etc(
        "an_unknown_source_is_asked_by_the_c_library_not_the_index",
        &[
            ("services", Some(b"app 7000/tcp\n")),
            ("nsswitch.conf", Some(b"services: netdb-no-such-source\nprotocols: files\n")),
        ],
        || {
            if MUSL {
                // musl reads no nsswitch.conf: the file answers.
                assert_indexed_port("app", Some(7000));
                return;
            }
            // The file has app, the only source cannot be loaded: the C library does
            // not find it (glibc fails, returning whatever errno held, so the error
            // varies), where an index of the file would.
            let before = answered_here();
            let by_name = Service::from_name("app", None);
            let by_port = Service::from_port(7000, None);
            assert!(!matches!(by_name, Ok(Some(_))), "{by_name:?}");
            assert!(!matches!(by_port, Ok(Some(_))), "{by_port:?}");
            assert_eq!(answered_here(), before, "the C library answered");
            let status = IndexStatus::current();
            let LookupSource::CLibrary { reason, .. } = &status.services else {
                panic!("services must be left to the C library: {status:?}")
            };
            if INDEXED {
                assert!(reason.contains("netdb-no-such-source"), "{reason}");
                assert!(status.protocols.is_index(), "{status:?}");
            }
        },
    );
}

fn many_threads_see_a_change_at_their_next_lookup() {
    common::with_private_etc(
        "many_threads_see_a_change_at_their_next_lookup",
        &[("services", Some(b"app 1/tcp\n")), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            use std::sync::{Arc, Barrier};
            let threads = 8;
            let barrier = Arc::new(Barrier::new(threads + 1));
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let barrier = Arc::clone(&barrier);
                    std::thread::spawn(move || {
                        // Wrong answers are counted, not panicked on: a thread that left
                        // would leave the others waiting at the barrier.
                        let mut wrong = Vec::new();
                        for version in 1..=20u16 {
                            // The file holds `version` from here on ...
                            barrier.wait();
                            let before = answered_here();
                            let port = port_of("app");
                            let indexed = answered_here() == before + 1;
                            if port != Some(version) || (INDEXED && !indexed) {
                                wrong.push((version, port, indexed));
                            }
                            // ... until every thread has looked it up.
                            barrier.wait();
                        }
                        wrong
                    })
                })
                .collect();
            for version in 1..=20u16 {
                std::fs::write("/etc/services", format!("app {version}/tcp\n")).unwrap();
                barrier.wait();
                barrier.wait();
            }
            for worker in workers {
                let wrong = worker.join().unwrap();
                assert!(wrong.is_empty(), "(version, port, from the index): {wrong:?}");
            }
        },
    );
}

fn threads_beyond_the_watch_limit_check_by_stat() {
    common::with_private_etc(
        "threads_beyond_the_watch_limit_check_by_stat",
        &[("services", Some(b"app 1/tcp\n")), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            use std::sync::{Arc, Barrier};
            // 160 descriptors: at most 10 threads watch (two descriptors each, a
            // sixteenth of the limit); the other 6 check by stat.
            // Only the soft limit: Valgrind refuses (EPERM) any change of the hard one.
            #[cfg(unix)]
            {
                let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                // SAFETY: getrlimit writes one rlimit, valid for the call.
                let rc = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
                assert_eq!(rc, 0, "getrlimit: {}", std::io::Error::last_os_error());
                limit.rlim_cur = 160;
                // SAFETY: one valid rlimit, read by the call.
                let rc = unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) };
                assert_eq!(rc, 0, "setrlimit: {}", std::io::Error::last_os_error());
            }
            let threads = 16;
            let barrier = Arc::new(Barrier::new(threads + 1));
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let barrier = Arc::clone(&barrier);
                    std::thread::spawn(move || {
                        // Counted, not panicked on (see the test above).
                        let mut wrong = Vec::new();
                        for version in 1..=5u16 {
                            barrier.wait();
                            // Just written: a thread that checks by stat lets the C
                            // library answer, right all the same.
                            let port = port_of("app");
                            if port != Some(version) {
                                wrong.push((version, port));
                            }
                            barrier.wait();
                        }
                        // Once the file is old enough every thread answers from the
                        // index, and says how it checks.
                        barrier.wait();
                        let port = port_of("app");
                        if port != Some(5) {
                            wrong.push((5, port));
                        }
                        let freshness = match IndexStatus::current().services {
                            LookupSource::Index { freshness, .. } => Some(freshness),
                            LookupSource::CLibrary { .. } => None,
                        };
                        (wrong, freshness)
                    })
                })
                .collect();
            for version in 1..=5u16 {
                std::fs::write("/etc/services", format!("app {version}/tcp\n")).unwrap();
                barrier.wait();
                barrier.wait();
            }
            std::thread::sleep(std::time::Duration::from_millis(2100));
            barrier.wait();
            let (wrong, seen): (Vec<_>, Vec<_>) =
                workers.into_iter().map(|w| w.join().unwrap()).unzip();
            let wrong: Vec<_> = wrong.concat();
            assert!(wrong.is_empty(), "(version, port): {wrong:?}");
            if INDEXED {
                let by_stat = seen.iter().filter(|f| **f == Some(Freshness::StatPerLookup)).count();
                let notified = seen.iter().filter(|f| **f == Some(Freshness::Notified)).count();
                assert_eq!((notified, by_stat), (10, 6), "{seen:?}");
            }
        },
    );
}
