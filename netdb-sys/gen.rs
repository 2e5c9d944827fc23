// The one bindgen configuration of netdb-sys, and the making of the shipped files.
//
// `build.rs` includes this file both to generate the bindings at build time (feature
// `bindgen`: for the target being built, from its own headers) and to refresh the
// shipped files under `src/bindings/` (`NETDB_SYS_REGENERATE=1`), so the two can never
// drift apart.
//
// A shipped file serves a whole C library family (`family.rs`). It is made by running
// bindgen once per representative of the family and merging the results item by item:
// an item every representative generates alike is written once; one that differs is
// written once per variant, under the `#[cfg]` of the representatives that generate it.
// The freshness check goes the other way: it reads the shipped file as the target being
// built sees it (its `#[cfg]`s resolved) and compares that with a generation for the
// target, item by item. So every target whose headers are at hand checks the file,
// representative or not (CI checks glibc's with the aarch64, armhf and s390x headers too).

use std::path::PathBuf;

use syn::visit_mut::VisitMut;

use super::family::Family;
use super::Target;

impl Target {
    fn is_windows(&self) -> bool {
        self.os == "windows"
    }

    /// netdb-sys's own reconstruction of the target's `<netdb.h>` (`headers/<platform>/`),
    /// for the families whose headers CI cannot have: there is no macOS SDK, no FreeBSD,
    /// NetBSD or illumos sysroot and no Android NDK to install on Linux.
    /// `NETDB_SYS_SYSROOT_INCLUDE` selects the real headers instead. `src/lib.rs` checks
    /// what these produce against the `libc` crate.
    fn reconstructed_headers(&self) -> Option<PathBuf> {
        if std::env::var_os("NETDB_SYS_SYSROOT_INCLUDE").is_some() {
            return None;
        }
        let platform = self.family?.reconstructed?;
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
            "aarch64-apple-ios" => "arm64-apple-ios14.0".to_owned(),
            "x86_64-unknown-illumos" => "x86_64-pc-solaris2.11".to_owned(),
            other => other.replacen("riscv64gc-", "riscv64-", 1),
        }
    }

    /// Debian's name for a Linux target's GNU triple (`aarch64-linux-gnu`,
    /// `arm-linux-gnueabihf`), the folder its cross headers live in.
    fn debian_triple(&self) -> String {
        let arch = match self.arch.as_str() {
            "x86" => "i686",
            "arm" => "arm",
            "riscv64" => "riscv64",
            other => other,
        };
        let abi = self.triple.rsplit('-').next().unwrap_or_default();
        format!("{arch}-linux-{abi}")
    }

    /// Extra include directories for targets whose headers are not the host's own.
    ///
    /// Debian's `musl-tools`, `gcc-mingw-w64` and `libc6-dev-<arch>-cross` put the
    /// target headers in these folders; `NETDB_SYS_SYSROOT_INCLUDE` overrides them for
    /// other layouts.
    fn system_includes(&self) -> Vec<PathBuf> {
        if let Ok(dir) = std::env::var("NETDB_SYS_SYSROOT_INCLUDE") {
            return std::env::split_paths(&dir).collect();
        }
        let arch = self.triple.split('-').next().unwrap_or_default();
        match (self.os.as_str(), self.env.as_str()) {
            ("linux", "musl") => vec![PathBuf::from(format!("/usr/include/{arch}-linux-musl"))],
            ("linux", "gnu") => {
                // A cross target's headers; the host's own are clang's default.
                let cross = PathBuf::from(format!("/usr/{}/include", self.debian_triple()));
                if cross.is_dir() {
                    vec![cross]
                } else {
                    Vec::new()
                }
            }
            ("windows", "gnu") => {
                vec![PathBuf::from(format!("/usr/{}/include", self.clang_triple()))]
            }
            _ => Vec::new(),
        }
    }

    /// The target whose headers make the variant of `family`'s file selected by `cfg`.
    fn representative(&self, triple: &str) -> Result<Target, String> {
        let (arch, pointer_width) = match triple.split('-').next().unwrap_or_default() {
            "x86_64" => ("x86_64", "64"),
            "aarch64" => ("aarch64", "64"),
            "i686" => ("x86", "32"),
            other => return Err(format!("gen.rs knows no architecture {other} ({triple})")),
        };
        let mut target = self.clone();
        target.triple = triple.to_owned();
        target.arch = arch.to_owned();
        target.pointer_width = pointer_width.to_owned();
        Ok(target)
    }

    /// The value of the `cfg` key `key` for this target (`target_pointer_width`, ...).
    fn cfg_value(&self, key: &str) -> Option<&str> {
        match key {
            "target_pointer_width" => Some(&self.pointer_width),
            "target_arch" => Some(&self.arch),
            "target_os" => Some(&self.os),
            "target_env" => Some(&self.env),
            _ => None,
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
    // illumos: the thread-safe IPv6 host lookup by name that stands in for the
    // gethostbyname2_r it lacks, and what frees its result
    "getipnodebyname",
    "freehostent",
    // h_errno, however the C library spells its accessor (glibc and musl, FreeBSD,
    // bionic); where it is a plain global, VARIABLES has it
    "__h_errno_location",
    "__h_errno",
    "__get_h_errno",
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
    // the global h_errno of libinfo, NetBSD and illumos (a macro elsewhere, which
    // bindgen leaves out)
    "h_errno",
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

/// Runs bindgen for `target` alone and returns the Rust source of its bindings, without
/// a header comment. The source is what `merge` and `view` read and write: parsed and
/// printed again, `extern` blocks grouped by ABI.
pub fn generate(target: &Target) -> Result<String, String> {
    let file = file_of(run_bindgen(target)?);
    Ok(prettyplease::unparse(&file))
}

fn run_bindgen(target: &Target) -> Result<Vec<syn::Item>, String> {
    let mut builder = bindgen::Builder::default();
    if target.is_windows() {
        // winerror.h spells its codes `__MSABI_LONG(997)`, a function-like macro that
        // bindgen's own evaluator cannot expand, so the Winsock codes defined through them
        // (`WSA_IO_PENDING`, `WSA_INVALID_HANDLE`, `WSA_NOT_ENOUGH_MEMORY`, `EAI_MEMORY`)
        // need clang's evaluation. That fallback reads the wrapper from a real file, and
        // writes its scratch files beside it, in OUT_DIR.
        let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?)
            .join(format!("bindgen-{}", target.triple));
        std::fs::create_dir_all(&out_dir)
            .map_err(|e| format!("creating {}: {e}", out_dir.display()))?;
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
        // bindgen's layout tests hard-code one target's sizes; a file that serves a
        // whole family cannot have them. netdb-systest compares every layout with the
        // C compiler's on each target CI can compile C for, and src/lib.rs with the
        // `libc` crate's on every target at compile time.
        .layout_tests(false)
        .generate_comments(true)
        .merge_extern_blocks(true)
        .sort_semantically(true)
        .formatter(bindgen::Formatter::None);

    for dir in target.system_includes() {
        builder = builder.clang_arg("-isystem").clang_arg(dir.display().to_string());
    }
    if let Some(dir) = target.reconstructed_headers() {
        // Only our header, never the host's: no standard folders, not even clang's own.
        builder = builder
            .clang_arg("-nostdinc")
            .clang_arg("-isystem")
            .clang_arg(dir.display().to_string())
            .detect_include_paths(false);
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
    let mut file = syn::parse_file(&bindings.to_string())
        .map_err(|e| format!("reading bindgen's output for {}: {e}", target.triple))?;
    if target.is_windows() {
        SystemAbi { arch: &target.arch }.visit_file_mut(&mut file);
    }
    Ok(group_extern_blocks(units(file.items)))
}

/// Writes Windows' calling convention as Rust's `"system"`, which is what it is on
/// every Windows architecture: `stdcall` on 32-bit x86 (what bindgen writes for WINAPI
/// there) and the C convention elsewhere (what it writes on x86_64 and aarch64). So the
/// declarations of both read alike, and the aarch64 targets, which use the x86_64
/// generation, get the right convention too. A function that is `cdecl` on 32-bit x86
/// stays `"C"` there and differs, as it should.
struct SystemAbi<'a> {
    arch: &'a str,
}

impl VisitMut for SystemAbi<'_> {
    fn visit_abi_mut(&mut self, abi: &mut syn::Abi) {
        let native = if self.arch == "x86" { "stdcall" } else { "C" };
        if abi.name.as_ref().is_some_and(|name| name.value() == native) {
            abi.name = syn::parse_str("\"system\"").ok();
        }
    }
}

/// A file of `items`, for prettyplease to print.
fn file_of(items: Vec<syn::Item>) -> syn::File {
    syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items }
}

