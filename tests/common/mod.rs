//! Helpers shared by the integration tests: the harness of the files that report tests
//! as ignored while they run, running the examples, running Python and `getent` for
//! comparison, and running a test against a private copy of `/etc`.
#![allow(dead_code)] // each test file uses its own subset

pub mod child;
pub mod databases;
pub mod dead_server;
pub mod getent;
pub mod harness;

// Built with the `strict-alignment` feature, every test binary that shares these helpers
// allocates through `ExactAlignment`, so that a read that assumes more alignment than
// its buffer was allocated with aborts the test (`.ci/run` runs them so).
#[cfg(feature = "strict-alignment")]
pub mod exact_alignment;
#[cfg(feature = "strict-alignment")]
#[global_allocator]
static EXACT_ALIGNMENT: exact_alignment::ExactAlignment = exact_alignment::ExactAlignment;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use child::OutputWithin;

/// The `main` of a test file that sets `harness = false` in Cargo.toml: runs the test
/// functions named, under [`harness`], so that a test may end itself as ignored
/// ([`ignore`]).
#[allow(unused_macros)] // by the test files that libtest runs
macro_rules! test_main {
    ($($(#[$attribute:meta])* $test:ident),* $(,)?) => {
        fn main() -> std::process::ExitCode {
            crate::common::harness::run(
                file!(),
                include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", file!())),
                &[$($(#[$attribute])* (stringify!($test), $test as fn())),*],
            )
        }
    };
}
#[allow(unused_imports)] // by the test files that libtest runs
pub(crate) use test_main;

/// Ends the running test as ignored, because it cannot do its work here; `reason` says
/// why and what it needs. Libtest reports it as `test NAME ... ignored, REASON` and
/// counts it as ignored, never as passed.
pub fn ignore(reason: impl Into<String>) -> ! {
    harness::ignore(reason.into())
}

/// Set to the folder of the examples built for the tests' target and profile, to have
/// the tests run those instead of building them. A test sets it for the copy of itself
/// it runs in a private /etc; scripts that run test binaries without cargo may set it.
const EXAMPLES_DIR: &str = "NETDB_TEST_EXAMPLES_DIR";

/// The path of the example `name`, built for the target and profile of the running test
/// binary.
///
/// `cargo test` builds the examples only when it builds every target (`cargo test
/// --test hosts` does not), and a binary left by an earlier build may be stale. So
/// under cargo (which sets `CARGO` for the tests it runs) the test builds them itself,
/// once per process, with `cargo build --examples` for the same target and profile, and
/// takes their paths from cargo's JSON messages; cargo releases its build lock before it
/// runs tests, and the build is a no-op when the examples are fresh.
///
/// Without cargo, the examples are those in `NETDB_TEST_EXAMPLES_DIR`, or else where
/// cargo puts them beside the test binary: `<profile folder>/examples/` next to its
/// `<profile folder>/deps/`.
pub fn example_path(name: &str) -> PathBuf {
    let path = examples_dir().join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(path.is_file(), "there is no example {name}: {} is missing", path.display());
    path
}

/// The folder of the examples, once found (see [`example_path`]).
static EXAMPLES: OnceLock<PathBuf> = OnceLock::new();

/// The folder of the examples (see [`example_path`]).
fn examples_dir() -> &'static Path {
    EXAMPLES.get_or_init(|| {
        if let Some(dir) = std::env::var_os(EXAMPLES_DIR) {
            return dir.into();
        }
        match std::env::var_os("CARGO") {
            Some(cargo) => build_examples(&cargo),
            None => profile_dir().join("examples"),
        }
    })
}

/// The folder of the examples, if this process has built or found them already.
fn examples_dir_if_known() -> Option<&'static Path> {
    EXAMPLES.get().map(PathBuf::as_path)
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

/// Builds the examples with `cargo` (the one running the tests) for this test binary's
/// target and profile, and returns the folder cargo says it put them in.
fn build_examples(cargo: &OsStr) -> PathBuf {
    let built = cargo_build(cargo, &["--package", env!("CARGO_PKG_NAME"), "--examples"], "example");
    let mut dirs: Vec<PathBuf> = Vec::new();
    for executable in built {
        let dir = executable.parent().expect("an executable is in a folder");
        if !dirs.iter().any(|known| known == dir) {
            dirs.push(dir.to_owned());
        }
    }
    match <[PathBuf; 1]>::try_from(dirs) {
        Ok([dir]) => dir,
        Err(dirs) => panic!("cargo built the examples in {dirs:?}, not in one folder"),
    }
}

/// Runs `cargo build` with `selection` (such as `--examples`) for this test binary's
/// target and profile, and returns the executables cargo says it built of the targets
/// of kind `kind` (`example`, `bin`).
///
/// The target: cargo puts what it builds for a `--target` in `<target>/<triple>/`, so
/// the tests were built with `--target` when their profile folder is in a folder named
/// after the target triple, which the build script took from cargo (`TARGET`); then the
/// programs are built with `--target` too. (A target folder that someone named after the
/// triple would only make cargo build the programs in another folder, whose path it
/// reports all the same.) The profile: the profile folder's name, which is the profile's
/// but for `dev`, whose folder is `debug`.
fn cargo_build(cargo: &OsStr, selection: &[&str], kind: &str) -> Vec<PathBuf> {
    let profile_dir = profile_dir();
    let mut command = Command::new(cargo);
    command
        .arg("build")
        .args(selection)
        .arg("--message-format=json-render-diagnostics")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if profile_dir.parent().and_then(Path::file_name) == Some(OsStr::new(TARGET)) {
        command.args(["--target", TARGET]);
    }
    match profile_dir.file_name().and_then(OsStr::to_str) {
        Some("debug") | None => {}
        Some(profile) => {
            command.args(["--profile", profile]);
        }
    }
    // A build of every example from nothing, for a cross target, on a busy machine.
    let output = command
        .output_within(3 * child::limit())
        .unwrap_or_else(|e| panic!("running {cargo:?}: {e}"));
    assert!(
        output.status.success(),
        "`cargo build {}` failed ({}):\n{}",
        selection.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let mut built = Vec::new();
    for line in output.stdout.split(|&b| b == b'\n').filter(|line| !line.is_empty()) {
        let message: serde_json::Value = serde_json::from_slice(line)
            .unwrap_or_else(|e| panic!("cargo printed a line that is not JSON ({e})"));
        let of_kind = message["reason"] == "compiler-artifact"
            && message["target"]["kind"]
                .as_array()
                .is_some_and(|kinds| kinds.contains(&kind.into()));
        if let (true, Some(executable)) = (of_kind, message["executable"].as_str()) {
            built.push(PathBuf::from(executable));
        }
    }
    built
}

/// Set to the getent package's binary for the tests' target, to have the tests run that
/// one: a test sets it for the copy of itself it runs in a private /etc, and CI for a
/// `getent` that `cargo install` installed.
const GETENT: &str = "NETDB_TEST_GETENT";

/// The getent binary, once found (see [`getent_path`]).
static GETENT_PATH: OnceLock<PathBuf> = OnceLock::new();

/// The path of the getent package's binary, `getent`, built for the target and profile
/// of the running test binary: `NETDB_TEST_GETENT` if set; else, under cargo, built
/// with cargo as [`example_path`] builds the examples; else beside the test binary's
/// `deps/` folder, where cargo puts a package's binaries.
pub fn getent_path() -> &'static Path {
    let path = GETENT_PATH.get_or_init(|| {
        if let Some(path) = std::env::var_os(GETENT) {
            return path.into();
        }
        match std::env::var_os("CARGO") {
            Some(cargo) => {
                let built =
                    cargo_build(&cargo, &["--package", "netdb-getent", "--bin", "getent"], "bin");
                match <[PathBuf; 1]>::try_from(built) {
                    Ok([path]) => path,
                    Err(built) => panic!("cargo built {built:?} for the getent binary"),
                }
            }
            None => profile_dir().join(format!("getent{}", std::env::consts::EXE_SUFFIX)),
        }
    });
    assert!(path.is_file(), "there is no getent binary at {}", path.display());
    path
}

/// Runs an example with `args` and returns what it did.
pub fn run_example(name: &str, args: &[&str]) -> Output {
    target_command(&example_path(name))
        .args(args)
        .output_within_limit()
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

/// The path of the Python program `tests/python/<name>.py`, the reference whose output
/// the example `name` twins.
pub fn python_program(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/python/{name}.py"));
    assert!(path.is_file(), "{} is missing from the repository", path.display());
    path
}

/// Runs `python3 tests/python/<name>.py` and returns what it did, or ends the test as
/// ignored where `python3` cannot run.
pub fn run_python(name: &str) -> Output {
    let program = python_program(name);
    match Command::new("python3").arg(&program).output_within_limit() {
        Ok(output) => output,
        Err(e) => {
            ignore(format!("compares with tests/python/{name}.py, and python3 cannot run: {e}"))
        }
    }
}

/// Runs the system's `getent` with `args`, or ends the test as ignored where there is
/// none to compare with.
pub fn run_getent(args: &[&str]) -> Output {
    match Command::new("getent").args(args).output_within_limit() {
        Ok(output) => output,
        Err(e) => ignore(format!("compares with getent, which cannot run: {e}")),
    }
}

/// The environment variable that tells a re-executed test binary it already runs in
/// the private mount namespace, and which test it is there for.
const CHILD_MARKER: &str = "NETDB_TEST_PRIVATE_ETC";

/// Set to `1` to fail, not ignore, the tests that need a private /etc where none can be
/// made (the CI scripts set it where they know one can).
const REQUIRE: &str = "NETDB_REQUIRE_PRIVATE_ETC";

/// Set to `overlay` or `binds` to make the private /etc only that way (see
/// [`MountMethod`]), so that either can be tested where both work.
const MOUNT_METHOD: &str = "NETDB_TEST_MOUNT";

/// A command (words split on whitespace) to run the re-executed test binary under, such
/// as `valgrind --error-exitcode=99`. It runs the target's runner, if there is one (see
/// [`target_runner`]), which runs the test binary.
const CHILD_WRAPPER: &str = "NETDB_TEST_CHILD_WRAPPER";

/// Runs `body` with `/etc` replaced, for this process only, by a view of the real one in
/// which each `(name, Some(contents))` of `files` is written and each `(name, None)` is
/// removed. The machine's own `/etc` is never touched.
///
/// The test binary runs itself again, for just the test named `test_name`, in a private
/// mount namespace (`unshare`) where that view is mounted on `/etc`; `body` runs in that
/// child, and its failures fail the test. As root the namespace is made directly; as
/// another user, inside a user namespace that maps the user to root, where the kernel
/// allows that (see [`isolation`]). Where neither works (not Linux, unprivileged user
/// namespaces refused), and on Windows, whose databases are not under `/etc`, the test is
/// reported as ignored with the reason, or fails if `NETDB_REQUIRE_PRIVATE_ETC=1`.
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
        ignore("needs a private /etc, and Windows has no /etc");
    }
    let isolation = match isolation(private_network) {
        Ok(isolation) => isolation,
        Err(why) => {
            let network = if private_network { " and network" } else { "" };
            if std::env::var(REQUIRE).as_deref() == Ok("1") {
                panic!("{REQUIRE}=1, but no private /etc{network} can be made here: {why}");
            }
            ignore(format!("needs a private /etc{network}, which cannot be made here: {why}"));
        }
    };

    let scratch =
        std::env::temp_dir().join(format!("netdb-test-{}-{test_name}", std::process::id()));
    let test_binary = std::env::current_exe().expect("the test binary knows its path");
    // A wrapper (valgrind, in CI) runs the child too, so the code under test is checked
    // in the private /etc as well; the target's runner (qemu-user for a cross target)
    // runs the test binary, which the kernel may not run by itself.
    let wrapper = std::env::var(CHILD_WRAPPER).unwrap_or_default();
    let mut command: Vec<OsString> = wrapper.split_whitespace().map(OsString::from).collect();
    command.extend(target_runner().into_iter().map(OsString::from));
    command.push(test_binary.into_os_string());
    command.extend([test_name, "--exact", "--nocapture", "--test-threads=1"].map(OsString::from));
    let mut unshare = isolation.command(&scratch, files, private_network, &command);
    unshare.env(CHILD_MARKER, test_name);
    if let Some(examples) = examples_dir_if_known() {
        unshare.env(EXAMPLES_DIR, examples);
    }
    if let Some(getent) = GETENT_PATH.get() {
        unshare.env(GETENT, getent);
    }
    // The child runs the whole test, and the programs it runs have their own limits.
    let output = unshare
        .output_within(3 * child::limit())
        .unwrap_or_else(|e| panic!("running the test in a private /etc: {e}"));
    remove_scratch(&scratch);

    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() && stdout.contains("0 passed; 0 failed; 1 ignored") {
        // The test found in its private /etc that it cannot do its work (no python3, say).
        let reported = format!("test {test_name} ... ignored, ");
        let reason = stdout.lines().find_map(|line| line.strip_prefix(reported.as_str()));
        ignore(reason.unwrap_or("(the child gave no reason)").to_owned());
    }
    assert!(
        output.status.success(),
        "{test_name} failed in its private /etc ({isolation:?}, {}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        output.status
    );
    assert!(
        stdout.contains("1 passed"),
        "{test_name} did not run in its private /etc:\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
}

/// Removes a scratch folder, even one with a folder the overlay left without
/// permissions (its `work/work`).
fn remove_scratch(scratch: &Path) {
    if std::fs::remove_dir_all(scratch).is_err() {
        let _ = Command::new("chmod").arg("-R").arg("u+rwx").arg(scratch).status();
        let _ = std::fs::remove_dir_all(scratch);
    }
}

/// How this process makes a private /etc: the namespaces, and how the view is mounted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Isolation {
    /// In a user namespace that maps this user to root (`unshare --user
    /// --map-root-user`): how a user who is not root may mount, where the kernel lets
    /// unprivileged users make user namespaces. Root needs none.
    user_namespace: bool,
    mount: MountMethod,
}

/// How the private view is mounted on `/etc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MountMethod {
    /// An overlay whose lower layer is the real /etc and whose upper layer holds the
    /// written files; removed files are deleted through it. In a user namespace overlayfs
    /// needs Linux 5.11 or later.
    Overlay,
    /// A folder of its own mounted on /etc: the written files, and for every other entry
    /// of the real /etc a bind mount of it (or a copy of a symbolic link). Bind mounts
    /// work in any user namespace that may mount at all.
    Binds,
}

/// The first way of making a private /etc (and network, if asked) that works here, tried
/// once per process: as root a mount namespace alone, else inside a user namespace; an
/// overlay, else bind mounts. `Err` says why none works.
fn isolation(private_network: bool) -> Result<Isolation, String> {
    static PROBES: [OnceLock<Result<Isolation, String>>; 2] = [OnceLock::new(), OnceLock::new()];
    PROBES[usize::from(private_network)].get_or_init(|| probe(private_network)).clone()
}

fn probe(private_network: bool) -> Result<Isolation, String> {
    if !cfg!(target_os = "linux") {
        return Err("mount namespaces are a Linux feature".to_owned());
    }
    let forced = std::env::var(MOUNT_METHOD).ok();
    let mounts: &[MountMethod] = match forced.as_deref() {
        Some("overlay") => &[MountMethod::Overlay],
        Some("binds") => &[MountMethod::Binds],
        _ => &[MountMethod::Overlay, MountMethod::Binds],
    };
    let scratch = std::env::temp_dir().join(format!("netdb-test-{}-probe", std::process::id()));
    let mut failures = Vec::new();
    for user_namespace in [false, true] {
        let mut errors = Vec::new();
        for &mount in mounts {
            let isolation = Isolation { user_namespace, mount };
            // The probe makes the view exactly as a test does, with a file written and a
            // file removed, and runs `true` in it.
            let files: &[(&str, Option<&[u8]>)] =
                &[("netdb-probe", Some(b"probe\n")), ("netdb-absent", None)];
            let result = isolation
                .command(&scratch, files, private_network, &["true".into()])
                .output_within_limit();
            remove_scratch(&scratch);
            match result {
                Ok(output) if output.status.success() => return Ok(isolation),
                Ok(output) => {
                    let error = String::from_utf8_lossy(&output.stderr).trim().to_owned();
                    errors.push((mount, error));
                }
                Err(e) => return Err(format!("`unshare` (util-linux) cannot run: {e}")),
            }
        }
        let unshare = Isolation { user_namespace, mount: mounts[0] }.unshare_words(private_network);
        let unshare = unshare.join(" ");
        if errors.iter().all(|(_, error)| *error == errors[0].1) {
            // The namespaces themselves were refused.
            failures.push(format!("`{unshare}`: {}", errors[0].1));
        } else {
            for (mount, error) in errors {
                let how = match mount {
                    MountMethod::Overlay => "an overlay",
                    MountMethod::Binds => "bind mounts",
                };
                failures.push(format!("`{unshare}` with {how}: {error}"));
            }
        }
    }
    Err(format!(
        "{} (run the tests as root, or where unprivileged user namespaces are allowed)",
        failures.join("; ")
    ))
}

impl Isolation {
    fn unshare_words(self, private_network: bool) -> Vec<&'static str> {
        let mut words = vec!["unshare"];
        if self.user_namespace {
            words.extend(["--user", "--map-root-user"]);
        }
        words.push("--mount");
        if private_network {
            words.push("--net");
        }
        words
    }

    /// The command that runs `command` in the private /etc (and network), after
    /// preparing the view in the folder `scratch` (which the caller removes afterwards).
    ///
    /// A `sh` script in the namespaces mounts the view and runs the command; the paths
    /// reach it as arguments, so that none needs quoting: the script's own arguments,
    /// then `--`, then the command.
    fn command(
        self,
        scratch: &Path,
        files: &[(&str, Option<&[u8]>)],
        private_network: bool,
        command: &[OsString],
    ) -> Command {
        let _ = std::fs::remove_dir_all(scratch);
        let write = |dir: &Path, name: &str, contents: &[u8]| {
            let path = dir.join(name);
            std::fs::write(&path, contents)
                .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        };
        let mut args: Vec<OsString> = Vec::new();
        let mut script = String::from("set -e\n");
        if private_network {
            script.push_str("ip link set lo up\n");
        }
        match self.mount {
            MountMethod::Overlay => {
                // Arguments: the overlay's options, then the names to remove.
                let (upper, work) = (scratch.join("upper"), scratch.join("work"));
                for dir in [&upper, &work] {
                    std::fs::create_dir_all(dir).expect("creating the scratch folders");
                }
                let mut options = OsString::from("lowerdir=/etc,upperdir=");
                options.push(&upper);
                options.push(",workdir=");
                options.push(&work);
                args.push(options);
                for (name, contents) in files {
                    match contents {
                        Some(contents) => write(&upper, name, contents),
                        None => args.push(name.into()),
                    }
                }
                args.push("--".into());
                script.push_str(
                    "mount -t overlay overlay -o \"$1\" /etc\nshift\n\
                     while [ \"$1\" != -- ]; do rm -f -- \"/etc/$1\"; shift; done\nshift\n",
                );
            }
            MountMethod::Binds => {
                // Arguments: pairs of an entry of /etc and its placeholder in the view,
                // then the view.
                let view = scratch.join("etc");
                std::fs::create_dir_all(&view).expect("creating the scratch folders");
                for (name, contents) in files {
                    if let Some(contents) = contents {
                        write(&view, name, contents);
                    }
                }
                let changed = |name: &OsStr| files.iter().any(|(changed, _)| name == *changed);
                for entry in std::fs::read_dir("/etc").expect("listing /etc") {
                    let entry = entry.expect("listing /etc");
                    if changed(&entry.file_name()) {
                        continue;
                    }
                    let placeholder = view.join(entry.file_name());
                    let file_type = entry.file_type().expect("reading an entry of /etc");
                    if file_type.is_symlink() {
                        // Copied: a relative link then resolves from /etc as before.
                        let target = std::fs::read_link(entry.path()).expect("reading a link");
                        symlink(&target, &placeholder);
                        continue;
                    }
                    if file_type.is_dir() {
                        std::fs::create_dir(&placeholder).expect("creating a placeholder");
                    } else {
                        std::fs::write(&placeholder, b"").expect("creating a placeholder");
                    }
                    args.extend([entry.path().into_os_string(), placeholder.into_os_string()]);
                }
                args.push("--".into());
                args.push(view.into_os_string());
                script.push_str(
                    "while [ \"$1\" != -- ]; do mount --rbind \"$1\" \"$2\"; shift 2; done\n\
                     mount --rbind \"$2\" /etc\nshift 2\n",
                );
            }
        }
        script.push_str("exec \"$@\"\n");
        let words = self.unshare_words(private_network);
        let mut unshare = Command::new(words[0]);
        unshare.args(&words[1..]).args(["sh", "-c", &script, "sh"]).args(args).args(command);
        unshare
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("copying a link of /etc");
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) {
    unreachable!("private /etc views are made on Linux only");
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
