//! The one runner of the getent cases: a table of [`Case`]s (a command line or a list of
//! keys, and what the getent package's binary must do with it) is run by [`check`],
//! which compares the binary with glibc's `getent` byte for byte (stdout, stderr and
//! exit status) or with the answer the case gives, and fails listing every case that
//! differs.
//!
//! The binary runs through the target's runner where one is configured (qemu-user for a
//! cross target), so its `argv[0]` is its path; glibc's getent runs with that path as its
//! `argv[0]` too, so that the messages that quote it agree. Both run with `LC_ALL=C`
//! (getent translates its messages), and with `POSIXLY_CORRECT` only where a case asks.
//!
//! A list of keys ([`keys`]) runs many keys per run and still compares what each key
//! printed: a key prints any number of lines, so the keys of a run are separated by
//! sentinel keys whose lines are known (see [`Sentinels`]); a key that cannot be told
//! apart from a sentinel runs alone.

use std::collections::HashSet;
use std::ffi::OsString;
use std::net::Ipv4Addr;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use super::child::OutputWithin;
use super::{getent_path, ignore, target_command};

/// What one run printed and returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What it printed on stdout.
    pub stdout: Vec<u8>,
    /// What it printed on stderr.
    pub stderr: Vec<u8>,
    /// Its exit status, `None` if a signal ended it.
    pub code: Option<i32>,
}

/// A case: what to run, and what the getent binary must do.
#[derive(Debug, Clone)]
pub struct Case {
    query: Query,
    expect: Expect,
    posixly_correct: bool,
    /// glibc's getent must find every key (exit status 0): the keys are its own.
    all_found: bool,
}

#[derive(Debug, Clone)]
enum Query {
    /// One run with these arguments (after `argv[0]`).
    Run(Vec<Vec<u8>>),
    /// `getent OPTIONS DATABASE -- KEY` for each key, many keys per run.
    Keys { options: Vec<Vec<u8>>, database: String, keys: Vec<Vec<u8>> },
}

/// How the getent binary's outcome must compare.
#[derive(Debug, Clone)]
pub enum Expect {
    /// As glibc's getent's: the same stdout, stderr and exit status.
    Same,
    /// As glibc's getent's, but for the lines where the binary printed U+FFFD: the
    /// further fields of an entry that are not UTF-8, which netdb gives back decoded
    /// lossily (only the first one raw). Such a line must be glibc's field by field,
    /// once decoded lossily (C pads the raw name, which may be shorter).
    SameButLossy,
    /// This outcome, where the binary knowingly differs or there is no glibc getent to
    /// compare with: the exit status, stdout, and stderr.
    Outcome { code: i32, stdout: Vec<u8>, stderr: Stderr },
}

/// What stderr must be.
#[derive(Debug, Clone)]
pub enum Stderr {
    /// Exactly these bytes.
    Is(Vec<u8>),
    /// Text that holds this (a message that quotes the binary's path, say).
    Has(String),
}

/// `getent ARGS...`, compared with glibc's getent.
pub fn run<S: AsRef<[u8]>>(args: &[S]) -> Case {
    let args = args.iter().map(|arg| arg.as_ref().to_vec()).collect();
    Case { query: Query::Run(args), expect: Expect::Same, posixly_correct: false, all_found: false }
}

/// `getent DATABASE -- KEY` for each of `keys`, each key's output compared with glibc's
/// getent's (many keys per run).
pub fn keys<S: AsRef<[u8]>>(database: &str, keys: &[S]) -> Case {
    let keys = keys.iter().map(|key| key.as_ref().to_vec()).collect();
    let query = Query::Keys { options: Vec::new(), database: database.to_owned(), keys };
    Case { query, expect: Expect::Same, posixly_correct: false, all_found: false }
}

impl Case {
    /// With `POSIXLY_CORRECT` set.
    pub fn posixly_correct(self) -> Case {
        Case { posixly_correct: true, ..self }
    }

    /// glibc's getent must find every key.
    pub fn all_found(self) -> Case {
        Case { all_found: true, ..self }
    }

