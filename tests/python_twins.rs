//! The examples that twin the Python programs `tests/python/socket_*.py` print what
//! Python prints on this machine, byte for byte, and fail where Python fails. Where
//! `python3` cannot run, each comparison is reported as ignored.

mod common;

common::test_main!(
    socket_getservbyname_prints_what_python_prints,
    socket_getservbyport_prints_what_python_prints,
    socket_getprotobyname_prints_what_python_prints,
    the_services_twins_fail_where_python_fails,
    socket_gethostbyname_prints_what_python_prints,
    socket_gethostbyname_ex_prints_what_python_prints,
    socket_gethostbyaddr_prints_what_python_prints,
    socket_getfqdn_prints_what_python_prints,
    socket_getaddrinfo_prints_what_python_prints,
    socket_getnameinfo_prints_what_python_prints,
    the_host_twins_print_what_python_prints_with_many_names,
    the_addrinfo_twins_fail_where_python_fails,
);

use std::process::Output;

/// Runs the example and its Python program and compares them; `python_to_rust` turns
/// Python's output into what the example prints where the two may differ by design.
fn assert_twins(name: &str, python_to_rust: impl Fn(String) -> String) {
    let python = common::run_python(name);
    let rust = common::run_example(name, &[]);
    assert_same_outcome(name, &rust, &python, python_to_rust);
}

fn assert_same_outcome(
    name: &str,
    rust: &Output,
    python: &Output,
    python_to_rust: impl Fn(String) -> String,
) {
    let python_stdout = String::from_utf8_lossy(&python.stdout).into_owned();
    let expected = python_to_rust(in_this_c_librarys_words(python_stdout));
    assert_eq!(
        String::from_utf8_lossy(&rust.stdout),
        expected,
        "stdout of {name} and of {name}.py differ"
    );
    assert_eq!(
        rust.status.success(),
        python.status.success(),
        "{name} exited with {} but Python with {}; stderr of the example:\n{}",
        rust.status,
        python.status,
        String::from_utf8_lossy(&rust.stderr)
    );
    if !python.status.success() {
        assert_eq!(rust.status.code(), python.status.code(), "{name}: exit codes");
        assert!(!rust.stderr.is_empty(), "{name} failed without saying why on stderr");
    }
}

/// Python's output with glibc's texts for `gai_strerror` and `hstrerror` codes (what
/// Python prints in its errors, `[Errno -2] Name or service not known`) replaced by the
/// texts of the C library the twins are built for, where that is musl. Python here runs
/// on glibc; a twin built for musl prints musl's words for the same codes.
#[cfg(target_env = "musl")]
fn in_this_c_librarys_words(python: String) -> String {
    use netdb::ffi;
    let gai = [
        (ffi::EAI_NONAME, "Name or service not known"),
        (ffi::EAI_AGAIN, "Temporary failure in name resolution"),
        (ffi::EAI_FAIL, "Non-recoverable failure in name resolution"),
        (ffi::EAI_NODATA, "No address associated with hostname"),
        (ffi::EAI_FAMILY, "ai_family not supported"),
        (ffi::EAI_SERVICE, "Servname not supported for ai_socktype"),
    ];
    let h_errno = [
        (ffi::HOST_NOT_FOUND, "Unknown host"),
        (ffi::TRY_AGAIN, "Host name lookup failure"),
        (ffi::NO_RECOVERY, "Unknown server error"),
        (ffi::NO_DATA, "No address associated with name"),
    ];
    let mut text = python;
    for (code, glibc) in gai {
        let ours = netdb::addrinfo_error_message(code);
        text = text.replace(&format!("[Errno {code}] {glibc}"), &format!("[Errno {code}] {ours}"));
    }
    for (code, glibc) in h_errno {
        let ours = netdb::HostError::from_raw(code).expect("an h_errno value").message();
        text = text.replace(&format!("[Errno {code}] {glibc}"), &format!("[Errno {code}] {ours}"));
    }
    text
}

