//! Lookups from many threads at once return what the same lookups return from one.

// The shared helpers, for the `strict-alignment` allocator they install.
mod common;

use std::thread;

use netdb::{Protocol, Service};

/// Every lookup key of the services and protocols databases, with the answer one
/// thread gets for it.
#[derive(Debug, PartialEq)]
enum Answer {
    ServiceByName(String, Option<Service>),
    ServiceByPort(u16, Option<Service>),
    ProtocolByName(String, Option<Protocol>),
    ProtocolByNumber(i32, Option<Protocol>),
    AllServices(usize),
    AllProtocols(Vec<Protocol>),
}

fn keys() -> Vec<Answer> {
    let mut keys = Vec::new();
    for service in Service::all().unwrap() {
        keys.push(Answer::ServiceByName(service.name.clone(), None));
        keys.extend(service.aliases.iter().map(|a| Answer::ServiceByName(a.clone(), None)));
        keys.push(Answer::ServiceByPort(service.port, None));
    }
    for protocol in Protocol::all().unwrap() {
        keys.push(Answer::ProtocolByName(protocol.name.clone(), None));
        keys.push(Answer::ProtocolByNumber(protocol.number, None));
    }
    keys.push(Answer::ServiceByName("no-such-service".into(), None));
    keys.push(Answer::AllServices(0));
    // An enumeration among the lookups: musl's protocol lookups and its enumeration
    // step one shared index, which netdb serialises behind one lock.
    keys.push(Answer::AllProtocols(Vec::new()));
    keys
}

fn answer(key: &Answer) -> Answer {
    match key {
        Answer::ServiceByName(name, _) => {
            Answer::ServiceByName(name.clone(), Service::from_name(name, None).unwrap())
        }
        Answer::ServiceByPort(port, _) => {
            Answer::ServiceByPort(*port, Service::from_port(*port, None).unwrap())
        }
        Answer::ProtocolByName(name, _) => {
            Answer::ProtocolByName(name.clone(), Protocol::from_name(name).unwrap())
        }
        Answer::ProtocolByNumber(n, _) => {
            Answer::ProtocolByNumber(*n, Protocol::from_number(*n).unwrap())
        }
        Answer::AllServices(_) => Answer::AllServices(Service::all().unwrap().len()),
        Answer::AllProtocols(_) => Answer::AllProtocols(Protocol::all().unwrap()),
    }
}

#[test]
fn eight_threads_get_the_answers_one_thread_gets() {
    const THREADS: usize = 8;
    const ROUNDS: usize = 10;
    let keys = keys();
    let expected: Vec<Answer> = keys.iter().map(answer).collect();
    assert!(expected.iter().any(|a| matches!(a, Answer::ServiceByName(_, Some(_)))));

    thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|t| {
                let (keys, expected) = (&keys, &expected);
                scope.spawn(move || {
                    for round in 0..ROUNDS {
                        // Each thread walks the keys from its own starting point, so
                        // different lookups overlap in time.
                        let start = (t * keys.len() / THREADS + round) % keys.len();
                        for i in (start..keys.len()).chain(0..start) {
                            assert_eq!(answer(&keys[i]), expected[i], "thread {t}, round {round}");
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("a lookup thread panicked");
        }
    });
}