    /// Compared as [`Expect::SameButLossy`].
    pub fn lossy(self) -> Case {
        Case { expect: Expect::SameButLossy, ..self }
    }

    /// The keys looked up with `options` before the database.
    pub fn with_options(self, options: &[&str]) -> Case {
        let Query::Keys { database, keys, .. } = self.query else {
            panic!("options go before the database of a list of keys")
        };
        let options = options.iter().map(|option| option.as_bytes().to_vec()).collect();
        Case { query: Query::Keys { options, database, keys }, ..self }
    }

    /// Not compared with glibc's getent: the binary must exit with `code`, print
    /// `stdout` and `stderr`.
    pub fn gives(self, code: i32, stdout: impl AsRef<[u8]>, stderr: Stderr) -> Case {
        let stdout = stdout.as_ref().to_vec();
        Case { expect: Expect::Outcome { code, stdout, stderr }, ..self }
    }

    fn compares_with_glibc(&self) -> bool {
        !matches!(self.expect, Expect::Outcome { .. })
    }
}

/// How many comparisons [`check`] made: runs of both programs (or of the binary alone)
/// and keys whose output was compared one by one.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    /// Runs compared whole.
    pub runs: usize,
    /// Keys whose output was cut out of a run and compared.
    pub keys: usize,
}

/// Runs every case, all at once on all cores, and fails listing each one that differs.
/// Returns how many comparisons were made, and says so on stderr.
pub fn check(cases: &[Case]) -> Checked {
    let glibc = cases.iter().any(Case::compares_with_glibc).then(glibc_getent);
    let mut plans = Vec::new();
    for case in cases {
        plan(case, glibc, &mut plans);
    }
    let jobs: Vec<(usize, Program)> = plans
        .iter()
        .enumerate()
        .flat_map(|(i, plan)| {
            let glibc = plan.case.compares_with_glibc().then_some((i, Program::Glibc));
            glibc.into_iter().chain([(i, Program::Tool)])
        })
        .collect();
    let outcomes = run_all(&plans, &jobs);
    let mut problems = Vec::new();
    let mut checked = Checked::default();
    let mut outcomes = jobs.iter().zip(outcomes);
    for plan in &plans {
        let glibc = plan.case.compares_with_glibc().then(|| outcomes.next().expect("a run").1);
        let tool = outcomes.next().expect("a run").1;
        checked.runs += 1;
        checked.keys += plan.split.keys().len();
        problems.extend(plan.problems(glibc.as_ref(), &tool));
    }
    assert!(
        problems.is_empty(),
        "the getent binary differs in {} of {} comparisons{}:\n{}",
        problems.len(),
        checked.runs + checked.keys,
        glibc.map_or(String::new(), |glibc| format!(" with {}", glibc.version)),
        problems.concat()
    );
    eprintln!("getent: {} runs and {} keys compared", checked.runs, checked.keys);
    checked
}

// --- the programs ----------------------------------------------------------------------

/// glibc's getent, the oracle.
pub struct Glibc {
    /// The first line of its `--version`, for failure messages.
    version: String,
}