/// Python's output as it is: the twins are built for glibc, as Python here is. (Not
/// every C library has each code musl's table names: FreeBSD has no `EAI_NODATA`.)
#[cfg(not(target_env = "musl"))]
fn in_this_c_librarys_words(python: String) -> String {
    python
}

fn socket_getservbyname_prints_what_python_prints() {
    assert_twins("socket_getservbyname", |python| python);
}

fn socket_getservbyport_prints_what_python_prints() {
    assert_twins("socket_getservbyport", |python| python);
}

fn socket_getprotobyname_prints_what_python_prints() {
    // The one difference allowed: the module that holds the IPPROTO_* constants.
    assert_twins("socket_getprotobyname", |python| {
        python.replace("(socket.IPPROTO_", "(netdb::IPPROTO_")
    });
}

fn the_services_twins_fail_where_python_fails() {
    // A services file without gopher (the fourth scheme) and without port 70 (the
    // fourth port): Python prints three lines, then raises OSError.
    let services = b"http 80/tcp www\nhttps 443/tcp\nftp 21/tcp\nsmtp 25/tcp\n";
    common::with_private_etc(
        "the_services_twins_fail_where_python_fails",
        &[("services", Some(services))],
        || {
            for name in ["socket_getservbyname", "socket_getservbyport"] {
                let rust = common::run_example(name, &[]);
                assert!(!rust.status.success(), "{name} succeeded without gopher");
                assert_eq!(String::from_utf8_lossy(&rust.stdout).lines().count(), 3, "{name}");
                let python = common::run_python(name);
                assert_same_outcome(name, &rust, &python, |python| python);
            }
        },
    );
}

/// The twins of the hosts and address scripts, which use the hosts database.
const HOST_TWINS: [&str; 6] = [
    "socket_gethostbyname",
    "socket_gethostbyname_ex",
    "socket_gethostbyaddr",
    "socket_getfqdn",
    "socket_getaddrinfo",
    "socket_getnameinfo",
];

fn socket_gethostbyname_prints_what_python_prints() {
    assert_twins("socket_gethostbyname", |python| python);
}

fn socket_gethostbyname_ex_prints_what_python_prints() {
    assert_twins("socket_gethostbyname_ex", |python| python);
}

fn socket_gethostbyaddr_prints_what_python_prints() {
    assert_twins("socket_gethostbyaddr", |python| python);
}

fn socket_getfqdn_prints_what_python_prints() {
    assert_twins("socket_getfqdn", |python| python);
}

fn socket_getaddrinfo_prints_what_python_prints() {
    assert_twins("socket_getaddrinfo", |python| python);
}

fn socket_getnameinfo_prints_what_python_prints() {
    assert_twins("socket_getnameinfo", |python| python);
}

