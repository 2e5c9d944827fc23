// The one bindgen configuration of netdb-sys.
//
// `build.rs` includes this file both to regenerate the bindings at build time (feature
// `bindgen`) and to refresh the shipped files under `src/bindings/`
// (`NETDB_SYS_REGENERATE=1`), so the two can never drift apart.

use std::path::PathBuf;

use super::Target;

impl Target {
    fn is_windows(&self) -> bool {
        self.os == "windows"
    }

    fn is_apple(&self) -> bool {
        matches!(self.os.as_str(), "macos" | "ios" | "tvos" | "watchos" | "visionos")
    }

    /// netdb-sys's own reconstruction of the target's `<netdb.h>` (`headers/<platform>/`),
    /// for the targets whose headers CI cannot have: there is no macOS SDK or FreeBSD
    /// sysroot to install on Linux. `NETDB_SYS_SYSROOT_INCLUDE` selects the real headers
    /// instead. `src/lib.rs` checks what these produce against the `libc` crate.
    fn reconstructed_headers(&self) -> Option<PathBuf> {
        if std::env::var_os("NETDB_SYS_SYSROOT_INCLUDE").is_some() {
            return None;
        }
        let platform = match self.os.as_str() {
            "macos" => "apple",
            "freebsd" => "freebsd",
            _ => return None,
        };
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
        Some(PathBuf::from(manifest_dir).join("headers").join(platform))
    }

    /// The triple clang understands for this target.
    fn clang_triple(&self) -> String {
        match self.triple.as_str() {
            "x86_64-pc-windows-gnu" => "x86_64-w64-mingw32".to_owned(),
            "i686-pc-windows-gnu" => "i686-w64-mingw32".to_owned(),
            "aarch64-apple-darwin" => "arm64-apple-macosx11.0".to_owned(),
            "x86_64-apple-darwin" => "x86_64-apple-macosx10.12".to_owned(),
            other => other.to_owned(),
        }
    }

    /// Extra include directories for targets whose headers are not the host's own.
    ///
    /// Debian's `musl-tools` and `gcc-mingw-w64` put the target headers in these folders;
    /// `NETDB_SYS_SYSROOT_INCLUDE` overrides them for other layouts.
    fn system_includes(&self) -> Vec<PathBuf> {
        if let Ok(dir) = std::env::var("NETDB_SYS_SYSROOT_INCLUDE") {
            return std::env::split_paths(&dir).collect();
        }
        let arch = self.triple.split('-').next().unwrap_or_default();
        match (self.os.as_str(), self.env.as_str()) {
            ("linux", "musl") => vec![PathBuf::from(format!("/usr/include/{arch}-linux-musl"))],
            ("windows", "gnu") => {
                vec![PathBuf::from(format!("/usr/{}/include", self.clang_triple()))]
            }
            _ => Vec::new(),
        }
    }
}

/// The header bindgen reads for this target: netdb.h and what it needs on Unix, the
/// Winsock headers on Windows.
fn wrapper_header(target: &Target) -> &'static str {
    if target.is_windows() {
        // `GetAddrInfoExCancel` (Windows 8) is exported by ws2_32 and by mingw-w64's
        // import library, but mingw-w64 10's <ws2tcpip.h> does not declare it. The
        // declaration is the Windows SDK's, so a header that has it too agrees with it.
        "#define WIN32_LEAN_AND_MEAN\n#include <winsock2.h>\n#include <ws2tcpip.h>\n\
         WINSOCK_API_LINKAGE int WSAAPI GetAddrInfoExCancel(LPHANDLE lpHandle);\n"
    } else if target.reconstructed_headers().is_some() {
        // The reconstruction is self-contained: one header, nothing else to include.
        "#include <netdb.h>\n"
    } else {
        "#include <sys/types.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n#include <netdb.h>\n"
    }
}

/// The netdb functions, on every platform that has them; the allow-list keeps only
/// those the target's header declares.
const FUNCTIONS: &[&str] = &[
    // services
    "getservbyname",
    "getservbyname_r",
    "getservbyport",
    "getservbyport_r",
    "getservent",
    "getservent_r",
    "setservent",
    "endservent",
    // protocols
    "getprotobyname",
    "getprotobyname_r",
    "getprotobynumber",
    "getprotobynumber_r",
    "getprotoent",
    "getprotoent_r",
    "setprotoent",
    "endprotoent",
    // hosts
    "gethostbyname",
    "gethostbyname_r",
    "gethostbyname2",
    "gethostbyname2_r",
    "gethostbyaddr",
    "gethostbyaddr_r",
    "gethostent",
    "gethostent_r",
    "sethostent",
    "endhostent",
    "gethostname",
    "herror",
    "hstrerror",
    // networks
    "getnetbyname",
    "getnetbyname_r",
    "getnetbyaddr",
    "getnetbyaddr_r",
    "getnetent",
    "getnetent_r",
    "setnetent",
    "endnetent",
    // address resolution
    "getaddrinfo",
    "freeaddrinfo",
    "gai_strerror",
    "getnameinfo",
    "getaddrinfo_a",
    "gai_suspend",
    "gai_error",
    "gai_cancel",
    // h_errno, however the C library spells its accessor
    "__h_errno_location",
    "__h_errno",
    // Winsock
    "WSAStartup",
    "WSACleanup",
    "WSAGetLastError",
    "WSASetLastError",
    "GetAddrInfoW",
    "FreeAddrInfoW",
    "GetNameInfoW",
    "GetAddrInfoExW",
    "FreeAddrInfoExW",
    "GetAddrInfoExCancel",
    "GetAddrInfoExOverlappedResult",
];

