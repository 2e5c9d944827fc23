//! The `serde` feature: the JSON shape of every type is the one the crate documents
//! (`netdb/docs/features.md`), and what the system's lookups return survives a
//! round trip. Run with `cargo test -p net-db --features serde`.
#![cfg(feature = "serde")]

use std::fmt::Debug;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netdb::{
    AddrInfo, AddressFamily, Hints, Host, NameInfoFlags, Network, Protocol, Service, SocketType,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// `value` serializes to exactly `json` and deserializes from it to itself.
fn assert_json<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T, json: &str) {
    assert_eq!(serde_json::to_string(value).unwrap(), json, "{value:?}");
    assert_eq!(&serde_json::from_str::<T>(json).unwrap(), value, "{json}");
}

/// `values` survive a round trip through JSON, pretty-printed or not.
fn assert_round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(values: &[T]) {
    let compact = serde_json::to_string(values).unwrap();
    assert_eq!(serde_json::from_str::<Vec<T>>(&compact).unwrap(), values);
    let pretty = serde_json::to_string_pretty(values).unwrap();
    assert_eq!(serde_json::from_str::<Vec<T>>(&pretty).unwrap(), values);
}

#[test]
fn the_entries_serialize_as_documented() {
    assert_json(
        &Service {
            name: "http".into(),
            aliases: vec!["www".into()],
            port: 80,
            protocol: "tcp".into(),
        },
        r#"{"name":"http","aliases":["www"],"port":80,"protocol":"tcp"}"#,
    );
    assert_json(
        &Protocol { name: "udp".into(), aliases: vec!["UDP".into()], number: 17 },
        r#"{"name":"udp","aliases":["UDP"],"number":17}"#,
    );
    assert_json(
        &Host {
            name: "localhost".into(),
            aliases: vec!["ip6-localhost".into()],
            addresses: vec![Ipv4Addr::LOCALHOST.into(), Ipv6Addr::LOCALHOST.into()],
        },
        r#"{"name":"localhost","aliases":["ip6-localhost"],"addresses":["127.0.0.1","::1"]}"#,
    );
    assert_json(
        &Network {
            name: "link-local".into(),
            aliases: vec![],
            address: Ipv4Addr::new(169, 254, 0, 0),
        },
        r#"{"name":"link-local","aliases":[],"address":"169.254.0.0"}"#,
    );
    assert_json(
        &AddrInfo {
            family: AddressFamily::Inet6,
            socket_type: SocketType::STREAM,
            protocol: netdb::IPPROTO_TCP,
            address: "[::1]:443".parse().unwrap(),
            canonical_name: None,
        },
        r#"{"family":"AF_INET6","socket_type":"SOCK_STREAM","protocol":6,"address":"[::1]:443","canonical_name":null}"#,
    );
    assert_json(
        &AddrInfo {
            family: AddressFamily::Inet,
            socket_type: SocketType::DATAGRAM,
            protocol: netdb::IPPROTO_UDP,
            address: "127.0.0.1:53".parse().unwrap(),
            canonical_name: Some("localhost".into()),
        },
        r#"{"family":"AF_INET","socket_type":"SOCK_DGRAM","protocol":17,"address":"127.0.0.1:53","canonical_name":"localhost"}"#,
    );
}

