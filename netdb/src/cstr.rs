//! Turning `&str` arguments into the NUL-terminated strings C wants, without a heap
//! allocation for the common short ones.

use std::ffi::{CStr, CString};

use crate::error::{Error, Result};

/// Arguments shorter than this are copied into a stack buffer.
const STACK_ARGUMENT_SIZE: usize = 256;

/// [`Error::InteriorNul`] naming `argument`, if `value` holds a NUL byte: the one check
/// of every argument that goes to C as a C string.
fn check(argument: &'static str, value: &str) -> Result<()> {
    match value.bytes().position(|b| b == 0) {
        Some(position) => Err(Error::InteriorNul { argument, position }),
        None => Ok(()),
    }
}

/// `value` as an owned C string, for a lookup that outlives the caller's borrow (the
/// resolver's), or [`Error::InteriorNul`] naming `argument`.
pub(crate) fn c_string(argument: &'static str, value: &str) -> Result<CString> {
    check(argument, value)?;
    CString::new(value).map_err(|e| Error::InteriorNul { argument, position: e.nul_position() })
}

/// Calls `f` with `value` as a C string, or fails with [`Error::InteriorNul`] naming
/// `argument` if `value` holds a NUL byte.
pub(crate) fn with_c_str<T>(
    argument: &'static str,
    value: &str,
    f: impl FnOnce(&CStr) -> Result<T>,
) -> Result<T> {
    check(argument, value)?;
    let bytes = value.as_bytes();
    if bytes.len() < STACK_ARGUMENT_SIZE {
        let mut buf = [0u8; STACK_ARGUMENT_SIZE];
        buf[..bytes.len()].copy_from_slice(bytes);
        let c_str = CStr::from_bytes_until_nul(&buf)
            .map_err(|_| Error::InteriorNul { argument, position: bytes.len() })?;
        f(c_str)
    } else {
        let c_string = CString::new(bytes)
            .map_err(|e| Error::InteriorNul { argument, position: e.nul_position() })?;
        f(&c_string)
    }
}

/// [`with_c_str`] for an optional argument: `None` stays `None` (a NULL pointer in C).
pub(crate) fn with_optional_c_str<T>(
    argument: &'static str,
    value: Option<&str>,
    f: impl FnOnce(Option<&CStr>) -> Result<T>,
) -> Result<T> {
    match value {
        None => f(None),
        Some(value) => with_c_str(argument, value, |c_str| f(Some(c_str))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_strings_arrive_whole() {
        for len in [0, 1, STACK_ARGUMENT_SIZE - 1, STACK_ARGUMENT_SIZE, 70_000] {
            let value = "x".repeat(len);
            let seen = with_c_str("name", &value, |c| Ok(c.to_bytes().to_vec())).unwrap();
            assert_eq!(seen, value.as_bytes(), "length {len}");
        }
    }

    #[test]
    fn a_nul_byte_is_reported_with_its_position() {
        for value in ["a\0b".to_owned(), format!("{}\0", "y".repeat(1000))] {
            let err = with_c_str("protocol", &value, |_| Ok(())).unwrap_err();
            let expected = value.find('\0').unwrap();
            assert!(
                matches!(err, Error::InteriorNul { argument: "protocol", position } if position == expected),
                "{err:?}"
            );
        }
    }

    #[test]
    fn none_stays_none() {
        assert!(with_optional_c_str("protocol", None, |c| Ok(c.is_none())).unwrap());
    }
}
