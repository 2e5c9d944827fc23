//! The command line, as getent's `argp` reads it: GNU `getopt_long` over `-A`, `-i`,
//! `-s CONFIG`, `-?`, `-V` and the long options (which may be abbreviated), with argp's
//! hidden `--program-name` and `--HANG`, and its messages, `--help` and `--usage`.

use std::io::{self, Write};
use std::time::Duration;

use crate::c::strtol;
use crate::databases::{self, DATABASES};
use crate::os::base_name;
use crate::output::{message, print, BAD_OPTION, FOUND, USAGE};

/// What the options asked for, besides the operands.
pub struct Options {
    /// getopt's messages name the program by `argv[0]` as given.
    argv0: Vec<u8>,
    /// `program_invocation_name`: `argv[0]`, or the `--program-name`.
    pub invocation_name: Vec<u8>,
    /// argp's `state->name`: the last path component of the invocation name.
    pub short_name: Vec<u8>,
    /// `-s CONFIG` and `-s DB:CONFIG`, in order: the database (`None` for all) and the
    /// configuration.
    nss_configs: Vec<(Option<&'static str>, Vec<u8>)>,
    /// `-i`, `--no-idn`: no IDN encoding (for `ahosts*`).
    pub no_idn: bool,
    /// `-A`, `--no-addrconfig`: no `AI_ADDRCONFIG` (for `ahosts*`).
    pub no_addrconfig: bool,
}

impl Options {
    /// The service configuration a `-s` gave for the NSS database `database`, if any.
    pub fn nss_config_for(&self, database: &str) -> Option<&[u8]> {
        self.nss_configs
            .iter()
            .find(|(only, _)| only.map_or(true, |only| only == database))
            .map(|(_, config)| config.as_slice())
    }
}

/// The options getent's argp knows, in argp's order (which its ambiguity messages use).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opt {
    Service,
    NoIdn,
    NoAddrconfig,
    Help,
    Usage,
    ProgramName,
    Hang,
    Version,
}

/// An option as parsed, with its value if it takes one.
type Parsed = (Opt, Option<Vec<u8>>);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Argument {
    No,
    Required,
    Optional,
}

const LONG_OPTIONS: &[(&str, Argument, Opt)] = &[
    ("service", Argument::Required, Opt::Service),
    ("no-idn", Argument::No, Opt::NoIdn),
    ("no-addrconfig", Argument::No, Opt::NoAddrconfig),
    ("help", Argument::No, Opt::Help),
    ("usage", Argument::No, Opt::Usage),
    ("program-name", Argument::Required, Opt::ProgramName),
    ("HANG", Argument::Optional, Opt::Hang),
    ("version", Argument::No, Opt::Version),
];

fn short_option(letter: u8) -> Option<(Argument, Opt)> {
    match letter {
        b's' => Some((Argument::Required, Opt::Service)),
        b'i' => Some((Argument::No, Opt::NoIdn)),
        b'A' => Some((Argument::No, Opt::NoAddrconfig)),
        b'?' => Some((Argument::No, Opt::Help)),
        b'V' => Some((Argument::No, Opt::Version)),
        _ => None,
    }
}

/// Parses `args` (program name first) as argp's `getopt_long` does and acts on the
/// options in order. getopt moves the operands behind the options unless
/// `posixly_correct` (the environment has `POSIXLY_CORRECT`), when the first operand
/// ends the options. Returns the options and the operands (the database and its keys),
/// or the exit status when an option ended the program (a bad option, `--help`, ...).
pub fn parse(args: &[Vec<u8>], posixly_correct: bool) -> Result<(Options, Vec<Vec<u8>>), u8> {
    let argv0 = args.first().cloned().unwrap_or_else(|| b"getent".to_vec());
    let mut options = Options {
        short_name: base_name(&argv0).to_vec(),
        invocation_name: argv0.clone(),
        argv0,
        nss_configs: Vec::new(),
        no_idn: false,
        no_addrconfig: false,
    };
    let mut operands = Vec::new();
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        if arg == b"--" {
            operands.extend(rest.cloned());
            break;
        } else if let Some(long) = arg.strip_prefix(b"--") {
            let (opt, value) = long_option(&options, long, &mut rest)?;
            act(&mut options, opt, value)?;
        } else if arg.len() > 1 && arg[0] == b'-' {
            for (opt, value) in short_options(&options, &arg[1..], &mut rest)? {
                act(&mut options, opt, value)?;
            }
        } else {
            operands.push(arg.clone());
            if posixly_correct {
                operands.extend(rest.cloned());
                break;
            }
        }
    }
    Ok((options, operands))
}

