//! glibc's `files` source for services and protocols, as data: what
//! `getservbyname_r`, `getservbyport_r`, `getprotobyname_r` and `getprotobynumber_r`
//! return for a given `/etc/services` or `/etc/protocols`, key by key.
//!
//! Read from glibc's sources (2.34 to 2.42 share them; measured on 2.36):
//! `nss/nss_readline.c` (`__nss_readline`), `nss/nss_files/files-parse.c`
//! (`LINE_PARSER`, `STRING_FIELD`, `INT_FIELD`, `parse_list`),
//! `nss/nss_files/files-service.c`, `files-proto.c` and `files-XXX.c` (`DB_LOOKUP`).
//!
//! A lookup reads the file from the start, line by line, and returns the first entry in
//! file order that matches: by name, an entry whose name or one of whose aliases is
//! the key (`strcmp`: case-sensitive), and whose protocol is the one asked for
//! (`strcmp`) if one was; by port, an entry of that port (and protocol). A line is read
//! as follows:
//!
//! - `fgets` reads it up to and including its newline (or the end of the file); a NUL
//!   byte ends its text early.
//! - Leading blanks (`isspace`) are skipped, and a line that is then empty or begins
//!   with `#` is no entry. Otherwise the rest is moved to the start of the line with
//!   `memmove(buf, p, strlen(p))`, which does not move the NUL: the text is the rest
//!   followed by the original's last *k* bytes, *k* being the blanks skipped. Where the
//!   newline ends the text that tail is cut off below; on a last line without one it
//!   stays (`"  a 1/tcp"` at the end of a file is the entry `a 1/tcpcp`).
//! - The text ends at the first `#` or newline (`strpbrk`).
//! - Services: the name runs to the first blank; then the blanks after it are skipped;
//!   the port is what `strtoul(.., 0)` reads (so `0x50` is 80 and `010` is 8), which
//!   must be followed by one or more `/`, or end the line (`a 80` is an entry with an
//!   empty protocol, as is `a 80/`); the protocol runs to the next blank; the aliases
//!   are the words after it. The port keeps the low 16 bits of the number (`htons` of
//!   a 32-bit value: 99999 is 34463, 65536 is 0).
//! - Protocols: the name, then the number (`strtoul(.., 10)`), which must be followed by
//!   a blank or end the line, then the aliases. The number is the 32-bit value as an
//!   `int` (4294967295 is -1).
//! - A number past 32 bits (`-1` among them: `strtoul` negates in unsigned arithmetic)
//!   is where glibc's builds differ, see [`NumberRule`].
//!
//! A line and its aliases must fit the lookup's buffer, which the crate grows up to
//! [`MAX_BUFFER_SIZE`]; a file with a line that might not is left to the C library,
//! which then fails as it fails.

// The unit tests build this for every Linux C library; only its own uses all of it.
#![cfg_attr(not(netdb_backend = "reentrant"), allow(dead_code))]

use std::borrow::Cow;

use super::c_text::{is_c_space, strtoul, CNumber};
use super::keys::{NameKeys, Postings, Span, Text};
use super::Unindexable;
use crate::buffer::MAX_BUFFER_SIZE;
use crate::decode::{protocol_from_fields, service_from_fields, Utf8Policy};
use crate::error::Result;
use crate::protocol::Protocol;
use crate::service::Service;

/// How a number past 32 bits reads, which depends on how glibc was built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberRule {
    /// Debian's and Ubuntu's glibc (their `local-nss-overflow.diff`, since 2009):
    /// `strtoull`, and a value past `UINT_MAX` makes the line no entry.
    RejectPastU32,
    /// Upstream glibc's `strtou32`: `strtoul`, clamped to `0xffffffff` where a `long`
    /// has 64 bits (with 32 bits, `strtoul` saturates there by itself, and a negative
    /// number wraps within 32 bits).
    Clamp,
}

