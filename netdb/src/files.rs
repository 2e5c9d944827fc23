//! Parsers for the services and protocols files, for the platforms whose C library
//! cannot enumerate them (musl's `getservent` always returns NULL; Winsock has no
//! `getservent` at all) and for compiled-in tables.
//!
//! The format is the one every C library reads: one entry per line, fields separated by
//! blanks (spaces or tabs), anything from `#` to the end of the line a comment.
//!
//! ```text
//! # name  port/protocol  aliases...
//! http    80/tcp         www www-http
//! # name  number         aliases...
//! udp     17             UDP
//! ```
//!
//! A line the C libraries would not return (a missing field, a port that is not a
//! decimal number from 0 to 65535, a protocol number that is not a decimal number from
//! 0 to 255) is skipped, as musl and Winsock skip it. A carriage return before the line
//! end is a blank, so CRLF files read the same as LF ones.
//!
//! musl reads services lines by rules of its own, which [`ServicesDialect::Musl`]
//! follows, so that an enumeration lists exactly the entries its lookups can return.

// Each platform uses a part: glibc and FreeBSD enumerate through the C library and read
// no file, musl reads services by its own dialect and has no protocols file, Winsock
// reads both by the common rules. The tests below use every part.
#![cfg_attr(not(test), allow(dead_code))]

use crate::decode::{EntryDecoder, Utf8Policy};
use crate::error::LossyEntry;
use crate::error::Result;
use crate::protocol::Protocol;
use crate::service::Service;

/// The blanks that separate fields: C's `isspace` but for the newline that ends a line.
fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c')
}

/// The fields of one line: what comes before `#`, split on blanks.
fn fields(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    let content = line.split(|&b| b == b'#').next().unwrap_or_default();
    content.split(|&b| is_blank(b)).filter(|f| !f.is_empty())
}

/// A decimal number of at most `max`, or `None`: no sign, no blanks, no other base.
fn decimal(text: &[u8], max: u32) -> Option<u32> {
    if text.is_empty() || text.len() > 10 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = text.iter().fold(0u64, |value, &digit| value * 10 + u64::from(digit - b'0'));
    u32::try_from(value).ok().filter(|&v| v <= max)
}

/// Whose rules a services line is read by. The layout is the same; what is accepted
/// differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ServicesDialect {
    /// The rules above: blanks may lead a line, the port is a plain decimal number, and
    /// any non-empty protocol counts.
    Common,
    /// musl's, as its `getservbyname_r` (`__lookup_serv` in `lookup_serv.c`) and
    /// `getservbyport_r` (`reverse_services` in `getnameinfo.c`) read the file. Both skip
    /// a line unless:
    /// - it begins with its name: they take everything up to the first blank as the
    ///   name, so a line that begins with a blank has an empty name and is never found;
    /// - the port field is what `strtoul(.., 10)` reads whole up to the `/`: a leading
    ///   `+` and leading zeros are accepted, `-0` is 0 and any other negative number is
    ///   out of range;
    /// - the protocol is `tcp` or `udp`: they compare the four bytes `/tcp` or `/udp`
    ///   after the port, so `80/tcpx` is a `tcp` entry and `sctp`, `ddp` or `TCP`
    ///   entries do not exist for musl. The entry's protocol is then `tcp` or `udp`.
    Musl,
}

/// Every entry of a services file, in file order, by the [`ServicesDialect::Common`]
/// rules.
///
/// # Errors
/// Under [`Utf8Policy::Strict`], [`Error::NonUtf8`](crate::Error::NonUtf8) at the first
/// entry that is not UTF-8.
pub(crate) fn parse_services(text: &[u8], policy: Utf8Policy) -> Result<Vec<Service>> {
    parse_services_as(text, policy, ServicesDialect::Common)
}