/// One item of a bindings file: a top-level item, or one declaration of an `extern`
/// block with its ABI.
#[derive(Clone)]
enum Unit {
    Item(syn::Item),
    Foreign(syn::Abi, syn::ForeignItem),
}

/// The units of a file's items: `extern` blocks taken apart.
fn units(items: Vec<syn::Item>) -> Vec<Unit> {
    let mut units = Vec::new();
    for item in items {
        match item {
            syn::Item::ForeignMod(block) => {
                units.extend(block.items.into_iter().map(|f| Unit::Foreign(block.abi.clone(), f)))
            }
            item => units.push(Unit::Item(item)),
        }
    }
    units
}

/// Items again: the foreign declarations of each ABI in one `extern` block, placed where
/// its first declaration was.
fn group_extern_blocks(units: Vec<Unit>) -> Vec<syn::Item> {
    let mut items: Vec<syn::Item> = Vec::new();
    for unit in units {
        match unit {
            Unit::Item(item) => items.push(item),
            Unit::Foreign(abi, declaration) => {
                let block = items.iter_mut().find_map(|item| match item {
                    syn::Item::ForeignMod(block) if block.abi == abi => Some(block),
                    _ => None,
                });
                match block {
                    Some(block) => block.items.push(declaration),
                    None => items.push(syn::Item::ForeignMod(syn::ItemForeignMod {
                        attrs: Vec::new(),
                        unsafety: None,
                        abi,
                        brace_token: Default::default(),
                        items: vec![declaration],
                    })),
                }
            }
        }
    }
    items
}