/// glibc's getent; where there is none to compare with, the test is ignored, with the
/// reason.
pub fn glibc_getent() -> &'static Glibc {
    static GLIBC: OnceLock<Result<Glibc, String>> = OnceLock::new();
    let found = GLIBC.get_or_init(|| {
        // The binary answers with the C library it is built for; glibc's getent is its
        // oracle only when that library is glibc (musl, for one, reads no aliases and has
        // its own protocols table).
        if !cfg!(all(target_os = "linux", target_env = "gnu")) {
            return Err("compares with glibc's getent, and getent is not built for glibc".into());
        }
        let version = match Command::new("getent")
            .arg("--version")
            .env("LC_ALL", "C")
            .output_within_limit()
        {
            Ok(output) if output.status.success() => {
                String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or("").to_owned()
            }
            Ok(output) => {
                return Err(format!(
                    "compares with glibc's getent, and `getent --version` failed ({})",
                    output.status
                ))
            }
            Err(e) => return Err(format!("compares with glibc's getent, which cannot run: {e}")),
        };
        // glibc's says "getent (GNU libc) 2.38" or "getent (Debian GLIBC 2.36-9) 2.36";
        // the getent package's own, if installed first in PATH, says neither.
        if !version.starts_with("getent (") || !version.to_ascii_lowercase().contains("libc") {
            return Err(format!("compares with glibc's getent, and {version:?} is another"));
        }
        Ok(Glibc { version })
    });
    match found {
        Ok(glibc) => glibc,
        Err(why) => ignore(why.clone()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Program {
    Glibc,
    Tool,
}

/// An argument of bytes: any bytes on Unix, UTF-8 elsewhere.
fn os_arg(arg: &[u8]) -> OsString {
    #[cfg(unix)]
    return std::os::unix::ffi::OsStringExt::from_vec(arg.to_vec());
    #[cfg(not(unix))]
    return String::from_utf8(arg.to_vec()).expect("arguments are UTF-8 here").into();
}

/// Shows bytes as text for a failure message (to be printed with `{:?}`); long ones by
/// their length.
pub fn show(bytes: &[u8]) -> String {
    if bytes.len() > 200 {
        return format!("<{} bytes>", bytes.len());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.escape_ascii().to_string(),
    }
}

/// Runs `program` with `args` as getent (see the module's documentation).
fn run_program(program: Program, args: &[Vec<u8>], posixly_correct: bool) -> Outcome {
    let tool = getent_path();
    let mut command = match program {
        Program::Tool => target_command(tool),
        Program::Glibc => glibc_command(tool),
    };
    command.args(args.iter().map(|arg| os_arg(arg))).env("LC_ALL", "C").env_remove("LANGUAGE");
    if posixly_correct {
        command.env("POSIXLY_CORRECT", "1");
    } else {
        command.env_remove("POSIXLY_CORRECT");
    }
    let output =
        command.output_within_limit().unwrap_or_else(|e| panic!("running {program:?} getent: {e}"));
    Outcome { stdout: output.stdout, stderr: output.stderr, code: output.status.code() }
}

/// glibc's getent, with `argv[0]` the path of the getent binary.
#[cfg(unix)]
fn glibc_command(argv0: &Path) -> Command {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new("getent");
    command.arg0(argv0);
    command
}

#[cfg(not(unix))]
fn glibc_command(_: &Path) -> Command {
    unreachable!("glibc's getent runs on Linux only")
}

/// Runs each job (a plan and a program) on all cores, and returns their outcomes in
/// order.
fn run_all(plans: &[Plan], jobs: &[(usize, Program)]) -> Vec<Outcome> {
    let results: Vec<Mutex<Option<Outcome>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(jobs.len());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let job = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(plan, program)) = jobs.get(job) else { break };
                let plan = &plans[plan];
                let outcome = run_program(program, &plan.args, plan.case.posixly_correct);
                *results[job].lock().unwrap() = Some(outcome);
            });
        }
    });
    results.into_iter().map(|slot| slot.into_inner().unwrap().expect("every job ran")).collect()
}

// --- comparing ---------------------------------------------------------------------------

/// One run of a case: its arguments and how its output is cut into what each key printed.
struct Plan<'a> {
    case: &'a Case,
    args: Vec<Vec<u8>>,
    split: Split,
}

/// How the output of a run is cut into the output of each key.
enum Split {
    /// A run of its own, compared whole.
    Whole,
    /// Keys between sentinel lines.
    Lines { keys: Vec<Vec<u8>>, boundaries: Vec<Vec<u8>> },
    /// Keys between host sentinels ([`host_sentinel`]).
    Hosts { keys: Vec<Vec<u8>> },
}

impl Split {
    fn keys(&self) -> &[Vec<u8>] {
        match self {
            Split::Whole => &[],
            Split::Lines { keys, .. } | Split::Hosts { keys } => keys,
        }
    }

    /// What each key printed in `stdout`, or where that does not fit.
    fn outputs(&self, stdout: &[u8]) -> Result<Vec<Vec<u8>>, String> {
        match self {
            Split::Whole => Ok(Vec::new()),
            Split::Lines { keys, boundaries } => line_outputs(keys.len(), boundaries, stdout),
            Split::Hosts { keys } => host_outputs(stdout, keys.len()),
        }
    }
}

