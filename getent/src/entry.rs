//! An entry as getent prints it: netdb's `Display` of it, which is getent's line, with
//! the bytes the C library holds where a string is not UTF-8.
//!
//! netdb returns `String`s, so an entry that is not UTF-8 comes back as
//! [`netdb::Error::NonUtf8`], which keeps the entry decoded lossily and the raw bytes of
//! its first invalid field. That field is printed with those bytes, which is getent's
//! line exactly whenever one field of the entry is not UTF-8; further invalid fields
//! print with U+FFFD in place of each invalid sequence. An enumeration keeps such
//! entries lossily (`all_lossy`); each is looked up again ([`Entry::find_again`]) for the
//! error that tells the raw bytes.

use std::fmt::Display;

use netdb::{Host, LossyEntry, Network, NonUtf8Entry, Protocol, Service};

/// An entry of a database getent prints with netdb's `Display`.
pub trait Entry: Display + Clone + Sized {
    /// The entry a [`LossyEntry`] holds, if it is of this database.
    fn of_lossy(entry: &LossyEntry) -> Option<&Self>;

    /// The string a [`NonUtf8Entry`] names by its `field` (`"name"`, `"alias"`,
    /// `"protocol"`), found by its lossy text.
    fn field_mut(&mut self, field: &str, lossy: &str) -> Option<&mut String>;

    /// Whether a string of the entry holds U+FFFD: it was not UTF-8, or the database
    /// really has that character.
    fn has_replacement(&self) -> bool;

    /// The lookups that find this entry of an enumeration again, as many as may be
    /// needed; their `NonUtf8` error tells the raw bytes of its first invalid field.
    fn find_again(&self) -> Vec<netdb::Result<Option<Self>>>;

    /// Whether `found`, an entry [`find_again`](Entry::find_again) found, is this one.
    fn is(&self, found: &Self) -> bool;
}

/// What getent prints for an entry a lookup found, `None` for none: `Err` for a lookup
/// that failed, but not for an entry that is not UTF-8, which is printed.
pub fn found<T: Entry>(found: netdb::Result<Option<T>>) -> netdb::Result<Option<Vec<u8>>> {
    match found {
        Ok(found) => Ok(found.map(|entry| lines(entry, None))),
        Err(netdb::Error::NonUtf8(bad)) => match T::of_lossy(&bad.entry) {
            Some(entry) => Ok(Some(lines(entry.clone(), Some(&bad)))),
            None => Err(netdb::Error::NonUtf8(bad)),
        },
        Err(err) => Err(err),
    }
}

/// What getent prints for an entry of an enumeration, which netdb decoded lossily.
pub fn enumerated<T: Entry>(entry: T) -> Vec<u8> {
    if entry.has_replacement() {
        for again in entry.find_again() {
            if let Err(netdb::Error::NonUtf8(bad)) = again {
                if T::of_lossy(&bad.entry).is_some_and(|found| entry.is(found)) {
                    return lines(entry, Some(&bad));
                }
            }
        }
    }
    lines(entry, None)
}

/// The entry's `Display` and a new line, with the raw bytes of the field `bad` names.
///
/// The field is first replaced by as many NUL bytes as it has raw bytes, so that
/// `Display` pads it as C pads the raw bytes (to 21 bytes, say); a C string holds no
/// NUL, so each run of them in the text is then that field, once per line of a host.
fn lines<T: Entry>(mut entry: T, bad: Option<&NonUtf8Entry>) -> Vec<u8> {
    let mut raw: &[u8] = &[];
    if let Some(bad) = bad {
        let lossy = String::from_utf8_lossy(&bad.bytes);
        if let Some(field) = entry.field_mut(bad.field, &lossy) {
            *field = "\0".repeat(bad.bytes.len());
            raw = &bad.bytes;
        }
    }
    let text = entry.to_string().into_bytes();
    if text.is_empty() {
        // A host without addresses, of which getent prints no line.
        return text;
    }
    let mut out = Vec::with_capacity(text.len() + raw.len() + 1);
    let mut rest = text.as_slice();
    while let Some(at) = rest.iter().position(|&b| b == 0) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(raw);
        rest = &rest[at + raw.len()..];
    }
    out.extend_from_slice(rest);
    out.push(b'\n');
    out
}

/// The string of `name` and `aliases` whose text is `lossy`, as [`Entry::field_mut`].
fn name_or_alias<'a>(
    name: &'a mut String,
    aliases: &'a mut [String],
    field: &str,
    lossy: &str,
) -> Option<&'a mut String> {
    match field {
        "name" => Some(name).filter(|name| **name == lossy),
        "alias" => aliases.iter_mut().find(|alias| **alias == lossy),
        _ => None,
    }
}

fn any_replacement<'a>(strings: impl IntoIterator<Item = &'a String>) -> bool {
    strings.into_iter().any(|s| s.contains(char::REPLACEMENT_CHARACTER))
}

impl Entry for Service {
    fn of_lossy(entry: &LossyEntry) -> Option<&Self> {
        match entry {
            LossyEntry::Service(service) => Some(service),
            _ => None,
        }
    }

