//! The getent package's binary against glibc's `getent`, byte for byte: stdout, exit
//! status and stderr, for the whole `services`, `protocols`, `hosts`, `ahosts*` and
//! `networks` databases, for every key of each (every name, alias, number, address,
//! `name/proto` and `port/proto`), for odd keys, keys that are not found and bad usage;
//! on this machine's /etc, where the keys are few (a name missing from /etc/hosts may
//! wait seconds on DNS), and on private ones with unusual entries and thousands of keys.
//!
//! Each test is a table of cases run by `common::getent::check`: a new case is a line
//! (a key in a list, or `run(&[...])`). Where there is no glibc `getent` to compare with
//! (musl, macOS, Windows, a container without it) the comparisons are reported as
//! ignored, with that reason; the getent binary follows glibc 2.36's getent, and another
//! glibc's may read odd keys differently (a failure then names the key). The tests that
//! need no glibc (`it_prints_what_netdb_finds`, `bad_usage_answers_as_getent_does`)
//! run on every platform.

mod common;

use common::child::OutputWithin;
use common::getent::{check, entries, glibc_getent, keys, run, unique, Case, Entry, Stderr};

common::test_main!(
    the_whole_databases_are_the_same,
    every_hosts_key_prints_the_same_in_every_host_database,
    every_networks_key_prints_the_same,
    every_services_key_prints_the_same,
    every_protocols_key_prints_the_same,
    odd_services_keys_print_the_same,
    odd_protocols_keys_print_the_same,
    keys_that_look_like_options_are_options_unless_after_double_dash,
    keys_that_are_not_utf8_print_the_same,
    getent_goes_on_after_a_key_it_does_not_find,
    bad_usage_fails_the_same,
    options_that_do_not_change_a_lookup_are_accepted,
    posixly_correct_ends_the_options_at_the_database,
    databases_it_lacks_answer_as_unknown_databases,
    a_service_configuration_it_cannot_honour_is_an_error,
    a_private_etc_with_unusual_entries_prints_the_same,
    a_private_etc_with_many_hosts_and_networks_prints_the_same,
    it_prints_what_netdb_finds,
    bad_usage_answers_as_getent_does,
);

/// The databases of addresses, whose keys print any number of lines.
const HOST_DATABASES: [&str; 4] = ["hosts", "ahosts", "ahostsv4", "ahostsv6"];

// --- this machine's databases ---------------------------------------------------------

fn the_whole_databases_are_the_same() {
    check(&[
        run(&["services"]),
        run(&["protocols"]),
        run(&["hosts"]),
        run(&["ahosts"]),
        run(&["ahostsv4"]),
        run(&["ahostsv6"]),
        run(&["networks"]),
        run(&["-A", "-i", "ahostsv6"]),
    ]);
}

fn every_hosts_key_prints_the_same_in_every_host_database() {
    let keys_of_hosts = every_host_key();
    check(&HOST_DATABASES.map(|db| keys(db, &keys_of_hosts)));
}

fn every_networks_key_prints_the_same() {
    check(&[keys("networks", &every_network_key())]);
}

fn every_services_key_prints_the_same() {
    let entries = entries("services");
    assert!(entries.len() > 10, "the services database has only {} entries", entries.len());
    check(&[keys("services", &every_key("services", &entries)).all_found()]);
}

fn every_protocols_key_prints_the_same() {
    let entries = entries("protocols");
    assert!(entries.len() > 10, "the protocols database has only {} entries", entries.len());
    check(&[keys("protocols", &every_key("protocols", &entries)).all_found()]);
}

