//! The Windows backend: Winsock (`ws2_32`), through `netdb-sys`'s bindings of
//! `<winsock2.h>` and `<ws2tcpip.h>`.
//!
//! # Winsock's rules, and how this backend follows them
//! - **`WSAStartup` first.** Every Winsock function fails with `WSANOTINITIALISED` until
//!   the process has called `WSAStartup`. [`startup`] calls it once, lazily, the first
//!   time any function here needs Winsock, inside a `OnceLock`, so concurrent first calls
//!   wait for the one that runs it. `WSACleanup` is never called: Winsock counts
//!   `WSAStartup` calls per process, other code in the process (the standard library's
//!   sockets, other crates, C libraries) may be using Winsock at any time, and a library
//!   cannot know when the last lookup has been made; process exit releases everything.
//! - **Results are per thread.** `getservbyname`, `getservbyport`, `getprotobyname`,
//!   `getprotobynumber`, `gethostbyname` and `gethostbyaddr` return a pointer into
//!   storage Winsock keeps for the calling thread, which the next such call on that
//!   thread overwrites. Each lookup here copies the entry into owned values right after
//!   the call, before any other Winsock call on the thread, so lookups need no lock and
//!   run in parallel on different threads. Winsock has no `_r` forms.
//! - **Errors come from `WSAGetLastError`**, read at once after the failed call, and map
//!   onto the same [`Error`] variants as h_errno on Unix: `WSAHOST_NOT_FOUND` and
//!   `WSANO_DATA` are "not found" (`Ok(None)`), `WSATRY_AGAIN` and `WSANO_RECOVERY` are
//!   [`Error::Host`], anything else [`Error::Io`] with the code.
//! - **Struct layouts differ from Unix.** The 64-bit `servent` is `{s_name, s_aliases,
//!   s_proto, s_port}`, the 32-bit one `{s_name, s_aliases, s_port, s_proto}`; `s_port`,
//!   `p_proto`, `h_addrtype` and `h_length` are `short`. The bindings have each target's
//!   layout and the shared converters (`convert.rs`) read fields by name, so both are
//!   read correctly.
//! - **What Winsock lacks:** `gethostbyname2` (IPv6 host lookups go through
//!   `getaddrinfo`, see [`host_by_name`]), the networks database (`Unsupported`), and
//!   every enumeration (`getservent`, `getprotoent`, `gethostent`): the services and
//!   protocols enumerations read the files Winsock itself reads (see
//!   [`database_folder`]); hosts cannot be enumerated (see [`all_hosts`]).
//!
//! Strings are those of Winsock's ANSI functions: bytes in the system code page, the same
//! as UTF-8 for ASCII names; other bytes are reported as [`Error::NonUtf8`], as on Unix.

use std::ffi::{c_char, c_int, CStr, OsString};
use std::io;
use std::mem::{size_of, MaybeUninit};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::os::windows::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::ptr;
use std::sync::OnceLock;

use netdb_sys as ffi;

use super::c_strings::{optional_ptr, read_entry};
use super::convert::{host_from, protocol_from, service_from};
use super::gai;
use crate::addrinfo::{AddrInfo, Hints};
use crate::decode::{EntryDecoder, Utf8Policy};
use crate::error::{AddrInfoError, HostError, LossyEntry};
use crate::error::{Error, Result};
use crate::files::{parse_protocols, parse_services};
use crate::host::{AddressFamily, Host};
use crate::network::Network;
use crate::protocol::Protocol;
use crate::service::Service;

pub(crate) const AF_INET: c_int = ffi::AF_INET;
pub(crate) const AF_INET6: c_int = ffi::AF_INET6;
pub(crate) const SOCK_STREAM: i32 = ffi::SOCK_STREAM;
pub(crate) const SOCK_DGRAM: i32 = ffi::SOCK_DGRAM;
pub(crate) const SOCK_RAW: i32 = ffi::SOCK_RAW;
pub(crate) const SOCK_SEQPACKET: i32 = ffi::SOCK_SEQPACKET;
pub(crate) use ffi::{AI_ALL, AI_V4MAPPED};

