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

// glibc and FreeBSD enumerate through the C library; only the others read the files.
#![cfg_attr(
    any(all(target_os = "linux", target_env = "gnu"), target_os = "freebsd"),
    allow(dead_code)
)]

use crate::decode::{EntryDecoder, Utf8Policy};
use crate::error::LossyEntry;
use crate::{Protocol, Result, Service};

/// The fields of one line: what comes before `#`, split on blanks.
fn fields(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    let content = line.split(|&b| b == b'#').next().unwrap_or_default();
    content
        .split(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c'))
        .filter(|f| !f.is_empty())
}

/// A decimal number of at most `max`, or `None`: no sign, no blanks, no other base.
fn decimal(text: &[u8], max: u32) -> Option<u32> {
    if text.is_empty() || text.len() > 10 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = text.iter().fold(0u64, |value, &digit| value * 10 + u64::from(digit - b'0'));
    u32::try_from(value).ok().filter(|&v| v <= max)
}

/// Every entry of a services file, in file order.
///
/// # Errors
/// Under [`Utf8Policy::Strict`], [`Error::NonUtf8`](crate::Error::NonUtf8) at the first
/// entry that is not UTF-8.
pub(crate) fn parse_services(text: &[u8], policy: Utf8Policy) -> Result<Vec<Service>> {
    text.split(|&b| b == b'\n').filter_map(|line| service_line(line, policy)).collect()
}

fn service_line(line: &[u8], policy: Utf8Policy) -> Option<Result<Service>> {
    let mut fields = fields(line);
    let name = fields.next()?;
    let (port, protocol) = split_once(fields.next()?, b'/')?;
    let port = u16::try_from(decimal(port, u32::from(u16::MAX))?).ok()?;
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

fn split_once(text: &[u8], separator: u8) -> Option<(&[u8], &[u8])> {
    let at = text.iter().position(|&b| b == separator)?;
    Some((&text[..at], &text[at + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

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
    fn no_input_panics() {
        for text in [
            &b""[..],
            b"\n\n\n",
            b"#",
            b"/",
            b" / ",
            b"a /",
            b"a 1/",
            b"\xff\xfe 1/\xff",
            b"a 4294967296/tcp",
        ] {
            let _ = parse_services(text, Utf8Policy::Lossy);
            let _ = parse_protocols(text, Utf8Policy::Lossy);
        }
    }
}
