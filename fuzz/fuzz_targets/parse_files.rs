//! Fuzzes netdb's own parsers of services and protocols files (`netdb/src/files.rs`,
//! which the musl and Windows backends read `/etc/services` and Winsock's files with),
//! reached through `netdb::__fuzz`, an internal module that netdb compiles only under
//! `--cfg fuzzing`, which cargo-fuzz passes.
//!
//! The input is the file's contents, any bytes. It is parsed as a services file by both
//! dialects (the common rules and musl's) and as a protocols file, strictly and lossily,
//! and these must hold:
//! - no input panics;
//! - a lossy parse never fails;
//! - a strict parse fails only with `Error::NonUtf8`, only when the input is not UTF-8,
//!   and at the first line that fails alone; its entry is that line's lossy entry, and
//!   the field it names holds the lossy form of its bytes (not UTF-8, so with U+FFFD).
//!   A strict parse that succeeds equals the lossy one;
//! - every field (name, aliases, protocol) is non-empty and holds no blank, no `#` and
//!   no line end; a musl entry's protocol is `tcp` or `udp`; protocol numbers are 0 to
//!   255;
//! - parsing is line-local: a file's entries are the entries of its lines, concatenated,
//!   each line giving at most one, and a strict parse fails at the first line that does;
//! - an entry printed as `getent` prints it (`Display`) parses back to itself;
//! - musl's dialect accepts every common line that does not begin with a blank and whose
//!   protocol begins with `tcp` or `udp`, and reads the same entry with the protocol cut
//!   to those three letters.

#![no_main]
#![forbid(unsafe_code)]

use std::fmt::Display;

use libfuzzer_sys::fuzz_target;
use netdb::__fuzz::{parse_protocols, parse_services, Dialect, Utf8};
use netdb::{Error, LossyEntry, NonUtf8Entry, Protocol, Result, Service};

fuzz_target!(|data: &[u8]| {
    for dialect in [Dialect::Common, Dialect::Musl] {
        check(data, &ServicesFile(dialect));
    }
    check(data, &ProtocolsFile);
    musl_reads_common_tcp_and_udp_lines_alike(data);
});

/// One of the three file formats, with what the checks need to know of its entries.
trait Format {
    type Entry: Clone + PartialEq + std::fmt::Debug + Display;
    fn parse(&self, text: &[u8], utf8: Utf8) -> Result<Vec<Self::Entry>>;
    /// The entry's name, aliases and (for services) protocol, each with its field name.
    fn fields<'a>(&self, entry: &'a Self::Entry) -> Vec<(&'static str, &'a str)>;
    fn lossy_entry(&self, entry: Self::Entry) -> LossyEntry;
    /// The checks of the entry's other parts.
    fn check_entry(&self, entry: &Self::Entry);
}

struct ServicesFile(Dialect);
struct ProtocolsFile;

impl Format for ServicesFile {
    type Entry = Service;
    fn parse(&self, text: &[u8], utf8: Utf8) -> Result<Vec<Service>> {
        parse_services(text, utf8, self.0)
    }
    fn fields<'a>(&self, s: &'a Service) -> Vec<(&'static str, &'a str)> {
        let mut fields = vec![("name", s.name.as_str()), ("protocol", s.protocol.as_str())];
        fields.extend(s.aliases.iter().map(|a| ("alias", a.as_str())));
        fields
    }
    fn lossy_entry(&self, entry: Service) -> LossyEntry {
        LossyEntry::Service(entry)
    }
    fn check_entry(&self, s: &Service) {
        if self.0 == Dialect::Musl {
            assert!(s.protocol == "tcp" || s.protocol == "udp", "musl protocol {s:?}");
        }
    }
}

impl Format for ProtocolsFile {
    type Entry = Protocol;
    fn parse(&self, text: &[u8], utf8: Utf8) -> Result<Vec<Protocol>> {
        parse_protocols(text, utf8)
    }
    fn fields<'a>(&self, p: &'a Protocol) -> Vec<(&'static str, &'a str)> {
        let mut fields = vec![("name", p.name.as_str())];
        fields.extend(p.aliases.iter().map(|a| ("alias", a.as_str())));
        fields
    }
    fn lossy_entry(&self, entry: Protocol) -> LossyEntry {
        LossyEntry::Protocol(entry)
    }
    fn check_entry(&self, p: &Protocol) {
        assert!((0..=255).contains(&p.number), "protocol number {p:?}");
    }
}

