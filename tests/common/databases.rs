//! The broken databases of `tests/broken_databases.rs`, which `tests/index.rs` compares
//! the index with the C library on too: missing and empty files, CRLF line ends,
//! comments everywhere, lines of 100 KiB, an entry with 10,000 aliases, bytes that are
//! not UTF-8, numbers out of range and bad addresses, duplicate names, and odd white
//! space, each a services, a protocols and a hosts file.

pub const CRLF_SERVICES: &[u8] = b"# services with CRLF line ends\r\n\
\r\n\
http\t80/tcp\twww www-http\r\n\
http 80/udp\r\n\
old-mac 9/tcp\rmac-next 10/tcp\r\n\
cr-last 7070/udp cr-alias\r";

pub const CRLF_PROTOCOLS: &[u8] = b"# protocols with CRLF line ends\r\n\
\r\n\
ip\t0\tIP\r\n\
udp 17 UDP\r\n\
tcp 6 TCP\r\n\
cr-last 250 CR-LAST\r";

pub const CRLF_HOSTS: &[u8] = b"127.0.0.1\tlocalhost\r\n\
\r\n\
192.0.2.70 crlf.test crlf-alias.test\r\n\
2001:db8::70 crlf6.test\r\n\
192.0.2.71 cr-last.test\r";

pub const COMMENTED_SERVICES: &[u8] = b"# full-line comment\n\
#\n\
##\n\
#####\n\
\x20  # indented comment\n\
#hidden 1/tcp\n\
# hidden2 2/tcp\n\
http 80/tcp www # trailing comment with www2 3/tcp\n\
glued 7/tcp#comment-glued-to-the-protocol\n\
glued-alias 8/tcp a1#c a2\n\
portglued 9#/tcp\n\
nameglued#10/tcp\n\
spaced-hash 11/tcp # # #\n\
trailing-hash 12/tcp #\n\
#\n";

pub const COMMENTED_PROTOCOLS: &[u8] = b"# full-line comment\n\
#\n\
##\n\
#hidden 201\n\
ip 0 IP # trailing IP-comment\n\
glued 202#comment\n\
glued-alias 203 pa1#c pa2\n\
numglued#204\n\
spaced-hash 205 # # #\n\
#";

pub const COMMENTED_HOSTS: &[u8] = b"# full-line comment\n\
#\n\
##\n\
#192.0.2.89 hidden.test\n\
127.0.0.1 localhost # trailing comment\n\
192.0.2.80 glued.test#comment\n\
192.0.2.81 glued-alias.test ga1.test#c ga2.test\n\
192.0.2.82#glued-to-the-address nameless.test\n\
192.0.2.83 spaced.test # # #\n\
2001:db8::80 six.test # comment after IPv6\n\
#\n";

pub const NON_UTF8_SERVICES: &[u8] = b"caf\xe9 9001/tcp ok-alias bad-\xff-alias\n\
good 9002/tcp al\xe9\n\
proto-bad 9003/t\xe7p\n\
caf\xc3\xa9 9004/udp\n\
trunc 9005/tcp end\xe2\x82\n\
overlong 9006/tcp \xc0\xaf\n\
surrogate 9007/tcp \xed\xa0\x80\n\
plain 9008/tcp\n";

pub const NON_UTF8_PROTOCOLS: &[u8] = b"caf\xe9 240 ok-palias\n\
good 241 pal\xe9\n\
caf\xc3\xa9 242\n\
plain 243\n";

pub const NON_UTF8_HOSTS: &[u8] = b"127.0.0.1 localhost\n\
192.0.2.30 caf\xe9.test ok.test\n\
192.0.2.31 good.test al\xe9.test\n\
192.0.2.32 caf\xc3\xa9.test\n\
2001:db8::30 six-caf\xe9.test six-ok.test\n";