    fn field_mut(&mut self, field: &str, lossy: &str) -> Option<&mut String> {
        match field {
            "protocol" => Some(&mut self.protocol).filter(|protocol| **protocol == lossy),
            field => name_or_alias(&mut self.name, &mut self.aliases, field, lossy),
        }
    }

    fn has_replacement(&self) -> bool {
        any_replacement([&self.name, &self.protocol].into_iter().chain(&self.aliases))
    }

    fn find_again(&self) -> Vec<netdb::Result<Option<Self>>> {
        vec![
            Service::from_port(self.port, None),
            Service::from_port(self.port, Some(&self.protocol)),
        ]
    }

    fn is(&self, found: &Self) -> bool {
        self == found
    }
}

impl Entry for Protocol {
    fn of_lossy(entry: &LossyEntry) -> Option<&Self> {
        match entry {
            LossyEntry::Protocol(protocol) => Some(protocol),
            _ => None,
        }
    }

    fn field_mut(&mut self, field: &str, lossy: &str) -> Option<&mut String> {
        name_or_alias(&mut self.name, &mut self.aliases, field, lossy)
    }

    fn has_replacement(&self) -> bool {
        any_replacement(std::iter::once(&self.name).chain(&self.aliases))
    }

    fn find_again(&self) -> Vec<netdb::Result<Option<Self>>> {
        vec![Protocol::from_number(self.number)]
    }

    fn is(&self, found: &Self) -> bool {
        self == found
    }
}

impl Entry for Host {
    fn of_lossy(entry: &LossyEntry) -> Option<&Self> {
        match entry {
            LossyEntry::Host(host) => Some(host),
            _ => None,
        }
    }

    fn field_mut(&mut self, field: &str, lossy: &str) -> Option<&mut String> {
        name_or_alias(&mut self.name, &mut self.aliases, field, lossy)
    }

    fn has_replacement(&self) -> bool {
        any_replacement(std::iter::once(&self.name).chain(&self.aliases))
    }

    /// By its first address, which finds the first line with that address: this entry
    /// unless an earlier line has it.
    fn find_again(&self) -> Vec<netdb::Result<Option<Self>>> {
        self.addresses.first().map(|&address| Host::from_addr(address)).into_iter().collect()
    }

    /// The same names: the enumeration and a lookup by address may list other addresses
    /// of the host (the enumeration's are the ones printed).
    fn is(&self, found: &Self) -> bool {
        self.name == found.name && self.aliases == found.aliases
    }
}

impl Entry for Network {
    fn of_lossy(entry: &LossyEntry) -> Option<&Self> {
        match entry {
            LossyEntry::Network(network) => Some(network),
            _ => None,
        }
    }

    fn field_mut(&mut self, field: &str, lossy: &str) -> Option<&mut String> {
        name_or_alias(&mut self.name, &mut self.aliases, field, lossy)
    }

    fn has_replacement(&self) -> bool {
        any_replacement(std::iter::once(&self.name).chain(&self.aliases))
    }

    fn find_again(&self) -> Vec<netdb::Result<Option<Self>>> {
        vec![Network::from_addr(self.address)]
    }

    fn is(&self, found: &Self) -> bool {
        self == found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::IpAddr;

    fn service(name: &str, aliases: &[&str]) -> Service {
        let aliases = aliases.iter().map(|alias| alias.to_string()).collect();
        Service { name: name.into(), aliases, port: 9001, protocol: "tcp".into() }
    }

    fn non_utf8(entry: LossyEntry, field: &'static str, bytes: &[u8]) -> NonUtf8Entry {
        NonUtf8Entry { entry, field, bytes: bytes.to_vec() }
    }

    #[test]
    fn a_raw_name_is_padded_by_its_bytes() {
        let lossy = service("caf\u{fffd}", &["ok"]);
        let bad = non_utf8(LossyEntry::Service(lossy.clone()), "name", b"caf\xe9");
        let line = lines(lossy, Some(&bad));
        assert_eq!(line, [&b"caf\xe9"[..], &[b' '; 17], b" 9001/tcp ok\n"].concat());
    }

    #[test]
    fn a_raw_alias_is_put_back_and_others_stay_lossy() {
        let lossy = service("cafe", &["ok", "a\u{fffd}", "b\u{fffd}"]);
        let bad = non_utf8(LossyEntry::Service(lossy.clone()), "alias", b"a\xff");
        let line = lines(lossy, Some(&bad));
        let rest = [&b" 9001/tcp ok a\xff b"[..], "\u{fffd}\n".as_bytes()].concat();
        assert_eq!(line, [&b"cafe"[..], &[b' '; 17], &rest].concat());
    }

    #[test]
    fn each_line_of_a_host_has_the_raw_name() {
        let host = Host {
            name: "h\u{fffd}".into(),
            aliases: vec!["a".into()],
            addresses: vec![IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2])],
        };
        let bad = non_utf8(LossyEntry::Host(host.clone()), "name", b"h\xe9");
        let line = lines(host, Some(&bad));
        assert_eq!(line, b"10.0.0.1        h\xe9 a\n10.0.0.2        h\xe9 a\n");
    }

    #[test]
    fn a_host_without_addresses_prints_nothing() {
        let host = Host { name: "h".into(), aliases: vec![], addresses: vec![] };
        assert_eq!(lines(host, None), b"");
    }
}