/// getopt's `process_long_option` for `--NAME[=VALUE]`: an exact name, or a prefix of
/// exactly one option.
fn long_option<'a>(
    options: &Options,
    long: &[u8],
    rest: &mut impl Iterator<Item = &'a Vec<u8>>,
) -> Result<Parsed, u8> {
    let (name, value) = match long.iter().position(|&b| b == b'=') {
        Some(equals) => (&long[..equals], Some(long[equals + 1..].to_vec())),
        None => (long, None),
    };
    let exact = LONG_OPTIONS.iter().find(|(known, ..)| known.as_bytes() == name);
    let candidates: Vec<_> = match exact {
        Some(exact) => vec![exact],
        None => {
            LONG_OPTIONS.iter().filter(|(known, ..)| known.as_bytes().starts_with(name)).collect()
        }
    };
    let (known, argument, opt) = match candidates[..] {
        [only] => *only,
        [] => {
            return Err(bad_option(options, &[b"unrecognized option '--", long, b"'"]));
        }
        _ => {
            let mut text = [b"option '--", long, b"' is ambiguous; possibilities:"].concat();
            for (known, ..) in candidates {
                text.extend_from_slice(format!(" '--{known}'").as_bytes());
            }
            return Err(bad_option(options, &[&text]));
        }
    };
    match (argument, value) {
        (Argument::No, Some(_)) => Err(bad_option(
            options,
            &[b"option '--", known.as_bytes(), b"' doesn't allow an argument"],
        )),
        (Argument::Required, None) => match rest.next() {
            Some(next) => Ok((opt, Some(next.clone()))),
            None => Err(bad_option(
                options,
                &[b"option '--", known.as_bytes(), b"' requires an argument"],
            )),
        },
        (_, value) => Ok((opt, value)),
    }
}

/// getopt for a cluster of short options such as `-is files` (`letters` is `is`).
fn short_options<'a>(
    options: &Options,
    letters: &[u8],
    rest: &mut impl Iterator<Item = &'a Vec<u8>>,
) -> Result<Vec<Parsed>, u8> {
    let mut found = Vec::new();
    for (at, &letter) in letters.iter().enumerate() {
        let Some((argument, opt)) = short_option(letter) else {
            return Err(bad_option(options, &[b"invalid option -- '", &[letter], b"'"]));
        };
        if argument != Argument::Required {
            found.push((opt, None));
            continue;
        }
        // The rest of the cluster is the value, or else the next argument.
        let value = match &letters[at + 1..] {
            [] => match rest.next() {
                Some(next) => next.clone(),
                None => {
                    return Err(bad_option(
                        options,
                        &[b"option requires an argument -- '", &[letter], b"'"],
                    ));
                }
            },
            attached => attached.to_vec(),
        };
        found.push((opt, Some(value)));
        break;
    }
    Ok(found)
}

/// getopt's message on stderr, then argp's hint, for exit status 64.
fn bad_option(options: &Options, text: &[&[u8]]) -> u8 {
    let mut line = [options.argv0.as_slice(), b": "].concat();
    text.iter().for_each(|part| line.extend_from_slice(part));
    line.push(b'\n');
    message(&[&line]);
    print_try_help(&mut io::stderr(), &options.short_name);
    BAD_OPTION
}

/// What getent's `parse_option` and argp's own options do with one option.
fn act(options: &mut Options, opt: Opt, value: Option<Vec<u8>>) -> Result<(), u8> {
    if opt == Opt::Hang {
        // argp's debugging aid: sleep atoi (arg ?: "3600") seconds.
        let seconds = strtol(value.as_deref().unwrap_or(b"3600")).as_int();
        for _ in 0..seconds.max(0) {
            std::thread::sleep(Duration::from_secs(1));
        }
        return Ok(());
    }
    let value = value.unwrap_or_default();
    match opt {
        Opt::Service => {
            // No ':': every database. "DB:CONFIG": the first database whose name starts
            // with DB.
            let Some(colon) = value.iter().position(|&b| b == b':') else {
                options.nss_configs.push((None, value));
                return Ok(());
            };
            let prefix = &value[..colon];
            let Some(database) = DATABASES.iter().find(|db| db.name.as_bytes().starts_with(prefix))
            else {
                message(&[&options.invocation_name, b": Unknown database name\n"]);
                return Err(USAGE);
            };
            options.nss_configs.push((Some(database.name), value[colon + 1..].to_vec()));
        }
        Opt::NoIdn => options.no_idn = true,
        Opt::NoAddrconfig => options.no_addrconfig = true,
        Opt::Help => {
            print(&help_text(&options.short_name));
            return Err(FOUND);
        }
        Opt::Usage => {
            print(&usage_text(&options.short_name));
            return Err(FOUND);
        }
        Opt::Version => {
            print(
                format!(
                    "getent (netdb-getent) {}\n\
                     glibc's getent for the network databases, built on the netdb crate.\n",
                    env!("CARGO_PKG_VERSION")
                )
                .as_bytes(),
            );
            return Err(FOUND);
        }
        Opt::ProgramName => {
            options.short_name = base_name(&value).to_vec();
            options.invocation_name = value;
        }
        Opt::Hang => {}
    }
    Ok(())
}