impl Plan<'_> {
    /// What differs between the binary's outcome and glibc's or the expected one.
    fn problems(&self, glibc: Option<&Outcome>, tool: &Outcome) -> Vec<String> {
        let args: Vec<String> = self.args.iter().take(4).map(|arg| show(arg)).collect();
        let more = if self.args.len() > 4 {
            format!(" and {} more", self.args.len() - 4)
        } else {
            String::new()
        };
        let mut problems = Vec::new();
        let lossy = matches!(self.case.expect, Expect::SameButLossy);
        if let Expect::Outcome { code, stdout, stderr } = &self.case.expect {
            let stderr_right = match stderr {
                Stderr::Is(bytes) => tool.stderr == *bytes,
                Stderr::Has(text) => String::from_utf8_lossy(&tool.stderr).contains(text.as_str()),
            };
            if tool.code != Some(*code) || tool.stdout != *stdout || !stderr_right {
                problems.push(format!(
                    "getent {args:?}{more}: expected status {code}, stdout {:?}, stderr {stderr:?}; \
                     got {:?}, {:?}, {:?}\n",
                    show(stdout),
                    tool.code,
                    show(&tool.stdout),
                    show(&tool.stderr)
                ));
            }
            return problems;
        }
        let glibc = glibc.expect("glibc's getent ran");
        assert!(
            !self.case.all_found || glibc.code == Some(0),
            "glibc's getent {args:?}{more} does not find every key ({:?}): {}",
            glibc.code,
            show(&glibc.stderr)
        );
        if glibc.code != tool.code {
            problems.push(format!(
                "getent {args:?}{more}: exit status {:?}, glibc's {:?}\n",
                tool.code, glibc.code
            ));
        }
        if let Some(line) = different_line(&glibc.stdout, &tool.stdout, lossy) {
            problems.push(format!("getent {args:?}{more}: stdout {line}\n"));
        }
        if glibc.stderr != tool.stderr {
            problems.push(format!(
                "getent {args:?}{more}: stderr {:?}, glibc's {:?}\n",
                show(&tool.stderr),
                show(&glibc.stderr)
            ));
        }
        let keys = self.split.keys();
        if keys.is_empty() {
            return problems;
        }
        let expected = self.split.outputs(&glibc.stdout).unwrap_or_else(|e| {
            panic!("glibc's output of getent {args:?}{more} does not fit its keys: {e}")
        });
        match self.split.outputs(&tool.stdout) {
            Ok(actual) => {
                for ((key, expected), actual) in keys.iter().zip(&expected).zip(&actual) {
                    if let Some(line) = different_line(expected, actual, lossy) {
                        problems.push(format!("getent {args:?}, key {:?}: {line}\n", show(key)));
                    }
                }
            }
            Err(e) => {
                problems.push(format!("getent {args:?}{more}: the output does not fit: {e}\n"))
            }
        }
        problems
    }
}

/// Where `actual` differs from `expected`, if it does: the first line that differs.
/// With `lossy`, a line of `actual` with U+FFFD is compared field by field after
/// decoding both lossily.
fn different_line(expected: &[u8], actual: &[u8], lossy: bool) -> Option<String> {
    let (expected_lines, actual_lines): (Vec<&[u8]>, Vec<&[u8]>) =
        (lines(expected).collect(), lines(actual).collect());
    let same = |(expected, actual): (&&[u8], &&[u8])| {
        if expected == actual {
            return true;
        }
        let actual_text = String::from_utf8_lossy(actual);
        let expected_text = String::from_utf8_lossy(expected);
        lossy
            && actual_text.contains(char::REPLACEMENT_CHARACTER)
            && actual_text.split_whitespace().eq(expected_text.split_whitespace())
    };
    let first = expected_lines.iter().zip(&actual_lines).position(|pair| !same(pair));
    match first {
        Some(at) => Some(format!(
            "line {}: {:?}, glibc's {:?}",
            at + 1,
            show(actual_lines[at]),
            show(expected_lines[at])
        )),
        None if expected_lines.len() != actual_lines.len() => {
            Some(format!("{} lines, glibc's {}", actual_lines.len(), expected_lines.len()))
        }
        None => None,
    }
}