impl NumberRule {
    /// The 32-bit value glibc stores for `number`, or `None` if the line is no entry.
    fn apply(self, number: CNumber) -> Option<u32> {
        match self {
            NumberRule::RejectPastU32 => u32::try_from(number.value).ok(),
            NumberRule::Clamp if std::mem::size_of::<std::ffi::c_long>() >= 8 => {
                Some(u32::try_from(number.value).unwrap_or(u32::MAX))
            }
            NumberRule::Clamp => match u32::try_from(number.magnitude) {
                Ok(magnitude) if !number.overflow && number.negative => {
                    Some(magnitude.wrapping_neg())
                }
                Ok(magnitude) if !number.overflow => Some(magnitude),
                _ => Some(u32::MAX),
            },
        }
    }
}

/// The lines `fgets` reads, each with its newline, the last one without if the file
/// does not end in one.
pub(crate) fn lines(file: &[u8]) -> impl Iterator<Item = &[u8]> {
    file.split_inclusive(|&b| b == b'\n')
}

/// The text of a line once `__nss_readline` and `strpbrk` are through with it, or
/// `None` for a line they skip (blank, or a comment).
fn line_text(raw: &[u8]) -> Option<Cow<'_, [u8]>> {
    let s = &raw[..raw.iter().position(|&b| b == 0).unwrap_or(raw.len())];
    let skipped = s.iter().take_while(|&&b| is_c_space(b)).count();
    if skipped == s.len() || s[skipped] == b'#' {
        return None;
    }
    let text: Cow<'_, [u8]> = if skipped == 0 {
        Cow::Borrowed(s)
    } else {
        // memmove(buf, p, strlen(p)): the NUL stays where it was.
        let mut moved = s[skipped..].to_vec();
        moved.extend_from_slice(&s[s.len() - skipped..]);
        Cow::Owned(moved)
    };
    let end = text.iter().position(|&b| b == b'#' || b == b'\n').unwrap_or(text.len());
    Some(match text {
        Cow::Borrowed(text) => Cow::Borrowed(&text[..end]),
        Cow::Owned(mut text) => {
            text.truncate(end);
            Cow::Owned(text)
        }
    })
}

/// `STRING_FIELD(field, isspace, 1)`: the field up to the first blank, and the rest
/// after the blanks that follow it.
fn string_field(text: &[u8]) -> (&[u8], &[u8]) {
    match text.iter().position(|&b| is_c_space(b)) {
        Some(end) => {
            let rest = &text[end..];
            let blanks = rest.iter().take_while(|&&b| is_c_space(b)).count();
            (&text[..end], &rest[blanks..])
        }
        None => (text, &[]),
    }
}

/// The words of `parse_list`: the aliases.
fn words(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    text.split(|&b| is_c_space(b)).filter(|word| !word.is_empty())
}

/// What a line needs of the lookup's buffer, at most: `fgets` needs the line and two
/// bytes more, `parse_list` an aligned array of one pointer per alias and two more.
fn buffer_needed(raw: &[u8], aliases: usize) -> usize {
    raw.len() + 32 + (aliases + 2) * std::mem::size_of::<usize>()
}

/// Whether a line needs no more than the largest buffer the crate offers, with room to
/// spare so that no line near the limit is guessed at.
fn fits(raw: &[u8], aliases: usize) -> bool {
    buffer_needed(raw, aliases) + 256 <= MAX_BUFFER_SIZE
}

/// A line that glibc reads as an entry, of either database (a protocols line has no
/// protocol).
struct EntryLine<'a> {
    name: &'a [u8],
    number: CNumber,
    protocol: &'a [u8],
    aliases: &'a [u8],
}

fn service_line(text: &[u8]) -> Option<EntryLine<'_>> {
    let (name, rest) = string_field(text);
    // INT_FIELD (s_port, ISSLASH, 10, 0, htons)
    let number = strtoul(rest, 0);
    if number.end == 0 {
        return None;
    }
    let after = &rest[number.end..];
    let after = match after.first() {
        Some(b'/') => &after[after.iter().take_while(|&&b| b == b'/').count()..],
        Some(_) => return None,
        None => after,
    };
    let (protocol, aliases) = string_field(after);
    Some(EntryLine { name, number, protocol, aliases })
}