const TYPES: &[&str] = &[
    "servent",
    "protoent",
    "hostent",
    "netent",
    "addrinfo",
    "gaicb",
    "WSADATA",
    "addrinfoW",
    "addrinfoexW",
    "ADDRINFOEXW",
];

/// Constants: the flags and error codes of getaddrinfo/getnameinfo, h_errno's values, the
/// Winsock error codes the safe crate maps.
const VARIABLES: &[&str] = &[
    "AI_.*",
    "NI_.*",
    "EAI_.*",
    "HOST_NOT_FOUND",
    "TRY_AGAIN",
    "NO_RECOVERY",
    "NO_DATA",
    "NO_ADDRESS",
    "NETDB_INTERNAL",
    "NETDB_SUCCESS",
    "GAI_WAIT",
    "GAI_NOWAIT",
    "WSAHOST_NOT_FOUND",
    "WSATRY_AGAIN",
    "WSANO_RECOVERY",
    "WSANO_DATA",
    "WSANOTINITIALISED",
    "WSAEINVAL",
    "WSAEFAULT",
    "WSAENOBUFS",
    "WSA_NOT_ENOUGH_MEMORY",
    "WSAEAFNOSUPPORT",
    "WSATYPE_NOT_FOUND",
    "WSASERVICE_NOT_FOUND",
    "WSA_E_CANCELLED",
    "WSAECANCELLED",
    "WSAETIMEDOUT",
    // The C library's version, recorded so the shipped file says what it was made from.
    "__GLIBC__",
    "__GLIBC_MINOR__",
    "__MINGW64_VERSION_MAJOR",
    "__MINGW64_VERSION_MINOR",
];

/// What the safe crate needs on Windows that `libc` provides on Unix: the socket
/// address types and constants (`gai_strerror` is an inline function in the Winsock
/// headers, not a `ws2_32` export, so it is not bound).
const WINDOWS_TYPES: &[&str] = &[
    "sockaddr_in",
    "sockaddr_in6",
    "SOCKADDR_IN6_LH",
    "in_addr",
    "in6_addr",
    "sockaddr_storage",
    "SOCKADDR_STORAGE_LH",
    // GetAddrInfoExW's asynchronous mode: the OVERLAPPED its completion routine receives.
    "OVERLAPPED",
    // What GetProcAddress's FARPROC returns; named on every target, so that i686, where
    // it is an `int`, declares it as x86_64 does.
    "INT_PTR",
];
const WINDOWS_VARIABLES: &[&str] = &[
    "AF_UNSPEC",
    "AF_INET",
    "AF_INET6",
    "SOCK_STREAM",
    "SOCK_DGRAM",
    "SOCK_RAW",
    "SOCK_SEQPACKET",
    "WSADESCRIPTION_LEN",
    "WSASYS_STATUS_LEN",
    // RegGetValueW's flag: a string value, REG_EXPAND_SZ expanded.
    "RRF_RT_REG_SZ",
    // GetAddrInfoExW's asynchronous mode: "will complete later", the namespace of
    // getaddrinfo (every provider), and GetAddrInfoExCancel's "already over".
    "WSA_IO_PENDING",
    "NS_ALL",
    "WSA_INVALID_HANDLE",
];
/// Windows-only functions beyond Winsock: `RegGetValueW` (advapi32) reads where the
/// services and protocol files live (`Tcpip\Parameters\DataBasePath`), as Winsock does;
/// `GetModuleHandleW` and `GetProcAddress` (kernel32) find `GetAddrInfoExCancel` at run
/// time, so that a program still loads on a Windows without it (Windows 7).
const WINDOWS_FUNCTIONS: &[&str] = &["RegGetValueW", "GetModuleHandleW", "GetProcAddress"];