/// `Try `NAME --help' or `NAME --usage' for more information.` (argp's ARGP_HELP_SEE).
pub fn print_try_help(stream: &mut dyn Write, short_name: &[u8]) {
    let line =
        [b"Try `", short_name, b" --help' or `", short_name, b" --usage' for more information.\n"];
    // Like C's stdio, a message that cannot be written is dropped.
    let _ = stream.write_all(&line.concat()).and_then(|()| stream.flush());
}

/// argp's `--usage`: the synopsis, wrapped before column 80 with an indent of 12.
fn usage_text(short_name: &[u8]) -> Vec<u8> {
    let mut text = [b"Usage: ", short_name].concat();
    let mut column = text.len();
    let units = [
        "[-Ai?V]",
        "[-s CONFIG]",
        "[--no-addrconfig]",
        "[--no-idn]",
        "[--service=CONFIG]",
        "[--help]",
        "[--usage]",
        "[--version]",
        "database [key ...]",
    ];
    for unit in units {
        if column + 1 + unit.len() > 79 {
            text.extend_from_slice(b"\n            ");
            column = 12;
        } else {
            text.push(b' ');
            column += 1;
        }
        text.extend_from_slice(unit.as_bytes());
        column += unit.len();
    }
    text.push(b'\n');
    text
}

/// argp's `--help`, listing the databases this getent has on this platform.
fn help_text(short_name: &[u8]) -> Vec<u8> {
    let mut text = [b"Usage: ", short_name, b" [OPTION...] database [key ...]\n"].concat();
    text.extend_from_slice(
        b"Get entries from administrative database.\n\
          \n  -A, --no-addrconfig        do not filter out unsupported IPv4/IPv6 addresses\n\
          \x20                            (with ahosts*)\n\
          \x20 -i, --no-idn               disable IDN encoding\n\
          \x20 -s, --service=CONFIG       Service configuration to be used\n\
          \x20 -?, --help                 Give this help list\n\
          \x20     --usage                Give a short usage message\n\
          \x20 -V, --version              Print program version\n\
          \n\
          Mandatory or optional arguments to long options are also mandatory or optional\n\
          for any corresponding short options.\n\
          \n\
          Supported databases:\n",
    );
    // getent's more_help: names separated by spaces, a new line before column 73.
    let mut column = 0;
    let here = DATABASES.iter().filter(|db| databases::handler(db).is_some());
    for (i, name) in here.map(|db| db.name).enumerate() {
        if i != 0 {
            if column + name.len() > 72 {
                column = 0;
                text.push(b'\n');
            } else {
                text.push(b' ');
            }
        }
        text.extend_from_slice(name.as_bytes());
        column += name.len() + 1;
    }
    text.extend_from_slice(
        b"\n\nThis getent is built on the netdb crate. It cannot use a service\n\
          configuration (-s) for the databases above.\n",
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(args: &[&str]) -> Result<(Vec<Vec<u8>>, bool, bool), u8> {
        let args: Vec<Vec<u8>> = args.iter().map(|arg| arg.as_bytes().to_vec()).collect();
        let (options, operands) = parse(&args, false)?;
        Ok((operands, options.no_idn, options.no_addrconfig))
    }

    #[test]
    fn options_may_follow_the_operands_until_a_double_dash() {
        let operands = |words: &[&str]| words.iter().map(|w| w.as_bytes().to_vec()).collect();
        assert_eq!(
            parsed(&["getent", "ahosts", "-i", "localhost", "--no-a"]),
            Ok((operands(&["ahosts", "localhost"]), true, true))
        );
        assert_eq!(
            parsed(&["getent", "services", "--", "-1"]),
            Ok((operands(&["services", "-1"]), false, false))
        );
    }

    #[test]
    fn the_usage_wraps_as_argp_wraps_it() {
        assert_eq!(
            usage_text(b"getent"),
            b"Usage: getent [-Ai?V] [-s CONFIG] [--no-addrconfig] [--no-idn]\n            \
              [--service=CONFIG] [--help] [--usage] [--version]\n            \
              database [key ...]\n"
        );
    }

    #[test]
    fn a_service_configuration_names_a_database_by_a_prefix() {
        let args: Vec<Vec<u8>> =
            ["getent", "-s", "prot:files", "-sdns"].iter().map(|a| a.as_bytes().to_vec()).collect();
        let (options, _) = parse(&args, false).unwrap_or_else(|status| panic!("status {status}"));
        assert_eq!(options.nss_config_for("protocols"), Some(&b"files"[..]));
        assert_eq!(options.nss_config_for("hosts"), Some(&b"dns"[..]));
    }
}
