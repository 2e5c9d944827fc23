// The one table of what netdb-systest checks.
//
// `build.rs` and `src/lib.rs` each define their own `netdb_systest_table!` and include
// this file: `build.rs` turns it into the C side (compiled by the target's C compiler),
// `src/lib.rs` into the Rust side (`size_of`, `align_of`, `offset_of!` of `netdb_sys::*`).
// Both sides label every value the same way, and the test compares the labels too, so
// the two cannot drift apart.
//
// One `platform(key = "value", ...)` block per C library: it applies when every
// `key = "value"` holds for the target (`cfg(all(...))` on the Rust side, Cargo's
// `CARGO_CFG_*` variables in `build.rs`). Inside it:
// - `defines`: passed to the C compiler as `-D`;
// - `headers`: what the C side includes, in order;
// - `types`: `struct NAME { fields }`, `union NAME { fields }`, or `typedef NAME { fields }`
//   for a type C names without a tag (Winsock's `WSADATA`, or a plain typedef with no
//   fields). Each is checked for size and alignment, each field for offset and size;
// - `consts`: each checked for its value.
// Add a platform when its bindings are shipped; the coverage test says what is missing.

netdb_systest_table! {
    // glibc.
    platform(target_os = "linux", target_env = "gnu") {
        defines: ["_GNU_SOURCE"],
        headers: [
            "sys/types.h",
            "sys/socket.h",
            "netinet/in.h",
            "signal.h",
            "time.h",
            "netdb.h",
        ],
        types: {
            struct servent { s_name, s_aliases, s_port, s_proto },
            struct protoent { p_name, p_aliases, p_proto },
            struct hostent { h_name, h_aliases, h_addrtype, h_length, h_addr_list },
            struct netent { n_name, n_aliases, n_addrtype, n_net },
            struct addrinfo {
                ai_flags, ai_family, ai_socktype, ai_protocol,
                ai_addrlen, ai_addr, ai_canonname, ai_next,
            },
            struct gaicb {
                ar_name, ar_service, ar_request, ar_result, __return, __glibc_reserved,
            },
            typedef __socklen_t {},
            // Re-exported from `libc` into the bindings: the C functions take them.
            typedef socklen_t {},
            struct sockaddr { sa_family, sa_data },
            struct timespec { tv_sec, tv_nsec },
            struct sigevent { sigev_value, sigev_signo, sigev_notify },
        },
        consts: [
            // h_errno values
            HOST_NOT_FOUND, TRY_AGAIN, NO_RECOVERY, NO_DATA, NO_ADDRESS,
            NETDB_INTERNAL, NETDB_SUCCESS,
            // getaddrinfo flags
            AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_V4MAPPED, AI_ALL, AI_ADDRCONFIG,
            AI_IDN, AI_CANONIDN, AI_NUMERICSERV,
            // getaddrinfo and getnameinfo errors
            EAI_BADFLAGS, EAI_NONAME, EAI_AGAIN, EAI_FAIL, EAI_FAMILY, EAI_SOCKTYPE,
            EAI_SERVICE, EAI_MEMORY, EAI_SYSTEM, EAI_OVERFLOW, EAI_NODATA, EAI_ADDRFAMILY,
            EAI_INPROGRESS, EAI_CANCELED, EAI_NOTCANCELED, EAI_ALLDONE, EAI_INTR,
            EAI_IDN_ENCODE,
            // getnameinfo buffer sizes and flags
            NI_MAXHOST, NI_MAXSERV, NI_NUMERICHOST, NI_NUMERICSERV, NI_NOFQDN, NI_NAMEREQD,
            NI_DGRAM, NI_IDN,
            // getaddrinfo_a modes
            GAI_WAIT, GAI_NOWAIT,
            // the C library's version
            __GLIBC__, __GLIBC_MINOR__,
        ],
    }
}
