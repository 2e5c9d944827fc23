//! Every program a test runs ends within a time limit: a child that hangs is killed and
//! its test fails (a panic) naming the command and what it had printed, where
//! `Command::output` would wait for ever and stall the whole run until CI's own limit
//! ends it, with no word of where. A hang is never an error a test could take for a
//! program that cannot run here, and report itself ignored.
//!
//! A hang is not hypothetical: in CI, a test binary built for aarch64 and run under
//! qemu-user stalled for an hour in a test that only starts getent programs, and nothing
//! said which. With this limit, later full runs here caught it (on aarch64, then on
//! armv7), each time starting getent under qemu for
//! `every_hosts_key_prints_the_same_in_every_host_database`, and the process report
//! below said what stuck: not getent, but the test binary's own fork, which had never
//! reached `exec` (its command line still the test binary's, asleep on a futex).
//! qemu-user runs a guest's `posix_spawn` (a `vfork`) as a host `fork` of the whole
//! multithreaded emulator, and a lock another thread held at that moment stays held in
//! the child for ever. Run again, the program passed each time. So under an emulator
//! (the tests' target has a runner) a program that overran its limit is run once more
//! before its test fails, and the note it prints says so.

use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Set to a number of seconds to change [`limit`].
pub const LIMIT_VARIABLE: &str = "NETDB_TEST_CHILD_LIMIT";

/// How long one program a test runs may take: `NETDB_TEST_CHILD_LIMIT` seconds, or 120.
///
/// Far above what any of them needs (a getent run takes milliseconds under qemu, a
/// lookup that waits on a silent name server some 20 seconds), so that only a hang
/// reaches it; a build of the examples and a test run again in a private /etc get
/// three times as long.
pub fn limit() -> Duration {
    let seconds = std::env::var(LIMIT_VARIABLE).ok().and_then(|text| text.parse().ok());
    Duration::from_secs(seconds.unwrap_or(120))
}

/// `Command::output` with a time limit.
pub trait OutputWithin {
    /// Runs the command to its end, with stdin empty and stdout and stderr collected, as
    /// `Command::output` does, within [`limit`]. An error is what `Command::output`
    /// would return (the program cannot start, say); a program that overruns the limit
    /// is killed, and the calling test fails.
    fn output_within_limit(&mut self) -> io::Result<Output>;

    /// The same within `limit` (a program that runs a whole test binary again needs
    /// longer than one that runs a lookup).
    fn output_within(&mut self, limit: Duration) -> io::Result<Output>;
}

impl OutputWithin for Command {
    fn output_within_limit(&mut self) -> io::Result<Output> {
        self.output_within(limit())
    }

    fn output_within(&mut self, limit: Duration) -> io::Result<Output> {
        let Overran(first) = match run_once(self, limit) {
            Ok(ran) => return ran,
            Err(overran) => overran,
        };
        // Under an emulator the stuck process may be the emulator's, not the program's
        // (see the module's documentation): a program that hangs for itself hangs
        // again, and fails.
        if super::target_runner().is_empty() {
            panic!("{first}");
        }
        eprintln!("note: {first}\nnote: under the emulator, so running it once more");
        match run_once(self, limit) {
            Ok(ran) => ran,
            Err(Overran(again)) => panic!("{again}"),
        }
    }
}

/// What a program that overran its limit was, and had printed when it was killed.
#[derive(Debug)]
pub struct Overran(pub String);