fn protocol_line(text: &[u8]) -> Option<EntryLine<'_>> {
    let (name, rest) = string_field(text);
    // INT_FIELD (p_proto, isspace, 1, 10, )
    let number = strtoul(rest, 10);
    if number.end == 0 {
        return None;
    }
    let after = &rest[number.end..];
    let aliases = match after.first() {
        Some(&b) if is_c_space(b) => &after[after.iter().take_while(|&&b| is_c_space(b)).count()..],
        Some(_) => return None,
        None => after,
    };
    Some(EntryLine { name, number, protocol: &[], aliases })
}

/// One entry of a database file, with the line it came from.
#[derive(Debug, Clone, Copy)]
struct Record<N> {
    name: Span,
    /// Empty in a protocols file.
    protocol: Span,
    /// The run of `aliases` that holds this entry's.
    aliases: (u32, u32),
    number: N,
    line: u32,
}

/// The entries of a services or a protocols file, read by glibc's rules, found by name
/// and by number in file order.
#[derive(Debug)]
struct Entries<N> {
    text: Text,
    aliases: Box<[Span]>,
    records: Box<[Record<N>]>,
    keys: NameKeys,
    by_name: Postings<u64>,
    by_number: Postings<N>,
    /// The lines whose number is past 32 bits, with those lines' entry as
    /// [`NumberRule::Clamp`] reads them (whatever rule this index follows).
    past_u32: Vec<PastU32<N>>,
}

/// An entry that only [`NumberRule::Clamp`] reads.
#[derive(Debug, Clone)]
pub(crate) struct PastU32<N> {
    pub(crate) names: Vec<Vec<u8>>,
    pub(crate) protocol: Vec<u8>,
    pub(crate) number: N,
}

impl<N: std::hash::Hash + Eq + Copy> Entries<N> {
    /// Indexes the `database` file `file`, whose lines `parse` reads, reading numbers
    /// past 32 bits by `rule`; `number` is the value glibc stores of a line's 32 bits.
    fn build(
        file: &[u8],
        database: &str,
        parse: fn(&[u8]) -> Option<EntryLine<'_>>,
        rule: NumberRule,
        number: fn(u32) -> N,
    ) -> std::result::Result<Self, Unindexable> {
        let too_big = || Unindexable(format!("the {database} file is larger than 4 GiB"));
        let mut text = Text::default();
        let mut aliases = Vec::new();
        let mut records = Vec::new();
        let mut past_u32 = Vec::new();
        for (line_number, raw) in lines(file).enumerate() {
            let line_number = u32::try_from(line_number).map_err(|_| too_big())?;
            let parsed = line_text(raw);
            let entry = parsed.as_deref().and_then(parse);
            let alias_count = entry.as_ref().map_or(0, |e| words(e.aliases).count());
            if !fits(raw, alias_count) {
                return Err(Unindexable(format!(
                    "line {} of the {database} file may not fit the lookup's buffer of at \
                     most {MAX_BUFFER_SIZE} bytes",
                    line_number + 1
                )));
            }
            let Some(entry) = entry else { continue };
            if u32::try_from(entry.number.value).is_err() {
                let clamped = NumberRule::Clamp.apply(entry.number).unwrap_or(u32::MAX);
                past_u32.push(PastU32 {
                    names: std::iter::once(entry.name)
                        .chain(words(entry.aliases))
                        .map(<[u8]>::to_vec)
                        .collect(),
                    protocol: entry.protocol.to_vec(),
                    number: number(clamped),
                });
            }
            let Some(value) = rule.apply(entry.number) else { continue };
            let first_alias = aliases.len();
            for alias in words(entry.aliases) {
                aliases.push(text.push(alias).ok_or_else(too_big)?);
            }
            records.push(Record {
                name: text.push(entry.name).ok_or_else(too_big)?,
                protocol: text.push(entry.protocol).ok_or_else(too_big)?,
                aliases: (first_alias as u32, (aliases.len() - first_alias) as u32),
                number: number(value),
                line: line_number,
            });
        }
        text.shrink();
        let keys = NameKeys::new();
        let aliases = aliases.into_boxed_slice();
        let by_name = Postings::build(records.iter().enumerate().flat_map(|(i, record)| {
            let (start, len) = record.aliases;
            let names = std::iter::once(record.name)
                .chain(aliases[start as usize..(start + len) as usize].iter().copied());
            let (text, keys) = (&text, &keys);
            names.map(move |name| (keys.key(text.get(name)), i as u32))
        }));
        let by_number =
            Postings::build(records.iter().enumerate().map(|(i, r)| (r.number, i as u32)));
        Ok(Entries {
            text,
            aliases,
            records: records.into_boxed_slice(),
            keys,
            by_name,
            by_number,
            past_u32,
        })
    }