/// The blanks that separate fields: C's `isspace` but for the line end.
fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c')
}

/// What no field can hold: a blank, a line end or the comment sign.
fn ends_a_field(c: char) -> bool {
    u8::try_from(c).is_ok_and(|b| is_blank(b) || b == b'\n' || b == b'#')
}

fn lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    data.split(|&b| b == b'\n')
}

fn check<F: Format>(data: &[u8], format: &F) {
    let lossy = format.parse(data, Utf8::Lossy).expect("a lossy parse never fails");

    for entry in &lossy {
        for (field, text) in format.fields(entry) {
            assert!(!text.is_empty(), "empty {field} in {entry:?}");
            assert!(!text.contains(ends_a_field), "{field} {text:?} holds a separator");
        }
        format.check_entry(entry);
        // As getent prints it, the entry reads back the same.
        let printed = entry.to_string();
        assert_eq!(
            format.parse(printed.as_bytes(), Utf8::Strict).expect("printed entries are UTF-8"),
            std::slice::from_ref(entry),
            "{printed:?} does not read back"
        );
    }

    // Line-local: the file's entries are those of its lines, at most one a line.
    // Also the first line that fails strictly, and the index of its entry.
    let mut by_line = Vec::new();
    let mut first_strict_error: Option<(Box<NonUtf8Entry>, usize)> = None;
    for line in lines(data) {
        if first_strict_error.is_none() {
            match format.parse(line, Utf8::Strict) {
                Ok(_) => {}
                Err(Error::NonUtf8(e)) => first_strict_error = Some((e, by_line.len())),
                Err(e) => panic!("a strict parse failed with {e:?}"),
            }
        }
        let entries = format.parse(line, Utf8::Lossy).expect("a lossy parse never fails");
        assert!(entries.len() <= 1, "one line gave {entries:?}");
        by_line.extend(entries);
    }
    assert_eq!(lossy, by_line, "parsing is not line-local");

    match format.parse(data, Utf8::Strict) {
        Ok(strict) => {
            assert_eq!(strict, lossy, "a strict parse that succeeds equals the lossy one");
            assert!(first_strict_error.is_none(), "a line fails alone but not in its file");
        }
        Err(Error::NonUtf8(e)) => {
            assert!(std::str::from_utf8(data).is_err(), "UTF-8 input failed strictly: {e:?}");
            let (line_error, index) = first_strict_error.expect("no line fails alone");
            assert_eq!(e, line_error, "not the first bad line's error");
            assert!(std::str::from_utf8(&e.bytes).is_err(), "the bytes are UTF-8: {e:?}");
            // The entry is that line's lossy entry, and the field named holds the bytes
            // with U+FFFD in place of what is not UTF-8.
            let lossy_entry = &lossy[index];
            assert!(e.entry == format.lossy_entry(lossy_entry.clone()), "{e:?} vs {lossy_entry:?}");
            let replaced = String::from_utf8_lossy(&e.bytes);
            assert!(replaced.contains('\u{fffd}'));
            assert!(
                format
                    .fields(lossy_entry)
                    .iter()
                    .any(|&(f, text)| f == e.field && text == replaced),
                "no {} {replaced:?} in {lossy_entry:?}",
                e.field
            );
        }
        Err(e) => panic!("a strict parse failed with {e:?}"),
    }
}

fn musl_reads_common_tcp_and_udp_lines_alike(data: &[u8]) {
    for line in lines(data) {
        let common = parse_services(line, Utf8::Lossy, Dialect::Common).unwrap();
        let musl = parse_services(line, Utf8::Lossy, Dialect::Musl).unwrap();
        let [common] = common.as_slice() else { continue };
        let protocol = common.protocol.get(..3).filter(|p| *p == "tcp" || *p == "udp");
        let begins_with_blank = line.first().copied().is_some_and(is_blank);
        let Some(protocol) = protocol.filter(|_| !begins_with_blank) else { continue };
        let expected = Service { protocol: protocol.to_owned(), ..common.clone() };
        assert_eq!(musl, [expected], "musl reads {:?} otherwise", line.escape_ascii().to_string());
    }
}
