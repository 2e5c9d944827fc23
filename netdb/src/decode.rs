//! Turning the byte strings of a C database entry into owned Rust strings.

use crate::error::{Error, Result};
use crate::error::{LossyEntry, NonUtf8Entry};
use crate::protocol::Protocol;
use crate::service::Service;

/// What to do with bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Utf8Policy {
    /// Fail with [`Error::NonUtf8`], which still carries the entry decoded lossily.
    Strict,
    /// Replace each invalid sequence with U+FFFD and go on.
    Lossy,
}

/// Decodes the strings of one entry, remembering the first field that was not UTF-8.
pub(crate) struct EntryDecoder {
    policy: Utf8Policy,
    first_invalid: Option<(&'static str, Vec<u8>)>,
}

impl EntryDecoder {
    pub(crate) fn new(policy: Utf8Policy) -> Self {
        EntryDecoder { policy, first_invalid: None }
    }

    /// The field's text; invalid UTF-8 is replaced and remembered.
    pub(crate) fn string(&mut self, field: &'static str, bytes: &[u8]) -> String {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                if self.first_invalid.is_none() {
                    self.first_invalid = Some((field, bytes.to_vec()));
                }
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    }

    /// The finished entry, or under [`Utf8Policy::Strict`] the error that carries it.
    pub(crate) fn finish<T>(self, entry: T, wrap: impl FnOnce(T) -> LossyEntry) -> Result<T> {
        match (self.policy, self.first_invalid) {
            (Utf8Policy::Strict, Some((field, bytes))) => {
                Err(Error::NonUtf8(Box::new(NonUtf8Entry { entry: wrap(entry), field, bytes })))
            }
            _ => Ok(entry),
        }
    }
}

/// A services entry from its fields as the C library returns them, decoded in the order
/// the fields come (name, aliases, protocol), so that the first field that is not UTF-8
/// is the one a strict policy reports.
pub(crate) fn service_from_fields<'a>(
    name: &[u8],
    aliases: impl Iterator<Item = &'a [u8]>,
    port: u16,
    protocol: &[u8],
    policy: Utf8Policy,
) -> Result<Service> {
    let mut decoder = EntryDecoder::new(policy);
    let service = Service {
        name: decoder.string("name", name),
        aliases: aliases.map(|alias| decoder.string("alias", alias)).collect(),
        port,
        protocol: decoder.string("protocol", protocol),
    };
    decoder.finish(service, LossyEntry::Service)
}

/// A protocols entry from its fields, as [`service_from_fields`].
pub(crate) fn protocol_from_fields<'a>(
    name: &[u8],
    aliases: impl Iterator<Item = &'a [u8]>,
    number: i32,
    policy: Utf8Policy,
) -> Result<Protocol> {
    let mut decoder = EntryDecoder::new(policy);
    let protocol = Protocol {
        name: decoder.string("name", name),
        aliases: aliases.map(|alias| decoder.string("alias", alias)).collect(),
        number,
    };
    decoder.finish(protocol, LossyEntry::Protocol)
}
