//! The test harness of the test files that set `harness = false` in Cargo.toml.
//!
//! libtest decides before a test runs whether it is ignored (`#[ignore]`), but whether a
//! test can do its work here is known only when it runs: a private `/etc` needs user or
//! mount namespaces, a comparison with Python needs `python3`. This harness runs tests as
//! libtest does, with the same arguments and the same output as far as cargo, the
//! scripts in `.ci/` and cargo-nextest use them, and adds [`ignore`]: a test that cannot
//! do its work ends itself as *ignored* with its reason, which the summary counts, never
//! as passed.
//!
//! A test file lists its tests with [`test_main!`](crate::common::test_main); its test
//! functions carry no `#[test]` (the attribute does nothing without libtest, so the
//! harness refuses a file that still has one).
//!
//! What it does not do: capture a test's output (a test's own prints go straight to the
//! terminal; a failing test's panic message is repeated in the summary), benchmarks, or
//! `--format json`.

use std::collections::VecDeque;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Instant;

/// One test: its name and its function.
pub type Test = (&'static str, fn());

/// The payload of the unwind that ends an ignored test: the reason.
struct Ignored(String);

/// Whether this process runs its tests under this harness (not libtest).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Ends the running test as ignored, with `reason`: the test cannot do its work here.
///
/// In a test file run by libtest, which has no such outcome, this fails the test instead
/// (with the reason), so that nothing passes without having run.
pub fn ignore(reason: String) -> ! {
    if !ACTIVE.load(Ordering::SeqCst) {
        panic!(
            "this test cannot run here: {reason} (its file would report it as ignored under \
             tests/common/harness.rs, with `harness = false`)"
        );
    }
    // Not a panic: the panic hook stays silent, and only the harness catches it.
    std::panic::resume_unwind(Box::new(Ignored(reason)))
}

/// How one test ended.
enum Outcome {
    Passed,
    Failed(String),
    Ignored(String),
}

/// The arguments libtest takes that matter here.
#[derive(Default)]
struct Options {
    filters: Vec<String>,
    skip: Vec<String>,
    exact: bool,
    list: bool,
    /// `--ignored`: only the tests ignored before they run, of which there are none here.
    only_ignored: bool,
    quiet: bool,
    threads: Option<usize>,
    /// `--bench` (as `cargo bench` runs test targets): there are no benchmarks.
    bench: bool,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline_value.clone().or_else(|| args.next()).ok_or(format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--exact" => options.exact = true,
            "--list" => options.list = true,
            "--ignored" => options.only_ignored = true,
            "--include-ignored" => {}
            "-q" | "--quiet" => options.quiet = true,
            "--nocapture" | "--no-capture" | "--show-output" | "--test" => {}
            "--bench" => options.bench = true,
            "--skip" => options.skip.push(value("--skip")?),
            "--test-threads" => {
                let threads = value("--test-threads")?;
                match threads.parse() {
                    Ok(n) if n > 0 => options.threads = Some(n),
                    _ => {
                        return Err(format!(
                            "--test-threads must be a positive number, not {threads:?}"
                        ))
                    }
                }
            }
            "--color" => drop(value("--color")?),
            "--format" => match value("--format")?.as_str() {
                "pretty" => {}
                "terse" => options.quiet = true,
                other => return Err(format!("--format {other} is not supported by this harness")),
            },
            "-Z" => drop(value("-Z")?),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag:?}")),
            _ => options.filters.push(arg),
        }
    }
    Ok(options)
}

impl Options {
    fn selects(&self, name: &str) -> bool {
        let matches = |pattern: &String| {
            if self.exact {
                name == pattern
            } else {
                name.contains(pattern.as_str())
            }
        };
        (self.filters.is_empty() || self.filters.iter().any(matches))
            && !self.skip.iter().any(matches)
    }
}

