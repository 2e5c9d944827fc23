//! glibc's reading of `/etc/nsswitch.conf`, as far as it decides whether a services or
//! protocols lookup asks the `files` source alone.
//!
//! Read from glibc's `nss/nss_database.c` (`nss_database_reload_1`, `process_line`) and
//! `nss/nss_action_parse.c` (2.34 to 2.42):
//!
//! - Lines are read with `getline`; a last line without a newline is never processed
//!   (the loop stops as soon as `feof` is set, before it parses what it read).
//! - A line is: blanks, the database name (up to a blank or `:`), then any blanks and
//!   colons (the colon is optional: `services files` counts), then the sources. There
//!   are no comments: in `services: files # x`, `#` and `x` are two more sources.
//! - Only the 17 database names glibc knows count, compared case-sensitively; a later
//!   line of the same database replaces an earlier one.
//! - A source is a name (up to a blank or `[`), optionally followed by `[...]` actions.
//!   A syntax error in the actions of any known database fails the whole file, and with
//!   it every NSS lookup (`EINVAL`).
//! - A database without a line gets a default that depends on how glibc was built
//!   (`files`, or `nis [NOTFOUND=return] files` with `--enable-obsolete-nsl`); so does
//!   every database when the file is missing.

// The unit tests build this for every Linux C library; only its own uses all of it.
#![cfg_attr(not(netdb_backend = "reentrant"), allow(dead_code))]

use super::c_text::is_c_space;

/// The databases `nss/databases.def` defines.
const DATABASES: [&[u8]; 17] = [
    b"aliases",
    b"ethers",
    b"group",
    b"group_compat",
    b"gshadow",
    b"hosts",
    b"initgroups",
    b"netgroup",
    b"networks",
    b"passwd",
    b"passwd_compat",
    b"protocols",
    b"publickey",
    b"rpc",
    b"services",
    b"shadow",
    b"shadow_compat",
];

/// One source of a database's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    pub(crate) name: Vec<u8>,
    /// Whether it was followed by `[...]` actions.
    pub(crate) actions: bool,
}

/// What glibc makes of the file for one database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line {
    /// The file names these sources (possibly none) for the database.
    Sources(Vec<Source>),
    /// The file has no line for the database: glibc's built-in default applies.
    Default,
}

/// A syntax error glibc rejects the whole file for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) line: usize,
}

/// The line glibc uses for `database`, or the syntax error that makes it fail.
pub(crate) fn line_for(file: &[u8], database: &[u8]) -> Result<Line, SyntaxError> {
    let mut found = Line::Default;
    let mut lines = file.split_inclusive(|&b| b == b'\n').enumerate().peekable();
    while let Some((number, line)) = lines.next() {
        // getline sets feof with the last line when no newline ends it, and the loop
        // stops before processing that line.
        if lines.peek().is_none() && line.last() != Some(&b'\n') {
            break;
        }
        let line = &line[..line.iter().position(|&b| b == 0).unwrap_or(line.len())];
        let Some((name, rest)) = database_and_rest(line) else { continue };
        if !DATABASES.contains(&name) {
            continue;
        }
        let sources = sources(rest).ok_or(SyntaxError { line: number + 1 })?;
        if name == database {
            found = Line::Sources(sources);
        }
    }
    Ok(found)
}

/// `process_line`: the database name and what follows its blanks and colons, or `None`
/// for a line it skips.
fn database_and_rest(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let start = line.iter().position(|&b| !is_c_space(b))?;
    let line = &line[start..];
    let end = line.iter().position(|&b| is_c_space(b) || b == b':').unwrap_or(line.len());
    if end == 0 || end == line.len() {
        return None;
    }
    let rest = &line[end..];
    let separators = rest.iter().take_while(|&&b| is_c_space(b) || b == b':').count();
    Some((&line[..end], &rest[separators..]))
}

/// `nss_action_parse`: the sources of a line, or `None` for a syntax error.
fn sources(mut line: &[u8]) -> Option<Vec<Source>> {
    let skip_blanks =
        |line: &[u8]| -> usize { line.iter().take_while(|&&b| is_c_space(b)).count() };
    let mut sources = Vec::new();
    loop {
        line = &line[skip_blanks(line)..];
        if line.is_empty() {
            return Some(sources);
        }
        let end = line.iter().position(|&b| is_c_space(b) || b == b'[').unwrap_or(line.len());
        if end == 0 {
            // A `[` where a name should be ends the list, without an error.
            return Some(sources);
        }
        let name = line[..end].to_vec();
        line = &line[end..];
        line = &line[skip_blanks(line)..];
        let actions = line.first() == Some(&b'[');
        if actions {
            line = criteria(&line[1..])?;
        }
        sources.push(Source { name, actions });
    }
}