#[test]
fn constants_serialize_by_their_c_names() {
    assert_json(&AddressFamily::Inet, r#""AF_INET""#);
    assert_json(&AddressFamily::Inet6, r#""AF_INET6""#);

    assert_json(&SocketType::STREAM, r#""SOCK_STREAM""#);
    assert_json(&SocketType::DATAGRAM, r#""SOCK_DGRAM""#);
    assert_json(&SocketType::RAW, r#""SOCK_RAW""#);
    assert_json(&SocketType::SEQPACKET, r#""SOCK_SEQPACKET""#);
    // No socket type has the value 99: it has no name, so its number is written.
    assert_json(&SocketType::from_raw(99), r#""99""#);
    assert_json(&SocketType::from_raw(-3), r#""-3""#);

    assert_json(&NameInfoFlags::NONE, "[]");
    assert_json(
        &(NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM),
        r#"["NI_NUMERICHOST","NI_DGRAM"]"#,
    );
    assert_json(
        &(NameInfoFlags::NAME_REQUIRED
            | NameInfoFlags::NO_FQDN
            | NameInfoFlags::NUMERIC_SERVICE
            | NameInfoFlags::NUMERIC_HOST),
        r#"["NI_NUMERICHOST","NI_NUMERICSERV","NI_NOFQDN","NI_NAMEREQD"]"#,
    );
    // Bits without a name here come last, as one number.
    let unnamed = 1 << 20;
    assert_json(
        &(NameInfoFlags::NUMERIC_SERVICE | NameInfoFlags::from_bits_retain(unnamed)),
        &format!(r#"["NI_NUMERICSERV","{unnamed}"]"#),
    );
}

#[test]
fn constants_deserialize_from_other_spellings_too() {
    let family = |json: &str| serde_json::from_str::<AddressFamily>(json).unwrap();
    // Whatever `"…".parse::<AddressFamily>()` accepts.
    assert_eq!(family(r#""inet6""#), AddressFamily::Inet6);
    assert_eq!(family(r#""ipv4""#), AddressFamily::Inet);
    assert_eq!(family(r#""af_inet6""#), AddressFamily::Inet6);

    // A named socket type written by its value reads back as the named one.
    let stream = format!(r#""{}""#, SocketType::STREAM.as_raw());
    assert_eq!(serde_json::from_str::<SocketType>(&stream).unwrap(), SocketType::STREAM);

    // The same flag twice, and a flag also given by its value, are one flag.
    let json = format!(r#"["NI_DGRAM","NI_DGRAM","{}"]"#, NameInfoFlags::DATAGRAM.bits());
    assert_eq!(serde_json::from_str::<NameInfoFlags>(&json).unwrap(), NameInfoFlags::DATAGRAM);
}

#[test]
fn unknown_names_and_wrong_types_are_errors() {
    for json in [r#""AF_APPLETALK""#, r#""""#, "2", "null", r#"["AF_INET"]"#] {
        let err = serde_json::from_str::<AddressFamily>(json).unwrap_err();
        assert!(err.to_string().contains("address family"), "{json}: {err}");
    }
    for json in [r#""SOCK_NONSENSE""#, r#""sock_stream""#, r#""1.5""#, r#""-""#, r#""""#, "1"] {
        let err = serde_json::from_str::<SocketType>(json).unwrap_err();
        assert!(err.to_string().contains("socket type"), "{json}: {err}");
    }
    // Out of the range of a C int.
    assert!(serde_json::from_str::<SocketType>(r#""4294967296""#).is_err());
    for json in [r#"["NI_BOGUS"]"#, r#"["NI_NUMERICHOST", "x"]"#, r#""NI_NUMERICHOST""#, "[1]"] {
        assert!(serde_json::from_str::<NameInfoFlags>(json).is_err(), "{json}");
    }
    // A missing field is an error; an unknown one is ignored.
    assert!(serde_json::from_str::<Protocol>(r#"{"name":"udp","aliases":[]}"#).is_err());
    assert_eq!(
        serde_json::from_str::<Protocol>(r#"{"name":"udp","aliases":[],"number":17,"x":1}"#)
            .unwrap(),
        Protocol { name: "udp".into(), aliases: vec![], number: 17 }
    );
}

#[test]
fn what_the_system_returns_survives_a_round_trip() {
    let services = Service::all().unwrap();
    assert!(!services.is_empty());
    assert_round_trip(&services);

    let protocols = Protocol::all().unwrap();
    assert!(!protocols.is_empty());
    assert_round_trip(&protocols);

    let found =
        netdb::getaddrinfo(Some("localhost"), Some("ssh"), &Hints::new().canonical_name(true))
            .unwrap();
    assert!(!found.is_empty());
    assert_round_trip(&found);

    let hosts: Vec<Host> = [AddressFamily::Inet, AddressFamily::Inet6]
        .into_iter()
        .filter_map(|family| Host::from_name("localhost", family).unwrap())
        .chain(Host::from_addr(IpAddr::V4(Ipv4Addr::LOCALHOST)).unwrap())
        .collect();
    assert!(!hosts.is_empty());
    assert_round_trip(&hosts);

    // musl and Windows have no networks database.
    if let Ok(networks) = Network::all() {
        assert_round_trip(&networks);
    }
}
