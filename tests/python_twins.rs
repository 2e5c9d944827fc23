//! The examples that twin `../shared/python/socket_*.py` print what Python prints on
//! this machine, byte for byte, and fail where Python fails.

mod common;

use std::process::Output;

/// Runs the example and its Python script and compares them; `python_to_rust` turns
/// Python's output into what the example prints where the two may differ by design.
fn assert_twins(name: &str, python_to_rust: impl Fn(String) -> String) {
    let rust = common::run_example(name, &[]);
    let Some(python) = common::run_python_script(name) else {
        return;
    };
    assert_same_outcome(name, &rust, &python, python_to_rust);
}

fn assert_same_outcome(
    name: &str,
    rust: &Output,
    python: &Output,
    python_to_rust: impl Fn(String) -> String,
) {
    let expected = python_to_rust(String::from_utf8_lossy(&python.stdout).into_owned());
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

#[test]
fn socket_getservbyname_prints_what_python_prints() {
    assert_twins("socket_getservbyname", |python| python);
}

#[test]
fn socket_getservbyport_prints_what_python_prints() {
    assert_twins("socket_getservbyport", |python| python);
}

#[test]
fn socket_getprotobyname_prints_what_python_prints() {
    // The one difference allowed: the module that holds the IPPROTO_* constants.
    assert_twins("socket_getprotobyname", |python| {
        python.replace("(socket.IPPROTO_", "(netdb::IPPROTO_")
    });
}

#[test]
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
                if let Some(python) = common::run_python_script(name) {
                    assert_same_outcome(name, &rust, &python, |python| python);
                }
            }
        },
    );
}
