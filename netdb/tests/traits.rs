//! The standard traits a user of the crate reaches for, checked at compile time so that
//! removing one is a failing test rather than a surprise in a dependent crate.

use std::fmt::{Debug, Display};
use std::hash::Hash;
use std::io;
use std::str::FromStr;

use netdb::{
    AddrInfo, AddressFamily, Error, Hints, Host, LossyEntry, NameInfoFlags, Network, NonUtf8Entry,
    ParseAddressFamilyError, Protocol, ProtocolTable, Service, ServiceTable, SocketType,
};

/// What every result type is: a plain value to compare, hash, copy around and send.
fn value<T: Debug + Clone + PartialEq + Eq + Hash + Send + Sync + Unpin + 'static>() {}

/// What an error type must be to go into `Box<dyn Error + Send + Sync>` and `anyhow`.
fn error<T: std::error::Error + Send + Sync + 'static>() {}

#[test]
fn result_types_are_plain_values() {
    value::<Service>();
    value::<Protocol>();
    value::<Host>();
    value::<Network>();
    value::<AddrInfo>();
    value::<AddressFamily>();
    value::<SocketType>();
    value::<NameInfoFlags>();
    value::<Hints>();
    value::<NonUtf8Entry>();
    value::<LossyEntry>();
    value::<ParseAddressFamilyError>();

    fn copy<T: Copy + Default>() {}
    copy::<Hints>();
    copy::<NameInfoFlags>();
    fn copy_ord<T: Copy + Ord>() {}
    copy_ord::<AddressFamily>();

    fn table<T: Debug + Clone + Default + Send + Sync + 'static>() {}
    table::<ServiceTable>();
    table::<ProtocolTable>();
}

#[test]
fn errors_are_errors_and_convert_into_io_errors() {
    error::<Error>();
    error::<ParseAddressFamilyError>();
    fn into_io<T: Into<io::Error>>() {}
    into_io::<Error>();
    fn from_io<T: From<io::Error>>() {}
    from_io::<Error>();
}

#[test]
fn entries_display_as_getent_lines_and_families_parse_what_they_display() {
    fn display<T: Display>() {}
    display::<Service>();
    display::<Protocol>();
    display::<NonUtf8Entry>();

    fn parse<T: FromStr<Err = ParseAddressFamilyError> + Display>() {}
    parse::<AddressFamily>();
    for family in [AddressFamily::Inet, AddressFamily::Inet6] {
        assert_eq!(family.to_string().parse::<AddressFamily>(), Ok(family));
    }
}
