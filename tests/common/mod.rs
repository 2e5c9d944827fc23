//! Helpers shared by the integration tests: running the examples, running Python and
//! `getent` for comparison, and running a test against a private copy of `/etc`.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

/// The path of the example `name`, built fresh for the target and profile of the
/// running test binary.
///
/// `cargo test` builds the examples only when it builds every target (`cargo test
/// --test hosts` does not), and a binary left by an earlier build may be stale. So
/// under cargo (which sets `CARGO` for the tests it runs) the test runs `cargo build
/// --example NAME` itself, for the same profile and target, and takes the path from
/// cargo's JSON messages; cargo releases its build lock before it runs tests, and the
/// build is a no-op when the example is fresh. Run by hand (or under valgrind or Wine)
/// the test takes the example beside it: `<target>/<profile>/examples/NAME`.
pub fn example_path(name: &str) -> PathBuf {
    static BUILT: Mutex<Vec<(String, PathBuf)>> = Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, path)) = built.iter().find(|(built_name, _)| built_name == name) {
        return path.clone();
    }
    let path = build_example(name).unwrap_or_else(|| example_beside_test_binary(name));
    built.push((name.to_owned(), path.clone()));
    path
}

/// `<target>/[<triple>/]<profile>`, the folder of the running test binary's `deps/`.
fn profile_dir() -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary knows its path");
    test_binary
        .parent()
        .and_then(Path::parent)
        .expect("test binaries live in <target>/<profile>/deps")
        .to_owned()
}

fn example_beside_test_binary(name: &str) -> PathBuf {
    let path =
        profile_dir().join("examples").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "{} is not built; run the tests with `cargo test`", path.display());
    path
}