fn lines(stdout: &[u8]) -> impl Iterator<Item = &[u8]> {
    stdout.split_inclusive(|&b| b == b'\n')
}

// --- the runs of a case ------------------------------------------------------------------

/// The runs of `case`, added to `plans`.
fn plan<'a>(case: &'a Case, glibc: Option<&Glibc>, plans: &mut Vec<Plan<'a>>) {
    let (options, database, keys) = match &case.query {
        Query::Run(args) => {
            plans.push(Plan { case, args: args.clone(), split: Split::Whole });
            return;
        }
        Query::Keys { options, database, keys } => (options, database.as_str(), keys),
    };
    let alone = |key: &[u8]| {
        let mut args = options.clone();
        args.extend([database.as_bytes().to_vec(), b"--".to_vec(), key.to_vec()]);
        Plan { case, args, split: Split::Whole }
    };
    let sentinels = match (database, glibc) {
        (_, None) => None,
        ("hosts" | "ahosts" | "ahostsv4" | "ahostsv6", _) => Some(Sentinels::Hosts),
        ("services", _) => line_sentinels(Db::Services),
        ("protocols", _) => line_sentinels(Db::Protocols),
        _ => None,
    };
    let Some(sentinels) = sentinels else {
        plans.extend(keys.iter().map(|key| alone(key)));
        return;
    };
    let (separable, inseparable): (Vec<&Vec<u8>>, Vec<&Vec<u8>>) =
        keys.iter().partition(|key| sentinels.can_separate(key));
    plans.extend(inseparable.into_iter().map(|key| alone(key)));
    for chunk in separable.chunks(500) {
        let mut args = options.clone();
        args.extend([database.as_bytes().to_vec(), b"--".to_vec()]);
        let keys: Vec<Vec<u8>> = chunk.iter().map(|key| key.to_vec()).collect();
        let split = sentinels.batch(&keys, &mut args);
        plans.push(Plan { case, args, split });
    }
}

/// The keys that separate the keys of a run.
enum Sentinels {
    /// `127.77.I` before key `I` and after the last ([`host_sentinel`]).
    Hosts,
    /// Entries of a services or protocols database.
    Lines(Db, Vec<Sentinel>),
}

impl Sentinels {
    /// Whether `key` can be cut out of a run: some sentinel cannot print what it prints.
    fn can_separate(&self, key: &[u8]) -> bool {
        match self {
            Sentinels::Hosts => !key.starts_with(b"127.77"),
            Sentinels::Lines(db, sentinels) => {
                sentinels.iter().any(|s| !db.may_print(key, &s.entry))
            }
        }
    }

    /// Adds `keys` and the sentinels around them to `args`.
    fn batch(&self, keys: &[Vec<u8>], args: &mut Vec<Vec<u8>>) -> Split {
        match self {
            Sentinels::Hosts => {
                for (i, key) in keys.iter().enumerate() {
                    args.extend([host_sentinel(i), key.clone()]);
                }
                args.push(host_sentinel(keys.len()));
                Split::Hosts { keys: keys.to_vec() }
            }
            Sentinels::Lines(db, sentinels) => {
                let first = &sentinels[0];
                args.push(first.key.clone());
                let mut boundaries = vec![first.line.clone()];
                for key in keys {
                    let after =
                        sentinels.iter().find(|s| !db.may_print(key, &s.entry)).expect("separable");
                    args.extend([key.clone(), after.key.clone()]);
                    boundaries.push(after.line.clone());
                }
                Split::Lines { keys: keys.to_vec(), boundaries }
            }
        }
    }
}

/// A key whose line marks a boundary between the outputs of the keys around it.
#[derive(Debug)]
struct Sentinel {
    key: Vec<u8>,
    /// What getent prints for `key`, newline included.
    line: Vec<u8>,
    /// That line as an entry, to tell which keys could print it too.
    entry: Entry,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Db {
    Services,
    Protocols,
}

impl Db {
    fn name(self) -> &'static str {
        match self {
            Db::Services => "services",
            Db::Protocols => "protocols",
        }
    }