/// Types the Rust `libc` crate already declares on Unix: reusing them lets a caller pass
/// a `libc::sockaddr` straight to `getnameinfo`. `sigevent` is not among them: libc's
/// declaration hides the `SIGEV_THREAD` members (`_sigev_thread`) that glibc's
/// `getaddrinfo_a` completion needs, so bindgen binds glibc's own.
const UNIX_TYPES_FROM_LIBC: &[&str] = &["sockaddr", "socklen_t", "timespec", "pthread_attr_t"];

/// What those types drag in from the C library's private headers; nothing else uses it.
const UNIX_TYPES_BEHIND_LIBC: &str = "^(__time_t|__syscall_slong_t|sa_family_t)$";

fn anchored(names: &[&str]) -> String {
    format!("^({})$", names.join("|"))
}

/// Runs bindgen for `target` and returns the Rust source of the bindings, with a header
/// that names the generator and the target.
pub fn generate(target: &Target) -> Result<String, String> {
    let mut builder = bindgen::Builder::default();
    if target.is_windows() {
        // winerror.h spells its codes `__MSABI_LONG(997)`, a function-like macro that
        // bindgen's own evaluator cannot expand, so the Winsock codes defined through them
        // (`WSA_IO_PENDING`, `WSA_INVALID_HANDLE`, `WSA_NOT_ENOUGH_MEMORY`, `EAI_MEMORY`)
        // need clang's evaluation. That fallback reads the wrapper from a real file, and
        // writes its scratch files beside it, in OUT_DIR.
        let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
        let wrapper = out_dir.join("netdb_sys_wrapper.h");
        std::fs::write(&wrapper, wrapper_header(target))
            .map_err(|e| format!("writing {}: {e}", wrapper.display()))?;
        builder = builder
            .header(wrapper.display().to_string())
            .clang_macro_fallback()
            .clang_macro_fallback_build_dir(out_dir);
    } else {
        builder = builder.header_contents("netdb_sys_wrapper.h", wrapper_header(target));
    }
    builder = builder
        .clang_arg(format!("--target={}", target.clang_triple()))
        .allowlist_function(anchored(FUNCTIONS))
        .allowlist_type(anchored(TYPES))
        .allowlist_var(anchored(VARIABLES))
        .default_macro_constant_type(bindgen::MacroTypeVariation::Signed)
        .rust_target(bindgen::RustTarget::stable(77, 0).map_err(|e| e.to_string())?)
        .use_core()
        .ctypes_prefix("::core::ffi")
        .layout_tests(true)
        .generate_comments(true)
        .merge_extern_blocks(true)
        .sort_semantically(true)
        .formatter(bindgen::Formatter::Prettyplease);

    for dir in target.system_includes() {
        builder = builder.clang_arg("-isystem").clang_arg(dir.display().to_string());
    }
    let reconstructed = target.reconstructed_headers();
    if let Some(dir) = &reconstructed {
        // Only our header, never the host's: no standard folders, not even clang's own.
        builder = builder
            .clang_arg("-nostdinc")
            .clang_arg("-isystem")
            .clang_arg(dir.display().to_string())
            .detect_include_paths(false);
    }
    if target.is_apple() {
        // libinfo's h_errno is a plain global, not a macro over an accessor function.
        builder = builder.allowlist_var("^h_errno$");
    }
    if target.is_windows() {
        builder = builder
            .allowlist_type(anchored(WINDOWS_TYPES))
            .allowlist_var(anchored(WINDOWS_VARIABLES))
            .allowlist_function(anchored(WINDOWS_FUNCTIONS));
    } else {
        // glibc hides gethostbyname2_r, getaddrinfo_a and the AI_IDN flags without it.
        builder = builder.clang_arg("-D_GNU_SOURCE");
        for name in UNIX_TYPES_FROM_LIBC {
            builder = builder.blocklist_type(name);
        }
        builder = builder.blocklist_type(UNIX_TYPES_BEHIND_LIBC);
        builder =
            builder.raw_line(format!("pub use libc::{{{}}};", UNIX_TYPES_FROM_LIBC.join(", ")));
    }

    let bindings =
        builder.generate().map_err(|e| format!("bindgen failed for {}: {e}", target.triple))?;
    let mut header = format!(
        "// Generated by bindgen for {} from {}; do not edit.\n\
         // Regenerate with `NETDB_SYS_REGENERATE=1 cargo build -p netdb-sys --features bindgen --target {}`.\n",
        target.triple,
        if target.is_windows() { "<winsock2.h> and <ws2tcpip.h>" } else { "<netdb.h>" },
        target.triple,
    );
    if let Some(dir) = &reconstructed {
        let platform = dir.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
        header.push_str(&format!(
            "// The <netdb.h> read was netdb-sys's reconstruction, headers/{platform}/netdb.h, not\n\
             // the platform's own: its SDK is not available to CI. src/lib.rs checks these\n\
             // structs and constants against the `libc` crate's declarations at compile time.\n"
        ));
    }
    Ok(header + &bindings.to_string())
}