/// How getent reads a services key: the split at `/`, what is a port, what a name.
/// (An argument cannot hold a NUL byte: `2\02` ends at it, as it would in C.)
const ODD_SERVICES_KEYS: &[&str] = &[
    "",
    "/",
    "//",
    "80/",
    "/tcp",
    "abc/",
    "http/",
    "http//tcp",
    "http/tcp/x",
    "080",
    "0080/tcp",
    "00000000000000000000000000022",
    "0",
    "0/tcp",
    "65535",
    "65536",
    "65616",
    "65616/tcp",
    "99999",
    "4294967376",
    "18446744073709551616",
    "99999999999999999999999999",
    "1a",
    "22a/tcp",
    "ssh tcp",
    " 22",
    "22 ",
    "+22",
    "-",
    "22/TCP",
    "HTTP",
    "Http/tcp",
    "www",
    "www/udp",
    "domain/udp",
    "53/udp",
    "ssh/",
    "22/",
    "\t22",
    "2",
    "http\n",
];

fn odd_services_keys_print_the_same() {
    check(&ODD_SERVICES_KEYS.iter().map(|key| run(&["services", key])).collect::<Vec<_>>());
}

/// How getent reads a protocols key: `atol` of a key that starts with a digit.
const ODD_PROTOCOLS_KEYS: &[&str] = &[
    "",
    "0",
    "00",
    "06",
    "6",
    "1a",
    "6tcp",
    "6/tcp",
    " 6",
    "+6",
    "-",
    "4294967297",
    "4294967302",
    "2147483648",
    "2147483654",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999",
    "255",
    "256",
    "tcp",
    "TCP",
    "Tcp",
    "ip",
    "IP",
    "tcp udp",
    "tcp/",
];

fn odd_protocols_keys_print_the_same() {
    // getent reads a number with atol and passes it on as an int: 4294967297 is 1 where a
    // long has 64 bits. Where it has 32 (armv7, i686), atol saturates, and that target's
    // getent finds nothing; but the getent the tool is compared with is this machine's,
    // of 64 bits. So those two keys are compared only where the tool's long has 64 bits.
    let long_is_64_bits = std::mem::size_of::<std::ffi::c_long>() == 8;
    let keys = ODD_PROTOCOLS_KEYS
        .iter()
        .filter(|key| long_is_64_bits || !matches!(**key, "4294967297" | "4294967302"));
    check(&keys.map(|key| run(&["protocols", key])).collect::<Vec<_>>());
}

fn keys_that_look_like_options_are_options_unless_after_double_dash() {
    check(&[
        run(&["services", "-1"]),
        run(&["services", "--", "-1"]),
        run(&["services", "--", "-1", "http", "--", "ssh"]),
        run(&["protocols", "-17"]),
        run(&["protocols", "--", "-17", "-1", "tcp"]),
        run(&["services", "http", "--", "--", "ssh"]),
    ]);
}

fn keys_that_are_not_utf8_print_the_same() {
    // Such a key cannot reach netdb: getent is right (not found) only where the database
    // is UTF-8 throughout, and says so on stderr otherwise.
    glibc_getent();
    for db in ["services", "protocols", "hosts", "networks"] {
        let all = common::run_getent(&[db]);
        if std::str::from_utf8(&all.stdout).is_err() {
            common::ignore(format!(
                "needs this machine's {db} database to be UTF-8, and it is not"
            ));
        }
    }
    let mut cases: Vec<Case> = [&b"\xff"[..], b"80/\xff", b"\xff/tcp", b"http/t\xe9p", b"caf\xe9"]
        .map(|key| run(&[&b"services"[..], key]))
        .into();
    cases.extend(
        [&b"\xff"[..], b"6\xff", b"t\xe9p", b"17\xc3\xa9"]
            .map(|key| run(&[&b"protocols"[..], key])),
    );
    cases.push(run(&[&b"services"[..], b"http", b"\xff", b"ssh"]));
    // Host names go to every source: keep them few (DNS may be slow to say no).
    for db in ["hosts", "ahosts", "ahostsv6", "networks"] {
        cases.extend([&b"caf\xe9"[..], b"1\xff"].map(|key| run(&[db.as_bytes(), key])));
    }
    cases.push(run(&[&b"-i"[..], b"ahosts", b"caf\xe9"]));
    cases.push(run(&[&b"hosts"[..], b"localhost", b"\xff", b"127.0.0.1"]));
    check(&cases);
}