    /// Whether `key` could print a line of `entry`. Conservative: a key it cannot rule
    /// out counts. Services keys match by the part before `/`: by name or alias, or as
    /// a port when all digits; protocols keys by name or alias, or by the `atol` of a
    /// key that starts with a digit (which, past 9 digits, may wrap to any number).
    fn may_print(self, key: &[u8], entry: &Entry) -> bool {
        let name = match self {
            Db::Services => key.split(|&b| b == b'/').next().unwrap_or(key),
            Db::Protocols => key,
        };
        if entry.names.iter().any(|known| known.eq_ignore_ascii_case(name)) {
            return true;
        }
        let digits = name.iter().take_while(|b| b.is_ascii_digit()).count();
        let value = || std::str::from_utf8(&name[..digits]).ok()?.parse::<i64>().ok();
        match self {
            Db::Services => digits > 0 && digits == name.len() && value() == Some(entry.number),
            Db::Protocols => digits > 9 || (digits > 0 && value() == Some(entry.number)),
        }
    }
}

/// A services or protocols entry as getent prints it, split at spaces (names cannot
/// hold white space).
#[derive(Debug, Clone)]
pub struct Entry {
    /// The official name, then the aliases.
    pub names: Vec<Vec<u8>>,
    /// The port or protocol number.
    pub number: i64,
    /// The services entry's protocol.
    pub protocol: Vec<u8>,
}

fn parse_entry(db: Db, line: &[u8]) -> Option<Entry> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let mut fields = line.split(|&b| b == b' ').filter(|field| !field.is_empty());
    let name = fields.next()?;
    let number_field = fields.next()?;
    let (number, protocol) = match db {
        Db::Services => {
            let slash = number_field.iter().position(|&b| b == b'/')?;
            (&number_field[..slash], number_field[slash + 1..].to_vec())
        }
        Db::Protocols => (number_field, Vec::new()),
    };
    Some(Entry {
        names: std::iter::once(name).chain(fields).map(<[u8]>::to_vec).collect(),
        number: std::str::from_utf8(number).ok()?.parse().ok()?,
        protocol,
    })
}

/// The entries glibc's getent lists of the services or protocols database.
pub fn entries(database: &str) -> Vec<Entry> {
    let db = match database {
        "services" => Db::Services,
        "protocols" => Db::Protocols,
        other => panic!("no entries of {other} are read here"),
    };
    glibc_getent();
    let outcome = run_program(Program::Glibc, &[database.as_bytes().to_vec()], false);
    assert_eq!(outcome.code, Some(0), "getent {database}: {}", show(&outcome.stderr));
    lines(&outcome.stdout)
        .map(|line| {
            parse_entry(db, line).unwrap_or_else(|| panic!("getent {database}: {:?}", show(line)))
        })
        .collect()
}

/// Three keys that glibc's getent finds in `db`, whose entries are UTF-8 and share no
/// name and no number, so that any key can print the line of at most two of them (one by name, one
/// by number); `None` where the database has no three such entries.
fn line_sentinels(db: Db) -> Option<Sentinels> {
    let all = run_program(Program::Glibc, &[db.name().as_bytes().to_vec()], false);
    let entries: Vec<Entry> = lines(&all.stdout).filter_map(|line| parse_entry(db, line)).collect();
    let mut chosen: Vec<Sentinel> = Vec::new();
    for entry in entries {
        let key = match db {
            Db::Services => [format!("{}/", entry.number).as_bytes(), &entry.protocol].concat(),
            Db::Protocols => entry.number.to_string().into_bytes(),
        };
        let outcome =
            run_program(Program::Glibc, &[db.name().as_bytes().to_vec(), key.clone()], false);
        // A line that is not UTF-8 may differ where netdb gives a field back lossily.
        let utf8 = std::str::from_utf8(&outcome.stdout).is_ok();
        if outcome.code != Some(0) || lines(&outcome.stdout).count() != 1 || !utf8 {
            continue;
        }
        let Some(found) = parse_entry(db, &outcome.stdout) else { continue };
        let overlaps = chosen.iter().any(|other| {
            other.entry.number == found.number
                || other.entry.names.iter().any(|name| found.names.contains(name))
        });
        if !overlaps {
            chosen.push(Sentinel { key, line: outcome.stdout, entry: found });
            if chosen.len() == 3 {
                return Some(Sentinels::Lines(db, chosen));
            }
        }
    }
    None
}

