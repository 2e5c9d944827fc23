//! The tests' own safeguard, `common::child`: a program a test runs that outlives its
//! limit is killed and fails the test, with what it printed; one that ends in time is
//! returned whole, as `Command::output` would.

mod common;

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use common::child::OutputWithin;

/// Set in the copy of this test binary that the tests run as their child: it then
/// prints, and sleeps this many milliseconds, instead of running the tests.
const SLEEP: &str = "NETDB_TEST_CHILD_SLEEP_MS";

fn main() -> std::process::ExitCode {
    if let Some(milliseconds) = std::env::var(SLEEP).ok().and_then(|text| text.parse().ok()) {
        println!("child started");
        eprintln!("child says hello");
        std::thread::sleep(Duration::from_millis(milliseconds));
        println!("child woke");
        return std::process::ExitCode::SUCCESS;
    }
    common::harness::run(
        file!(),
        include_str!("child_limit.rs"),
        &[
            (
                "a_child_that_outlives_its_limit_is_killed_and_reported",
                a_child_that_outlives_its_limit_is_killed_and_reported,
            ),
            (
                "a_child_that_ends_in_time_is_returned_whole",
                a_child_that_ends_in_time_is_returned_whole,
            ),
            (
                "a_program_that_cannot_start_is_an_error_at_once",
                a_program_that_cannot_start_is_an_error_at_once,
            ),
        ],
    )
}

/// This test binary, run again as the child, sleeping `milliseconds`.
fn sleeping_child(milliseconds: u64) -> std::process::Command {
    let binary = std::env::current_exe().expect("the test binary knows its path");
    let mut command = common::target_command(&binary);
    command.env(SLEEP, milliseconds.to_string());
    command
}

fn a_child_that_outlives_its_limit_is_killed_and_reported() {
    let started = Instant::now();
    // What `output_within` does before it fails the test (or, under an emulator, runs
    // the program once more).
    let ran = common::child::run_once(&mut sleeping_child(600_000), Duration::from_secs(5));
    // Five seconds for the limit, two for the readers, and room for a slow emulator.
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    let Err(common::child::Overran(message)) = ran else {
        panic!("a child sleeping ten minutes ended within five seconds: {ran:?}")
    };
    assert!(message.contains("had not ended after 5 s"), "{message}");
    assert!(message.contains("child started"), "stdout is missing from: {message}");
    assert!(message.contains("child says hello"), "stderr is missing from: {message}");
    assert!(!message.contains("child woke"), "{message}");
    if cfg!(target_os = "linux") {
        // What the kernel said of it before it was killed: asleep, in this binary.
        assert!(message.contains("state S (sleeping)"), "{message}");
        assert!(message.contains("child_limit"), "{message}");
    }
}

fn a_child_that_ends_in_time_is_returned_whole() {
    let output = sleeping_child(10).output_within_limit().expect("the child ran");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("child started") && stdout.contains("child woke"), "{stdout}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("child says hello"));
}

fn a_program_that_cannot_start_is_an_error_at_once() {
    // By a path in a folder of the build's own, not by a name looked up in `PATH`: where
    // `PATH` holds a folder the user may not search (root's `PATH` kept by `sudo -u` or
    // `setpriv`), a name not found is `PermissionDenied`, not `NotFound`.
    let missing = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("netdb-no-such-program");
    assert!(!missing.exists(), "{} exists", missing.display());
    let started = Instant::now();
    let result = std::process::Command::new(&missing).output_within_limit();
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());
    match result {
        Err(error) => assert_eq!(error.kind(), ErrorKind::NotFound, "{error}"),
        // qemu-user and valgrind run posix_spawn's vfork as a fork, so the failed exec
        // cannot reach the parent's memory, where posix_spawn looks for it: the child
        // exits with 127 instead, as a shell does for a command it cannot find.
        Ok(output) => assert_eq!(output.status.code(), Some(127), "{output:?}"),
    }
}