pub const OUT_OF_RANGE_SERVICES: &[u8] = b"max 65535/tcp\n\
big 65536/tcp\n\
nine 99999/tcp\n\
huge 99999999999999999999999/tcp\n\
neg -1/tcp\n\
plus +7/tcp\n\
hex 0x10/tcp\n\
zero 0/udp\n";

pub const OUT_OF_RANGE_PROTOCOLS: &[u8] = b"max 255\n\
big 256\n\
nine 99999\n\
neg -1\n\
huge 99999999999999999999\n\
hex 0x20\n\
zero 0 ZERO\n";

pub const BAD_ADDRESS_HOSTS: &[u8] = b"127.0.0.1 localhost\n\
999.1.1.1 bad-octet.test\n\
1.2.3 three-parts.test\n\
1.2.3.4.5 five-parts.test\n\
256.0.0.1 big-octet.test\n\
010.0.0.1 leading-zero.test\n\
192.0.2.40 good.test\n\
2001:db8::zz bad6.test\n\
1:2:3:4:5:6:7:8:9 nine-groups.test\n\
::ffff:192.0.2.41 mapped.test\n\
::1 six-loopback.test\n";

pub const DUPLICATE_SERVICES: &[u8] = b"first 100/tcp dupalias\n\
first 200/tcp\n\
first 100/udp\n\
dupalias 300/udp\n\
samename 400/tcp\n\
samename 400/tcp other-alias\n\
portdup 100/tcp\n";

pub const DUPLICATE_PROTOCOLS: &[u8] = b"first 100 pdupalias\n\
first 101\n\
pdupalias 102\n\
other 100\n";

pub const DUPLICATE_HOSTS: &[u8] = b"127.0.0.1 localhost\n\
192.0.2.50 dup.test one.test\n\
192.0.2.51 dup.test two.test\n\
192.0.2.52 DUP.TEST three.test\n\
2001:db8::50 dup.test six.test\n\
2001:db8::51 dup.test\n\
192.0.2.50 again.test\n\
192.0.2.53 one.test\n";

pub const WHITESPACE_SERVICES: &[u8] = b"\n   \n\t\t\n\
\thttp\t80/tcp\t\twww\t\n\
\x20  lead 81/tcp   la1   la2   \n\
trail 82/udp \t \n\
vt\x0b83/tcp\x0cff-alias\n\
nbsp\xc2\xa084/tcp\n\
\n\n\
last 85/tcp last-alias";

pub const WHITESPACE_PROTOCOLS: &[u8] = b"\n   \n\t\t\n\
\tip\t0\tIP\t\n\
\x20  lead 230   pla1   pla2   \n\
trail 231 \t \n\
vt\x0b232\x0cff-palias\n\
\n\n\
last 233 last-palias";

pub const WHITESPACE_HOSTS: &[u8] = b"127.0.0.1 localhost\n\
\t192.0.2.60\tlead-tab.test\t\n\
\x20  192.0.2.61   lead.test   la.test   \n\
192.0.2.62 trail.test \t \n\
192.0.2.63\x0bvt.test\x0cff.test\n\
\n   \n\t\n\
2001:db8::60\t\tsix-tab.test\n\
192.0.2.64 last.test last-alias.test";

/// 100 KiB of one byte.
pub fn run_of(byte: u8) -> Vec<u8> {
    vec![byte; 100 * 1024]
}

