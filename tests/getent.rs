//! The `getent` example against the system's `getent`, byte for byte: stdout, exit code
//! and (where getent's message is deterministic) stderr, for the whole `services` and
//! `protocols` databases, for every key of each (every name, alias, number, `name/proto`
//! and `port/proto`), for odd keys, for keys that are not found and for bad usage.
//!
//! The same for `hosts`, `ahosts`, `ahostsv4`, `ahostsv6` and `networks`: the whole
//! database, every name and address of /etc/hosts and every name and number of
//! /etc/networks, this machine's name and odd keys. A host key prints any number of
//! lines, so a batch of host keys puts a sentinel key around each: `127.77.I`, which the
//! C library answers itself with a line of its own address (see [`host_sentinel`]). A
//! private /etc (a big hosts file with `multi on`, a networks file with short forms)
//! lets thousands of keys run without DNS; on the machine's own /etc the keys are few,
//! since a name missing from /etc/hosts may wait seconds on DNS.
//!
//! Where there is no glibc `getent` to compare with (musl, the BSDs, a container without
//! it) every test is reported as ignored, with that reason. The twin follows glibc
//! 2.36's getent; another glibc's getent may read odd keys differently, and a failure
//! then names the key.
//!
//! Both programs run with `argv[0]` = `getent` (getent's messages quote it) and `LC_ALL=C`
//! (getent translates them).
//!
//! The tests are in `getent/unix.rs`: getent is a Unix tool, and on other systems this
//! file has no tests.

mod common;

#[cfg(unix)]
#[path = "getent/unix.rs"]
mod unix;

#[cfg(unix)]
use unix::*;

#[cfg(unix)]
common::test_main!(
    the_whole_services_database_is_the_same,
    the_whole_protocols_database_is_the_same,
    the_whole_hosts_and_networks_databases_are_the_same,
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
    databases_the_twin_lacks_answer_as_unknown_databases,
    a_service_configuration_the_twin_cannot_honour_is_an_error,
    a_private_etc_with_unusual_entries_prints_the_same,
    a_private_etc_with_many_hosts_and_networks_prints_the_same,
);

#[cfg(not(unix))]
common::test_main!();
