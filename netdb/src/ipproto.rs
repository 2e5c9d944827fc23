//! IP protocol numbers, as assigned by IANA and named in `<netinet/in.h>`.
//!
//! The numbers are the same on every platform (they travel in the IP header), so the
//! crate defines them itself rather than take them from a C header that not every
//! target has. They are what [`Protocol::number`](crate::Protocol::number) holds.

macro_rules! ip_protocols {
    ($($(#[$doc:meta])* $name:ident = $value:expr;)*) => {
        $($(#[$doc])* pub const $name: i32 = $value;)*
    };
}

ip_protocols! {
    /// Dummy protocol number 0 of the IP layer (`IPPROTO_IP`).
    IPPROTO_IP = 0;
    /// IPv6 hop-by-hop options (also 0).
    IPPROTO_HOPOPTS = 0;
    /// Internet Control Message Protocol.
    IPPROTO_ICMP = 1;
    /// Internet Group Management Protocol.
    IPPROTO_IGMP = 2;
    /// IPv4 encapsulated in IP.
    IPPROTO_IPIP = 4;
    /// Transmission Control Protocol.
    IPPROTO_TCP = 6;
    /// Exterior Gateway Protocol.
    IPPROTO_EGP = 8;
    /// PARC Universal Packet protocol.
    IPPROTO_PUP = 12;
    /// User Datagram Protocol.
    IPPROTO_UDP = 17;
    /// Xerox NS IDP.
    IPPROTO_IDP = 22;
    /// ISO Transport Protocol class 4.
    IPPROTO_TP = 29;
    /// Datagram Congestion Control Protocol.
    IPPROTO_DCCP = 33;
    /// IPv6 encapsulated in IP.
    IPPROTO_IPV6 = 41;
    /// IPv6 routing header.
    IPPROTO_ROUTING = 43;
    /// IPv6 fragmentation header.
    IPPROTO_FRAGMENT = 44;
    /// Reservation Protocol.
    IPPROTO_RSVP = 46;
    /// Generic Routing Encapsulation.
    IPPROTO_GRE = 47;
    /// Encapsulating Security Payload.
    IPPROTO_ESP = 50;
    /// Authentication Header.
    IPPROTO_AH = 51;
    /// ICMP for IPv6.
    IPPROTO_ICMPV6 = 58;
    /// IPv6: no next header.
    IPPROTO_NONE = 59;
    /// IPv6 destination options.
    IPPROTO_DSTOPTS = 60;
    /// Multicast Transport Protocol.
    IPPROTO_MTP = 92;
    /// Encapsulation header.
    IPPROTO_ENCAP = 98;
    /// Protocol Independent Multicast.
    IPPROTO_PIM = 103;
    /// IP payload compression.
    IPPROTO_COMP = 108;
    /// Stream Control Transmission Protocol.
    IPPROTO_SCTP = 132;
    /// UDP-Lite.
    IPPROTO_UDPLITE = 136;
    /// MPLS in IP.
    IPPROTO_MPLS = 137;
    /// Ethernet within IPv6.
    IPPROTO_ETHERNET = 143;
    /// Raw IP packets.
    IPPROTO_RAW = 255;
    /// Multipath TCP (Linux's socket-level number; never on the wire).
    IPPROTO_MPTCP = 262;
}
