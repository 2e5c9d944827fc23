//! The C library's functions between numbers or addresses and their text, as glibc 2.36
//! reads and writes them: getent's keys are read by them, and a key such as `080`,
//! `127.1` or `::1.2.3.4` means what they make of it, which Rust's parsers do not
//! always agree with.

use std::ffi::c_long;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What C's `strtol (text, &end, 10)` reads.
#[derive(Debug, PartialEq, Eq)]
pub struct Strtol {
    /// The value, saturated to `LONG_MIN`..=`LONG_MAX` as `strtol` does on overflow.
    pub value: c_long,
    /// How many bytes it read (`end - text`); 0 when there was no number.
    pub length: usize,
}

impl Strtol {
    /// The value as C converts a `long` to an `int` (as `atoi` returns it, or
    /// `getprotobynumber` takes it): its low 32 bits.
    // A long is an int on Windows, where the cast changes nothing.
    #[allow(clippy::unnecessary_cast)]
    pub fn as_int(&self) -> i32 {
        self.value as i32
    }
}

/// C's `isspace` in the C locale.
pub fn is_c_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// C's `strtol` in base 10: leading white space, an optional sign, then digits.
pub fn strtol(text: &[u8]) -> Strtol {
    let start = text.iter().position(|&b| !is_c_space(b)).unwrap_or(text.len());
    let mut rest = &text[start..];
    let negative = rest.first() == Some(&b'-');
    if matches!(rest.first(), Some(b'-' | b'+')) {
        rest = &rest[1..];
    }
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return Strtol { value: 0, length: 0 };
    }
    // i128 cannot overflow before the value leaves the range of a long, where it stops.
    let mut magnitude: i128 = 0;
    for &digit in &rest[..digits] {
        magnitude = (magnitude * 10 + i128::from(digit - b'0')).min(i128::from(c_long::MAX) + 1);
    }
    let signed = if negative { -magnitude } else { magnitude };
    let value = signed.clamp(i128::from(c_long::MIN), i128::from(c_long::MAX));
    Strtol {
        // In range after the clamp: the fallback is never taken.
        value: c_long::try_from(value).unwrap_or(c_long::MAX),
        length: text.len() - rest.len() + digits,
    }
}

/// glibc's `inet_aton`, which `inet_addr` and `gethostbyname` use: one to four parts
/// separated by dots, each decimal, octal (`0177`) or hex (`0x7f`); the last part fills
/// the bytes left (`127.1` is 127.0.0.1, `2130706433` is too). What follows the address
/// may be anything after a white space (`127.0.0.1 junk` is 127.0.0.1). The address as
/// a number in host byte order, or `None`.
pub fn inet_aton(text: &[u8]) -> Option<u32> {
    // The largest value of the last part after 0, 1, 2 or 3 dotted parts.
    const MAX: [u32; 4] = [0xffff_ffff, 0x00ff_ffff, 0xffff, 0xff];
    let mut parts: Vec<u32> = Vec::new();
    let mut rest = text;
    let value = loop {
        if !rest.first().is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let (value, length) = strtoul_base0(rest);
        let value = u32::try_from(value).ok()?;
        rest = &rest[length..];
        if rest.first() != Some(&b'.') {
            break value;
        }
        if parts.len() > 2 || value > 0xff {
            return None;
        }
        parts.push(value);
        rest = &rest[1..];
    };
    if rest.first().is_some_and(|&b| !is_c_space(b)) || value > MAX[parts.len()] {
        return None;
    }
    let high = parts.iter().enumerate().fold(0, |word, (i, part)| word | part << (24 - 8 * i));
    Some(high | value)
}

