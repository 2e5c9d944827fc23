//! The services and protocols lookups at table speed, with the C library's answers.
//!
//! glibc's `getservbyname_r` opens and parses `/etc/services` on every call, and musl's
//! does too. Where netdb can tell exactly what the C library would answer, it answers
//! from an index of the file instead, built once per version of the file and shared by
//! every thread, and it knows at each lookup that the file has not changed since.
//!
//! *When the index answers.* Only where its answer provably is the C library's:
//!
//! - glibc 2.34 to 2.42 (their `files` source is the same code), in a locale whose
//!   `isspace` and `tolower` are the C locale's, with `/etc/nsswitch.conf` naming the
//!   `files` source alone for the database: `services: files`, or `services: db files`
//!   while neither `/var/db/services.db` nor `/var/lib/misc/services.db` (upstream's and
//!   Debian's nss_db path) exists; for services, also while nscd's socket
//!   (`/var/run/nscd/socket`) does not exist. The files are read by glibc's rules
//!   ([`glibc`]), and nsswitch.conf by glibc's ([`nsswitch`]).
//! - musl, always for services (it has no nsswitch.conf), by musl's own rules
//!   ([`musl`]); its protocols are a table compiled into it, which netdb leaves to it.
//! - Files and the directories that lead to them that every user may read: a change of
//!   the process's credentials then cannot change what the C library can read.
//!
//! Anything else (another source in nsswitch.conf, a line glibc fails on, a file that
//! cannot be read, a line that may not fit the C library's buffer, another platform)
//! is answered by the C call, as before; [`IndexStatus::current`] says which and why.
//!
//! *How a lookup knows the files are unchanged.* The code that watches is in
//! `sys/indexed.rs` and `sys/watch.rs`.

#[cfg(netdb_index)]
pub(crate) mod c_text;
#[cfg(all(netdb_index, any(test, netdb_backend = "reentrant")))]
pub(crate) mod glibc;
#[cfg(netdb_index)]
pub(crate) mod keys;
#[cfg(all(netdb_index, any(test, netdb_backend = "musl")))]
pub(crate) mod musl;
#[cfg(all(netdb_index, any(test, netdb_backend = "reentrant")))]
pub(crate) mod nsswitch;

/// Why a file is left to the C library.
#[cfg(netdb_index)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unindexable(pub(crate) String);

/// Where the services and protocols lookups of this process take their answers from,
/// as of now: netdb's index of the database files, or the C library, and why.
///
/// ```
/// use netdb::{IndexStatus, LookupSource};
///
/// let status = IndexStatus::current();
/// match &status.services {
///     LookupSource::Index { entries, heap_bytes, file_bytes, .. } => {
///         println!("{entries} services indexed in {heap_bytes} bytes, from a file of {file_bytes}")
///     }
///     LookupSource::CLibrary { reason, .. } => println!("services from the C library: {reason}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IndexStatus {
    /// Where `Service::from_name` and `Service::from_port` answer from.
    pub services: LookupSource,
    /// Where `Protocol::from_name` and `Protocol::from_number` answer from.
    pub protocols: LookupSource,
    /// How many lookups the calling thread has answered from the index so far.
    pub answered_from_index: u64,
}

/// Where the lookups of one database answer from (see [`IndexStatus`]): one or the
/// other, always; each may say more in later versions.
///
/// ```
/// use netdb::LookupSource;
///
/// match netdb::IndexStatus::current().protocols {
///     LookupSource::Index { entries, .. } => assert!(entries > 0),
///     LookupSource::CLibrary { reason, .. } => assert!(!reason.is_empty()),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupSource {
    /// From netdb's index of the database file, which gives the C library's answers.
    #[non_exhaustive]
    Index {
        /// How many entries the index holds (lines the C library reads as entries).
        entries: usize,
        /// The memory the index holds on the heap, in bytes.
        heap_bytes: usize,
        /// The size of the file indexed, in bytes.
        file_bytes: u64,
        /// How the calling thread's lookups know the file is unchanged.
        freshness: Freshness,
    },
    /// From the C library, called for each lookup.
    #[non_exhaustive]
    CLibrary {
        /// Why the index does not answer.
        reason: String,
    },
}

impl LookupSource {
    /// Whether the lookups answer from the index.
    ///
    /// ```
    /// let status = netdb::IndexStatus::current();
    /// if cfg!(windows) {
    ///     assert!(!status.services.is_index());
    /// }
    /// ```
    pub fn is_index(&self) -> bool {
        matches!(self, LookupSource::Index { .. })
    }
}

/// How a lookup answered from the index knows the files it was built from are unchanged.
///
/// ```
/// use netdb::{Freshness, IndexStatus, LookupSource};
///
/// if let LookupSource::Index { freshness, .. } = IndexStatus::current().services {
///     assert!(matches!(freshness, Freshness::Notified | Freshness::StatPerLookup));
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Freshness {
    /// The kernel reports every change: inotify watches every file and every directory
    /// its path passes, set before the files are read, and the mount table reports
    /// mounts. Each lookup asks with one `epoll_wait` that does not wait.
    Notified,
    /// Each lookup compares each file's identity (device, inode, size, modification
    /// and change times to the nanosecond) with the one it was read at, and right after
    /// a change, while a second change could leave that identity as it was, calls the C
    /// library instead.
    StatPerLookup,
}

impl IndexStatus {
    /// Checks the files as a lookup would, and says where lookups answer from.
    ///
    /// ```
    /// let status = netdb::IndexStatus::current();
    /// println!("{status:?}");
    /// ```
    pub fn current() -> IndexStatus {
        crate::sys::index_status()
    }

    /// The status where the index is never used, for `reason`.
    #[allow(dead_code)] // not where the index is used
    pub(crate) fn not_indexed(reason: &str) -> IndexStatus {
        IndexStatus {
            services: LookupSource::CLibrary { reason: reason.to_owned() },
            protocols: LookupSource::CLibrary { reason: reason.to_owned() },
            answered_from_index: 0,
        }
    }
}
