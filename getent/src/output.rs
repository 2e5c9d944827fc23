//! getent's exit statuses, and where its messages go.

use std::io::{self, Write};

/// Exit status: every key was found, or the enumeration ran.
pub const FOUND: u8 = 0;
/// Exit status: no database was given, or one this getent does not have here.
pub const USAGE: u8 = 1;
/// Exit status: at least one key was not found.
pub const NOT_FOUND: u8 = 2;
/// Exit status: the database cannot be enumerated here (Windows and musl cannot list
/// `hosts`).
pub const NO_ENUMERATION: u8 = 3;
/// Exit status of a bad option: argp's `argp_err_exit_status`, `EX_USAGE`.
pub const BAD_OPTION: u8 = 64;

/// Writes `bytes` to stdout, dropping them if that fails (the program ends next).
pub fn print(bytes: &[u8]) {
    let mut stdout = io::stdout();
    let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
}

/// Writes the concatenated `parts` to stderr, where getent writes its messages; like C's
/// stdio, getent has nowhere to report a message that cannot be written.
pub fn message(parts: &[&[u8]]) {
    let _ = io::stderr().write_all(&parts.concat());
}