/// `strtoul (text, &end, 0)` for a text that starts with a digit: the value (saturated
/// past `u32::MAX`, where [`inet_aton`] gives up anyway) and how many bytes it read.
fn strtoul_base0(text: &[u8]) -> (u64, usize) {
    let hex = text.len() > 2
        && text[0] == b'0'
        && matches!(text[1], b'x' | b'X')
        && text[2].is_ascii_hexdigit();
    let (radix, start) = match (hex, text[0]) {
        (true, _) => (16, 2),
        (false, b'0') => (8, 1),
        _ => (10, 0),
    };
    let mut value: u64 = 0;
    let mut end = start;
    while let Some(digit) = text.get(end).and_then(|&b| char::from(b).to_digit(radix)) {
        value = (value * u64::from(radix) + u64::from(digit)).min(u64::from(u32::MAX) + 1);
        end += 1;
    }
    (value, end)
}

/// glibc's `inet_pton (AF_INET, text, ...)`: exactly four decimal parts of at most 255,
/// without leading zeros (`01.2.3.4` is not an address), and nothing else.
pub fn inet_pton4(text: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut current = 0;
    let mut count = 0;
    let mut saw_digit = false;
    for &byte in text {
        match byte {
            b'0'..=b'9' => {
                if saw_digit && octets[current] == 0 {
                    return None;
                }
                let value = u16::from(octets[current]) * 10 + u16::from(byte - b'0');
                octets[current] = u8::try_from(value).ok()?;
                if !saw_digit {
                    count += 1;
                    if count > 4 {
                        return None;
                    }
                    saw_digit = true;
                }
            }
            b'.' if saw_digit && count < 4 => {
                current += 1;
                saw_digit = false;
            }
            _ => return None,
        }
    }
    (count == 4).then_some(Ipv4Addr::from(octets))
}

/// glibc's `inet_pton (AF_INET6, text, ...)`: up to eight groups of at most four hex
/// digits, one `::` standing for at least one zero group, and an IPv4 address in the
/// last 32 bits (`::ffff:1.2.3.4`). No scope (`fe80::1%lo`), no brackets.
pub fn inet_pton6(text: &[u8]) -> Option<Ipv6Addr> {
    let mut bytes = [0u8; 16];
    let mut filled = 0;
    // Where "::" stands, as an offset into `bytes`.
    let mut gap = None;
    let mut rest = text;
    if rest.is_empty() {
        return None;
    }
    if rest[0] == b':' {
        if rest.get(1) != Some(&b':') {
            return None;
        }
        rest = &rest[1..];
    }
    // The group being read, where an IPv4 address would start.
    let mut token = rest;
    let mut digits = 0;
    let mut value: u32 = 0;
    let mut at = 0;
    while at < rest.len() {
        let byte = rest[at];
        at += 1;
        if let Some(digit) = char::from(byte).to_digit(16) {
            if digits == 4 {
                return None;
            }
            value = value << 4 | digit;
            digits += 1;
            continue;
        }
        if byte == b':' {
            token = &rest[at..];
            if digits == 0 {
                if gap.is_some() {
                    return None;
                }
                gap = Some(filled);
                continue;
            } else if at == rest.len() || filled + 2 > 16 {
                return None;
            }
            bytes[filled..filled + 2].copy_from_slice(&(value as u16).to_be_bytes());
            filled += 2;
            digits = 0;
            value = 0;
            continue;
        }
        if byte == b'.' && filled + 4 <= 16 {
            let v4 = inet_pton4(token)?;
            bytes[filled..filled + 4].copy_from_slice(&v4.octets());
            filled += 4;
            digits = 0;
            break;
        }
        return None;
    }
    if digits > 0 {
        if filled + 2 > 16 {
            return None;
        }
        bytes[filled..filled + 2].copy_from_slice(&(value as u16).to_be_bytes());
        filled += 2;
    }
    if let Some(gap) = gap {
        // "::" must stand for at least one zero group.
        if filled == 16 {
            return None;
        }
        let moved = filled - gap;
        bytes.copy_within(gap..filled, 16 - moved);
        bytes[gap..16 - moved].fill(0);
        filled = 16;
    }
    (filled == 16).then_some(Ipv6Addr::from(bytes))
}