fn getent_goes_on_after_a_key_it_does_not_find() {
    let missing = ["no-such-service-here", "no-such-service/tcp", "http/no-such-protocol", "0/tcp"];
    glibc_getent();
    for key in missing {
        let outcome = common::run_getent(&["services", key]);
        assert_eq!(
            (outcome.stdout.as_slice(), outcome.status.code()),
            (&b""[..], Some(2)),
            "glibc's getent finds {key}"
        );
    }
    let mut cases: Vec<Case> = missing.map(|key| run(&["services", key])).into();
    cases.extend(["no-such-protocol", "999", "-"].map(|key| run(&["protocols", key])));
    cases.extend([
        run(&["services", "http", "no-such-service-here", "ssh", "", "smtp", "0/tcp"]),
        run(&["services", "no-such-service-here", "http"]),
        run(&["protocols", "tcp", "no-such-protocol", "udp", "999", "icmp"]),
        run(&["protocols", "no-such-protocol"]),
    ]);
    check(&cases);
}

/// Command lines that are wrong, as argp's getopt_long and getent read them.
const BAD_USAGE: &[&[&str]] = &[
    &[],
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
];

fn bad_usage_fails_the_same() {
    check(&BAD_USAGE.iter().map(|args| run(args)).collect::<Vec<_>>());
}

/// Options that change nothing this getent does, accepted as getent accepts them.
const HARMLESS_OPTIONS: &[&[&str]] = &[
    &["-i", "services", "http"],
    &["services", "http", "-i"],
    &["-Ai", "protocols", "tcp"],
    &["--no-idn", "--no-addrconfig", "services", "ssh"],
    &["--no-i", "--no-a", "services", "ssh"],
    &["--", "services", "http"],
    &["services", "http", "--"],
    &["--HANG=0", "services", "http"],
    &["-s", "hosts:dns", "services", "http"],
    &["--service=p:files", "protocols", "tcp"],
    &["-i", "hosts", "localhost"],
    &["-A", "ahosts", "localhost"],
    &["--no-addrconfig", "ahostsv6", "localhost", "127.0.0.1"],
    &["-i", "ahostsv4", "localhost"],
    &["-s", "services:files", "networks", "loopback"],
    // -s configures NSS databases, and there is no "ahosts" one: glibc ignores it.
    &["-s", "ahosts:dns", "ahosts", "localhost"],
    &["-s", "a:dns", "ahostsv4", "localhost"],
    &["-s", "ahostsv6:dns", "ahostsv6", "localhost"],
];

fn options_that_do_not_change_a_lookup_are_accepted() {
    check(&HARMLESS_OPTIONS.iter().map(|args| run(args)).collect::<Vec<_>>());
}

fn posixly_correct_ends_the_options_at_the_database() {
    check(&[
        run(&["services", "http", "-i"]).posixly_correct(),
        run(&["services", "http", "--", "ssh"]).posixly_correct(),
        run(&["-i", "services", "--x", "ssh"]).posixly_correct(),
    ]);
}

/// The databases `--help` lists after "Supported databases:".
fn supported_databases(help: &[u8]) -> Vec<String> {
    let help = String::from_utf8_lossy(help);
    let listed = help.split("Supported databases:\n").nth(1).unwrap_or("");
    listed.split("\n\n").next().unwrap_or("").split_whitespace().map(str::to_owned).collect()
}

