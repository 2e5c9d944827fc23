//! The tests of `tests/getent.rs`, which are Unix-only.

use crate::common;

use std::ffi::OsString;
use std::net::Ipv4Addr;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

// --- running the two programs ------------------------------------------------------------

/// What one run printed and returned.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    code: Option<i32>,
}

/// The system's getent and the twin.
struct Programs {
    getent: PathBuf,
    twin: PathBuf,
    /// The first line of `getent --version`, for failure messages.
    version: String,
}

/// The two programs; where there is no glibc getent to compare with, the test is
/// ignored, with the reason.
fn programs() -> &'static Programs {
    static PROGRAMS: OnceLock<Result<Programs, String>> = OnceLock::new();
    let found = PROGRAMS.get_or_init(|| {
        // The twin answers with the C library it is built for; glibc's getent is its
        // oracle only when that library is glibc (musl, for one, reads no aliases and has
        // its own protocols table).
        if !cfg!(all(target_os = "linux", target_env = "gnu")) {
            return Err("compares with glibc's getent, and the twin is not built for glibc".into());
        }
        let getent = PathBuf::from("getent");
        let version = match Command::new(&getent).arg("--version").env("LC_ALL", "C").output() {
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
        // glibc's says "getent (GNU libc) 2.38" or "getent (Debian GLIBC 2.36-9) 2.36".
        if !version.starts_with("getent (") || !version.to_ascii_lowercase().contains("libc") {
            return Err(format!("compares with glibc's getent, and {version:?} is another"));
        }
        Ok(Programs { getent, twin: common::example_path("getent"), version })
    });
    match found {
        Ok(programs) => programs,
        Err(why) => common::ignore(why.clone()),
    }
}

/// Runs `program` as getent: `argv[0]` = `getent`, `LC_ALL=C`, and `POSIXLY_CORRECT` set
/// only when asked.
fn run(program: &Path, args: &[OsString], posixly_correct: bool) -> Outcome {
    let mut command = Command::new(program);
    command.arg0("getent").args(args).env("LC_ALL", "C").env_remove("LANGUAGE");
    if posixly_correct {
        command.env("POSIXLY_CORRECT", "1");
    } else {
        command.env_remove("POSIXLY_CORRECT");
    }
    let output = command.output().unwrap_or_else(|e| panic!("running {}: {e}", program.display()));
    Outcome { stdout: output.stdout, stderr: output.stderr, code: output.status.code() }
}

/// Runs getent and the twin with each of `invocations`, on all cores, and returns their
/// outcomes in order: `(getent, twin)`.
fn run_both(
    programs: &Programs,
    invocations: &[Vec<OsString>],
    posixly_correct: bool,
) -> Vec<(Outcome, Outcome)> {
    let jobs: Vec<(usize, &Path)> = (0..invocations.len())
        .flat_map(|i| [(i, programs.getent.as_path()), (i, programs.twin.as_path())])
        .collect();
    let results: Vec<Mutex<Option<Outcome>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(jobs.len());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let job = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(invocation, program)) = jobs.get(job) else { break };
                let outcome = run(program, &invocations[invocation], posixly_correct);
                *results[job].lock().unwrap() = Some(outcome);
            });
        }
    });
    let mut outcomes = results.into_iter().map(|slot| slot.into_inner().unwrap().unwrap());
    std::iter::from_fn(|| Some((outcomes.next()?, outcomes.next()?))).collect()
}

fn os_args<S: AsRef<[u8]>>(args: &[S]) -> Vec<OsString> {
    args.iter().map(|arg| OsString::from_vec(arg.as_ref().to_vec())).collect()
}

/// Shows bytes as text for a failure message (to be printed with `{:?}`).
fn show(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.escape_ascii().to_string(),
    }
}

/// Describes how the two outcomes of one invocation differ, if they do.
fn difference(
    programs: &Programs,
    args: &[OsString],
    getent: &Outcome,
    twin: &Outcome,
    compare_stderr: bool,
) -> Option<String> {
    let same_stderr = !compare_stderr || getent.stderr == twin.stderr;
    if getent.stdout == twin.stdout && getent.code == twin.code && same_stderr {
        return None;
    }
    let args: Vec<String> = args.iter().map(|arg| show(arg.as_bytes())).collect();
    let mut text = format!("getent {args:?}:\n");
    if getent.code != twin.code {
        text += &format!(
            "  exit code: {} has {:?}, the twin {:?}\n",
            programs.version, getent.code, twin.code
        );
    }
    if getent.stdout != twin.stdout {
        let (getent, twin) =
            (getent.stdout.split(|&b| b == b'\n'), twin.stdout.split(|&b| b == b'\n'));
        let first = getent.zip(twin).enumerate().find(|(_, (a, b))| a != b);
        if let Some((line, (expected, actual))) = first {
            text += &format!(
                "  stdout line {}: getent {:?}\n                 twin   {:?}\n",
                line + 1,
                show(expected),
                show(actual)
            );
        }
    }
    if !same_stderr {
        text += &format!(
            "  stderr: getent {:?}\n          twin   {:?}\n",
            show(&getent.stderr),
            show(&twin.stderr)
        );
    }
    Some(text)
}

