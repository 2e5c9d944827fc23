//! musl's services lookups, as data: what `getservbyname_r` and `getservbyport_r`
//! return for a given `/etc/services`, key by key.
//!
//! Read from musl's `src/network/lookup_serv.c` (`__lookup_serv`), `getservbyname_r.c`,
//! `getservbyport_r.c` and `getnameinfo.c` (`reverse_services`); the same from 1.2.3 to
//! 1.2.5. Both read the file with `fgets` into a buffer of 128 bytes, so a line longer
//! than 127 bytes is read as several pieces, each taken for a line of its own; a NUL byte
//! ends a piece's text; a `#` ends it (it becomes a newline). Then:
//!
//! - By name: the first piece, in file order, in which the name is a whole word (a run
//!   of bytes between blanks), whose first word is followed by what `strtoul(.., 10)`
//!   reads as a number up to 65535 (blanks and a sign first are fine, `-0` is 0), and
//!   that then goes on with `/tcp` or `/udp` (`80/tcpx` is tcp) of the protocol asked
//!   for. The entry is named after the name asked for, with no aliases, and its
//!   protocol is `tcp` or `udp`. (netdb answers a name that is a number or a
//!   `port/protocol` text itself, without musl: see `sys/musl.rs`.)
//! - By port and protocol (`tcp` or `udp`): the first piece that has a blank, whose
//!   first word is at most 31 bytes and is followed by the port, as above, and that
//!   protocol. The entry is named after that first word, with no aliases; but an empty
//!   name, or one that `strtol` reads as the port itself, is "not found" (musl takes
//!   such a name for the number), and no later line is tried. With no protocol, tcp is
//!   asked first and udp second.
//!
//! A file that cannot be opened (missing, or not readable) has no entries.

// The unit tests build this for every Linux C library; only its own uses all of it.
#![cfg_attr(not(netdb_backend = "musl"), allow(dead_code))]

use super::c_text::{is_c_space, strtol, strtoul};
use super::keys::{NameKeys, Postings, Span, Text};
use super::Unindexable;
use crate::decode::{service_from_fields, Utf8Policy};
use crate::error::Result;
use crate::service::Service;

/// musl's line buffer: `char line[128]`.
const PIECE: usize = 127;

/// The two protocols musl knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Transport {
    Tcp,
    Udp,
}

impl Transport {
    /// The protocol argument musl accepts; `None` for any other.
    pub(crate) fn from_argument(protocol: &[u8]) -> Option<Transport> {
        match protocol {
            b"tcp" => Some(Transport::Tcp),
            b"udp" => Some(Transport::Udp),
            _ => None,
        }
    }

    fn name(self) -> &'static [u8] {
        match self {
            Transport::Tcp => b"tcp",
            Transport::Udp => b"udp",
        }
    }
}

/// The pieces `fgets(line, 128, f)` reads from `file`: up to and including a newline,
/// or 127 bytes.
fn pieces(file: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = file;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let limit = rest.len().min(PIECE);
        let end = rest[..limit].iter().position(|&b| b == b'\n').map_or(limit, |at| at + 1);
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
    })
}