fn the_host_twins_print_what_python_prints_with_many_names() {
    // The scripts ask for localhost, this machine's name, 127.0.0.1 and ::1 only, so
    // those get aliases (one with a quote, which Python's repr writes in double
    // quotes), several addresses of both families, and dotted names for getfqdn to
    // find; http gets a UDP entry, for more getaddrinfo results.
    let hostname = netdb::hostname().expect("this machine has a name");
    let hosts = format!(
        "# the hosts of the_host_twins_print_what_python_prints_with_many_names\n\
         127.0.0.1\tlocalhost loopback it's-me localhost.localdomain\n\
         127.0.0.2\tlocalhost\n\
         ::1\tip6-localhost ip6-loopback localhost\n\
         10.0.0.5\t{hostname} {hostname}-alias {hostname}.twins.example\n\
         10.0.0.6\t{hostname}\n\
         fd00::5\t{hostname} {hostname}.twins.example\n"
    );
    let services = b"http 80/tcp www\nhttp 80/udp\nhttps 443/tcp\nhttps 443/udp\nssh 22/tcp\n";
    common::with_private_etc(
        "the_host_twins_print_what_python_prints_with_many_names",
        &[("hosts", Some(hosts.as_bytes())), ("services", Some(services))],
        || {
            if cfg!(target_env = "musl") {
                // musl's host entries have no aliases but the name asked for, so the
                // twins that print aliases, or pick a dotted alias, print musl's answer,
                // which glibc's Python cannot; the others still print what it prints.
                for name in ["socket_gethostbyname", "socket_getaddrinfo", "socket_getnameinfo"] {
                    assert_twins(name, |python| python);
                }
                let musl_answers = [
                    (
                        "socket_gethostbyname_ex",
                        format!(
                            "localhost\n  Hostname: localhost\n   Aliases: []\n \
                             Addresses: ['127.0.0.1', '127.0.0.2']\n\n\
                             {hostname}\n  Hostname: {hostname}\n   Aliases: []\n \
                             Addresses: ['10.0.0.5', '10.0.0.6']\n\n\
                             nosuchname.invalid\nERROR: [Errno -2] {}\n\n",
                            in_this_c_librarys_words("[Errno -2] Name or service not known".into())
                                .trim_start_matches("[Errno -2] ")
                        ),
                    ),
                    (
                        "socket_gethostbyaddr",
                        "Hostname : localhost\nAliases  : []\nAddresses: ['127.0.0.1']\n\n\
                         Hostname : ip6-localhost\nAliases  : []\nAddresses: ['::1']\n\n"
                            .to_owned(),
                    ),
                    (
                        "socket_getfqdn",
                        format!(
                            " localhost : ip6-localhost\n{hostname:>10} : {hostname}\n \
                             127.0.0.1 : localhost\n"
                        ),
                    ),
                ];
                for (name, expected) in musl_answers {
                    let rust = common::run_example(name, &[]);
                    assert_eq!(String::from_utf8_lossy(&rust.stdout), expected, "{name}");
                    assert!(rust.status.success(), "{name}: {}", rust.status);
                }
            } else {
                for name in HOST_TWINS {
                    assert_twins(name, |python| python);
                }
            }
            // The private files were read: the paths that print aliases, IPv6
            // addresses and dotted names ran.
            let mut expected = vec![
                ("socket_gethostbyname_ex", "'127.0.0.2'"),
                ("socket_getaddrinfo", "Socket address: ('::1', 80, 0, 0)"),
                ("socket_getaddrinfo", "Protocol      : IPPROTO_UDP"),
                ("socket_getnameinfo", "-> ('ip6-localhost', 'ssh')"),
            ];
            if !cfg!(target_env = "musl") {
                expected.extend([
                    ("socket_gethostbyaddr", "Aliases  : ['ip6-loopback', 'localhost']"),
                    ("socket_gethostbyaddr", "\"it's-me\""),
                    ("socket_getfqdn", ".twins.example"),
                ]);
            }
            for (name, text) in expected {
                let rust = common::run_example(name, &[]);
                let stdout = String::from_utf8_lossy(&rust.stdout);
                assert!(stdout.contains(text), "{name} does not print {text:?}:\n{stdout}");
            }
        },
    );
}

fn the_addrinfo_twins_fail_where_python_fails() {
    // Without http in the services database, getaddrinfo('localhost', 'http') fails
    // with EAI_SERVICE, which the script does not catch, and getnameinfo gives port 80
    // as digits.
    common::with_private_etc(
        "the_addrinfo_twins_fail_where_python_fails",
        &[("services", Some(b"ssh 22/tcp\n"))],
        || {
            let rust = common::run_example("socket_getaddrinfo", &[]);
            assert!(!rust.status.success(), "socket_getaddrinfo succeeded without http");
            assert!(rust.stdout.is_empty(), "socket_getaddrinfo printed before failing");
            for name in ["socket_getaddrinfo", "socket_getnameinfo"] {
                assert_twins(name, |python| python);
            }
            let rust = common::run_example("socket_getnameinfo", &[]);
            let stdout = String::from_utf8_lossy(&rust.stdout);
            assert!(stdout.contains("('127.0.0.1', 80) 0 -> ("), "{stdout}");
            assert!(stdout.contains(", '80')\n"), "{stdout}");
        },
    );
}