/// Cuts the stdout of a run of `count` keys between sentinel lines into what each key
/// printed (one line or none), or says where it does not fit.
fn line_outputs(
    count: usize,
    boundaries: &[Vec<u8>],
    stdout: &[u8],
) -> Result<Vec<Vec<u8>>, String> {
    let mut lines = lines(stdout).peekable();
    let boundary = |at: usize, line: Option<&[u8]>| match line {
        Some(line) if line == boundaries[at].as_slice() => Ok(()),
        other => Err(format!(
            "expected the sentinel line {:?} before key {at}, found {:?}",
            show(&boundaries[at]),
            other.map(show)
        )),
    };
    boundary(0, lines.next())?;
    let mut outputs = Vec::new();
    for at in 0..count {
        let next = boundaries[at + 1].as_slice();
        let output = lines.next_if(|line| *line != next).unwrap_or(b"");
        outputs.push(output.to_vec());
        boundary(at + 1, lines.next())?;
    }
    match lines.next() {
        None => Ok(outputs),
        Some(extra) => Err(format!("an extra line at the end: {:?}", show(extra))),
    }
}

/// The sentinel key before key `i` of a run of host keys, and after the last key:
/// `127.77.I`, which `inet_aton` reads as 127.77.0.I (the last of three parts has 16
/// bits). Every host database answers it without asking a source (no DNS, no file),
/// with the key as the name: `127.77.0.5      127.77.5` for `hosts`,
/// `127.77.0.5      STREAM 127.77.5` and two lines more for `ahosts`,
/// `::ffff:127.77.0.5 STREAM 127.77.5` for `ahostsv6`.
fn host_sentinel(i: usize) -> Vec<u8> {
    format!("127.77.{i}").into_bytes()
}

/// The sentinel a line of host output is of: the one whose address the line starts with.
fn host_sentinel_of(line: &[u8]) -> Option<usize> {
    let address = line.split(|&b| b == b' ').next()?;
    let address = address.strip_prefix(b"::ffff:").unwrap_or(address);
    let address: Ipv4Addr = std::str::from_utf8(address).ok()?.parse().ok()?;
    let [127, 77, high, low] = address.octets() else { return None };
    Some(usize::from(high) << 8 | usize::from(low))
}

/// Cuts the stdout of a run of `count` host keys into what each key printed: the lines
/// between the sentinel lines before and after it.
fn host_outputs(stdout: &[u8], count: usize) -> Result<Vec<Vec<u8>>, String> {
    let mut outputs = vec![Vec::new(); count];
    let mut last: Option<usize> = None;
    for line in lines(stdout) {
        match (host_sentinel_of(line), last) {
            (Some(0), None) => last = Some(0),
            (Some(i), Some(previous)) if i == previous || i == previous + 1 => last = Some(i),
            (Some(i), _) => return Err(format!("the sentinel {i} follows the sentinel {last:?}")),
            (None, Some(key)) if key < count => outputs[key].extend_from_slice(line),
            (None, _) => return Err(format!("a line outside the keys: {:?}", show(line))),
        }
    }
    match last {
        Some(last) if last == count => Ok(outputs),
        _ => Err(format!("the output ends after the sentinel {last:?} of {count}")),
    }
}

// --- keys ------------------------------------------------------------------------------

/// Each key once, in order.
pub fn unique(keys: impl IntoIterator<Item = Vec<u8>>) -> Vec<Vec<u8>> {
    let mut seen = HashSet::new();
    keys.into_iter().filter(|key| seen.insert(key.clone())).collect()
}