/// An address as glibc's `inet_ntop` writes it: as Rust writes it, but where the first
/// 96 bits are zero and the next 16 are not, which glibc writes in the IPv4-compatible
/// form `::a.b.c.d` (`::1.2.3.4`, `::0.1.0.0`).
pub fn inet_ntop(address: IpAddr) -> String {
    match address {
        IpAddr::V6(v6) if v6.segments()[..6] == [0; 6] && v6.segments()[6] != 0 => {
            let [.., a, b, c, d] = v6.octets();
            format!("::{}", Ipv4Addr::new(a, b, c, d))
        }
        address => address.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strtol_reads_as_c_does() {
        for (text, value, length) in [
            (&b"22"[..], 22, 2),
            (b"080", 80, 3),
            (b" +7x", 7, 3),
            (b"-1", -1, 2),
            (b"1a", 1, 1),
            (b"", 0, 0),
            (b"+", 0, 0),
            (b"x1", 0, 0),
            (b"99999999999999999999999999", c_long::MAX, 26),
            (b"-99999999999999999999999999", c_long::MIN, 27),
        ] {
            assert_eq!(strtol(text), Strtol { value, length }, "{:?}", text.escape_ascii());
        }
    }

    #[test]
    fn inet_aton_reads_the_classic_forms() {
        for (text, address) in [
            (&b"127.0.0.1"[..], Some([127, 0, 0, 1])),
            (b"127.1", Some([127, 0, 0, 1])),
            (b"1.2.3", Some([1, 2, 0, 3])),
            (b"0x7f.1", Some([127, 0, 0, 1])),
            (b"0177.0.0.1", Some([127, 0, 0, 1])),
            (b"2130706433", Some([127, 0, 0, 1])),
            (b"127.0.0.1 junk", Some([127, 0, 0, 1])),
            (b"4294967295", Some([255, 255, 255, 255])),
            (b"4294967296", None),
            (b"1.2.3.4.5", None),
            (b"256.1", None),
            (b"127x", None),
            (b"08", None),
            (b"", None),
        ] {
            let expected = address.map(|octets| u32::from(Ipv4Addr::from(octets)));
            assert_eq!(inet_aton(text), expected, "{:?}", text.escape_ascii());
        }
    }

    #[test]
    fn inet_pton_reads_the_strict_forms() {
        assert_eq!(inet_pton4(b"10.1.0.1"), Some(Ipv4Addr::new(10, 1, 0, 1)));
        for text in [&b"01.2.3.4"[..], b"1.2.3", b"1.2.3.4.5", b"256.0.0.1", b"1.2.3.4 "] {
            assert_eq!(inet_pton4(text), None, "{:?}", text.escape_ascii());
        }
        for (text, address) in [
            (&b"::1"[..], Some("::1")),
            (b"::", Some("::")),
            (b"1:2:3:4:5:6:7::", Some("1:2:3:4:5:6:7:0")),
            (b"::ffff:127.0.0.1", Some("::ffff:127.0.0.1")),
            (b"1:2:3:4:5:6:7:8::", None),
            (b"1::2::3", None),
            (b"::1.2.3.04", None),
            (b"fe80::1%lo", None),
            (b":1", None),
        ] {
            let expected = address.map(|a| a.parse::<Ipv6Addr>().unwrap());
            assert_eq!(inet_pton6(text), expected, "{:?}", text.escape_ascii());
        }
    }

    #[test]
    fn inet_ntop_writes_compatible_addresses_as_glibc_does() {
        for (address, text) in [
            ("::1.2.3.4", "::1.2.3.4"),
            ("::0.1.0.0", "::0.1.0.0"),
            ("::1", "::1"),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("127.0.0.1", "127.0.0.1"),
        ] {
            assert_eq!(inet_ntop(address.parse().unwrap()), text);
        }
    }
}