/// Lines of 100 KiB: an entry with an alias of 100 KiB, a comment of 100 KiB, 100 KiB of
/// blanks between two fields and a line of 100 KiB that is no entry, each followed by an
/// entry that a lookup must read them to reach.
pub fn long_line_files() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let alias = run_of(b'a');
    let comment = [&b"# "[..], &run_of(b'x')].concat();
    let blanks = run_of(b' ');
    let junk = run_of(b'y');
    let services = [
        &b"before 7000/tcp\nlong 7001/tcp short-alias "[..],
        &alias,
        b"\n",
        &comment,
        b"\nafter-comment 7002/tcp\nspaced",
        &blanks,
        b"7003/tcp spaced-alias\n",
        &junk,
        b"\nafter-all 7004/udp\n",
    ]
    .concat();
    let protocols = [
        &b"ip 0 IP\nlong 210 short-palias "[..],
        &alias,
        b"\n",
        &comment,
        b"\nafter-comment 211\nspaced",
        &blanks,
        b"212 spaced-palias\n",
        &junk,
        b"\nafter-all 213\n",
    ]
    .concat();
    let hosts = [
        &b"127.0.0.1 localhost\n192.0.2.90 long.test short.test "[..],
        &alias,
        b"\n",
        &comment,
        b"\n192.0.2.91 after-comment.test\n192.0.2.92",
        &blanks,
        b"spaced.test\n",
        &junk,
        b"\n192.0.2.93 after-all.test\n",
    ]
    .concat();
    (services, protocols, hosts)
}

/// `count` aliases: `prefix-0` to `prefix-{count - 1}`.
pub fn many(prefix: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{prefix}-{i}")).collect()
}

/// `count` host names in `.test`, which DNS does not know (musl asks it for the names
/// it does not find).
pub fn many_hosts(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("halias-{i}.test")).collect()
}

/// A services, a protocols and a hosts file each with an entry of 10,000 aliases, and
/// a neighbour after it.
pub fn ten_thousand_aliases_files() -> (String, String, String) {
    let services = format!(
        "bulk 4000/tcp {}\nbulk 4000/udp\nneighbour 4001/tcp n-alias\n",
        many("alias", 10_000).join(" ")
    );
    let protocols = format!("bulk 220 {}\nneighbour 221 N\n", many("palias", 10_000).join(" "));
    let hosts = format!(
        "127.0.0.1 localhost\n192.0.2.100 bulk.test {}\n192.0.2.101 neighbour.test\n",
        many_hosts(10_000).join(" ")
    );
    (services, protocols, hosts)
}

/// The services and protocols files of one broken database (`None`: no file).
pub struct Broken {
    /// The test of `tests/broken_databases.rs` that uses them.
    pub name: &'static str,
    pub services: Option<Vec<u8>>,
    pub protocols: Option<Vec<u8>>,
}

/// Every broken database's services and protocols files.
pub fn broken() -> Vec<Broken> {
    let both = |name, services: &[u8], protocols: &[u8]| Broken {
        name,
        services: Some(services.to_vec()),
        protocols: Some(protocols.to_vec()),
    };
    let (long_services, long_protocols, _) = long_line_files();
    let (many_services, many_protocols, _) = ten_thousand_aliases_files();
    vec![
        Broken { name: "missing_files_are_empty_databases", services: None, protocols: None },
        both("empty_files_are_empty_databases", b"", b""),
        both("crlf_line_ends_are_blanks", CRLF_SERVICES, CRLF_PROTOCOLS),
        both("comments_everywhere_end_the_line", COMMENTED_SERVICES, COMMENTED_PROTOCOLS),
        both("lines_of_100_kib_are_read_whole", &long_services, &long_protocols),
        both(
            "an_entry_with_10000_aliases_is_whole",
            many_services.as_bytes(),
            many_protocols.as_bytes(),
        ),
        both(
            "bytes_that_are_not_utf8_are_an_error_that_keeps_the_entry",
            NON_UTF8_SERVICES,
            NON_UTF8_PROTOCOLS,
        ),
        both(
            "numbers_out_of_range_and_bad_addresses",
            OUT_OF_RANGE_SERVICES,
            OUT_OF_RANGE_PROTOCOLS,
        ),
        both("duplicate_names_first_match_wins", DUPLICATE_SERVICES, DUPLICATE_PROTOCOLS),
        both("white_space_oddities_separate_fields", WHITESPACE_SERVICES, WHITESPACE_PROTOCOLS),
    ]
}
