//! The `serde` feature: `Serialize` and `Deserialize` for the types that hold C
//! constants. The entry structs (`Service`, `Protocol`, `Host`, `Network`, `AddrInfo`)
//! derive theirs where they are declared.
//!
//! The constants are written by their C names, not their values: the values differ
//! between platforms (`SOCK_STREAM` is 2 on Linux for MIPS and 1 elsewhere, `NI_NAMEREQD`
//! is 8 on glibc and 4 on FreeBSD and macOS), so a number written on one machine could
//! mean something else on another. Names read back right everywhere. A value with no
//! name here (a socket type or flag bits the crate has no constant for) is written as
//! its number in decimal, as a string, so that every format reads it back, also those
//! that cannot tell a string from a number without being told which to expect.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Unexpected, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use crate::addrinfo::{NameInfoFlags, SocketType};
use crate::host::AddressFamily;

/// Serialized as its C name, `"AF_INET"` or `"AF_INET6"` (what `Display` writes).
impl Serialize for AddressFamily {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.c_name())
    }
}

/// Deserialized from any name that [`FromStr`](std::str::FromStr) accepts: `"AF_INET"`,
/// `"inet6"`, `"ipv4"`, ...
impl<'de> Deserialize<'de> for AddressFamily {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FamilyVisitor;

        impl Visitor<'_> for FamilyVisitor {
            type Value = AddressFamily;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an address family such as \"AF_INET\" or \"AF_INET6\"")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<AddressFamily, E> {
                text.parse().map_err(|_| E::invalid_value(Unexpected::Str(text), &self))
            }
        }

        deserializer.deserialize_str(FamilyVisitor)
    }
}

/// The socket types with a name, in the order `c_name` knows them.
const SOCKET_TYPES: [SocketType; 4] =
    [SocketType::STREAM, SocketType::DATAGRAM, SocketType::RAW, SocketType::SEQPACKET];

/// Serialized as its C name (`"SOCK_STREAM"`), or its value in decimal as a string
/// (`"10"`) if it has no name here.
impl Serialize for SocketType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.c_name() {
            Some(name) => serializer.serialize_str(name),
            None => serializer.collect_str(&self.as_raw()),
        }
    }
}

/// Deserialized from its C name or a decimal value, as it is serialized.
impl<'de> Deserialize<'de> for SocketType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SocketTypeVisitor;

        impl Visitor<'_> for SocketTypeVisitor {
            type Value = SocketType;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a socket type such as \"SOCK_STREAM\", or its value in decimal")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<SocketType, E> {
                SOCKET_TYPES
                    .into_iter()
                    .find(|t| t.c_name() == Some(text))
                    .or_else(|| decimal(text).map(SocketType::from_raw))
                    .ok_or_else(|| E::invalid_value(Unexpected::Str(text), &self))
            }
        }

        deserializer.deserialize_str(SocketTypeVisitor)
    }
}

/// Serialized as the list of the C names of the flags it holds
/// (`["NI_NUMERICHOST", "NI_DGRAM"]`, `[]` for none); bits without a name here come
/// last, together, as their value in decimal as a string.
impl Serialize for NameInfoFlags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let named = NameInfoFlags::NAMED.iter().filter(|(flag, _)| self.contains(*flag));
        let rest = named.clone().fold(self.bits(), |rest, (flag, _)| rest & !flag.bits());
        let mut seq =
            serializer.serialize_seq(Some(named.clone().count() + usize::from(rest != 0)))?;
        for (_, name) in named {
            seq.serialize_element(name)?;
        }
        if rest != 0 {
            seq.serialize_element(&rest.to_string())?;
        }
        seq.end()
    }
}

/// Deserialized from a list of C names and decimal values, as it is serialized.
impl<'de> Deserialize<'de> for NameInfoFlags {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagsVisitor;

        impl<'de> Visitor<'de> for FlagsVisitor {
            type Value = NameInfoFlags;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of getnameinfo flags such as [\"NI_NUMERICHOST\"]")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NameInfoFlags, A::Error> {
                let mut flags = NameInfoFlags::NONE;
                while let Some(text) = seq.next_element::<String>()? {
                    let flag = NameInfoFlags::NAMED
                        .iter()
                        .find(|(_, name)| *name == text)
                        .map(|(flag, _)| *flag)
                        .or_else(|| decimal(&text).map(NameInfoFlags::from_bits_retain))
                        .ok_or_else(|| {
                            de::Error::invalid_value(
                                Unexpected::Str(&text),
                                &"a getnameinfo flag such as \"NI_NUMERICHOST\"",
                            )
                        })?;
                    flags |= flag;
                }
                Ok(flags)
            }
        }

        deserializer.deserialize_seq(FlagsVisitor)
    }
}

/// A value written in decimal, as the impls above write a value without a name: ASCII
/// digits with an optional leading `-`.
fn decimal(text: &str) -> Option<i32> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