fn databases_it_lacks_answer_as_unknown_databases() {
    glibc_getent();
    let ours =
        common::target_command(common::getent_path()).arg("--help").output_within_limit().unwrap();
    let ours = supported_databases(&ours.stdout);
    assert!(ours.contains(&"services".into()) && ours.contains(&"protocols".into()), "{ours:?}");
    let glibc = supported_databases(&common::run_getent(&["--help"]).stdout);
    assert!(glibc.contains(&"hosts".into()), "glibc's getent --help lists no databases");
    let try_help = "Try `getent --help' or `getent --usage' for more information.\n";
    let cases: Vec<Case> = glibc
        .iter()
        .filter(|db| !ours.contains(db))
        .map(|db| {
            let unknown = Stderr::Is(format!("Unknown database: {db}\n").into_bytes());
            run(&[db.as_str(), "localhost"]).gives(1, try_help, unknown)
        })
        .collect();
    assert!(!cases.is_empty(), "getent has every database of glibc's: {ours:?}");
    check(&cases);
}

fn a_service_configuration_it_cannot_honour_is_an_error() {
    glibc_getent();
    let cannot = || Stderr::Has("cannot use the service configuration".into());
    check(&[
        run(&["-s", "files", "services", "http"]).gives(1, "", cannot()),
        run(&["--service=proto:files", "protocols", "tcp"]).gives(1, "", cannot()),
        run(&["-s", "files", "hosts", "localhost"]).gives(1, "", cannot()),
        // getaddrinfo reads the hosts database.
        run(&["-s", "hosts:files", "ahosts", "localhost"]).gives(1, "", cannot()),
        run(&["-s", "host:files", "ahostsv6", "localhost"]).gives(1, "", cannot()),
        run(&["--service=networks:files", "networks", "loopback"]).gives(1, "", cannot()),
    ]);
}

// --- keys ----------------------------------------------------------------------------