/// Runs `command` as [`OutputWithin::output_within`] does, once and without failing the
/// test: what `Command::output` would return, or else that it overran.
pub fn run_once(command: &mut Command, limit: Duration) -> Result<io::Result<Output>, Overran> {
    let started = Instant::now();
    let spawned =
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return Ok(Err(e)),
    };
    let (sender, streams) = mpsc::channel();
    collect(child.stdout.take(), Stream::Stdout, sender.clone());
    collect(child.stderr.take(), Stream::Stderr, sender);

    // Both streams end when the child ends (or closes them); until then the wait
    // costs no polling.
    let mut printed = Printed::default();
    while printed.stdout.is_none() || printed.stderr.is_none() {
        let left = limit.saturating_sub(started.elapsed());
        match streams.recv_timeout(left) {
            Ok(received) => printed.add(received),
            Err(_) => return Err(killed(command, &mut child, limit, printed, &streams)),
        }
    }
    let Some(status) = wait_until(&mut child, started + limit) else {
        return Err(killed(command, &mut child, limit, printed, &streams));
    };
    Ok(status.map(|status| Output {
        status,
        stdout: printed.stdout.unwrap_or_default(),
        stderr: printed.stderr.unwrap_or_default(),
    }))
}

#[derive(Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

/// What a child printed on each stream, once the stream has ended.
#[derive(Default)]
struct Printed {
    stdout: Option<Vec<u8>>,
    stderr: Option<Vec<u8>>,
}

impl Printed {
    fn add(&mut self, (stream, bytes): (Stream, Vec<u8>)) {
        match stream {
            Stream::Stdout => self.stdout = Some(bytes),
            Stream::Stderr => self.stderr = Some(bytes),
        }
    }
}

/// Reads a child's stream to its end on a thread of its own, and sends what it read.
fn collect(
    stream: Option<impl Read + Send + 'static>,
    which: Stream,
    sender: mpsc::Sender<(Stream, Vec<u8>)>,
) {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut stream) = stream {
            // A read error ends the stream: what was read is all there is to report.
            let _ = stream.read_to_end(&mut bytes);
        }
        let _ = sender.send((which, bytes));
    });
}

/// Waits for a child that has closed its streams to end, polling, until `deadline`:
/// `None` if it has not ended by then.
fn wait_until(child: &mut Child, deadline: Instant) -> Option<io::Result<ExitStatus>> {
    let mut pause = Duration::from_micros(100);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(Ok(status)),
            Ok(None) if Instant::now() >= deadline => return None,
            Ok(None) => {}
            Err(e) => return Some(Err(e)),
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Kills a child that overran its limit and describes it, with what it had printed.
fn killed(
    command: &Command,
    child: &mut Child,
    limit: Duration,
    mut printed: Printed,
    streams: &mpsc::Receiver<(Stream, Vec<u8>)>,
) -> Overran {
    let state = process_state(child.id());
    let _ = child.kill();
    let _ = child.wait();
    // Killing the child closes its ends of the pipes, unless a program it started
    // still holds them: give the readers a moment, not for ever.
    while let Ok(received) = streams.recv_timeout(Duration::from_secs(2)) {
        printed.add(received);
    }
    let show = |bytes: Option<Vec<u8>>| match bytes {
        Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        None => "(still open)".to_owned(),
    };
    Overran(format!(
        "{command:?} had not ended after {} s ({LIMIT_VARIABLE}), and was killed\n\
         --- what it was doing: {state}\n--- its stdout:\n{}\n--- its stderr:\n{}",
        limit.as_secs(),
        show(printed.stdout),
        show(printed.stderr),
    ))
}

/// What the kernel says a stuck process was: the program it runs (still the test
/// binary's, under an emulator, if it never got as far as `exec`), its state and
/// threads, and where in the kernel it waits. Linux only: elsewhere, nothing.
fn process_state(pid: u32) -> String {
    if !cfg!(any(target_os = "linux", target_os = "android")) {
        return "(not known here)".to_owned();
    }
    let read = |file: &str| std::fs::read(format!("/proc/{pid}/{file}")).unwrap_or_default();
    let command_line = String::from_utf8_lossy(&read("cmdline")).replace('\0', " ");
    let status = String::from_utf8_lossy(&read("status")).into_owned();
    let field = |name: &str| {
        status.lines().find_map(|line| line.strip_prefix(name)).unwrap_or("?").trim().to_owned()
    };
    format!(
        "{}; state {}, {} threads, waiting in {}",
        command_line.trim(),
        field("State:"),
        field("Threads:"),
        String::from_utf8_lossy(&read("wchan")),
    )
}
