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
            // getaddrinfo_a's completion: glibc's own sigevent, with the SIGEV_THREAD
            // members libc's declaration leaves out.
            struct sigevent { sigev_value, sigev_signo, sigev_notify, _sigev_un },
            union sigval { sival_int, sival_ptr },
            typedef __sigval_t {},
            typedef __pid_t {},
            // Re-exported from `libc` into the bindings: the C functions take them.
            typedef socklen_t {},
            typedef pthread_attr_t {},
            struct sockaddr { sa_family, sa_data },
            struct timespec { tv_sec, tv_nsec },
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

    // musl, compiled with musl-gcc (CC_x86_64_unknown_linux_musl=musl-gcc; .ci/musl).
    // Its netdb.h declares the EAI_* extensions, NI_MAXHOST and NI_MAXSERV only with
    // _GNU_SOURCE, as the bindings were generated; it has no NETDB_INTERNAL or
    // NETDB_SUCCESS, no getaddrinfo_a (so no gaicb or GAI_*), no AI_IDN flags, and no
    // version macro.
    platform(target_os = "linux", target_env = "musl") {
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
            // Re-exported from `libc` into the bindings: the C functions take them.
            typedef socklen_t {},
            struct sockaddr { sa_family, sa_data },
            struct timespec { tv_sec, tv_nsec },
        },
        consts: [
            // h_errno values
            HOST_NOT_FOUND, TRY_AGAIN, NO_RECOVERY, NO_DATA, NO_ADDRESS,
            // getaddrinfo flags
            AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_V4MAPPED, AI_ALL, AI_ADDRCONFIG,
            AI_NUMERICSERV,
            // getaddrinfo and getnameinfo errors
            EAI_BADFLAGS, EAI_NONAME, EAI_AGAIN, EAI_FAIL, EAI_FAMILY, EAI_SOCKTYPE,
            EAI_SERVICE, EAI_MEMORY, EAI_SYSTEM, EAI_OVERFLOW, EAI_NODATA, EAI_ADDRFAMILY,
            EAI_INPROGRESS, EAI_CANCELED, EAI_NOTCANCELED, EAI_ALLDONE, EAI_INTR,
            EAI_IDN_ENCODE,
            // getnameinfo buffer sizes and flags
            NI_MAXHOST, NI_MAXSERV, NI_NUMERICHOST, NI_NUMERICSERV, NI_NOFQDN, NI_NAMEREQD,
            NI_DGRAM, NI_NUMERICSCOPE,
        ],
    }

    // Winsock, as mingw-w64's headers declare it (x86_64 and i686; the MSVC targets use
    // the same bindings, see netdb-sys's build.rs). Checked under Wine by .ci/windows.
    // The anonymous unions inside `in_addr`, `in6_addr`, `sockaddr_in6`, `_OVERLAPPED`
    // and `_SCOPE_ID` have no C name (bindgen calls them `*__bindgen_ty_*`): their
    // enclosing struct's size, alignment and field offsets cover them. `addrinfoexW` is
    // only declared in C (a misspelt `ai_next` type), so it has no size to check.
    platform(target_os = "windows", target_env = "gnu") {
        defines: ["WIN32_LEAN_AND_MEAN"],
        headers: ["winsock2.h", "ws2tcpip.h"],
        types: {
            struct servent { s_name, s_aliases, s_port, s_proto },
            struct protoent { p_name, p_aliases, p_proto },
            struct hostent { h_name, h_aliases, h_addrtype, h_length, h_addr_list },
            struct netent { n_name, n_aliases, n_addrtype, n_net },
            struct addrinfo {
                ai_flags, ai_family, ai_socktype, ai_protocol,
                ai_addrlen, ai_canonname, ai_addr, ai_next,
            },
            struct addrinfoW {
                ai_flags, ai_family, ai_socktype, ai_protocol,
                ai_addrlen, ai_canonname, ai_addr, ai_next,
            },
            struct addrinfoExW {
                ai_flags, ai_family, ai_socktype, ai_protocol, ai_addrlen, ai_canonname,
                ai_addr, ai_blob, ai_bloblen, ai_provider, ai_next,
            },
            struct WSAData {
                wVersion, wHighVersion, iMaxSockets, iMaxUdpDg, lpVendorInfo,
                szDescription, szSystemStatus,
            },
            struct sockaddr { sa_family, sa_data },
            struct sockaddr_in { sin_family, sin_port, sin_addr, sin_zero },
            struct sockaddr_in6 { sin6_family, sin6_port, sin6_flowinfo, sin6_addr },
            struct sockaddr_storage { ss_family, __ss_pad1, __ss_align, __ss_pad2 },
            struct in_addr { S_un },
            struct in6_addr { u },
            struct timeval { tv_sec, tv_usec },
            struct _GUID { Data1, Data2, Data3, Data4 },
            struct _OVERLAPPED { Internal, InternalHigh, hEvent },
            struct _SCOPE_ID {},
            struct HKEY__ { unused },
            struct HINSTANCE__ { unused },
            typedef WSADATA {},
            typedef LPWSADATA {},
            typedef ADDRINFOA {},
            typedef LPADDRINFO {},
            typedef ADDRINFOW {},
            typedef PADDRINFOW {},
            typedef ADDRINFOEXW {},
            typedef PADDRINFOEXW {},
            typedef SOCKADDR {},
            typedef SCOPE_ID {},
            typedef socklen_t {},
            typedef u_char {},
            typedef u_short {},
            typedef u_long {},
            typedef PTIMEVAL {},
            typedef GUID {},
            typedef LPGUID {},
            typedef OVERLAPPED {},
            typedef LPOVERLAPPED {},
            typedef LPLOOKUPSERVICE_COMPLETION_ROUTINE {},
            typedef HANDLE {},
            typedef LPHANDLE {},
            typedef HKEY {},
            typedef HINSTANCE {},
            typedef HMODULE {},
            typedef FARPROC {},
            typedef CHAR {},
            typedef LPCSTR {},
            typedef INT_PTR {},
            typedef wchar_t {},
            typedef WCHAR {},
            typedef PWCHAR {},
            typedef PWSTR {},
            typedef LPCWSTR {},
            typedef PCWSTR {},
            typedef WORD {},
            typedef DWORD {},
            typedef LPDWORD {},
            typedef ULONG {},
            typedef LONG {},
            typedef INT {},
            typedef ULONG_PTR {},
            typedef PVOID {},
        },
        consts: [
            // the address families and socket types the safe crate uses
            AF_UNSPEC, AF_INET, AF_INET6,
            SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET,
            // Winsock's errors, and the h_errno names that are aliases of them
            WSAEFAULT, WSAEINVAL, WSAEAFNOSUPPORT, WSAENOBUFS, WSAETIMEDOUT,
            WSANOTINITIALISED, WSAECANCELLED, WSASERVICE_NOT_FOUND, WSATYPE_NOT_FOUND,
            WSA_E_CANCELLED, WSAHOST_NOT_FOUND, WSATRY_AGAIN, WSANO_RECOVERY, WSANO_DATA,
            WSA_NOT_ENOUGH_MEMORY, WSA_INVALID_HANDLE,
            HOST_NOT_FOUND, TRY_AGAIN, NO_RECOVERY, NO_DATA, NO_ADDRESS,
            // GetAddrInfoExW's asynchronous mode: "pending", and getaddrinfo's namespace
            WSA_IO_PENDING, NS_ALL,
            // getaddrinfo flags
            AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_NUMERICSERV, AI_ALL, AI_ADDRCONFIG,
            AI_V4MAPPED, AI_NON_AUTHORITATIVE, AI_SECURE, AI_RETURN_PREFERRED_NAMES, AI_FQDN,
            AI_FILESERVER, AI_DISABLE_IDN_ENCODING,
            // getaddrinfo and getnameinfo errors (aliases of WSA codes)
            EAI_AGAIN, EAI_BADFLAGS, EAI_FAIL, EAI_FAMILY, EAI_NONAME, EAI_SERVICE,
            EAI_SOCKTYPE, EAI_NODATA, EAI_MEMORY,
            // getnameinfo buffer sizes and flags
            NI_MAXHOST, NI_MAXSERV, NI_NOFQDN, NI_NUMERICHOST, NI_NAMEREQD, NI_NUMERICSERV,
            NI_DGRAM,
            // <imm.h>'s NI_* (input method notifications), which the NI_ pattern catches
            NI_OPENCANDIDATE, NI_CLOSECANDIDATE, NI_SELECTCANDIDATESTR,
            NI_CHANGECANDIDATELIST, NI_FINALIZECONVERSIONRESULT, NI_COMPOSITIONSTR,
            NI_SETCANDIDATE_PAGESTART, NI_SETCANDIDATE_PAGESIZE, NI_IMEMENUSELECTED,
            // WSADATA's string lengths
            WSADESCRIPTION_LEN, WSASYS_STATUS_LEN,
            // RegGetValueW's flag
            RRF_RT_REG_SZ,
            // mingw-w64's version
            __MINGW64_VERSION_MAJOR, __MINGW64_VERSION_MINOR,
        ],
    }
}