/// The `status=action` pairs after a `[`, up to and past its `]`; `None` for a syntax
/// error.
fn criteria(mut line: &[u8]) -> Option<&[u8]> {
    let skip_blanks =
        |line: &[u8]| -> usize { line.iter().take_while(|&&b| is_c_space(b)).count() };
    let word_end = |line: &[u8]| -> usize {
        line.iter().position(|&b| is_c_space(b) || b == b'=' || b == b']').unwrap_or(line.len())
    };
    line = &line[skip_blanks(line)..];
    loop {
        if line.first() == Some(&b'!') {
            line = &line[1..];
        }
        let end = word_end(line);
        let status = &line[..end];
        let known = [&b"SUCCESS"[..], b"UNAVAIL", b"NOTFOUND", b"TRYAGAIN"];
        if !known.iter().any(|known| status.eq_ignore_ascii_case(known)) {
            return None;
        }
        line = &line[end..];
        line = &line[skip_blanks(line)..];
        if line.first() != Some(&b'=') {
            return None;
        }
        line = &line[1..];
        line = &line[skip_blanks(line)..];
        let end = word_end(line);
        let action = &line[..end];
        let known = [&b"RETURN"[..], b"CONTINUE", b"MERGE"];
        if !known.iter().any(|known| action.eq_ignore_ascii_case(known)) {
            return None;
        }
        line = &line[end..];
        line = &line[skip_blanks(line)..];
        if line.first() == Some(&b']') {
            return Some(&line[1..]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(names: &[&str]) -> Line {
        Line::Sources(
            names.iter().map(|n| Source { name: n.as_bytes().to_vec(), actions: false }).collect(),
        )
    }

    #[test]
    fn lines_are_read_as_glibc_reads_them() {
        let services = |file: &str| line_for(file.as_bytes(), b"services");
        assert_eq!(services("services: files\n"), Ok(plain(&["files"])));
        assert_eq!(services("  services:\t db files \n"), Ok(plain(&["db", "files"])));
        assert_eq!(services("services files\n"), Ok(plain(&["files"])));
        assert_eq!(services("services:::files\n"), Ok(plain(&["files"])));
        assert_eq!(services("services: files # sss\n"), Ok(plain(&["files", "#", "sss"])));
        assert_eq!(services("services: sss\nservices: files\n"), Ok(plain(&["files"])));
        assert_eq!(services("services:\n"), Ok(plain(&[])));
        assert_eq!(services("services: [NOTFOUND=return] files\n"), Ok(plain(&[])));
        // Not the services database.
        assert_eq!(services("Services: sss\n#services: sss\nservices"), Ok(Line::Default));
        // A name and a newline: an empty list, as glibc reads it.
        assert_eq!(services("services\n"), Ok(plain(&[])));
        assert_eq!(services(""), Ok(Line::Default));
        // The last line without a newline is never processed.
        assert_eq!(services("hosts: files\nservices: sss"), Ok(Line::Default));
        assert_eq!(services("services: sss"), Ok(Line::Default));
        // A NUL byte ends a line's text.
        assert_eq!(services("services: files\0 sss\n"), Ok(plain(&["files"])));
    }

    #[test]
    fn actions_are_checked_and_any_error_fails_the_file() {
        let services = |file: &str| line_for(file.as_bytes(), b"services");
        assert_eq!(
            services("services: files [NOTFOUND=return] db\n"),
            Ok(Line::Sources(vec![
                Source { name: b"files".to_vec(), actions: true },
                Source { name: b"db".to_vec(), actions: false },
            ]))
        );
        assert_eq!(
            services("services: files [ !unavail = Continue success=merge ]\n"),
            Ok(Line::Sources(vec![Source { name: b"files".to_vec(), actions: true }]))
        );
        assert_eq!(
            services("hosts: files [FOO=return]\nservices: files\n"),
            Err(SyntaxError { line: 1 })
        );
        assert_eq!(services("services: files [NOTFOUND=stop]\n"), Err(SyntaxError { line: 1 }));
        assert_eq!(services("services: files [NOTFOUND=return\n"), Err(SyntaxError { line: 1 }));
        assert_eq!(services("services: files [NOTFOUND return]\n"), Err(SyntaxError { line: 1 }));
        // Lines of databases glibc does not know are not parsed at all.
        assert_eq!(services("sudoers: files [FOO=bar]\nservices: files\n"), Ok(plain(&["files"])));
    }
}