/// Every entry of a services file, in file order, by the rules of `dialect`.
///
/// # Errors
/// As for [`parse_services`].
pub(crate) fn parse_services_as(
    text: &[u8],
    policy: Utf8Policy,
    dialect: ServicesDialect,
) -> Result<Vec<Service>> {
    text.split(|&b| b == b'\n').filter_map(|line| service_line(line, policy, dialect)).collect()
}

fn service_line(
    line: &[u8],
    policy: Utf8Policy,
    dialect: ServicesDialect,
) -> Option<Result<Service>> {
    if dialect == ServicesDialect::Musl && line.first().is_some_and(|&b| is_blank(b)) {
        return None;
    }
    let mut fields = fields(line);
    let name = fields.next()?;
    let (port, protocol) = split_once(fields.next()?, b'/')?;
    let (port, protocol) = match dialect {
        ServicesDialect::Common => (decimal(port, u32::from(u16::MAX))?, protocol),
        ServicesDialect::Musl => (musl_port(port)?, musl_protocol(protocol)?),
    };
    let port = u16::try_from(port).ok()?;
    if protocol.is_empty() {
        return None;
    }
    let mut decoder = EntryDecoder::new(policy);
    let service = Service {
        name: decoder.string("name", name),
        aliases: fields.map(|alias| decoder.string("alias", alias)).collect(),
        port,
        protocol: decoder.string("protocol", protocol),
    };
    Some(decoder.finish(service, LossyEntry::Service))
}

/// Every entry of a protocols file, in file order.
///
/// # Errors
/// As for [`parse_services`].
pub(crate) fn parse_protocols(text: &[u8], policy: Utf8Policy) -> Result<Vec<Protocol>> {
    text.split(|&b| b == b'\n').filter_map(|line| protocol_line(line, policy)).collect()
}

fn protocol_line(line: &[u8], policy: Utf8Policy) -> Option<Result<Protocol>> {
    let mut fields = fields(line);
    let name = fields.next()?;
    let number = i32::try_from(decimal(fields.next()?, 255)?).ok()?;
    let mut decoder = EntryDecoder::new(policy);
    let protocol = Protocol {
        name: decoder.string("name", name),
        aliases: fields.map(|alias| decoder.string("alias", alias)).collect(),
        number,
    };
    Some(decoder.finish(protocol, LossyEntry::Protocol))
}

/// A port field as musl's `strtoul(.., 10)` reads it, if that reads all of it and the
/// value is at most 65535: an optional sign, then decimal digits.
pub(crate) fn musl_port(text: &[u8]) -> Option<u32> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // Saturating: strtoul's ULONG_MAX for an overflow is out of range all the same.
    let value = digits.iter().fold(0u64, |value, &digit| {
        value.saturating_mul(10).saturating_add(u64::from(digit - b'0'))
    });
    // strtoul negates in unsigned arithmetic: only -0 stays in range.
    let value = if negative && value != 0 { u64::MAX } else { value };
    u32::try_from(value).ok().filter(|&v| v <= u32::from(u16::MAX))
}

/// The protocol of a musl services entry: `tcp` or `udp` if the field begins with it.
fn musl_protocol(text: &[u8]) -> Option<&'static [u8]> {
    [&b"tcp"[..], b"udp"].into_iter().find(|protocol| text.starts_with(protocol))
}