/// Builds the example with the cargo that runs the tests; `None` where there is none.
fn build_example(name: &str) -> Option<PathBuf> {
    let cargo = std::env::var_os("CARGO")?;
    let profile_dir = profile_dir();
    let mut command = Command::new(&cargo);
    command
        .args(["build", "--example", name, "--message-format=json-render-diagnostics"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") | None => {}
        Some(profile) => {
            command.args(["--profile", profile]);
        }
    }
    // A cross build puts its output in <target>/<triple>/<profile>.
    let triple = profile_dir.parent().and_then(Path::file_name).and_then(|n| n.to_str());
    if let Some(triple) = triple.filter(|t| t.matches('-').count() >= 2) {
        command.args(["--target", triple]);
    }
    let output = command.output().unwrap_or_else(|e| panic!("running {cargo:?}: {e}"));
    let messages = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "`cargo build --example {name}` failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let named = format!(r#""name":"{name}""#);
    let path = messages
        .lines()
        .filter(|line| line.contains(r#""reason":"compiler-artifact""#))
        .filter(|line| line.contains(r#""kind":["example"]"#) && line.contains(&named))
        .find_map(json_executable);
    Some(
        path.unwrap_or_else(|| {
            panic!("cargo built {name} but reported no executable:\n{messages}")
        }),
    )
}

/// The `"executable"` path of one of cargo's JSON messages, unescaped.
fn json_executable(line: &str) -> Option<PathBuf> {
    const KEY: &str = r#""executable":""#;
    let start = line.find(KEY)? + KEY.len();
    let mut value = String::new();
    let mut chars = line[start..].chars();
    loop {
        match chars.next()? {
            '"' => return Some(PathBuf::from(value)),
            '\\' => match chars.next()? {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    value.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                escaped => value.push(escaped), // \" \\ \/
            },
            c => value.push(c),
        }
    }
}

/// Runs an example with `args` and returns what it did.
pub fn run_example(name: &str, args: &[&str]) -> Output {
    target_command(&example_path(name))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("running example {name}: {e}"))
}

/// The target triple the tests are built for, as cargo gave it to the build script.
pub const TARGET: &str = env!("NETDB_TEST_TARGET");

/// The runner of the tests' target: the words of `CARGO_TARGET_<TRIPLE>_RUNNER` (such as
/// `qemu-s390x -L /usr/s390x-linux-gnu`), empty where it is not set. A program built for
/// a cross target runs only through it (here there is no binfmt_misc to do it).
///
/// Cargo reads the runner from this variable or from its configuration files; only the
/// variable reaches the tests, so a cross run that re-executes programs sets it there.
pub fn target_runner() -> Vec<String> {
    let variable =
        format!("CARGO_TARGET_{}_RUNNER", TARGET.to_uppercase().replace(['-', '.'], "_"));
    std::env::var(variable).unwrap_or_default().split_whitespace().map(str::to_owned).collect()
}

/// A command that runs `program`, built for the tests' target, through the target's
/// runner if there is one.
pub fn target_command(program: &Path) -> Command {
    let runner = target_runner();
    match runner.split_first() {
        Some((runner, runner_args)) => {
            let mut command = Command::new(runner);
            command.args(runner_args).arg(program);
            command
        }
        None => Command::new(program),
    }
}

/// The folder of the shared Python scripts, `../shared/python` beside the repository,
/// if it is there.
pub fn python_scripts_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/python");
    dir.is_dir().then_some(dir)
}

/// Runs `python3 <shared>/python/<script>.py`, or says why it cannot and returns `None`:
/// users run the tests from a clone alone, without Python or the shared folder.
pub fn run_python_script(script: &str) -> Option<Output> {
    let Some(dir) = python_scripts_dir() else {
        eprintln!("skipping the comparison with {script}.py: ../shared/python is not beside the repository");
        return None;
    };
    match Command::new("python3").arg(dir.join(format!("{script}.py"))).output() {
        Ok(output) => Some(output),
        Err(e) => {
            eprintln!("skipping the comparison with {script}.py: cannot run python3: {e}");
            None
        }
    }
}

/// Runs the system's `getent` with `args`, or returns `None` (saying so) where there is
/// none to compare with.
pub fn run_getent(args: &[&str]) -> Option<Output> {
    match Command::new("getent").args(args).output() {
        Ok(output) => Some(output),
        Err(e) => {
            eprintln!("skipping the comparison with getent: {e}");
            None
        }
    }
}

/// The environment variable that tells a re-executed test binary it already runs in
/// the private mount namespace, and which test it is there for.
const CHILD_MARKER: &str = "NETDB_TEST_PRIVATE_ETC";

/// Set to `1` (as CI does) to fail, not skip, where private namespaces are unavailable.
const REQUIRE: &str = "NETDB_REQUIRE_PRIVATE_ETC";

/// A command (words split on whitespace) to run the re-executed test binary under, such
/// as `valgrind --error-exitcode=99`. It runs the target's runner, if there is one (see
/// [`target_runner`]), which runs the test binary.
const CHILD_WRAPPER: &str = "NETDB_TEST_CHILD_WRAPPER";

/// Runs `body` with `/etc` replaced, for this process only, by a view of the real one in
/// which each `(name, Some(contents))` of `files` is written and each `(name, None)` is
/// removed. The machine's own `/etc` is never touched.
///
/// The test binary runs itself again, for just the test named `test_name`, under
/// `unshare -m` (a private mount namespace, which needs root) with an overlay mounted on
/// `/etc` whose upper layer holds the changes; `body` runs in that child and its failures
/// fail the test. Where that is
/// impossible (not Linux, not root) the test is skipped with a message, unless
/// `NETDB_REQUIRE_PRIVATE_ETC=1`. On Windows, whose databases are not under `/etc`, it is
/// always skipped.
pub fn with_private_etc(test_name: &str, files: &[(&str, Option<&[u8]>)], body: impl FnOnce()) {
    run_privately(test_name, files, false, body);
}

/// [`with_private_etc`], and a private network too: only a loopback interface (up), so
/// the test may bind any port on 127.0.0.1, port 53 included, and nothing it sends can
/// leave the machine.
pub fn with_private_etc_and_network(
    test_name: &str,
    files: &[(&str, Option<&[u8]>)],
    body: impl FnOnce(),
) {
    run_privately(test_name, files, true, body);
}

fn run_privately(
    test_name: &str,
    files: &[(&str, Option<&[u8]>)],
    private_network: bool,
    body: impl FnOnce(),
) {
    if std::env::var(CHILD_MARKER).as_deref() == Ok(test_name) {
        body();
        return;
    }
    if cfg!(windows) {
        // Not even NETDB_REQUIRE_PRIVATE_ETC=1 (which a Unix shell may pass on to a test
        // run under Wine) can make these apply.
        eprintln!("skipping {test_name}: it needs a private /etc, and Windows has none");
        return;
    }
    if let Err(why) = private_namespaces_work() {
        if std::env::var(REQUIRE).as_deref() == Ok("1") {
            panic!("{REQUIRE}=1 but private mount namespaces do not work here: {why}");
        }
        eprintln!("skipping {test_name}: it needs a private /etc, and {why}");
        return;
    }

    // The private /etc is an overlay on the real one: the files written here go in its
    // upper layer, the removed ones are deleted through it (leaving whiteouts there).
    let scratch =
        std::env::temp_dir().join(format!("netdb-test-{}-{test_name}", std::process::id()));
    let (upper, work) = (scratch.join("upper"), scratch.join("work"));
    let _ = std::fs::remove_dir_all(&scratch);
    for dir in [&upper, &work] {
        std::fs::create_dir_all(dir).expect("creating the scratch folders");
    }
    let mut removed = Vec::new();
    for (name, contents) in files {
        match contents {
            Some(contents) => {
                let path = upper.join(name);
                std::fs::write(&path, contents)
                    .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
            }
            None => removed.push(format!("/etc/{name}")),
        }
    }

    let test_binary = std::env::current_exe().expect("the test binary knows its path");
    // A wrapper (valgrind, in CI) runs the child too, so the code under test is checked
    // in the private /etc as well; the target's runner (qemu-user for a cross target)
    // runs the test binary, which the kernel may not run by itself.
    let wrapper = std::env::var(CHILD_WRAPPER).unwrap_or_default();
    let network = if private_network { "ip link set lo up && " } else { "" };
    let script = format!(
        r#"work=$1; shift; {network}mount -t overlay overlay -o "lowerdir=/etc,upperdir=$0,workdir=$work" /etc && rm -f -- {} && exec "$@""#,
        removed.join(" ")
    );
    let output = Command::new("unshare")
        .args(if private_network { &["-m", "-n"][..] } else { &["-m"][..] })
        .args(["sh", "-c", &script])
        .arg(&upper)
        .arg(&work)
        .args(wrapper.split_whitespace())
        .args(target_runner())
        .arg(&test_binary)
        .args([test_name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_MARKER, test_name)
        .output()
        .expect("running unshare");
    let _ = std::fs::remove_dir_all(&scratch);

    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{test_name} failed in its private /etc ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        output.status
    );
    assert!(
        stdout.contains("1 passed"),
        "{test_name} did not run in its private /etc:\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
}

/// Whether `unshare -m` and a bind mount work here; the reason if not.
fn private_namespaces_work() -> Result<(), String> {
    static PROBE: OnceLock<Result<(), String>> = OnceLock::new();
    PROBE
        .get_or_init(|| {
            if !cfg!(target_os = "linux") {
                return Err("private mount namespaces are a Linux feature".to_owned());
            }
            match Command::new("unshare")
                .args([
                    "-m",
                    "-n",
                    "sh",
                    "-c",
                    "ip link set lo up && d=$(mktemp -d) && mkdir $d/u $d/w && \
                     mount -t overlay overlay -o lowerdir=/etc,upperdir=$d/u,workdir=$d/w /etc; \
                     s=$?; umount /etc 2>/dev/null; rm -rf $d; exit $s",
                ])
                .output()
            {
                Ok(output) if output.status.success() => Ok(()),
                Ok(output) => Err(format!(
                    "`unshare -m` with a bind mount failed (it needs root): {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                )),
                Err(e) => Err(format!("`unshare` cannot run: {e}")),
            }
        })
        .clone()
}

/// Starts a name server on 127.0.0.1:53 that answers every query at once with NXDOMAIN
/// ("no such name"), for tests in a private network (see
/// [`with_private_etc_and_network`]) that must not wait on, or depend on, a real one:
/// musl's resolver reads no `nsswitch.conf` and asks DNS for every name `/etc/hosts`
/// lacks. It runs until the test process ends.
pub fn nxdomain_name_server() {
    let socket = std::net::UdpSocket::bind("127.0.0.1:53")
        .expect("binding 127.0.0.1:53 in the private network");
    std::thread::spawn(move || {
        let mut query = [0u8; 1500];
        while let Ok((length, client)) = socket.recv_from(&mut query) {
            if let Some(answer) = nxdomain_answer(&query[..length]) {
                let _ = socket.send_to(&answer, client);
            }
        }
    });
}

/// The NXDOMAIN answer to a DNS query: its header with QR, RA and RCODE 3 set and no
/// records, then its question. `None` for what is not a one-question query.
fn nxdomain_answer(query: &[u8]) -> Option<Vec<u8>> {
    let header = query.get(..12)?;
    if header[4..6] != [0, 1] {
        return None;
    }
    // The question: a name of length-prefixed labels ending in a zero byte, then the
    // type and the class.
    let mut end = 12;
    loop {
        let label = usize::from(*query.get(end)?);
        end += 1 + label;
        if label == 0 {
            break;
        }
    }
    let question = query.get(12..end + 4)?;
    let recursion_desired = header[2] & 0x01;
    let mut answer = Vec::with_capacity(12 + question.len());
    answer.extend_from_slice(&header[..2]); // the query's id
    answer.push(0x80 | recursion_desired); // QR: an answer
    answer.push(0x80 | 0x03); // RA, RCODE 3: NXDOMAIN
    answer.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]); // one question, no records
    answer.extend_from_slice(question);
    Some(answer)
}

/// What [`block_on`] saw: the output, whether the first poll was pending (so a wake was
/// needed at all), and how many wakes there were.
#[derive(Debug)]
pub struct Blocked<T> {
    pub output: T,
    pub first_poll_pending: bool,
    pub wakes: usize,
}

/// Runs a future to completion on this thread, parking until its waker is called: only
/// a wake lets it go on, so a future that is never woken fails here after 30 seconds
/// instead of being polled in a loop.
pub fn block_on<F: std::future::Future>(future: F) -> Blocked<F::Output> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};
    use std::time::{Duration, Instant};

    struct Unpark {
        thread: std::thread::Thread,
        wakes: AtomicUsize,
    }
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.wakes.fetch_add(1, Ordering::SeqCst);
            self.thread.unpark();
        }
    }
    let unpark = Arc::new(Unpark { thread: std::thread::current(), wakes: AtomicUsize::new(0) });
    let waker = Waker::from(Arc::clone(&unpark));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    let start = Instant::now();
    let mut first_poll_pending = None;
    loop {
        let seen = unpark.wakes.load(Ordering::SeqCst);
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            let wakes = unpark.wakes.load(Ordering::SeqCst);
            return Blocked {
                output,
                first_poll_pending: first_poll_pending.unwrap_or(false),
                wakes,
            };
        }
        first_poll_pending.get_or_insert(true);
        // Park until woken; spurious unparks just poll again.
        while unpark.wakes.load(Ordering::SeqCst) == seen {
            assert!(start.elapsed() < Duration::from_secs(30), "the future was never woken");
            std::thread::park_timeout(Duration::from_secs(1));
        }
    }
}