impl Unit {
    /// What names the unit across representatives: its kind and name.
    fn key(&self) -> String {
        match self {
            Unit::Foreign(_, syn::ForeignItem::Fn(f)) => format!("fn {}", f.sig.ident),
            Unit::Foreign(_, syn::ForeignItem::Static(s)) => format!("static {}", s.ident),
            Unit::Item(syn::Item::Struct(s)) => format!("struct {}", s.ident),
            Unit::Item(syn::Item::Union(u)) => format!("union {}", u.ident),
            Unit::Item(syn::Item::Type(t)) => format!("type {}", t.ident),
            Unit::Item(syn::Item::Const(c)) => format!("const {}", c.ident),
            Unit::Item(syn::Item::Enum(e)) => format!("enum {}", e.ident),
            Unit::Item(syn::Item::Static(s)) => format!("static {}", s.ident),
            // Anything else (the `use` of libc's types) is named by what it says.
            other => other.text(),
        }
    }

    /// The unit as the file prints it.
    fn text(&self) -> String {
        let items = match self {
            Unit::Item(item) => vec![item.clone()],
            Unit::Foreign(..) => group_extern_blocks(vec![self.clone()]),
        };
        prettyplease::unparse(&file_of(items))
    }

    fn attrs_mut(&mut self) -> Option<&mut Vec<syn::Attribute>> {
        Some(match self {
            Unit::Foreign(_, syn::ForeignItem::Fn(f)) => &mut f.attrs,
            Unit::Foreign(_, syn::ForeignItem::Static(s)) => &mut s.attrs,
            Unit::Item(syn::Item::Struct(s)) => &mut s.attrs,
            Unit::Item(syn::Item::Union(u)) => &mut u.attrs,
            Unit::Item(syn::Item::Type(t)) => &mut t.attrs,
            Unit::Item(syn::Item::Const(c)) => &mut c.attrs,
            Unit::Item(syn::Item::Enum(e)) => &mut e.attrs,
            Unit::Item(syn::Item::Static(s)) => &mut s.attrs,
            Unit::Item(syn::Item::Impl(i)) => &mut i.attrs,
            Unit::Item(syn::Item::Use(u)) => &mut u.attrs,
            _ => return None,
        })
    }
}

/// The shipped file of `family`: a generation for each representative, merged.
pub fn generate_family(family: &Family, target: &Target) -> Result<String, String> {
    let mut generations = Vec::new();
    for (_, triple) in family.representatives {
        let representative = target.representative(triple)?;
        generations.push(units(run_bindgen(&representative)?));
    }
    let items = group_extern_blocks(merge(family, generations)?);
    let triples: Vec<String> =
        family.representatives.iter().map(|(_, triple)| format!("`{triple}`")).collect();
    let mut header = format!(
        "// Generated by bindgen (netdb-sys/gen.rs) from {}; do not edit.\n\
         // Serves every target of the family (netdb-sys/family.rs `{}`), made from the\n\
         // headers of {}.\n",
        family.headers,
        family.file,
        triples.join(" and "),
    );
    if family.representatives.len() > 1 {
        header.push_str(
            "// An item the headers declare differently for some of them is written once per\n\
             // variant, under the `#[cfg]` of the targets it is for.\n",
        );
    }
    header.push_str(&format!(
        "// Regenerate with `NETDB_SYS_REGENERATE=1 cargo build -p netdb-sys --features bindgen\n\
         // --target {}`.\n",
        family.representatives[0].1
    ));
    if let Some(platform) = family.reconstructed {
        header.push_str(&format!(
            "// The <netdb.h> read was netdb-sys's reconstruction, headers/{platform}/netdb.h, not\n\
             // the platform's own: its SDK is not available to CI. src/lib.rs checks these\n\
             // structs, constants and functions against the `libc` crate's declarations at\n\
             // compile time.\n"
        ));
    }
    Ok(header + &prettyplease::unparse(&file_of(items)))
}