/// Runs `tests` as the `main` of a test file and returns its exit status: 0 when no test
/// failed, 101 (as libtest) otherwise. `source` is the text of the file (named `file`),
/// checked for `#[test]` attributes that would be silently dropped.
pub fn run(file: &str, source: &str, tests: &[Test]) -> ExitCode {
    ACTIVE.store(true, Ordering::SeqCst);
    if let Some(line) = source.lines().position(|line| line.trim_start().starts_with("#[test]")) {
        eprintln!(
            "error: {file}:{} has #[test], which does nothing in a file run by \
             tests/common/harness.rs: name the function in the file's test_main! instead",
            line + 1
        );
        return ExitCode::from(101);
    }
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(101);
        }
    };
    let selected: Vec<Test> = if options.bench || options.only_ignored {
        Vec::new()
    } else {
        tests.iter().copied().filter(|(name, _)| options.selects(name)).collect()
    };
    let filtered_out = tests.len() - selected.len();

    if options.list {
        for (name, _) in &selected {
            println!("{name}: test");
        }
        if !options.quiet {
            println!("\n{} tests, 0 benchmarks", selected.len());
        }
        return ExitCode::SUCCESS;
    }

    let start = Instant::now();
    println!("\nrunning {} test{}", selected.len(), if selected.len() == 1 { "" } else { "s" });
    let threads = options
        .threads
        .or_else(|| std::env::var("RUST_TEST_THREADS").ok()?.parse().ok().filter(|&n| n > 0))
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(selected.len().max(1));
    let one_at_a_time = threads == 1;
    let quiet = options.quiet;

    let queue = Arc::new(Mutex::new(selected.iter().copied().collect::<VecDeque<Test>>()));
    let (sender, results) = mpsc::channel::<(&'static str, Outcome)>();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let queue = Arc::clone(&queue);
            let sender = sender.clone();
            std::thread::spawn(move || loop {
                let Some((name, test)) =
                    queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front()
                else {
                    break;
                };
                if one_at_a_time && !quiet {
                    print!("test {name} ... ");
                    let _ = std::io::stdout().flush();
                }
                let outcome = run_one(name, test);
                if sender.send((name, outcome)).is_err() {
                    break;
                }
            })
        })
        .collect();
    drop(sender);

    let (mut passed, mut ignored) = (0, 0);
    let mut failures = Vec::new();
    for (done, (name, outcome)) in results.iter().enumerate() {
        let word = match &outcome {
            Outcome::Passed => "ok".to_owned(),
            Outcome::Ignored(reason) => format!("ignored, {reason}"),
            Outcome::Failed(_) => "FAILED".to_owned(),
        };
        if options.quiet {
            let mark = match outcome {
                Outcome::Passed => '.',
                Outcome::Ignored(_) => 'i',
                Outcome::Failed(_) => 'F',
            };
            print!("{mark}");
            if (done + 1) % 88 == 0 {
                println!();
            }
        } else if one_at_a_time {
            println!("{word}");
        } else {
            println!("test {name} ... {word}");
        }
        let _ = std::io::stdout().flush();
        match outcome {
            Outcome::Passed => passed += 1,
            Outcome::Ignored(_) => ignored += 1,
            Outcome::Failed(message) => failures.push((name, message)),
        }
    }
    for worker in workers {
        let _ = worker.join();
    }
    if options.quiet {
        println!();
    }

    if !failures.is_empty() {
        println!("\nfailures:\n");
        for (name, message) in &failures {
            println!("---- {name} ----\n{message}\n");
        }
        println!("\nfailures:");
        for (name, _) in &failures {
            println!("    {name}");
        }
    }
    println!(
        "\ntest result: {}. {passed} passed; {} failed; {ignored} ignored; 0 measured; \
         {filtered_out} filtered out; finished in {:.2}s\n",
        if failures.is_empty() { "ok" } else { "FAILED" },
        failures.len(),
        start.elapsed().as_secs_f64()
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(101)
    }
}

/// Runs one test on a thread of its own, named after it as libtest names it, so that a
/// panic message says which test panicked.
fn run_one(name: &'static str, test: fn()) -> Outcome {
    let thread = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || catch_unwind(AssertUnwindSafe(test)));
    let result = match thread {
        Ok(thread) => thread.join().unwrap_or_else(Err),
        Err(e) => return Outcome::Failed(format!("could not start a thread for the test: {e}")),
    };
    match result {
        Ok(()) => Outcome::Passed,
        Err(payload) => match payload.downcast::<Ignored>() {
            Ok(ignored) => Outcome::Ignored(ignored.0),
            Err(payload) => Outcome::Failed(
                payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_else(|| "the test panicked".to_owned()),
            ),
        },
    }
}