pub(crate) fn c_family(family: AddressFamily) -> c_int {
    match family {
        AddressFamily::Inet => ffi::AF_INET,
        AddressFamily::Inet6 => ffi::AF_INET6,
    }
}

// --- WSAStartup and errors -------------------------------------------------------------

/// The Winsock version asked for: 2.2, `MAKEWORD(2, 2)`, what every Windows since
/// Windows 98 has.
const WINSOCK_VERSION: ffi::WORD = 0x0202;

/// Makes sure `WSAStartup` has run in this process, running it the first time.
///
/// Its outcome is kept: a failure (such as `WSAVERNOTSUPPORTED`, a Winsock without
/// version 2.2) fails every later call the same way. See the module docs for how it runs
/// once and why `WSACleanup` is never called.
pub(super) fn startup() -> Result<()> {
    static STARTED: OnceLock<c_int> = OnceLock::new();
    let rc = *STARTED.get_or_init(|| {
        let mut data = MaybeUninit::<ffi::WSADATA>::uninit();
        // SAFETY: `data` is valid for writes of a WSADATA, which WSAStartup fills in;
        // nothing reads it afterwards. WSAStartup may be called from any thread.
        unsafe { ffi::WSAStartup(WINSOCK_VERSION, data.as_mut_ptr()) }
    });
    // WSAStartup returns its error code itself; WSAGetLastError is not usable before it
    // has succeeded.
    match rc {
        0 => Ok(()),
        code => Err(io::Error::from_raw_os_error(code).into()),
    }
}

/// The calling thread's last Winsock error.
fn last_error() -> c_int {
    // SAFETY: WSAGetLastError only reads the calling thread's error slot.
    unsafe { ffi::WSAGetLastError() }
}

/// What a database lookup that returned NULL means: `Ok(None)` for "not found", the
/// error otherwise. `code` is `WSAGetLastError()` read right after the call.
fn lookup_failure<T>(code: c_int) -> Result<Option<T>> {
    match code {
        // 0: a NULL result that set no error; nothing was found either way.
        0 | ffi::WSAHOST_NOT_FOUND | ffi::WSANO_DATA => Ok(None),
        ffi::WSATRY_AGAIN => Err(Error::Host(HostError::TryAgain)),
        ffi::WSANO_RECOVERY => Err(Error::Host(HostError::NoRecovery)),
        code => Err(io::Error::from_raw_os_error(code).into()),
    }
}