/// Every key of every entry, each once: names, aliases and numbers, and for services
/// `name/proto`, `alias/proto` and `port/proto`.
fn every_key(database: &str, entries: &[Entry]) -> Vec<Vec<u8>> {
    let mut keys = Vec::new();
    for entry in entries {
        let number = entry.number.to_string().into_bytes();
        keys.extend(entry.names.iter().cloned());
        keys.push(number.clone());
        if database == "services" {
            for name in entry.names.iter().chain([&number]) {
                keys.push([name.as_slice(), b"/", &entry.protocol].concat());
            }
        }
    }
    unique(keys)
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

/// The fields of what glibc's getent prints for `args`, to take as keys.
fn printed_fields(args: &[&str]) -> Vec<Vec<u8>> {
    let outcome = common::run_getent(args);
    assert_eq!(outcome.status.code(), Some(0), "getent {args:?}: {:?}", outcome.stderr);
    file_fields(&outcome.stdout)
}

/// Keys for every host database besides a database's own: this machine's name and the
/// usual suspects. A name that is not in /etc/hosts goes to DNS if nsswitch.conf says
/// so, which can take seconds: the odder keys are in [`ODD_HOST_KEYS`].
fn machine_host_keys() -> Vec<Vec<u8>> {
    let label = "a".repeat(300);
    let mut keys: Vec<Vec<u8>> =
        ["localhost", "127.0.0.1", "::1", "127.1", "0x7f.1", "nosuchname.invalid", "", &label]
            .iter()
            .map(|key| key.as_bytes().to_vec())
            .collect();
    keys.push(format!("{label}.example").into_bytes());
    keys.push(netdb::hostname().expect("this machine's name").into_bytes());
    keys
}

/// Keys that find out how getent reads a key: which are addresses (`inet_pton`), which
/// the C library answers itself (`inet_aton`), which are names. Run where only
/// /etc/hosts answers, since most of them are names no one has.
const ODD_HOST_KEYS: &[&str] = &[
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
const ODD_NETWORK_KEYS: &[&str] = &[
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

/// Every name and address of /etc/hosts and what getent lists of it, with this
/// machine's name and the usual suspects.
fn every_host_key() -> Vec<Vec<u8>> {
    glibc_getent();
    let file = std::fs::read("/etc/hosts").unwrap_or_default();
    let mut keys = file_fields(&file);
    keys.extend(printed_fields(&["hosts"]));
    keys.extend(machine_host_keys());
    unique(keys)
}

/// Every name and number of /etc/networks and what getent lists of it, with the odd keys.
fn every_network_key() -> Vec<Vec<u8>> {
    glibc_getent();
    let file = std::fs::read("/etc/networks").unwrap_or_default();
    let mut keys = file_fields(&file);
    keys.extend(printed_fields(&["networks"]));
    keys.extend(ODD_NETWORK_KEYS.iter().map(|key| key.as_bytes().to_vec()));
    unique(keys)
}

/// Only the keys netdb can take (see the getent package's docs).
fn utf8(keys: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    keys.into_iter().filter(|key| std::str::from_utf8(key).is_ok()).collect()
}

// --- private databases -------------------------------------------------------------------

/// A services file with what the system's may lack: names that are not ASCII (padded by
/// bytes), longer than the column, not UTF-8 (in one field of the entry, which getent
/// restores exactly), repeated names and ports.
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

fn a_private_etc_with_unusual_entries_prints_the_same() {
    glibc_getent(); // before the private /etc: ignored at once where there is none
    common::with_private_etc(
        "a_private_etc_with_unusual_entries_prints_the_same",
        &[("services", Some(PRIVATE_SERVICES)), ("protocols", Some(PRIVATE_PROTOCOLS))],
        || {
            let mut cases = vec![run(&["services"]), run(&["protocols"])];
            for db in ["services", "protocols"] {
                let keys_of_db = utf8(every_key(db, &entries(db)));
                cases.push(keys(db, &keys_of_db).all_found());
            }
            check(&cases);
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

fn a_private_etc_with_many_hosts_and_networks_prints_the_same() {
    let hosts = private_hosts();
    glibc_getent(); // before the private /etc: ignored at once where there is none
    common::with_private_etc(
        "a_private_etc_with_many_hosts_and_networks_prints_the_same",
        &[
            ("hosts", Some(&hosts)),
            ("host.conf", Some(b"multi on\n")),
            ("networks", Some(PRIVATE_NETWORKS)),
            ("nsswitch.conf", Some(PRIVATE_NSSWITCH)),
        ],
        || {
            let mut host_keys = every_host_key();
            host_keys.extend(ODD_HOST_KEYS.iter().map(|key| key.as_bytes().to_vec()));
            let mut host_keys = utf8(unique(host_keys));
            assert!(host_keys.len() > 2000, "{} host keys", host_keys.len());
            // The empty key finds the line without a name in glibc's getent, and nothing
            // in netdb: getent says it cannot tell.
            host_keys.retain(|key| !key.is_empty());
            // -i passes names that are not ASCII to getaddrinfo as they are.
            let not_ascii: Vec<Vec<u8>> =
                host_keys.iter().filter(|key| !key.is_ascii()).cloned().collect();
            assert!(!not_ascii.is_empty());

            let mut cases: Vec<Case> = HOST_DATABASES.map(|db| run(&[db])).into();
            cases.extend([run(&["networks"]), run(&["ahosts", ""]), run(&["networks", ""])]);
            let nameless = Stderr::Has("without a name".into());
            cases.push(run(&["hosts", ""]).gives(2, "", nameless));
            cases.extend(HOST_DATABASES.map(|db| keys(db, &host_keys)));
            cases.extend(HOST_DATABASES.map(|db| keys(db, &not_ascii).with_options(&["-i", "-A"])));
            cases.push(keys("networks", &utf8(every_network_key())));
            check(&cases);
        },
    );
}

// --- on every platform: what netdb finds ------------------------------------------------

/// What getent prints for an entry netdb found (with `Display`), or for none.
fn printed<T: std::fmt::Display>(found: netdb::Result<Option<T>>) -> (i32, String) {
    match found.expect("netdb's lookup") {
        Some(entry) => (0, format!("{entry}\n")),
        None => (2, String::new()),
    }
}

/// `getent hosts NAME`: netdb's IPv6 entry of the name, else its IPv4 one.
fn host_lines(name: &str) -> (i32, String) {
    match printed(netdb::Host::from_name(name, netdb::AddressFamily::Inet6)) {
        (2, _) => printed(netdb::Host::from_name(name, netdb::AddressFamily::Inet)),
        found => found,
    }
}

fn is_unsupported<T>(result: &netdb::Result<T>) -> bool {
    matches!(result, Err(netdb::Error::Io(e)) if e.kind() == std::io::ErrorKind::Unsupported)
}

/// The binary prints what netdb's lookups find, with netdb's `Display`, on every
/// platform (under Wine too, and with musl), with getent's exit statuses.
fn it_prints_what_netdb_finds() {
    use netdb::{Network, Protocol, Service};
    let nothing = || Stderr::Is(Vec::new());
    let expect =
        |args: &[&str], (code, stdout): (i32, String)| run(args).gives(code, stdout, nothing());
    let mut cases = vec![
        expect(&["services", "22"], printed(Service::from_port(22, None))),
        expect(&["services", "domain/udp"], printed(Service::from_name("domain", Some("udp")))),
        expect(&["services", "no-such-service-here"], (2, String::new())),
        expect(&["protocols", "tcp"], printed(Protocol::from_name("tcp"))),
        expect(&["protocols", "17"], printed(Protocol::from_number(17))),
        expect(&["hosts", "localhost"], host_lines("localhost")),
        expect(&["hosts", "127.0.0.1"], printed(netdb::Host::from_addr([127, 0, 0, 1].into()))),
    ];
    if let Ok(all) = Service::all() {
        cases.push(expect(&["services"], (0, all.iter().map(|s| format!("{s}\n")).collect())));
    }
    if let Ok(all) = Protocol::all() {
        cases.push(expect(&["protocols"], (0, all.iter().map(|p| format!("{p}\n")).collect())));
    }
    let hosts = netdb::Host::all();
    if is_unsupported(&hosts) {
        let unsupported = Stderr::Is(b"Enumeration not supported on hosts\n".to_vec());
        cases.push(run(&["hosts"]).gives(3, "", unsupported));
    } else {
        let all = hosts.expect("Host::all");
        cases.push(expect(&["hosts"], (0, all.iter().map(|h| format!("{h}\n")).collect())));
    }
    let loopback = Network::from_name("loopback");
    if is_unsupported(&loopback) {
        let try_help = "Try `getent --help' or `getent --usage' for more information.\n";
        let unknown = Stderr::Is(b"Unknown database: networks\n".to_vec());
        cases.push(run(&["networks", "loopback"]).gives(1, try_help, unknown));
    } else {
        cases.push(expect(&["networks", "loopback"], printed(loopback)));
    }
    check(&cases);
}

/// The exit statuses and messages of bad usage, on every platform.
fn bad_usage_answers_as_getent_does() {
    let try_help = "Try `getent --help' or `getent --usage' for more information.\n";
    check(&[
        run::<&str>(&[]).gives(1, try_help, Stderr::Has(": wrong number of arguments\n".into())),
        run(&["passwd", "root"]).gives(
            1,
            try_help,
            Stderr::Is(b"Unknown database: passwd\n".to_vec()),
        ),
        run(&["-x", "services"]).gives(
            64,
            "",
            Stderr::Has(format!(": invalid option -- 'x'\n{try_help}")),
        ),
        run(&["--usage"]).gives(
            0,
            "Usage: getent [-Ai?V] [-s CONFIG] [--no-addrconfig] [--no-idn]\n            \
             [--service=CONFIG] [--help] [--usage] [--version]\n            \
             database [key ...]\n",
            Stderr::Is(Vec::new()),
        ),
    ]);
}