    fn aliases_of(&self, record: &Record<N>) -> impl Iterator<Item = &[u8]> {
        let (start, len) = record.aliases;
        self.aliases[start as usize..(start + len) as usize].iter().map(|&span| self.text.get(span))
    }

    fn protocol_matches(&self, record: &Record<N>, protocol: Option<&[u8]>) -> bool {
        protocol.map_or(true, |protocol| self.text.get(record.protocol) == protocol)
    }

    /// The first entry in file order that has `name` (and `protocol`, if given).
    fn find_by_name(&self, name: &[u8], protocol: Option<&[u8]>) -> Option<&Record<N>> {
        self.by_name.get(self.keys.key(name)).iter().map(|&i| &self.records[i as usize]).find(
            |record| {
                self.protocol_matches(record, protocol)
                    && (self.text.get(record.name) == name
                        || self.aliases_of(record).any(|alias| alias == name))
            },
        )
    }

    /// The first entry in file order that has `number` (and `protocol`, if given).
    fn find_by_number(&self, number: N, protocol: Option<&[u8]>) -> Option<&Record<N>> {
        let mut records = self.by_number.get(number).iter().map(|&i| &self.records[i as usize]);
        records.find(|record| self.protocol_matches(record, protocol))
    }

    /// The heap the index holds, in bytes.
    fn heap_bytes(&self) -> usize {
        self.text.heap_bytes()
            + self.aliases.len() * std::mem::size_of::<Span>()
            + self.records.len() * std::mem::size_of::<Record<N>>()
            + self.by_name.heap_bytes()
            + self.by_number.heap_bytes()
    }
}

/// A services file indexed by glibc's rules (see the module's docs).
#[derive(Debug)]
pub(crate) struct Services(Entries<u16>);

impl Services {
    /// Indexes `file` by glibc's rules, reading numbers past 32 bits by `rule`.
    pub(crate) fn build(file: &[u8], rule: NumberRule) -> std::result::Result<Self, Unindexable> {
        // htons of the 32-bit value keeps its low 16 bits.
        Entries::build(file, "services", service_line, rule, |value| value as u16).map(Services)
    }

    fn service(&self, record: &Record<u16>) -> Result<Service> {
        service_from_fields(
            self.0.text.get(record.name),
            self.0.aliases_of(record),
            record.number,
            self.0.text.get(record.protocol),
            Utf8Policy::Strict,
        )
    }

    /// What `getservbyname_r(name, protocol)` returns, as the crate returns it.
    pub(crate) fn by_name(&self, name: &[u8], protocol: Option<&[u8]>) -> Result<Option<Service>> {
        self.0.find_by_name(name, protocol).map(|record| self.service(record)).transpose()
    }

    /// What `getservbyport_r(htons(port), protocol)` returns, as the crate returns it.
    pub(crate) fn by_port(&self, port: u16, protocol: Option<&[u8]>) -> Result<Option<Service>> {
        self.0.find_by_number(port, protocol).map(|record| self.service(record)).transpose()
    }

    /// The lines only [`NumberRule::Clamp`] reads as entries.
    pub(crate) fn past_u32(&self) -> &[PastU32<u16>] {
        &self.0.past_u32
    }

