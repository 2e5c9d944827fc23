//! Internal: the crate's own database file parsers, for the fuzz targets in `fuzz/`.
//!
//! Compiled only under `--cfg fuzzing` (which cargo-fuzz passes to every crate it
//! builds, and no Cargo feature can set), hidden from the docs, and not part of the
//! public API: nothing here is covered by semver, and it may change or disappear in any
//! release. The fuzz targets reach every other path through the public
//! API; only the parsers of `files.rs`, which the musl and Windows backends
//! use, have no public entry point on glibc.

use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::files::{self, ServicesDialect};
use crate::protocol::Protocol;
use crate::service::Service;

/// What the parsers do with bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf8 {
    /// Fail with [`Error::NonUtf8`](crate::Error::NonUtf8) at the first such entry.
    Strict,
    /// Replace each invalid sequence with U+FFFD.
    Lossy,
}

/// Whose rules a services line is read by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// The rules of glibc's and Winsock's files.
    Common,
    /// musl's own rules for `/etc/services`.
    Musl,
}

fn policy(utf8: Utf8) -> Utf8Policy {
    match utf8 {
        Utf8::Strict => Utf8Policy::Strict,
        Utf8::Lossy => Utf8Policy::Lossy,
    }
}

/// Every entry of a services file, as the musl and Windows backends read it.
///
/// # Errors
/// Under [`Utf8::Strict`], [`Error::NonUtf8`](crate::Error::NonUtf8) at the first entry
/// that is not UTF-8.
pub fn parse_services(text: &[u8], utf8: Utf8, dialect: Dialect) -> Result<Vec<Service>> {
    let dialect = match dialect {
        Dialect::Common => ServicesDialect::Common,
        Dialect::Musl => ServicesDialect::Musl,
    };
    files::parse_services_as(text, policy(utf8), dialect)
}

/// Every entry of a protocols file, as the Windows backend reads it.
///
/// # Errors
/// As for [`parse_services`].
pub fn parse_protocols(text: &[u8], utf8: Utf8) -> Result<Vec<Protocol>> {
    files::parse_protocols(text, policy(utf8))
}