/// Merges the units each representative generated, in their order: a unit all of them
/// generate alike once, each variant of one that differs (or that only some generate)
/// under the `#[cfg]` of the representatives it is theirs.
fn merge(family: &Family, generations: Vec<Vec<Unit>>) -> Result<Vec<Unit>, String> {
    struct Merged {
        key: String,
        /// Each distinct variant, with the representatives that generate it.
        variants: Vec<(Vec<usize>, String, Unit)>,
    }
    let mut merged: Vec<Merged> = Vec::new();
    for (representative, units) in generations.into_iter().enumerate() {
        let mut next = 0;
        for unit in units {
            let key = unit.key();
            let text = unit.text();
            match merged.iter().position(|m| m.key == key) {
                Some(at) => {
                    let variants = &mut merged[at].variants;
                    match variants.iter_mut().find(|(_, known, _)| *known == text) {
                        Some((whose, _, _)) => whose.push(representative),
                        None => variants.push((vec![representative], text, unit)),
                    }
                    next = at + 1;
                }
                None => {
                    merged.insert(
                        next,
                        Merged { key, variants: vec![(vec![representative], text, unit)] },
                    );
                    next += 1;
                }
            }
        }
    }
    let everyone = family.representatives.len();
    let mut units = Vec::new();
    for Merged { variants, .. } in merged {
        for (whose, _, mut unit) in variants {
            if whose.len() < everyone {
                let predicates: Vec<&str> =
                    whose.iter().map(|&r| family.representatives[r].0).collect();
                let predicate = match predicates.as_slice() {
                    [one] => one.to_string(),
                    many => format!("any({})", many.join(", ")),
                };
                let cfg = syn::parse::Parser::parse_str(
                    syn::Attribute::parse_outer,
                    &format!("#[cfg({predicate})]"),
                )
                .map_err(|e| format!("family {}: cfg({predicate}): {e}", family.file))?;
                let text = unit.text();
                let attrs =
                    unit.attrs_mut().ok_or_else(|| format!("cannot put a #[cfg] on {text}"))?;
                attrs.splice(0..0, cfg);
            }
            units.push(unit);
        }
    }
    Ok(units)
}

/// The units of a bindings file as `target` sees it, each as printed, sorted by name:
/// the units whose `#[cfg]` holds for the target, without that `#[cfg]`. Comparing this
/// for the shipped file and for a fresh generation says whether the file is stale.
pub fn view(code: &str, target: &Target) -> Result<Vec<(String, String)>, String> {
    let file = syn::parse_file(code).map_err(|e| format!("reading bindings: {e}"))?;
    let mut seen = Vec::new();
    for mut unit in units(file.items) {
        if let Some(attrs) = unit.attrs_mut() {
            if let Some(at) = attrs.iter().position(|a| a.path().is_ident("cfg")) {
                let predicate: syn::Meta = attrs[at].parse_args().map_err(|e| e.to_string())?;
                if !holds(&predicate, target)? {
                    continue;
                }
                attrs.remove(at);
            }
        }
        seen.push((unit.key(), unit.text()));
    }
    seen.sort();
    Ok(seen)
}

/// Whether a `cfg` predicate holds for `target`: `key = "value"`, `any`, `all`, `not`.
fn holds(predicate: &syn::Meta, target: &Target) -> Result<bool, String> {
    match predicate {
        syn::Meta::NameValue(pair) => {
            let key = pair.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
            let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(value), .. }) = &pair.value else {
                return Err(format!("cfg {key}: not a string"));
            };
            let actual = target.cfg_value(&key).ok_or(format!("cfg key {key} is not known"))?;
            Ok(actual == value.value())
        }
        syn::Meta::List(list) => {
            let nested = list
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
                )
                .map_err(|e| e.to_string())?;
            let results: Vec<bool> =
                nested.iter().map(|p| holds(p, target)).collect::<Result<_, _>>()?;
            match list.path.get_ident().map(|i| i.to_string()).as_deref() {
                Some("any") => Ok(results.contains(&true)),
                Some("all") => Ok(!results.contains(&false)),
                Some("not") if results.len() == 1 => Ok(!results[0]),
                _ => Err("cfg: only any, all and not are known".to_owned()),
            }
        }
        syn::Meta::Path(_) => Err("cfg: a bare name is not known".to_owned()),
    }
}