    /// A key whose answer differs between this index and `other`, built from the same
    /// file by the other [`NumberRule`], if there is one. Only the keys of the lines
    /// only one of them reads can differ, and only those are tried.
    pub(crate) fn differing_key(&self, other: &Services) -> Option<ServiceKey> {
        let (ours, theirs) = (&self.0, &other.0);
        for line in &ours.past_u32 {
            let protocols = [None, Some(line.protocol.as_slice())];
            for protocol in protocols {
                for name in &line.names {
                    let line_of = |entries: &Entries<u16>| {
                        entries.find_by_name(name, protocol).map(|record| record.line)
                    };
                    if line_of(ours) != line_of(theirs) {
                        return Some(ServiceKey::Name(name.clone(), protocol.map(<[u8]>::to_vec)));
                    }
                }
                let line_of = |entries: &Entries<u16>| {
                    entries.find_by_number(line.number, protocol).map(|record| record.line)
                };
                if line_of(ours) != line_of(theirs) {
                    return Some(ServiceKey::Port(line.number, protocol.map(<[u8]>::to_vec)));
                }
            }
        }
        None
    }

    /// How many entries the index holds.
    pub(crate) fn len(&self) -> usize {
        self.0.records.len()
    }

    /// The heap the index holds, in bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.0.heap_bytes()
    }
}

/// A key of the services database: a name or a port, with a protocol or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ServiceKey {
    Name(Vec<u8>, Option<Vec<u8>>),
    Port(u16, Option<Vec<u8>>),
}

/// A protocols file indexed by glibc's rules (see the module's docs).
#[derive(Debug)]
pub(crate) struct Protocols(Entries<i32>);

impl Protocols {
    /// Indexes `file` by glibc's rules, reading numbers past 32 bits by `rule`.
    pub(crate) fn build(file: &[u8], rule: NumberRule) -> std::result::Result<Self, Unindexable> {
        // The 32-bit value stored in an int.
        Entries::build(file, "protocols", protocol_line, rule, |value| value as i32).map(Protocols)
    }

    fn protocol(&self, record: &Record<i32>) -> Result<Protocol> {
        protocol_from_fields(
            self.0.text.get(record.name),
            self.0.aliases_of(record),
            record.number,
            Utf8Policy::Strict,
        )
    }

    /// What `getprotobyname_r(name)` returns, as the crate returns it.
    pub(crate) fn by_name(&self, name: &[u8]) -> Result<Option<Protocol>> {
        self.0.find_by_name(name, None).map(|record| self.protocol(record)).transpose()
    }

    /// What `getprotobynumber_r(number)` returns, as the crate returns it.
    pub(crate) fn by_number(&self, number: i32) -> Result<Option<Protocol>> {
        self.0.find_by_number(number, None).map(|record| self.protocol(record)).transpose()
    }

    /// The lines only [`NumberRule::Clamp`] reads as entries.
    pub(crate) fn past_u32(&self) -> &[PastU32<i32>] {
        &self.0.past_u32
    }

    /// As [`Services::differing_key`].
    pub(crate) fn differing_key(&self, other: &Protocols) -> Option<ProtocolKey> {
        let (ours, theirs) = (&self.0, &other.0);
        for line in &ours.past_u32 {
            for name in &line.names {
                let line_of =
                    |entries: &Entries<i32>| entries.find_by_name(name, None).map(|r| r.line);
                if line_of(ours) != line_of(theirs) {
                    return Some(ProtocolKey::Name(name.clone()));
                }
            }
            let line_of =
                |entries: &Entries<i32>| entries.find_by_number(line.number, None).map(|r| r.line);
            if line_of(ours) != line_of(theirs) {
                return Some(ProtocolKey::Number(line.number));
            }
        }
        None
    }

    /// How many entries the index holds.
    pub(crate) fn len(&self) -> usize {
        self.0.records.len()
    }

    /// The heap the index holds, in bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.0.heap_bytes()
    }
}

