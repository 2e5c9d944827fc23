//! C's functions between addresses and their text, as glibc 2.36 writes and reads them,
//! for the examples that must print or parse addresses byte for byte as C programs do.
//!
//! - [`inet_ntop`] writes an address as `inet_ntop` does (the Python twins and `getent`
//!   print addresses with it);
//! - [`inet_pton4`] and [`inet_pton6`] read the strict forms `inet_pton` accepts;
//! - [`inet_aton`] reads the classic forms `inet_aton` and `inet_addr` accept (`127.1`,
//!   `0x7f.1`, `2130706433`, ...).
//!
//! An example declares `mod inet;` (the Python twins reach it through `python/mod.rs`).

// Each example uses some of these functions only.
#![allow(dead_code)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An address as C's `inet_ntop` writes it: as Rust writes it, but where the first 96
/// bits are zero and the next 16 are not, for which glibc writes the IPv4-compatible
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
    let mut filled = 0; // tp - tmp
    let mut gap = None; // colonp - tmp
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
    let mut token = rest; // curtok
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
    // C's isspace in the C locale.
    if rest.first().is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')) {
        return None;
    }
    if value > MAX[parts.len()] {
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