fn split_once(text: &[u8], separator: u8) -> Option<(&[u8], &[u8])> {
    let at = text.iter().position(|&b| b == separator)?;
    Some((&text[..at], &text[at + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn service(name: &str, port: u16, protocol: &str, aliases: &[&str]) -> Service {
        Service {
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            port,
            protocol: protocol.into(),
        }
    }

    #[test]
    fn services_are_read_in_order_with_comments_blanks_and_crlf() {
        let text = b"# comment line\n\nhttp\t80/tcp\t\twww www-http # trailing comment\r\n  \
                     ssh 22/tcp\r\nhttp 80/udp\n#ftp 21/tcp\nlast 65535/sctp";
        assert_eq!(
            parse_services(text, Utf8Policy::Strict).unwrap(),
            [
                service("http", 80, "tcp", &["www", "www-http"]),
                service("ssh", 22, "tcp", &[]),
                service("http", 80, "udp", &[]),
                service("last", 65535, "sctp", &[]),
            ]
        );
    }

    #[test]
    fn malformed_service_lines_are_skipped() {
        let bad = [
            "lonely",
            "noslash 80",
            "big 65536/tcp",
            "huge 99999999999/tcp",
            "neg -1/tcp",
            "plus +1/tcp",
            "hex 0x50/tcp",
            "empty /tcp",
            "noproto 80/",
            "spaced 8 0/tcp",
            "#commented 80/tcp",
        ];
        for line in bad {
            assert_eq!(
                parse_services(line.as_bytes(), Utf8Policy::Strict).unwrap(),
                [],
                "{line:?}"
            );
        }
        // The rest of the file still counts.
        let text = format!("{}\nok 1/tcp\n", bad.join("\n"));
        assert_eq!(parse_services(text.as_bytes(), Utf8Policy::Strict).unwrap().len(), 1);
    }

    #[test]
    fn protocols_are_read_with_numbers_up_to_255() {
        let text = b"ip 0 IP\nicmp\t1\tICMP # comment\nbad 256 BAD\nneg -1\nudp 17 UDP\r\n";
        let protocols = parse_protocols(text, Utf8Policy::Strict).unwrap();
        let names: Vec<_> = protocols.iter().map(|p| (p.name.as_str(), p.number)).collect();
        assert_eq!(names, [("ip", 0), ("icmp", 1), ("udp", 17)]);
        assert_eq!(protocols[2].aliases, ["UDP"]);
    }

    #[test]
    fn bytes_that_are_not_utf8_fail_strictly_and_are_replaced_lossily() {
        let text = b"ok 1/tcp\ncaf\xe9 2/tcp\n";
        let err = parse_services(text, Utf8Policy::Strict).unwrap_err();
        assert!(matches!(&err, Error::NonUtf8(bad) if bad.bytes == b"caf\xe9"), "{err:?}");
        let lossy = parse_services(text, Utf8Policy::Lossy).unwrap();
        assert_eq!(lossy[1].name, "caf\u{fffd}");
    }

    #[test]
    fn musl_reads_services_by_its_own_rules() {
        let text = b"http 80/tcp www\n\
                     \x20 indented 81/tcp\n\
                     \tindented-by-tab 81/udp\n\
                     plus +82/tcp\n\
                     zeros 00000000083/udp\n\
                     minus-zero -0/tcp\n\
                     minus -1/tcp\n\
                     big 65536/tcp\n\
                     sctp 84/sctp\n\
                     upper 85/TCP\n\
                     longer 86/tcpx alias\n\
                     hex 0x57/tcp\n\
                     empty /tcp\n\
                     crlf 87/udp\r\n";
        let read = |dialect| -> Vec<(String, u16, String)> {
            parse_services_as(text, Utf8Policy::Strict, dialect)
                .unwrap()
                .into_iter()
                .map(|s| (s.name, s.port, s.protocol))
                .collect()
        };
        let entry = |name: &str, port, protocol: &str| (name.to_owned(), port, protocol.to_owned());
        assert_eq!(
            read(ServicesDialect::Musl),
            [
                entry("http", 80, "tcp"),
                entry("plus", 82, "tcp"),
                entry("zeros", 83, "udp"),
                entry("minus-zero", 0, "tcp"),
                entry("longer", 86, "tcp"),
                entry("crlf", 87, "udp"),
            ]
        );
        assert_eq!(
            read(ServicesDialect::Common),
            [
                entry("http", 80, "tcp"),
                entry("indented", 81, "tcp"),
                entry("indented-by-tab", 81, "udp"),
                entry("sctp", 84, "sctp"),
                entry("upper", 85, "TCP"),
                entry("longer", 86, "tcpx"),
                entry("crlf", 87, "udp"),
            ]
        );
        // The aliases are every field after the port in both.
        let musl = parse_services_as(text, Utf8Policy::Strict, ServicesDialect::Musl).unwrap();
        assert_eq!(musl[0].aliases, ["www"]);
        assert_eq!(musl[4].aliases, ["alias"]);
    }

    #[test]
    fn musl_ports_are_what_strtoul_reads_whole() {
        assert_eq!(musl_port(b"0"), Some(0));
        assert_eq!(musl_port(b"65535"), Some(65535));
        assert_eq!(musl_port(b"+443"), Some(443));
        assert_eq!(musl_port(b"-000"), Some(0));
        assert_eq!(musl_port(b"0000000000000000000080"), Some(80));
        for bad in [
            &b""[..],
            b"+",
            b"-",
            b"-1",
            b"65536",
            b"99999999999999999999999",
            b"8 0",
            b"0x50",
            b"80a",
        ] {
            assert_eq!(musl_port(bad), None, "{:?}", bad.escape_ascii().to_string());
        }
    }

    /// Odd and broken input: each text's outcome under each set of rules, stated.
    #[test]
    fn odd_input_reads_as_stated() {
        type Triple = (&'static str, u16, &'static str);
        /// A text, its services by the common rules and by musl's, and its protocols.
        type Case =
            (&'static [u8], &'static [Triple], &'static [Triple], &'static [(&'static str, i32)]);
        let cases: &[Case] = &[
            (b"", &[], &[], &[]),
            (b"\n\n\n", &[], &[], &[]),
            (b"#", &[], &[], &[]),
            (b"/", &[], &[], &[]),
            (b" / ", &[], &[], &[]),
            (b"a /", &[], &[], &[]),
            (b"a 1/", &[], &[], &[]),
            (b"a 1", &[], &[], &[("a", 1)]),
            (b"a 1/tcp#b 2/tcp", &[("a", 1, "tcp")], &[("a", 1, "tcp")], &[]),
            (b"a#1/tcp", &[], &[], &[]),
            (b"\xff\xfe 1/\xff", &[("\u{fffd}\u{fffd}", 1, "\u{fffd}")], &[], &[]),
            (b"\xff 1/udp", &[("\u{fffd}", 1, "udp")], &[("\u{fffd}", 1, "udp")], &[]),
            (b"a 4294967296/tcp", &[], &[], &[]),
            (b"a 18446744073709551616/tcp", &[], &[], &[]),
            (b"p 4294967296", &[], &[], &[]),
            (b"\x0c\x0ba\x0b7/tcp\x0cb", &[("a", 7, "tcp")], &[], &[]),
        ];
        let services = |text: &[u8], dialect| -> Vec<(String, u16, String)> {
            parse_services_as(text, Utf8Policy::Lossy, dialect)
                .unwrap()
                .into_iter()
                .map(|s| (s.name, s.port, s.protocol))
                .collect()
        };
        let owned = |triples: &[Triple]| -> Vec<(String, u16, String)> {
            triples.iter().map(|&(n, p, q)| (n.to_owned(), p, q.to_owned())).collect()
        };
        for &(text, common, musl, protocols) in cases {
            let what = text.escape_ascii().to_string();
            assert_eq!(services(text, ServicesDialect::Common), owned(common), "{what}");
            assert_eq!(services(text, ServicesDialect::Musl), owned(musl), "{what}");
            let read: Vec<(String, i32)> = parse_protocols(text, Utf8Policy::Lossy)
                .unwrap()
                .into_iter()
                .map(|p| (p.name, p.number))
                .collect();
            let expected: Vec<(String, i32)> =
                protocols.iter().map(|&(n, number)| (n.to_owned(), number)).collect();
            assert_eq!(read, expected, "{what}");
        }
    }
}
