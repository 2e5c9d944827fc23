//! How the C libraries read the text of a database line: C's `isspace` and `strtoul`,
//! the two functions every rule of theirs is built from.

/// C's `isspace` in the C locale, which glibc's parsers use there and musl's always:
/// space, tab, newline, vertical tab, form feed and carriage return.
pub(crate) fn is_c_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// What `strtoul(text, &end, base)` reads from the start of `text`, with an `unsigned
/// long` of 64 bits (glibc's `strtoull` reads the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CNumber {
    /// The value: `ULONG_MAX` when the digits overflow, whatever the sign; a negative
    /// number negated in unsigned arithmetic otherwise (`-1` is `ULONG_MAX`).
    pub(crate) value: u64,
    /// Whether the digits alone (without the sign) overflow 64 bits.
    pub(crate) overflow: bool,
    /// Whether a minus sign came before the digits.
    pub(crate) negative: bool,
    /// The digits' value without the sign, `u64::MAX` on overflow.
    pub(crate) magnitude: u64,
    /// Where reading stopped (`*end - text`); 0 when nothing was converted, which is
    /// how C tells "no number" (`end == text`).
    pub(crate) end: usize,
}

/// `strtoul(text, &end, base)` for base 10, or base 0 (`0x` for hexadecimal, a leading
/// `0` for octal, else decimal): leading white space is skipped, then a sign, then the
/// digits of the base.
pub(crate) fn strtoul(text: &[u8], base: u32) -> CNumber {
    debug_assert!(base == 0 || base == 10, "base {base}");
    let nothing = CNumber { value: 0, overflow: false, negative: false, magnitude: 0, end: 0 };
    let mut at = text.iter().take_while(|&&b| is_c_space(b)).count();
    let negative = match text.get(at) {
        Some(b'-') => {
            at += 1;
            true
        }
        Some(b'+') => {
            at += 1;
            false
        }
        _ => false,
    };
    let mut radix = if base == 0 { 10 } else { base };
    if base == 0 && text.get(at) == Some(&b'0') {
        let x = matches!(text.get(at + 1), Some(b'x' | b'X'));
        if x && text.get(at + 2).is_some_and(u8::is_ascii_hexdigit) {
            radix = 16;
            at += 2;
        } else {
            // "0" alone, "0x" without a hex digit after it, or an octal number: the
            // leading zero is a digit of base 8 (and `0x` then reads as 0, ending at x).
            radix = 8;
        }
    }
    let digits = text[at..].iter().take_while(|&&b| (b as char).is_digit(radix)).count();
    if digits == 0 {
        return nothing;
    }
    let mut magnitude: u64 = 0;
    let mut overflow = false;
    for &b in &text[at..at + digits] {
        let digit = u64::from((b as char).to_digit(radix).unwrap_or(0));
        match magnitude.checked_mul(u64::from(radix)).and_then(|m| m.checked_add(digit)) {
            Some(next) => magnitude = next,
            None => overflow = true,
        }
    }
    if overflow {
        magnitude = u64::MAX;
    }
    let value = match (overflow, negative) {
        (true, _) => u64::MAX,
        (false, true) => magnitude.wrapping_neg(),
        (false, false) => magnitude,
    };
    CNumber { value, overflow, negative, magnitude, end: at + digits }
}

/// `strtol(text, NULL, 10)` with a `long` of 64 bits: `LONG_MAX` or `LONG_MIN` when the
/// value does not fit, 0 when there is no number.
#[cfg(any(test, netdb_backend = "musl"))]
pub(crate) fn strtol(text: &[u8]) -> i64 {
    let number = strtoul(text, 10);
    if number.end == 0 {
        return 0;
    }
    match (number.negative, i64::try_from(number.magnitude)) {
        (false, Ok(value)) if !number.overflow => value,
        (false, _) => i64::MAX,
        (true, _) if number.overflow || number.magnitude > i64::MIN.unsigned_abs() => i64::MIN,
        (true, _) => 0i64.wrapping_sub_unsigned(number.magnitude),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, base: u32) -> (u64, usize) {
        let number = strtoul(text.as_bytes(), base);
        (number.value, number.end)
    }

    #[test]
    fn strtoul_reads_what_c_reads() {
        assert_eq!(read("80/tcp", 10), (80, 2));
        assert_eq!(read("  \t+7x", 10), (7, 5));
        assert_eq!(read("-1", 10), (u64::MAX, 2));
        assert_eq!(read("-0", 10), (0, 2));
        assert_eq!(read("18446744073709551615", 10), (u64::MAX, 20));
        assert_eq!(read("18446744073709551616", 10), (u64::MAX, 20));
        assert_eq!(read("-18446744073709551616", 10), (u64::MAX, 21));
        assert_eq!(read("-4294967296", 10), (u64::MAX - 4294967295, 11));
        assert_eq!(read("", 10), (0, 0));
        assert_eq!(read("+", 10), (0, 0));
        assert_eq!(read(" - 1", 10), (0, 0));
        assert_eq!(read("abc", 10), (0, 0));
        // Base 0: hexadecimal after 0x, octal after a leading zero.
        assert_eq!(read("0x10/tcp", 0), (16, 4));
        assert_eq!(read("0X1fZ", 0), (31, 4));
        assert_eq!(read("0x/tcp", 0), (0, 1));
        assert_eq!(read("010", 0), (8, 3));
        assert_eq!(read("08", 0), (0, 1));
        assert_eq!(read("0", 0), (0, 1));
        assert_eq!(read("-0x10", 0), (16u64.wrapping_neg(), 5));
        assert_eq!(read("0x10", 10), (0, 1));
    }

    #[test]
    fn strtol_saturates() {
        assert_eq!(strtol(b"80"), 80);
        assert_eq!(strtol(b"80abc"), 80);
        assert_eq!(strtol(b"-5"), -5);
        assert_eq!(strtol(b"http"), 0);
        assert_eq!(strtol(b""), 0);
        assert_eq!(strtol(b"9223372036854775807"), i64::MAX);
        assert_eq!(strtol(b"9223372036854775808"), i64::MAX);
        assert_eq!(strtol(b"-9223372036854775808"), i64::MIN);
        assert_eq!(strtol(b"-9223372036854775809"), i64::MIN);
    }
}
