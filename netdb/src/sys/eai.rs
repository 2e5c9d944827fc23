//! The `EAI_*` code of each [`AddrInfoErrorKind`], on every platform: the names are
//! the same everywhere (on Windows they are aliases of `WSA*` codes), the values are
//! not, and a few codes exist only on some platforms.

use std::ffi::c_int;

use netdb_sys as ffi;

use crate::error::AddrInfoErrorKind;

/// The kinds and the codes that stand for them here. (`EAI_SYSTEM` is not here: it
/// becomes `Error::Io`.)
pub(crate) const ADDRINFO_ERROR_CODES: &[(AddrInfoErrorKind, c_int)] = &[
    (AddrInfoErrorKind::NoName, ffi::EAI_NONAME),
    // FreeBSD keeps EAI_NODATA and EAI_ADDRFAMILY under `#if 0`: it never returns them.
    #[cfg(not(target_os = "freebsd"))]
    (AddrInfoErrorKind::NoData, ffi::EAI_NODATA),
    #[cfg(not(any(target_os = "freebsd", windows)))]
    (AddrInfoErrorKind::NoAddressOfFamily, ffi::EAI_ADDRFAMILY),
    (AddrInfoErrorKind::TryAgain, ffi::EAI_AGAIN),
    (AddrInfoErrorKind::Fail, ffi::EAI_FAIL),
    (AddrInfoErrorKind::Family, ffi::EAI_FAMILY),
    (AddrInfoErrorKind::SocketType, ffi::EAI_SOCKTYPE),
    (AddrInfoErrorKind::Service, ffi::EAI_SERVICE),
    (AddrInfoErrorKind::Memory, ffi::EAI_MEMORY),
    (AddrInfoErrorKind::BadFlags, ffi::EAI_BADFLAGS),
    #[cfg(not(windows))]
    (AddrInfoErrorKind::Overflow, ffi::EAI_OVERFLOW),
];