/// A piece's text as musl's string functions see it: up to its NUL, and with a `#` made
/// a newline that ends it.
fn piece_text(piece: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let text = &piece[..piece.iter().position(|&b| b == 0).unwrap_or(piece.len())];
    match text.iter().position(|&b| b == b'#') {
        Some(at) => {
            let mut cut = text[..at].to_vec();
            cut.push(b'\n');
            std::borrow::Cow::Owned(cut)
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// The port and protocol `text` (what follows a piece's first word) names: a number up
/// to 65535 that `strtoul(.., 10)` reads, then `/tcp` or `/udp`.
fn port_after(text: &[u8]) -> Option<(u16, Transport)> {
    let number = strtoul(text, 10);
    if number.end == 0 {
        return None;
    }
    let port = u16::try_from(number.value).ok()?;
    let rest = &text[number.end..];
    if rest.starts_with(b"/udp") {
        Some((port, Transport::Udp))
    } else if rest.starts_with(b"/tcp") {
        Some((port, Transport::Tcp))
    } else {
        None
    }
}

/// One piece that names a port, for lookups by name.
#[derive(Debug, Clone, Copy)]
struct NamedPort {
    port: u16,
    transport: Transport,
}

/// A services file indexed by musl's rules (see the module's docs).
#[derive(Debug)]
pub(crate) struct Services {
    /// The pieces that name a port and protocol, in file order.
    ports: Box<[NamedPort]>,
    keys: NameKeys,
    /// Every word of those pieces (by hash), to the pieces that have it.
    by_word: Postings<u64>,
    /// Each piece's words, to tell a hash collision from a match.
    words: Box<[Span]>,
    word_runs: Box<[(u32, u32)]>,
    text: Text,
    /// For each port and protocol, the first word of the first piece `reverse_services`
    /// takes.
    by_port: std::collections::HashMap<(u16, Transport), Span>,
}

impl Services {
    /// Indexes `file` by musl's rules.
    pub(crate) fn build(file: &[u8]) -> Result<Services, Unindexable> {
        if u32::try_from(file.len()).is_err() {
            return Err(Unindexable("the services file is larger than 4 GiB".into()));
        }
        let mut ports = Vec::new();
        let mut words = Vec::new();
        let mut word_runs = Vec::new();
        let mut text = Text::default();
        let mut by_port = std::collections::HashMap::new();
        let keys = NameKeys::new();
        let mut pairs = Vec::new();
        for piece in pieces(file) {
            let piece = piece_text(piece);
            let first_blank = piece.iter().position(|&b| is_c_space(b));
            let first_word_end = first_blank.unwrap_or(piece.len());
            // getservbyname_r: the port after the first word (strtoul skips the blanks).
            if let Some((port, transport)) = port_after(&piece[first_word_end..]) {
                let index = ports.len() as u32;
                ports.push(NamedPort { port, transport });
                let start = words.len();
                for word in piece.split(|&b| is_c_space(b)).filter(|w| !w.is_empty()) {
                    pairs.push((keys.key(word), index));
                    // Below 4 GiB in all, as checked above.
                    words.push(text.push(word).unwrap_or_default());
                }
                word_runs.push((start as u32, (words.len() - start) as u32));
            }
            // reverse_services: the first word, the byte after it skipped, then the port.
            if let Some(blank) = first_blank {
                let name = &piece[..blank];
                if let Some((port, transport)) = port_after(&piece[blank + 1..]) {
                    if name.len() < 32 {
                        by_port
                            .entry((port, transport))
                            .or_insert_with(|| text.push(name).unwrap_or_default());
                    }
                }
            }
        }
        text.shrink();
        Ok(Services {
            ports: ports.into_boxed_slice(),
            keys,
            by_word: Postings::build(pairs),
            words: words.into_boxed_slice(),
            word_runs: word_runs.into_boxed_slice(),
            text,
            by_port,
        })
    }

    /// Whether `name` is a key this index answers for: musl matches the name as a piece
    /// of text, so one with a blank inside could match across words, which is left to
    /// musl itself.
    pub(crate) fn answers_name(name: &[u8]) -> bool {
        !name.is_empty() && !name.iter().any(|&b| is_c_space(b))
    }

    /// What `getservbyname_r(name, protocol)` returns, as the crate returns it, for a
    /// name [`Services::answers_name`] accepts.
    pub(crate) fn by_name(
        &self,
        name: &[u8],
        protocol: Option<Transport>,
    ) -> Result<Option<Service>> {
        let found = self.by_word.get(self.keys.key(name)).iter().find_map(|&index| {
            let piece = self.ports[index as usize];
            let (start, len) = self.word_runs[index as usize];
            let words = &self.words[start as usize..(start + len) as usize];
            let has_name = words.iter().any(|&word| self.text.get(word) == name);
            let wanted = protocol.map_or(true, |protocol| protocol == piece.transport);
            (has_name && wanted).then_some(piece)
        });
        found
            .map(|piece| {
                let empty = std::iter::empty();
                service_from_fields(
                    name,
                    empty,
                    piece.port,
                    piece.transport.name(),
                    Utf8Policy::Strict,
                )
            })
            .transpose()
    }

    /// What `getservbyport_r(htons(port), protocol)` returns, as the crate returns it.
    pub(crate) fn by_port(
        &self,
        port: u16,
        protocol: Option<Transport>,
    ) -> Result<Option<Service>> {
        match protocol {
            Some(transport) => self.by_port_of(port, transport),
            None => match self.by_port_of(port, Transport::Tcp)? {
                Some(found) => Ok(Some(found)),
                None => self.by_port_of(port, Transport::Udp),
            },
        }
    }

    fn by_port_of(&self, port: u16, transport: Transport) -> Result<Option<Service>> {
        let Some(&name) = self.by_port.get(&(port, transport)) else { return Ok(None) };
        let name = self.text.get(name);
        // getnameinfo gives the number for an empty name; getservbyport_r then says
        // "not found" for a name that strtol reads as the port.
        if name.is_empty() || strtol(name) == i64::from(port) {
            return Ok(None);
        }
        let empty = std::iter::empty();
        service_from_fields(name, empty, port, transport.name(), Utf8Policy::Strict).map(Some)
    }

    /// The heap the index holds, in bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        let slot = std::mem::size_of::<((u16, Transport), Span)>() + 1;
        self.ports.len() * std::mem::size_of::<NamedPort>()
            + self.by_word.heap_bytes()
            + self.words.len() * std::mem::size_of::<Span>()
            + self.word_runs.len() * 8
            + self.text.heap_bytes()
            + self.by_port.capacity() * slot
    }

    /// How many pieces name a port.
    pub(crate) fn len(&self) -> usize {
        self.ports.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(found: Result<Option<Service>>) -> String {
        match found {
            Ok(Some(s)) => format!("{} {}/{}", s.name, s.port, s.protocol),
            Ok(None) => "-".into(),
            Err(e) => format!("error {e}"),
        }
    }

    fn by_name(index: &Services, name: &str, protocol: Option<Transport>) -> String {
        answer(index.by_name(name.as_bytes(), protocol))
    }

    fn by_port(index: &Services, port: u16, protocol: Option<Transport>) -> String {
        answer(index.by_port(port, protocol))
    }

    #[test]
    fn lookups_follow_musls_rules() {
        let index = Services::build(
            b"http 80/tcp www\n  lead 81/tcp\nsctp 82/sctp\nupper 83/TCP\nlonger 84/tcpx alias\n\
              plus +85/udp\nminus-zero -0/tcp\nglued 86/tcp#c x\nboth 87/udp\nboth 87/tcp\n\
              80 88/tcp\nzero 89/tcp\n",
        )
        .unwrap();
        assert_eq!(by_name(&index, "www", None), "www 80/tcp");
        assert_eq!(by_name(&index, "http", Some(Transport::Udp)), "-");
        // A line that begins with a blank has an empty first word, and its port is not
        // after it: the line is never found.
        assert_eq!(by_name(&index, "lead", None), "-");
        assert_eq!(by_port(&index, 81, None), "-");
        assert_eq!(by_name(&index, "sctp", None), "-");
        assert_eq!(by_name(&index, "upper", None), "-");
        assert_eq!(by_name(&index, "alias", None), "alias 84/tcp");
        assert_eq!(by_name(&index, "plus", None), "plus 85/udp");
        assert_eq!(by_name(&index, "minus-zero", None), "minus-zero 0/tcp");
        assert_eq!(by_name(&index, "x", None), "-");
        assert_eq!(by_name(&index, "both", None), "both 87/udp");
        assert_eq!(by_port(&index, 87, None), "both 87/tcp");
        assert_eq!(by_port(&index, 87, Some(Transport::Udp)), "both 87/udp");
        // A name that strtol reads as the port is "not found"; "80" is not port 88.
        assert_eq!(by_port(&index, 88, None), "80 88/tcp");
        assert_eq!(by_port(&index, 80, Some(Transport::Tcp)), "http 80/tcp");
    }

    #[test]
    fn long_lines_are_read_in_pieces_of_127_bytes() {
        let long_alias = "a".repeat(200);
        let names: Vec<String> = (0..40).map(|i| format!("alias-{i}")).collect();
        let file = format!(
            "long 7001/tcp short {long_alias}\nmany 7002/tcp {}\n{} 7003/udp\n",
            names.join(" "),
            "n".repeat(32)
        );
        let index = Services::build(file.as_bytes()).unwrap();
        assert_eq!(by_name(&index, "short", None), "short 7001/tcp");
        assert_eq!(by_name(&index, &long_alias, None), "-");
        assert_eq!(by_name(&index, "alias-3", None), "alias-3 7002/tcp");
        // Past the first 127 bytes, the words are in a piece without a port.
        assert_eq!(by_name(&index, "alias-39", None), "-");
        // A first word of 32 bytes is no name for a port.
        assert_eq!(by_port(&index, 7003, None), "-");
        assert_eq!(by_name(&index, &"n".repeat(32), None), format!("{} 7003/udp", "n".repeat(32)));
    }
}