/// A key of the protocols database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ProtocolKey {
    Name(Vec<u8>),
    Number(i32),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn services(file: &str) -> Services {
        Services::build(file.as_bytes(), NumberRule::RejectPastU32).unwrap()
    }

    /// An answer as `name port/protocol aliases`, or `-` for none.
    fn by_name(index: &Services, name: &str, protocol: Option<&str>) -> String {
        let found = index.by_name(name.as_bytes(), protocol.map(str::as_bytes)).unwrap();
        found.map_or("-".into(), |s| {
            let aliases: String = s.aliases.iter().map(|a| format!(" {a}")).collect();
            format!("{} {}/{}{aliases}", s.name, s.port, s.protocol)
        })
    }

    fn by_port(index: &Services, port: u16, protocol: Option<&str>) -> String {
        let found = index.by_port(port, protocol.map(str::as_bytes)).unwrap();
        found.map_or("-".into(), |s| format!("{} {}/{}", s.name, s.port, s.protocol))
    }

    #[test]
    fn numbers_read_as_strtoul_in_base_0_keeping_16_bits() {
        // What glibc 2.36 answered for each line (measured).
        let index = services(
            "max 65535/tcp\nbig 65536/tcp\nnine 99999/tcp\nhuge 99999999999999999999999/tcp\n\
             neg -1/tcp\nplus +7/tcp\nhex 0x10/tcp\nzero 0/udp\noct 010/tcp\nbad-oct 08/tcp\n\
             top 4294967295/tcp\nlow16 4294901761/tcp\nminus-zero -0/udp\n",
        );
        let expected = [
            ("max", "max 65535/tcp"),
            ("big", "big 0/tcp"),
            ("nine", "nine 34463/tcp"),
            ("huge", "-"),
            ("neg", "-"),
            ("plus", "plus 7/tcp"),
            ("hex", "hex 16/tcp"),
            ("zero", "zero 0/udp"),
            ("oct", "oct 8/tcp"),
            ("bad-oct", "-"),
            ("top", "top 65535/tcp"),
            ("low16", "low16 1/tcp"),
            ("minus-zero", "minus-zero 0/udp"),
        ];
        for (name, answer) in expected {
            assert_eq!(by_name(&index, name, None), answer, "{name}");
        }
        assert_eq!(by_port(&index, 0, None), "big 0/tcp");
        assert_eq!(by_port(&index, 0, Some("udp")), "zero 0/udp");
        assert_eq!(index.past_u32().len(), 2);
        // Upstream's clamp makes the two lines past 32 bits entries of port 65535.
        let clamping =
            Services::build(b"huge 99999999999999999999999/tcp\nneg -1/tcp\n", NumberRule::Clamp)
                .unwrap();
        assert_eq!(by_name(&clamping, "neg", None), "neg 65535/tcp");
        assert_eq!(by_port(&clamping, 65535, None), "huge 65535/tcp");
    }

    #[test]
    fn lines_are_read_as_nss_readline_leaves_them() {
        let index = services(
            "# comment\n   \n\t# indented comment\n  lead 5/tcp la\n\
             noslash 80\nslashes 81//udp x\nempty 82/\nglued 83/tcp#c\n\
             cr 84/tcp\r\nnul 85/tcp\0hidden\nwith-alias 86/tcp a1 a1 a2\n   last 77/tcp",
        );
        assert_eq!(by_name(&index, "lead", None), "lead 5/tcp la");
        assert_eq!(by_name(&index, "la", Some("tcp")), "lead 5/tcp la");
        // A port that ends the line: an entry with an empty protocol.
        assert_eq!(by_name(&index, "noslash", None), "noslash 80/");
        assert_eq!(by_name(&index, "noslash", Some("")), "noslash 80/");
        assert_eq!(by_name(&index, "noslash", Some("tcp")), "-");
        assert_eq!(by_name(&index, "slashes", None), "slashes 81/udp x");
        assert_eq!(by_name(&index, "empty", None), "empty 82/");
        assert_eq!(by_name(&index, "glued", Some("tcp")), "glued 83/tcp");
        assert_eq!(by_name(&index, "cr", Some("tcp")), "cr 84/tcp");
        assert_eq!(by_name(&index, "nul", None), "nul 85/tcp");
        assert_eq!(by_name(&index, "hidden", None), "-");
        assert_eq!(by_name(&index, "a2", None), "with-alias 86/tcp a1 a1 a2");
        // memmove leaves the last 3 bytes of a line without newline behind (measured).
        assert_eq!(by_name(&index, "last", None), "last 77/tcptcp");
        assert_eq!(by_name(&index, "comment", None), "-");
        assert_eq!(by_name(&index, "LEAD", None), "-");
    }

    #[test]
    fn the_first_entry_in_file_order_wins() {
        let index = services(
            "first 100/tcp dupalias\nfirst 200/tcp\nfirst 100/udp\ndupalias 300/udp\n\
             portdup 100/tcp\n",
        );
        assert_eq!(by_name(&index, "first", None), "first 100/tcp dupalias");
        assert_eq!(by_name(&index, "first", Some("udp")), "first 100/udp");
        assert_eq!(by_name(&index, "dupalias", None), "first 100/tcp dupalias");
        assert_eq!(by_name(&index, "dupalias", Some("udp")), "dupalias 300/udp");
        assert_eq!(by_port(&index, 100, None), "first 100/tcp");
        assert_eq!(by_port(&index, 100, Some("udp")), "first 100/udp");
        assert_eq!(by_port(&index, 300, Some("tcp")), "-");
    }

    #[test]
    fn protocols_read_their_number_in_base_10_as_an_int() {
        let index = Protocols::build(
            b"ip 0 IP\nmax 255\nbig 256\nnine 99999\nneg -1\nhex 0x20\nglued 7abc\n\
              top 4294967295 TOP\nzero 0 ZERO\n",
            NumberRule::RejectPastU32,
        )
        .unwrap();
        let name = |key: &str| index.by_name(key.as_bytes()).unwrap().map(|p| (p.name, p.number));
        assert_eq!(name("IP"), Some(("ip".into(), 0)));
        assert_eq!(name("big"), Some(("big".into(), 256)));
        assert_eq!(name("nine"), Some(("nine".into(), 99999)));
        assert_eq!(name("neg"), None);
        assert_eq!(name("hex"), None);
        assert_eq!(name("glued"), None);
        assert_eq!(name("TOP"), Some(("top".into(), -1)));
        let number = |n: i32| index.by_number(n).unwrap().map(|p| p.name);
        assert_eq!(number(0).as_deref(), Some("ip"));
        assert_eq!(number(-1).as_deref(), Some("top"));
        assert_eq!(number(32), None);
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "too slow under Miri: builds megabyte lines (the limit's arithmetic runs below)"
    )]
    fn a_line_that_may_not_fit_the_buffer_leaves_the_file_to_glibc() {
        // A line of 2-byte aliases, each of which also needs a pointer.
        let aliases = |count: usize| format!("bulk 4000/tcp {}\n", "a ".repeat(count));
        let per_alias = 2 + std::mem::size_of::<usize>();
        let too_many = aliases(MAX_BUFFER_SIZE / per_alias + 1);
        assert!(Services::build(too_many.as_bytes(), NumberRule::RejectPastU32).is_err());
        let within = aliases(MAX_BUFFER_SIZE / per_alias / 2);
        assert!(Services::build(within.as_bytes(), NumberRule::RejectPastU32).is_ok());
    }

    /// The limit of the test above, to the byte: a line fits when it, its aliases'
    /// pointers and 256 bytes to spare fit the largest buffer.
    #[test]
    fn a_line_fits_with_256_bytes_to_spare() {
        let pointer = std::mem::size_of::<usize>();
        let aliases = 1000;
        let largest = MAX_BUFFER_SIZE - 256 - 32 - (aliases + 2) * pointer;
        assert!(fits(&vec![b'a'; largest], aliases));
        assert!(!fits(&vec![b'a'; largest + 1], aliases));
        assert!(!fits(&vec![b'a'; largest], aliases + 1));
    }

    #[test]
    fn entries_that_are_not_utf8_fail_as_the_c_path_fails() {
        let index = services("caf\u{e9} 9/tcp\n");
        let raw =
            Services::build(b"caf\xe9 9001/tcp ok bad\xff\n", NumberRule::RejectPastU32).unwrap();
        let err = raw.by_name(b"ok", None).unwrap_err();
        let crate::Error::NonUtf8(bad) = err else { panic!("{err:?}") };
        assert_eq!((bad.field, bad.bytes.as_slice()), ("name", &b"caf\xe9"[..]));
        assert_eq!(by_name(&index, "caf\u{e9}", None), "caf\u{e9} 9/tcp");
    }
}
