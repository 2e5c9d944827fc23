//! What differs between platforms, and nothing else: how a command-line argument becomes
//! the bytes getent reads, and what a program's name is in a path.

use std::ffi::OsString;

/// The bytes of a command-line argument. On Unix they are the argument itself, as C's
/// `argv` has it, whatever they are. On Windows an argument is UTF-16 and the netdb
/// crate takes UTF-8: it is converted losslessly, and one that is not valid Unicode (an
/// unpaired surrogate) is `None`, since no lookup could take it as it is.
#[cfg(unix)]
pub fn argument_bytes(argument: OsString) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStringExt;
    Some(argument.into_vec())
}

/// See the Unix version.
#[cfg(not(unix))]
pub fn argument_bytes(argument: OsString) -> Option<Vec<u8>> {
    argument.into_string().ok().map(String::into_bytes)
}

/// argp's `__argp_base_name`: the last component of a program's path, which its
/// messages name the program by. On Windows a path may use `\` as well, and the
/// program's name is without its `.exe`.
pub fn base_name(path: &[u8]) -> &[u8] {
    let separator = |b: &u8| *b == b'/' || (cfg!(windows) && *b == b'\\');
    let start = path.iter().rposition(separator).map_or(0, |at| at + 1);
    let name = &path[start..];
    if cfg!(windows) && name.len() > 4 && name[name.len() - 4..].eq_ignore_ascii_case(b".exe") {
        return &name[..name.len() - 4];
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_name_is_the_last_component() {
        assert_eq!(base_name(b"getent"), b"getent");
        assert_eq!(base_name(b"/usr/bin/getent"), b"getent");
        assert_eq!(base_name(b"/a/foo/"), b"");
        let windows = base_name(br"C:\tools\getent.EXE");
        if cfg!(windows) {
            assert_eq!(windows, b"getent");
        } else {
            assert_eq!(windows, br"C:\tools\getent.EXE");
        }
    }

    #[test]
    fn arguments_are_kept_whole() {
        assert_eq!(argument_bytes("caf\u{e9}".into()), Some("caf\u{e9}".as_bytes().to_vec()));
    }
}