/// Runs each invocation on both programs, and fails listing every one that differs.
fn assert_same(invocations: &[Vec<OsString>], compare_stderr: bool, posixly_correct: bool) {
    let programs = programs();
    let outcomes = run_both(programs, invocations, posixly_correct);
    let differences: Vec<String> = invocations
        .iter()
        .zip(&outcomes)
        .filter_map(|(args, (getent, twin))| {
            difference(programs, args, getent, twin, compare_stderr)
        })
        .collect();
    assert!(
        differences.is_empty(),
        "the twin differs from {} in {} of {} runs:\n{}",
        programs.version,
        differences.len(),
        invocations.len(),
        differences.join("")
    );
}

/// One invocation per key: `getent DATABASE KEY`.
fn one_by_one<S: AsRef<[u8]>>(database: &str, keys: &[S]) -> Vec<Vec<OsString>> {
    keys.iter().map(|key| os_args(&[database.as_bytes(), key.as_ref()])).collect()
}

// --- the entries and keys of a database ---------------------------------------------------

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
        if entry.names.iter().any(|known| known == name) {
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

/// An entry as getent prints it, split at spaces (names cannot hold white space).
#[derive(Debug, Clone)]
struct Entry {
    /// The official name, then the aliases.
    names: Vec<Vec<u8>>,
    /// The port or protocol number.
    number: i64,
    /// The services entry's protocol.
    protocol: Vec<u8>,
}

fn parse_entry(db: Db, line: &[u8]) -> Entry {
    let mut fields = line.split(|&b| b == b' ').filter(|field| !field.is_empty());
    let name = fields.next().unwrap_or_else(|| panic!("an empty line in getent's output"));
    let number_field = fields.next().unwrap_or_else(|| panic!("no number in {:?}", show(line)));
    let (number, protocol) = match db {
        Db::Services => {
            let slash = number_field.iter().position(|&b| b == b'/').expect("port/protocol");
            (&number_field[..slash], number_field[slash + 1..].to_vec())
        }
        Db::Protocols => (number_field, Vec::new()),
    };
    let number = std::str::from_utf8(number).ok().and_then(|n| n.parse().ok());
    Entry {
        names: std::iter::once(name).chain(fields).map(<[u8]>::to_vec).collect(),
        number: number.unwrap_or_else(|| panic!("a bad number in {:?}", show(line))),
        protocol,
    }
}

fn lines(stdout: &[u8]) -> impl Iterator<Item = &[u8]> {
    stdout.split_inclusive(|&b| b == b'\n')
}

/// The entries getent enumerates.
fn entries(programs: &Programs, db: Db) -> Vec<Entry> {
    let outcome = run(&programs.getent, &os_args(&[db.name()]), false);
    assert_eq!(outcome.code, Some(0), "getent {}: {}", db.name(), show(&outcome.stderr));
    lines(&outcome.stdout)
        .map(|line| parse_entry(db, line.strip_suffix(b"\n").unwrap_or(line)))
        .collect()
}

/// Every key of every entry, each once: names, aliases and numbers, and for services
/// `name/proto`, `alias/proto` and `port/proto`.
fn every_key(db: Db, entries: &[Entry]) -> Vec<Vec<u8>> {
    let mut keys = Vec::new();
    for entry in entries {
        let number = entry.number.to_string().into_bytes();
        keys.extend(entry.names.iter().cloned());
        keys.push(number.clone());
        if db == Db::Services {
            for name in entry.names.iter().chain([&number]) {
                keys.push([name.as_slice(), b"/", &entry.protocol].concat());
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    keys.retain(|key| seen.insert(key.clone()));
    keys
}

// --- many keys per run, each key's output checked -----------------------------------------

/// A key whose line marks a boundary between the outputs of the keys around it.
#[derive(Debug)]
struct Sentinel {
    key: Vec<u8>,
    /// What getent prints for `key`, newline included.
    line: Vec<u8>,
    /// That line as an entry, to tell which keys could print it too.
    entry: Entry,
}

/// Three keys that getent finds, whose entries share no name and no number, so that
/// any key can print the line of at most two of them (one by name, one by number).
fn sentinels(programs: &Programs, db: Db, entries: &[Entry]) -> Vec<Sentinel> {
    let mut chosen: Vec<Sentinel> = Vec::new();
    for entry in entries {
        let key = match db {
            Db::Services => format!("{}/", entry.number)
                .into_bytes()
                .into_iter()
                .chain(entry.protocol.clone())
                .collect(),
            Db::Protocols => entry.number.to_string().into_bytes(),
        };
        let outcome = run(&programs.getent, &os_args(&[db.name().as_bytes(), &key]), false);
        if outcome.code != Some(0) || lines(&outcome.stdout).count() != 1 {
            continue;
        }
        let line = outcome.stdout;
        let found = parse_entry(db, line.strip_suffix(b"\n").unwrap_or(&line));
        let overlaps = chosen.iter().any(|other| {
            other.entry.number == found.number
                || other.entry.names.iter().any(|name| found.names.contains(name))
        });
        if !overlaps {
            chosen.push(Sentinel { key, line, entry: found });
            if chosen.len() == 3 {
                return chosen;
            }
        }
    }
    panic!("the {} database has no three unrelated entries to separate keys with", db.name());
}

/// One batch run: `S0 k0 S1 k1 ... kn-1 Sn`, where the sentinel after each key cannot be
/// what the key prints. Since a key prints one line or none, the sentinels' lines cut
/// the output into the output of each key.
struct Batch {
    args: Vec<OsString>,
    keys: Vec<Vec<u8>>,
    /// The line of the sentinel before each key, and one more after the last key.
    boundaries: Vec<Vec<u8>>,
}

/// Packs `keys` into batches of at most `size` keys. A key that every sentinel's line
/// might come from cannot be cut out of a batch, and is returned to run alone.
fn batches(
    db: Db,
    sentinels: &[Sentinel],
    keys: &[Vec<u8>],
    size: usize,
) -> (Vec<Batch>, Vec<Vec<u8>>) {
    let mut alone = Vec::new();
    let mut batches = Vec::new();
    let separable: Vec<&Vec<u8>> = keys
        .iter()
        .filter(|key| {
            let ok = sentinels.iter().any(|s| !db.may_print(key, &s.entry));
            if !ok {
                alone.push((*key).clone());
            }
            ok
        })
        .collect();
    for chunk in separable.chunks(size) {
        let first = &sentinels[0];
        let mut batch = Batch {
            args: os_args(&[db.name().as_bytes(), &first.key]),
            keys: Vec::new(),
            boundaries: vec![first.line.clone()],
        };
        for key in chunk {
            let after = sentinels.iter().find(|s| !db.may_print(key, &s.entry)).expect("separable");
            batch.args.push(OsString::from_vec((*key).clone()));
            batch.args.push(OsString::from_vec(after.key.clone()));
            batch.keys.push((*key).clone());
            batch.boundaries.push(after.line.clone());
        }
        batches.push(batch);
    }
    (batches, alone)
}

/// Cuts a batch's stdout into what each key printed, or says where it does not fit.
fn per_key<'a>(batch: &Batch, stdout: &'a [u8]) -> Result<Vec<&'a [u8]>, String> {
    let mut lines = lines(stdout).peekable();
    let boundary = |at: usize, line: Option<&[u8]>| match line {
        Some(line) if line == batch.boundaries[at].as_slice() => Ok(()),
        other => Err(format!(
            "expected the sentinel line {:?} before key {at}, found {:?}",
            show(&batch.boundaries[at]),
            other.map(show)
        )),
    };
    boundary(0, lines.next())?;
    let mut outputs = Vec::new();
    for at in 0..batch.keys.len() {
        let next = batch.boundaries[at + 1].as_slice();
        let output = lines.next_if(|line| *line != next).unwrap_or(b"");
        outputs.push(output);
        boundary(at + 1, lines.next())?;
    }
    match lines.next() {
        None => Ok(outputs),
        Some(extra) => Err(format!("an extra line at the end: {:?}", show(extra))),
    }
}

/// Looks up `keys` in batches on both programs; fails unless each run is the same
/// (stdout, stderr, exit code) and each key printed the same.
fn assert_same_per_key(programs: &Programs, db: Db, entries: &[Entry], keys: &[Vec<u8>]) {
    let sentinels = sentinels(programs, db, entries);
    let (batches, alone) = batches(db, &sentinels, keys, 1000);
    let invocations: Vec<Vec<OsString>> = batches.iter().map(|batch| batch.args.clone()).collect();
    let outcomes = run_both(programs, &invocations, false);
    let mut problems = Vec::new();
    for (batch, (getent, twin)) in batches.iter().zip(&outcomes) {
        let expected = per_key(batch, &getent.stdout)
            .unwrap_or_else(|e| panic!("getent's output of a batch does not fit its keys: {e}"));
        match per_key(batch, &twin.stdout) {
            Ok(actual) => {
                for ((key, expected), actual) in batch.keys.iter().zip(expected).zip(actual) {
                    if expected != actual {
                        problems.push(format!(
                            "key {:?}: getent {:?}, twin {:?}\n",
                            show(key),
                            show(expected),
                            show(actual)
                        ));
                    }
                }
            }
            Err(e) => problems.push(format!("the twin's output does not fit the keys: {e}\n")),
        }
        if let Some(difference) = difference(programs, &batch.args[..1], getent, twin, true) {
            problems.push(format!("a batch of {} keys: {difference}", batch.keys.len()));
        }
        assert_eq!(getent.code, Some(0), "getent did not find every key of its own entries");
    }
    assert!(problems.is_empty(), "{} {} keys:\n{}", problems.len(), db.name(), problems.concat());
    eprintln!(
        "{}: {} keys matched in {} batches, {} more alone",
        db.name(),
        keys.len() - alone.len(),
        batches.len(),
        alone.len()
    );
    // What could not be cut out of a batch runs alone.
    assert_same(&one_by_one(db.name(), &alone), true, false);
}

fn assert_every_key_the_same(db: Db) {
    let programs = programs();
    let entries = entries(programs, db);
    assert!(entries.len() > 10, "the {} database has only {} entries", db.name(), entries.len());
    assert_same_per_key(programs, db, &entries, &every_key(db, &entries));
}

// --- the host and network databases ---------------------------------------------------------

/// The databases of addresses, whose keys print any number of lines: one per address,
/// or per address and socket type.
const HOST_DATABASES: [&str; 4] = ["hosts", "ahosts", "ahostsv4", "ahostsv6"];

/// The sentinel key before key `i` of a batch of host keys, and after the last key:
/// `127.77.I`, which `inet_aton` reads as 127.77.0.I (the last of three parts has 16
/// bits). Every host database answers it without asking a source (no DNS), with the key
/// as the name: `127.77.0.5      127.77.5` for `hosts`, `127.77.0.5      STREAM 127.77.5`
/// and two lines more for `ahosts`, `::ffff:127.77.0.5 STREAM 127.77.5` for `ahostsv6`.
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

/// `getent DATABASE -- S0 k0 S1 k1 ... Sn`: sentinels around each key. Keys are options
/// no more after `--`.
fn host_batch(options: &[&str], database: &str, keys: &[Vec<u8>]) -> Vec<OsString> {
    let mut args = os_args(options);
    args.extend(os_args(&[database, "--"]));
    for (i, key) in keys.iter().enumerate() {
        args.push(OsString::from_vec(host_sentinel(i)));
        args.push(OsString::from_vec(key.clone()));
    }
    args.push(OsString::from_vec(host_sentinel(keys.len())));
    args
}

/// Cuts the stdout of a [`host_batch`] of `count` keys into what each key printed: the
/// lines between the sentinel lines before and after it.
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

/// Looks up `keys` in every host database, in batches, with `options` before the
/// database; fails unless each run is the same (stdout, stderr, exit code) and each key
/// printed the same.
fn assert_host_keys_the_same(programs: &Programs, options: &[&str], keys: &[Vec<u8>]) {
    // A key that prints a sentinel's line could not be cut out of a batch.
    let keys: Vec<Vec<u8>> =
        keys.iter().filter(|key| !key.starts_with(b"127.77")).cloned().collect();
    let mut runs = Vec::new();
    for database in HOST_DATABASES {
        for chunk in keys.chunks(500) {
            runs.push((database, chunk, host_batch(options, database, chunk)));
        }
    }
    let invocations: Vec<Vec<OsString>> = runs.iter().map(|(.., args)| args.clone()).collect();
    let outcomes = run_both(programs, &invocations, false);
    let mut problems = Vec::new();
    for ((database, chunk, args), (getent, twin)) in runs.iter().zip(&outcomes) {
        let expected = host_outputs(&getent.stdout, chunk.len()).unwrap_or_else(|e| {
            panic!("getent's output of a {database} batch does not fit its keys: {e}")
        });
        match host_outputs(&twin.stdout, chunk.len()) {
            Ok(actual) => {
                for ((key, expected), actual) in chunk.iter().zip(&expected).zip(&actual) {
                    if expected != actual {
                        problems.push(format!(
                            "{options:?} {database} {:?}: getent {:?}, twin {:?}\n",
                            show(key),
                            show(expected),
                            show(actual)
                        ));
                    }
                }
            }
            Err(e) => problems.push(format!("{database}: the twin's output does not fit: {e}\n")),
        }
        let shown = &args[..options.len() + 1];
        if let Some(difference) = difference(programs, shown, getent, twin, true) {
            problems.push(format!("a batch of {} keys: {difference}", chunk.len()));
        }
    }
    assert!(problems.is_empty(), "{} differences:\n{}", problems.len(), problems.concat());
    eprintln!(
        "{options:?} {HOST_DATABASES:?}: {} keys matched in {} batches",
        keys.len(),
        runs.len()
    );
}

/// Every field of a hosts or networks file, each once: addresses or numbers, names and
/// aliases, but no comments.
fn file_fields(contents: &[u8]) -> Vec<Vec<u8>> {
    let mut fields = Vec::new();
    for line in contents.split(|&b| b == b'\n') {
        let line = line.split(|&b| b == b'#').next().unwrap_or(line);
        fields.extend(
            line.split(|b| b" \t".contains(b)).filter(|f| !f.is_empty()).map(<[u8]>::to_vec),
        );
    }
    unique(fields)
}

fn unique(keys: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let mut seen = std::collections::HashSet::new();
    keys.into_iter().filter(|key| seen.insert(key.clone())).collect()
}

/// The fields of what getent prints for `args`, to take as keys.
fn printed_fields(programs: &Programs, args: &[&str]) -> Vec<Vec<u8>> {
    let outcome = run(&programs.getent, &os_args(args), false);
    assert_eq!(outcome.code, Some(0), "getent {args:?}: {}", show(&outcome.stderr));
    file_fields(&outcome.stdout)
}

/// Keys for every host database besides a database's own: this machine's name and the
/// usual suspects. A name that is not in /etc/hosts goes to DNS if nsswitch.conf says
/// so, which can take seconds: the odder keys are in [`ODD_HOST_KEYS`].
fn machine_host_keys() -> Vec<Vec<u8>> {
    let label = "a".repeat(300);
    let mut keys: Vec<Vec<u8>> = [
        "localhost",
        "127.0.0.1",
        "::1",
        "127.1",
        "0x7f.1",
        "nosuchname.invalid",
        "",
        &label,
        &format!("{label}.example"),
    ]
    .iter()
    .map(|key| key.as_bytes().to_vec())
    .collect();
    keys.push(netdb::hostname().expect("this machine's name").into_bytes());
    keys
}

/// Keys that find out how getent reads a key: which are addresses (`inet_pton`), which
/// the C library answers itself (`inet_aton`), which are names. Run where only
/// /etc/hosts answers, since most of them are names no one has.
const ODD_HOST_KEYS: [&str; 23] = [
    "LOCALHOST",
    "localhost.",
    "0",
    "00",
    "4294967295",
    "4294967296",
    "0.0.0.0",
    "::",
    "::ffff:127.0.0.1",
    "::127.0.0.1",
    "::0.1.0.0",
    "fe80::1%lo",
    "fe80::1%1",
    "127.0.0.1 junk",
    "1.2.3.4.5",
    "01.2.3.4",
    "1:2:3:4:5:6:7::",
    "1:2:3:4:5:6:7:8::",
    "1::2::3",
    "::1.2.3.04",
    "10.1.0.1.",
    "-",
    "a b",
];

/// Keys for `networks` besides a database's own.
const ODD_NETWORK_KEYS: [&str; 22] = [
    "",
    "127",
    "127.0",
    "127.0.0",
    "127.0.0.0",
    "0x7f000000",
    "0x7f.0.0.0",
    "0177.0.0.0",
    "127.0.0.0 junk",
    "127.0.0.0x",
    "255.255.255.255",
    "127x",
    "1.2.3.4.5",
    "4294967296",
    "08",
    "0x",
    "169.254",
    "LOOPBACK",
    "Link-Local",
    "loopback ",
    " loopback",
    "-",
];

/// Looks up each of `keys` in `networks`, one run per key (a key prints one line or
/// none, and the database is small).
fn assert_network_keys_the_same(keys: &[Vec<u8>]) {
    let runs: Vec<Vec<OsString>> =
        keys.iter().map(|key| os_args(&[&b"networks"[..], b"--", key])).collect();
    assert_same(&runs, true, false);
}

/// Every name and address of /etc/hosts and what getent lists of it, with this
/// machine's name and the usual suspects.
fn every_host_key(programs: &Programs) -> Vec<Vec<u8>> {
    let file = std::fs::read("/etc/hosts").unwrap_or_default();
    let mut keys = file_fields(&file);
    keys.extend(printed_fields(programs, &["hosts"]));
    keys.extend(machine_host_keys());
    unique(keys)
}

/// Every name and number of /etc/networks and what getent lists of it, with the odd keys.
fn every_network_key(programs: &Programs) -> Vec<Vec<u8>> {
    let file = std::fs::read("/etc/networks").unwrap_or_default();
    let mut keys = file_fields(&file);
    keys.extend(printed_fields(programs, &["networks"]));
    keys.extend(ODD_NETWORK_KEYS.iter().map(|key| key.as_bytes().to_vec()));
    unique(keys)
}

// --- the tests ------------------------------------------------------------------------------

pub fn the_whole_services_database_is_the_same() {
    assert_same(&[os_args(&["services"])], true, false);
}

pub fn the_whole_protocols_database_is_the_same() {
    assert_same(&[os_args(&["protocols"])], true, false);
}

pub fn the_whole_hosts_and_networks_databases_are_the_same() {
    let mut runs: Vec<Vec<OsString>> = HOST_DATABASES.iter().map(|db| os_args(&[db])).collect();
    runs.push(os_args(&["networks"]));
    runs.push(os_args(&["-A", "-i", "ahostsv6"]));
    assert_same(&runs, true, false);
}

pub fn every_hosts_key_prints_the_same_in_every_host_database() {
    let programs = programs();
    assert_host_keys_the_same(programs, &[], &every_host_key(programs));
}

pub fn every_networks_key_prints_the_same() {
    let programs = programs();
    assert_network_keys_the_same(&every_network_key(programs));
}

pub fn every_services_key_prints_the_same() {
    assert_every_key_the_same(Db::Services);
}

pub fn every_protocols_key_prints_the_same() {
    assert_every_key_the_same(Db::Protocols);
}

pub fn odd_services_keys_print_the_same() {
    let keys: [&[u8]; 41] = [
        b"",
        b"/",
        b"//",
        b"80/",
        b"/tcp",
        b"abc/",
        b"http/",
        b"http//tcp",
        b"http/tcp/x",
        b"080",
        b"0080/tcp",
        b"00000000000000000000000000022",
        b"0",
        b"0/tcp",
        b"65535",
        b"65536",
        b"65616",
        b"65616/tcp",
        b"99999",
        b"4294967376",
        b"18446744073709551616",
        b"99999999999999999999999999",
        b"1a",
        b"22a/tcp",
        b"ssh tcp",
        b" 22",
        b"22 ",
        b"+22",
        b"-",
        b"22/TCP",
        b"HTTP",
        b"Http/tcp",
        b"www",
        b"www/udp",
        b"domain/udp",
        b"53/udp",
        b"ssh/",
        b"22/",
        b"\t22",
        b"2\x002",
        b"http\n",
    ];
    // An argument cannot hold a NUL byte; that one ends at it, as it would in C.
    let keys: Vec<&[u8]> =
        keys.iter().map(|key| key.split(|&b| b == 0).next().unwrap_or(key)).collect();
    assert_same(&one_by_one("services", &keys), true, false);
}

pub fn odd_protocols_keys_print_the_same() {
    let keys: [&[u8]; 27] = [
        b"",
        b"0",
        b"00",
        b"06",
        b"6",
        b"1a",
        b"6tcp",
        b"6/tcp",
        b" 6",
        b"+6",
        b"-",
        b"4294967297",
        b"4294967302",
        b"2147483648",
        b"2147483654",
        b"9223372036854775807",
        b"9223372036854775808",
        b"99999999999999999999",
        b"255",
        b"256",
        b"tcp",
        b"TCP",
        b"Tcp",
        b"ip",
        b"IP",
        b"tcp udp",
        b"tcp/",
    ];
    assert_same(&one_by_one("protocols", &keys), true, false);
}

pub fn keys_that_look_like_options_are_options_unless_after_double_dash() {
    assert_same(
        &[
            os_args(&["services", "-1"]),
            os_args(&["services", "--", "-1"]),
            os_args(&["services", "--", "-1", "http", "--", "ssh"]),
            os_args(&["protocols", "-17"]),
            os_args(&["protocols", "--", "-17", "-1", "tcp"]),
            os_args(&["services", "http", "--", "--", "ssh"]),
        ],
        true,
        false,
    );
}

pub fn keys_that_are_not_utf8_print_the_same() {
    let programs = programs();
    // The twin cannot pass such a key to netdb: it is right (not found) only where the
    // database is UTF-8 throughout, and says so on stderr otherwise (see the example).
    for db in ["services", "protocols", "hosts", "networks"] {
        let all = run(&programs.getent, &os_args(&[db]), false);
        if std::str::from_utf8(&all.stdout).is_err() {
            common::ignore(format!(
                "needs this machine's {db} database to be UTF-8, and it is not"
            ));
        }
    }
    let services: [&[u8]; 5] = [b"\xff", b"80/\xff", b"\xff/tcp", b"http/t\xe9p", b"caf\xe9"];
    let protocols: [&[u8]; 4] = [b"\xff", b"6\xff", b"t\xe9p", b"17\xc3\xa9"];
    let mut runs = one_by_one("services", &services);
    runs.extend(one_by_one("protocols", &protocols));
    runs.push(os_args(&[&b"services"[..], b"http", b"\xff", b"ssh"]));
    // Host names go to every source: keep them few (DNS may be slow to say no).
    for db in ["hosts", "ahosts", "ahostsv6", "networks"] {
        runs.extend(one_by_one(db, &[&b"caf\xe9"[..], b"1\xff"]));
    }
    runs.push(os_args(&[&b"-i"[..], b"ahosts", b"caf\xe9"]));
    runs.push(os_args(&[&b"hosts"[..], b"localhost", b"\xff", b"127.0.0.1"]));
    assert_same(&runs, true, false);
}

pub fn getent_goes_on_after_a_key_it_does_not_find() {
    let programs = programs();
    let missing = ["no-such-service-here", "no-such-service/tcp", "http/no-such-protocol", "0/tcp"];
    for key in missing {
        let outcome = run(&programs.getent, &os_args(&["services", key]), false);
        assert_eq!(
            (outcome.stdout.as_slice(), outcome.code),
            (&b""[..], Some(2)),
            "getent found {key}"
        );
    }
    let mut runs = one_by_one("services", &missing);
    runs.extend(one_by_one("protocols", &["no-such-protocol", "999", "-"]));
    runs.push(os_args(&["services", "http", "no-such-service-here", "ssh", "", "smtp", "0/tcp"]));
    runs.push(os_args(&["services", "no-such-service-here", "http"]));
    runs.push(os_args(&["protocols", "tcp", "no-such-protocol", "udp", "999", "icmp"]));
    runs.push(os_args(&["protocols", "no-such-protocol"]));
    assert_same(&runs, true, false);
}

pub fn bad_usage_fails_the_same() {
    let runs: Vec<Vec<OsString>> = [
        &[][..],
        &["foo"],
        &[""],
        &["SERVICES"],
        &["services "],
        &["-"],
        &["-", "services"],
        &["-x"],
        &["-x", "services", "http"],
        &["services", "http", "-x"],
        &["--bogus", "services"],
        &["---x", "services"],
        &["--no", "services"],
        &["--=x"],
        &["--no-idn=3", "services"],
        &["--help=x"],
        &["-s"],
        &["services", "-s"],
        &["--service"],
        &["--p"],
        &["-sfoo:bar", "services"],
        &["-s", "x:y", "services", "http"],
        &["--service=servicesX:files", "services"],
        &["-:"],
        &["-W", "foo"],
        &["--usage"],
        &["services", "--usage"],
        &["--usa", "-x"],
        &["--program-name=/a/foo"],
        &["--program-name=/a/foo", "-y"],
        &["--program-name", "bar", "baz"],
        &["--program-name=abcd", "--usage"],
        &["--program-name=abcde", "--usage"],
    ]
    .iter()
    .map(|args| os_args(args))
    .collect();
    assert_same(&runs, true, false);
}

pub fn options_that_do_not_change_a_lookup_are_accepted() {
    assert_same(
        &[
            os_args(&["-i", "services", "http"]),
            os_args(&["services", "http", "-i"]),
            os_args(&["-Ai", "protocols", "tcp"]),
            os_args(&["--no-idn", "--no-addrconfig", "services", "ssh"]),
            os_args(&["--no-i", "--no-a", "services", "ssh"]),
            os_args(&["--", "services", "http"]),
            os_args(&["services", "http", "--"]),
            os_args(&["--HANG=0", "services", "http"]),
            os_args(&["-s", "hosts:dns", "services", "http"]),
            os_args(&["--service=p:files", "protocols", "tcp"]),
            os_args(&["-i", "hosts", "localhost"]),
            os_args(&["-A", "ahosts", "localhost"]),
            os_args(&["--no-addrconfig", "ahostsv6", "localhost", "127.0.0.1"]),
            os_args(&["-i", "ahostsv4", "localhost"]),
            os_args(&["-s", "services:files", "networks", "loopback"]),
            // -s configures NSS databases, and there is no "ahosts" one: glibc ignores it.
            os_args(&["-s", "ahosts:dns", "ahosts", "localhost"]),
            os_args(&["-s", "a:dns", "ahostsv4", "localhost"]),
            os_args(&["-s", "ahostsv6:dns", "ahostsv6", "localhost"]),
        ],
        true,
        false,
    );
}

pub fn posixly_correct_ends_the_options_at_the_database() {
    assert_same(
        &[
            os_args(&["services", "http", "-i"]),
            os_args(&["services", "http", "--", "ssh"]),
            os_args(&["-i", "services", "--x", "ssh"]),
        ],
        true,
        true,
    );
}

pub fn databases_the_twin_lacks_answer_as_unknown_databases() {
    let programs = programs();
    // The twin's --help lists what it supports; getent's --help what getent supports.
    let help = run(&programs.twin, &os_args(&["--help"]), false);
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let supported = help.split("Supported databases:\n").nth(1).expect("--help lists databases");
    let supported: Vec<&str> =
        supported.split("\n\n").next().unwrap_or("").split_whitespace().collect();
    assert!(supported.contains(&"services") && supported.contains(&"protocols"), "{help}");
    let getent_help = run(&programs.getent, &os_args(&["--help"]), false);
    let getent_help = String::from_utf8_lossy(&getent_help.stdout).into_owned();
    let known = getent_help.split("Supported databases:\n").nth(1).unwrap_or("");
    let known: Vec<&str> = known.split("\n\n").next().unwrap_or("").split_whitespace().collect();
    assert!(known.contains(&"hosts"), "getent --help lists no databases:\n{getent_help}");
    for database in known.iter().filter(|db| !supported.contains(db)) {
        let outcome = run(&programs.twin, &os_args(&[*database, "localhost"]), false);
        assert_eq!(
            outcome,
            Outcome {
                stdout: b"Try `getent --help' or `getent --usage' for more information.\n".to_vec(),
                stderr: format!("Unknown database: {database}\n").into_bytes(),
                code: Some(1),
            },
            "getent {database}"
        );
    }
}

pub fn a_service_configuration_the_twin_cannot_honour_is_an_error() {
    let programs = programs();
    for args in [
        &["-s", "files", "services", "http"][..],
        &["--service=proto:files", "protocols", "tcp"],
        &["-s", "files", "hosts", "localhost"],
        // getaddrinfo reads the hosts database.
        &["-s", "hosts:files", "ahosts", "localhost"],
        &["-s", "host:files", "ahostsv6", "localhost"],
        &["--service=networks:files", "networks", "loopback"],
    ] {
        let outcome = run(&programs.twin, &os_args(args), false);
        assert_eq!(outcome.code, Some(1), "{args:?}");
        assert!(outcome.stdout.is_empty(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&outcome.stderr).contains("service configuration"),
            "{args:?}"
        );
    }
}

/// A services file with what the system's may lack: names that are not ASCII (padded by
/// bytes), longer than the column, not UTF-8 (in one field of the entry: the twin
/// restores that one exactly), repeated names and ports.
const PRIVATE_SERVICES: &[u8] = b"# a private services file\n\
    tcpmux\t\t1/tcp\n\
    http\t\t80/tcp\t\twww www-http\t# WorldWideWeb HTTP\n\
    http\t\t80/udp\t\twww\n\
    caf\xc3\xa9\t\t5000/tcp\tkaffee \xe2\x98\x95\n\
    na\xc3\xafve-service-with-a-long-name 5001/tcp\n\
    \xff\xferaw\t\t5002/tcp\tlatin1-name\n\
    alias-latin1\t5003/udp\tcaf\xe9 ok\n\
    proto-latin1\t5004/t\xe9p\n\
    dup\t\t5005/tcp\n\
    dup\t\t5006/tcp\n\
    other\t\t5005/udp\tdup\n\
    exactly-twenty-one-b\t5007/tcp\n\
    exactly-twenty-one-by\t5008/tcp\n";

const PRIVATE_PROTOCOLS: &[u8] = b"ip\t0\tIP\n\
    icmp\t1\tICMP\n\
    tcp\t6\tTCP\n\
    udp\t17\tUDP\n\
    \xc3\xbcn\xc3\xafcode\t200\t\xc3\x9c\n\
    l\xe4tin\t201\tLATIN\n\
    alias\t202\t\xe4lias\n\
    dup\t203\n\
    dup\t204\tdup2\n\
    p5\t5\n\
    p7\t7\n\
    p8\t8\n\
    p9\t9\n\
    p10\t10\n\
    p11\t11\n";

pub fn a_private_etc_with_unusual_entries_prints_the_same() {
    programs(); // before the private /etc: ignored at once where there is no getent
    common::with_private_etc(
        "a_private_etc_with_unusual_entries_prints_the_same",
        &[("services", Some(PRIVATE_SERVICES)), ("protocols", Some(PRIVATE_PROTOCOLS))],
        || {
            let programs = programs();
            assert_same(&[os_args(&["services"]), os_args(&["protocols"])], true, false);
            for db in [Db::Services, Db::Protocols] {
                let entries = entries(programs, db);
                // Keys that are not UTF-8 cannot reach netdb (see the example's docs).
                let keys: Vec<Vec<u8>> = every_key(db, &entries)
                    .into_iter()
                    .filter(|key| std::str::from_utf8(key).is_ok())
                    .collect();
                assert_same_per_key(programs, db, &entries, &keys);
            }
        },
    );
}

/// A hosts file with what the system's lacks: a host with thousands of aliases (its
/// entry needs a buffer grown many times over), a name with many IPv4 and IPv6
/// addresses on many lines (which `multi on` merges), IPv6 entries, mapped and
/// compatible addresses, names that are not ASCII or not UTF-8 (in one field of the
/// entry), names longer than the column, lines without a name or with a bad address.
fn private_hosts() -> Vec<u8> {
    let mut file = b"# a private hosts file\n\
        127.0.0.1\tlocalhost\n\
        ::1\tlocalhost ip6-localhost ip6-loopback\n"
        .to_vec();
    let aliases: Vec<String> = (0..2000).map(|i| format!("alias-{i}")).collect();
    file.extend(format!("10.1.0.1\taliased {}\n", aliases.join(" ")).into_bytes());
    for i in 1..=24 {
        file.extend(
            format!("10.2.0.{i}\tmultihost mh4-{i}\nfd00:2::{i:x}\tmultihost mh6-{i}\n")
                .into_bytes(),
        );
    }
    file.extend_from_slice(
        b"2001:db8::1\tv6-only v6-alias\n\
        fe80::1\tlink-local-v6\n\
        ::ffff:10.3.0.1\tmapped-v4\n\
        ::10.3.0.2\tcompat-v4\n\
        10.4.0.1\tMixed.Case.Example UPPER\n\
        10.5.0.1\ta-name-much-longer-than-fifteen-bytes.example\n\
        10.6.0.1\tdup first-dup\n\
        10.6.0.2\tdup second-dup\n\
        10.7.0.1\tcaf\xc3\xa9.example\n\
        10.8.0.1\tlatin1-caf\xe9 latin1-ok\n\
        10.8.0.2\tlatin1-alias-host caf\xe9-alias\n\
        10.9.0.1\n\
        10.10.0.1\twith-comment # and a comment\n\
        not-an-address\tbroken\n\
        300.1.1.1\tbad-address\n\
        10.11.0.1\tv4-and-v6\n\
        fd00:11::1\tv4-and-v6\n",
    );
    file
}

/// A networks file with short forms (`127` is the number 127), full forms, hex and
/// octal numbers, aliases, duplicates and names that are not ASCII or not UTF-8.
const PRIVATE_NETWORKS: &[u8] = b"# a private networks file\n\
    default\t\t0.0.0.0\n\
    loopback\t127\t\tlo-short\n\
    loopback-full\t127.0.0.0\tlo-full\n\
    link-local\t169.254.0.0\n\
    ten\t\t10\t\tten-net net10\n\
    ten-one\t\t10.1\n\
    class-b\t\t172.16\n\
    class-c\t\t192.168.1\n\
    hex-net\t\t0x0b\n\
    octal-net\t012.0\n\
    caf\xc3\xa9-net\t10.3\n\
    latin1-n\xe9t\t10.4\tlatin1-net-alias\n\
    a-network-name-longer-than-21-bytes\t10.5\n\
    dup\t\t10.6\n\
    dup\t\t10.7\n";

/// Only the files: no name goes to DNS, so thousands of keys take no time.
const PRIVATE_NSSWITCH: &[u8] = b"passwd: files\ngroup: files\nshadow: files\n\
    hosts: files\nnetworks: files\nprotocols: files\nservices: files\n";

pub fn a_private_etc_with_many_hosts_and_networks_prints_the_same() {
    let hosts = private_hosts();
    programs(); // before the private /etc: ignored at once where there is no getent
    common::with_private_etc(
        "a_private_etc_with_many_hosts_and_networks_prints_the_same",
        &[
            ("hosts", Some(&hosts)),
            ("host.conf", Some(b"multi on\n")),
            ("networks", Some(PRIVATE_NETWORKS)),
            ("nsswitch.conf", Some(PRIVATE_NSSWITCH)),
        ],
        || {
            let programs = programs();
            let mut runs: Vec<Vec<OsString>> =
                HOST_DATABASES.iter().map(|db| os_args(&[db])).collect();
            runs.push(os_args(&["networks"]));
            assert_same(&runs, true, false);

            // Keys that are not UTF-8 cannot reach netdb (see the example's docs).
            let utf8 = |keys: Vec<Vec<u8>>| -> Vec<Vec<u8>> {
                keys.into_iter().filter(|key| std::str::from_utf8(key).is_ok()).collect()
            };
            let mut host_keys = every_host_key(programs);
            host_keys.extend(ODD_HOST_KEYS.iter().map(|key| key.as_bytes().to_vec()));
            let mut host_keys = utf8(unique(host_keys));
            assert!(host_keys.len() > 2000, "{} host keys", host_keys.len());
            // The empty key finds the line without a name in getent's hosts, and nothing
            // in netdb: the twin says it cannot tell (see the example's docs).
            host_keys.retain(|key| !key.is_empty());
            let empty = run(&programs.twin, &os_args(&["hosts", ""]), false);
            assert_eq!((empty.stdout.as_slice(), empty.code), (&b""[..], Some(2)));
            assert!(show(&empty.stderr).contains("without a name"), "{}", show(&empty.stderr));
            assert_same(&[os_args(&["ahosts", ""]), os_args(&["networks", ""])], true, false);
            assert_host_keys_the_same(programs, &[], &host_keys);
            // -i passes names that are not ASCII to getaddrinfo as they are.
            let not_ascii: Vec<Vec<u8>> =
                host_keys.iter().filter(|key| !key.is_ascii()).cloned().collect();
            assert!(!not_ascii.is_empty());
            assert_host_keys_the_same(programs, &["-i", "-A"], &not_ascii);
            assert_network_keys_the_same(&utf8(every_network_key(programs)));
        },
    );
}