/// Windows' own text for an error code (a Win32 or Winsock code), as `FormatMessageW`
/// gives it. This is also `getaddrinfo`'s message: `gai_strerror` is not a `ws2_32`
/// export but an inline function of the Winsock headers that asks `FormatMessage` for
/// the same text (with its line breaks made spaces) in a static buffer, which makes it
/// unsafe to call from several threads.
///
/// The standard library's `Display` of an OS error calls `FormatMessageW` and appends
/// ` (os error N)`, which is taken off again here.
fn system_message(code: c_int) -> String {
    let text = io::Error::from_raw_os_error(code).to_string();
    match text.strip_suffix(&format!(" (os error {code})")) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

/// The Winsock code of each [`HostError`]: what `WSAGetLastError` says after a
/// database lookup, in place of h_errno.
pub(crate) const HOST_ERROR_CODES: &[(HostError, c_int)] = &[
    (HostError::NotFound, ffi::WSAHOST_NOT_FOUND),
    (HostError::NoData, ffi::WSANO_DATA),
    (HostError::TryAgain, ffi::WSATRY_AGAIN),
    (HostError::NoRecovery, ffi::WSANO_RECOVERY),
];

pub(crate) fn host_error_message(code: i32) -> String {
    system_message(code)
}

/// Converts the entry a Winsock database function just returned, or reads why it
/// returned none.
///
/// # Safety
/// `entry` is what one of Winsock's `get*by*` functions returned on this thread, with no
/// Winsock call on this thread since: NULL, or a pointer to the thread's result storage,
/// whose strings and lists stay valid until the next such call on this thread. `convert`
/// makes no Winsock call.
unsafe fn copy_out<E: Copy, T>(
    entry: *const E,
    convert: impl FnOnce(&E) -> Result<T>,
) -> Result<Option<T>> {
    // SAFETY: the caller's contract: a non-null result points at a complete entry, alive
    // until the next Winsock call on this thread, and there is none before `convert`
    // has copied everything out. Read unaligned (`c_strings`): Wine packs its entries.
    match unsafe { read_entry(entry) } {
        None => lookup_failure(last_error()),
        Some(entry) => convert(&entry).map(Some),
    }
}

// --- services and protocols ---------------------------------------------------------

pub(crate) fn service_by_name(name: &CStr, protocol: Option<&CStr>) -> Result<Option<Service>> {
    startup()?;
    // SAFETY: name and protocol are NUL-terminated (or NULL) and outlive the call.
    // Winsock keeps the result per thread until the next database call on this thread,
    // and `copy_out` copies it before any other Winsock call is made on this thread.
    unsafe {
        let entry = ffi::getservbyname(name.as_ptr(), optional_ptr(protocol));
        copy_out(entry, |entry| service_from(entry, Utf8Policy::Strict))
    }
}

pub(crate) fn service_by_port(port: u16, protocol: Option<&CStr>) -> Result<Option<Service>> {
    startup()?;
    // Winsock wants the port as `htons(port)` in an int, as C callers pass it. (Wine 8
    // compares it with a sign-extended `short`, so there ports whose network-order value
    // has the top bit set, such as 443, are never found; Windows does not.)
    let port = c_int::from(port.to_be());
    // SAFETY: as in `service_by_name`.
    unsafe {
        let entry = ffi::getservbyport(port, optional_ptr(protocol));
        copy_out(entry, |entry| service_from(entry, Utf8Policy::Strict))
    }
}

pub(crate) fn protocol_by_name(name: &CStr) -> Result<Option<Protocol>> {
    startup()?;
    // SAFETY: as in `service_by_name`.
    unsafe {
        let entry = ffi::getprotobyname(name.as_ptr());
        copy_out(entry, |entry| protocol_from(entry, Utf8Policy::Strict))
    }
}

pub(crate) fn protocol_by_number(number: i32) -> Result<Option<Protocol>> {
    startup()?;
    // SAFETY: as in `service_by_name`; the number is passed by value.
    unsafe {
        let entry = ffi::getprotobynumber(number);
        copy_out(entry, |entry| protocol_from(entry, Utf8Policy::Strict))
    }
}

/// The folder of the `services` and `protocol` files that Winsock reads: the registry
/// value `HKLM\System\CurrentControlSet\Services\Tcpip\Parameters\DataBasePath`
/// (normally `%SystemRoot%\System32\drivers\etc`, stored unexpanded, which
/// `RegGetValueW` expands), or that default folder where the value cannot be read.
fn database_folder() -> PathBuf {
    registry_database_path().unwrap_or_else(|| {
        let root = std::env::var_os("SystemRoot").unwrap_or_else(|| OsString::from("C:\\Windows"));
        Path::new(&root).join("System32").join("drivers").join("etc")
    })
}

/// A Windows (UTF-16) string with its terminating NUL.
pub(super) fn wide(text: &str) -> Vec<u16> {
    std::ffi::OsStr::new(text).encode_wide().chain(Some(0)).collect()
}

/// A C string of the crate's, made from a `&str` (so UTF-8), as a Windows (UTF-16)
/// string with its terminating NUL: the one conversion of a name on its way to a wide
/// Winsock function. Bytes that are not UTF-8 (never made by the crate) become U+FFFD.
pub(super) fn wide_from_c(text: &CStr) -> Vec<u16> {
    match std::str::from_utf8(text.to_bytes()) {
        Ok(text) => text.encode_utf16().chain(Some(0)).collect(),
        Err(_) => wide(&text.to_string_lossy()),
    }
}

/// `HKEY_LOCAL_MACHINE`, which `<winreg.h>` defines as a cast that bindgen cannot
/// translate: `(HKEY)(ULONG_PTR)((LONG)0x80000002)`, a sign-extended predefined handle.
fn hkey_local_machine() -> ffi::HKEY {
    0x8000_0002_u32 as i32 as isize as ffi::HKEY
}

/// The `DataBasePath` registry value, expanded; `None` if it cannot be read.
fn registry_database_path() -> Option<PathBuf> {
    let key = wide("System\\CurrentControlSet\\Services\\Tcpip\\Parameters");
    let value = wide("DataBasePath");
    // A path fits in MAX_PATH (260) characters unless the system allows long ones; grow
    // to the size the registry asks for otherwise.
    let mut buf: Vec<u16> = vec![0; 260];
    for _ in 0..4 {
        let mut bytes = ffi::DWORD::try_from(buf.len() * size_of::<u16>()).ok()?;
        // SAFETY: the key and value names are NUL-terminated UTF-16 strings; `buf` is
        // valid for writes of `bytes` bytes, and `bytes` for a write of a DWORD. The type
        // slot may be NULL.
        let rc = unsafe {
            ffi::RegGetValueW(
                hkey_local_machine(),
                key.as_ptr(),
                value.as_ptr(),
                ffi::RRF_RT_REG_SZ as ffi::DWORD,
                ptr::null_mut(),
                buf.as_mut_ptr().cast(),
                &mut bytes,
            )
        };
        let units = usize::try_from(bytes).ok()? / size_of::<u16>();
        if rc == 0 {
            let text = &buf[..units.min(buf.len())];
            let end = text.iter().position(|&unit| unit == 0).unwrap_or(text.len());
            return (end > 0).then(|| PathBuf::from(OsString::from_wide(&text[..end])));
        }
        // ERROR_MORE_DATA says how many bytes the value needs; any other failure (no
        // such key or value) leaves the size as it was.
        if units <= buf.len() {
            return None;
        }
        buf.resize(units + 1, 0);
    }
    None
}

/// The contents of one of Winsock's database files; a missing file is an error that
/// names it, with the `NotFound` kind.
fn read_database_file(name: &str) -> Result<Vec<u8>> {
    let path = database_folder().join(name);
    std::fs::read(&path).map_err(|e| {
        Error::Io(io::Error::new(e.kind(), format!("reading {}: {e}", path.display())))
    })
}

/// Winsock has no `getservent`: the enumeration reads the `services` file that
/// `getservbyname` reads, in the folder [`database_folder`] names, with the same rules
/// (`files.rs`). Entries come in file order.
pub(crate) fn all_services(policy: Utf8Policy) -> Result<Vec<Service>> {
    parse_services(&read_database_file("services")?, policy)
}

/// Winsock has no `getprotoent`: the enumeration reads the `protocol` file (singular, as
/// Windows names it) beside `services`.
pub(crate) fn all_protocols(policy: Utf8Policy) -> Result<Vec<Protocol>> {
    parse_protocols(&read_database_file("protocol")?, policy)
}

// --- hosts ----------------------------------------------------------------------------

/// `Inet`: Winsock's `gethostbyname`, which returns IPv4 addresses only.
///
/// `Inet6`: Winsock has no `gethostbyname2` and its `gethostbyname` knows no IPv6, so
/// the lookup is `getaddrinfo(name)` with `AF_INET6` and `AI_CANONNAME`: the host's name
/// is the canonical name (the given name if there is none), it has no aliases
/// (`getaddrinfo` reports none), and its addresses are the IPv6 ones found, each once, in
/// the order `getaddrinfo` gives them. No address is not found (`Ok(None)`).
pub(crate) fn host_by_name(name: &CStr, family: AddressFamily) -> Result<Option<Host>> {
    startup()?;
    match family {
        AddressFamily::Inet => {
            // SAFETY: as in `service_by_name`.
            unsafe {
                let entry = ffi::gethostbyname(name.as_ptr());
                copy_out(entry, |entry| host_from(entry, Utf8Policy::Strict))
            }
        }
        AddressFamily::Inet6 => ipv6_host_by_name(name),
    }
}

fn ipv6_host_by_name(name: &CStr) -> Result<Option<Host>> {
    let hints = Hints::new().family(AddressFamily::Inet6).canonical_name(true);
    let found = match gai::resolve(Some(name), None, &hints) {
        Ok(found) => found,
        // The EAI_* codes are the WSA codes a database lookup reports.
        Err(Error::AddrInfo(e)) => return lookup_failure(e.code()),
        Err(other) => return Err(other),
    };
    let (found, canonical) = found;
    let mut addresses: Vec<IpAddr> = Vec::new();
    for info in &found {
        let address = info.address.ip();
        if address.is_ipv6() && !addresses.contains(&address) {
            addresses.push(address);
        }
    }
    if addresses.is_empty() {
        return Ok(None);
    }
    let name = match canonical.as_deref() {
        Some(canonical) if !canonical.is_empty() => canonical,
        _ => name.to_bytes(),
    };
    let mut decoder = EntryDecoder::new(Utf8Policy::Strict);
    let host = Host { name: decoder.string("name", name), aliases: Vec::new(), addresses };
    decoder.finish(host, LossyEntry::Host).map(Some)
}

pub(crate) fn host_by_addr(address: IpAddr) -> Result<Option<Host>> {
    startup()?;
    let (octets, family): (Vec<u8>, c_int) = match address {
        IpAddr::V4(v4) => (v4.octets().to_vec(), AF_INET),
        IpAddr::V6(v6) => (v6.octets().to_vec(), AF_INET6),
    };
    let length = c_int::try_from(octets.len()).expect("an address is 4 or 16 bytes");
    // SAFETY: `octets` holds `length` bytes of an address of `family`; the result is
    // per thread and copied out at once, as in `service_by_name`.
    unsafe {
        let entry = ffi::gethostbyaddr(octets.as_ptr().cast::<c_char>(), length, family);
        copy_out(entry, |entry| host_from(entry, Utf8Policy::Strict))
    }
}

/// Winsock has no `gethostent`, so the hosts database cannot be enumerated. The `hosts`
/// file is not read instead: it is one source among several (DNS, the DNS client's
/// cache, NetBIOS, LLMNR) and Winsock's lookups do not read it line by line as glibc's
/// `gethostent` does, so its lines would not be "the hosts database".
pub(crate) fn all_hosts(_policy: Utf8Policy) -> Result<Vec<Host>> {
    Err(unsupported(
        "the hosts database cannot be enumerated on Windows: Winsock has no gethostent",
    ))
}

// --- networks ---------------------------------------------------------------------------

fn unsupported(message: &str) -> Error {
    Error::Io(io::Error::new(io::ErrorKind::Unsupported, message))
}

const NO_NETWORKS: &str =
    "Windows has no networks database: Winsock has no getnetbyname, getnetbyaddr or getnetent";

pub(crate) fn network_by_name(_name: &CStr) -> Result<Option<Network>> {
    Err(unsupported(NO_NETWORKS))
}

pub(crate) fn network_by_addr(_address: Ipv4Addr) -> Result<Option<Network>> {
    Err(unsupported(NO_NETWORKS))
}

pub(crate) fn all_networks(_policy: Utf8Policy) -> Result<Vec<Network>> {
    Err(unsupported(NO_NETWORKS))
}

// --- gethostname, getaddrinfo and getnameinfo -----------------------------------------

pub(crate) fn hostname() -> Result<String> {
    startup()?;
    // Winsock's gethostname returns at most 256 bytes with the NUL.
    let mut buf = [0u8; 257];
    let length = c_int::try_from(buf.len()).expect("a small buffer");
    // SAFETY: the buffer is valid for writes of `length` bytes.
    let rc = unsafe { ffi::gethostname(buf.as_mut_ptr().cast(), length) };
    if rc != 0 {
        return Err(io::Error::from_raw_os_error(last_error()).into());
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Ok(String::from_utf8_lossy(&buf[..end]).into_owned())
}

/// The error of a failed `getaddrinfo` or `getnameinfo`: its return value is a Winsock
/// code (the `EAI_*` names are aliases of `WSA*` codes), with Windows' text for it.
pub(crate) fn addrinfo_error(code: c_int) -> Error {
    Error::AddrInfo(AddrInfoError::from_code(code))
}

/// Winsock's `gai_strerror` is an inline header function, not a ws2_32 export; the
/// `EAI_*` codes are WSA error codes, whose text the system gives.
pub(crate) fn addrinfo_error_message(code: i32) -> String {
    system_message(code)
}

/// The family in a socket address's first two bytes: a 16-bit number in this machine's
/// order.
pub(crate) fn sockaddr_family(head: [u8; 2]) -> c_int {
    c_int::from(u16::from_ne_bytes(head))
}

/// The first two bytes of a socket address of `family` (see [`sockaddr_family`]).
pub(crate) fn sockaddr_head(family: c_int, _length: usize) -> [u8; 2] {
    // The families of IPv4 and IPv6 fit 16 bits.
    (family as u16).to_ne_bytes()
}

pub(crate) fn getaddrinfo(
    host: Option<&CStr>,
    service: Option<&CStr>,
    hints: &Hints,
) -> Result<Vec<AddrInfo>> {
    startup()?;
    gai::getaddrinfo(host, service, hints)
}

pub(crate) fn getnameinfo(address: &SocketAddr, flags: i32) -> Result<(String, String)> {
    startup()?;
    gai::getnameinfo(address, flags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winsock_errors_map_onto_the_unix_variants() {
        for code in [ffi::WSAHOST_NOT_FOUND, ffi::WSANO_DATA, 0] {
            assert!(matches!(lookup_failure::<()>(code), Ok(None)), "{code}");
        }
        assert!(matches!(
            lookup_failure::<()>(ffi::WSATRY_AGAIN),
            Err(Error::Host(HostError::TryAgain))
        ));
        assert!(matches!(
            lookup_failure::<()>(ffi::WSANO_RECOVERY),
            Err(Error::Host(HostError::NoRecovery))
        ));
        match lookup_failure::<()>(ffi::WSANOTINITIALISED) {
            Err(Error::Io(e)) => assert_eq!(e.raw_os_error(), Some(ffi::WSANOTINITIALISED)),
            other => panic!("expected Io, got {other:?}"),
        }
    }

    #[test]
    fn system_messages_lose_only_rusts_suffix() {
        let message = system_message(ffi::WSAHOST_NOT_FOUND);
        assert!(!message.is_empty());
        assert!(!message.ends_with(&format!("(os error {})", ffi::WSAHOST_NOT_FOUND)));
        let full = io::Error::from_raw_os_error(ffi::WSAHOST_NOT_FOUND).to_string();
        assert_eq!(full, format!("{message} (os error {})", ffi::WSAHOST_NOT_FOUND));
    }

    #[test]
    fn hkey_local_machine_is_the_sign_extended_predefined_handle() {
        let expected: u64 =
            if cfg!(target_pointer_width = "64") { 0xFFFF_FFFF_8000_0002 } else { 0x8000_0002 };
        assert_eq!(hkey_local_machine() as usize as u64, expected);
    }

    #[test]
    fn the_database_folder_is_the_registrys_and_holds_the_files() {
        let folder = registry_database_path().expect("Tcpip\\Parameters\\DataBasePath is set");
        assert!(!folder.to_string_lossy().contains('%'), "expanded: {}", folder.display());
        assert_eq!(database_folder(), folder);
        assert!(folder.join("services").is_file(), "{}", folder.display());
        assert!(folder.join("protocol").is_file(), "{}", folder.display());
    }

    #[test]
    fn a_missing_database_file_is_not_found_not_empty() {
        match read_database_file("no-such-database-file") {
            Err(Error::Io(e)) => {
                assert_eq!(e.kind(), io::ErrorKind::NotFound);
                assert!(e.to_string().contains("no-such-database-file"), "{e}");
            }
            other => panic!("expected NotFound, got {other:?}"),
        }
    }
}
