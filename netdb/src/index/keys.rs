//! The storage of an index: every string of a file in one buffer, and keys mapped to
//! the records that hold them, in file order.
//!
//! A table of a large file holds tens of thousands of names. One `String` and one
//! `Vec` per name would cost several times the file; here a name is a [`Span`] of one
//! shared buffer, and a key maps to a run of one shared array of record numbers. Names
//! are mapped by a 64-bit hash of their bytes, so a run may hold the records of two
//! names whose hashes collide: whoever reads a run compares the bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// Where a string is in a [`Text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

/// The strings of one file, back to back.
#[derive(Debug, Default)]
pub(crate) struct Text {
    bytes: Vec<u8>,
}

impl Text {
    /// Keeps `bytes` and says where they are; `None` past 4 GiB, which no database
    /// file reaches (the caller then leaves the file to the C library).
    pub(crate) fn push(&mut self, bytes: &[u8]) -> Option<Span> {
        let start = u32::try_from(self.bytes.len()).ok()?;
        let len = u32::try_from(bytes.len()).ok()?;
        start.checked_add(len)?;
        self.bytes.extend_from_slice(bytes);
        Some(Span { start, len })
    }

    pub(crate) fn get(&self, span: Span) -> &[u8] {
        let start = span.start as usize;
        &self.bytes[start..start + span.len as usize]
    }

    pub(crate) fn shrink(&mut self) {
        self.bytes.shrink_to_fit();
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
    }
}

/// A hasher for keys that are hashes already.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only the integer writes below are used; mix anything else in all the same.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }

    fn write_u32(&mut self, value: u32) {
        self.0 = u64::from(value).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_u16(&mut self, value: u16) {
        self.write_u32(u32::from(value));
    }

    fn write_i32(&mut self, value: i32) {
        self.write_u32(value as u32);
    }
}

/// Keys mapped to the numbers of the records that hold them, each run in the order the
/// records were added (file order).
#[derive(Debug)]
pub(crate) struct Postings<K> {
    runs: HashMap<K, (u32, u32), BuildHasherDefault<PassThrough>>,
    records: Box<[u32]>,
}

impl<K: Hash + Eq + Copy> Postings<K> {
    /// Maps each key to its records; `pairs` come in record order.
    pub(crate) fn build(pairs: impl IntoIterator<Item = (K, u32)>) -> Self {
        let mut grouped: HashMap<K, Vec<u32>, BuildHasherDefault<PassThrough>> = HashMap::default();
        for (key, record) in pairs {
            let records = grouped.entry(key).or_default();
            // A key twice on one line must not count the line twice.
            if records.last() != Some(&record) {
                records.push(record);
            }
        }
        let mut runs = HashMap::with_capacity_and_hasher(grouped.len(), Default::default());
        let mut records = Vec::with_capacity(grouped.values().map(Vec::len).sum());
        for (key, group) in grouped {
            // Record numbers are u32 and there are fewer records than that.
            runs.insert(key, (records.len() as u32, group.len() as u32));
            records.extend(group);
        }
        Postings { runs, records: records.into_boxed_slice() }
    }

    /// The records of `key`, in the order they were added.
    pub(crate) fn get(&self, key: K) -> &[u32] {
        match self.runs.get(&key) {
            Some(&(start, len)) => &self.records[start as usize..(start + len) as usize],
            None => &[],
        }
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        // A hashbrown slot is the key and value plus one control byte.
        let slot = std::mem::size_of::<(K, (u32, u32))>() + 1;
        self.runs.capacity() * slot + self.records.len() * 4
    }
}

/// Names mapped by a hash of their bytes (see the module's docs).
///
/// The hash is FxHash's word-at-a-time mix, not std's SipHash: its input is the
/// system's own files, not an attacker's, and a lookup hashes one short name, where
/// SipHash would take a tenth of the lookup. Collisions cost a comparison, nothing else.
#[derive(Debug, Default)]
pub(crate) struct NameKeys;

impl NameKeys {
    pub(crate) fn new() -> Self {
        NameKeys
    }

    pub(crate) fn key(&self, name: &[u8]) -> u64 {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mix = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
        let mut chunks = name.chunks_exact(8);
        let mut hash = mix(0, name.len() as u64);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            hash = mix(hash, u64::from_le_bytes(word));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        mix(hash, u64::from_le_bytes(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_keep_record_order_and_count_a_line_once() {
        let postings = Postings::build([(7u16, 0), (3, 1), (7, 1), (7, 1), (7, 4)]);
        assert_eq!(postings.get(7), [0, 1, 4]);
        assert_eq!(postings.get(3), [1]);
        assert_eq!(postings.get(9), [] as [u32; 0]);
    }

    #[test]
    fn names_of_every_length_hash_apart() {
        let keys = NameKeys::new();
        let names = ["", "a", "b", "ab", "https", "http", "abcdefgh", "abcdefghi", "abcdefgi"];
        let hashes: std::collections::HashSet<u64> =
            names.iter().map(|n| keys.key(n.as_bytes())).collect();
        assert_eq!(hashes.len(), names.len());
        // A name and the same with a NUL after it differ by length.
        assert_ne!(keys.key(b"a"), keys.key(b"a\0"));
    }

    #[test]
    fn text_gives_back_what_it_keeps() {
        let mut text = Text::default();
        let a = text.push(b"http").unwrap();
        let b = text.push(b"").unwrap();
        let c = text.push(b"www").unwrap();
        assert_eq!((text.get(a), text.get(b), text.get(c)), (&b"http"[..], &b""[..], &b"www"[..]));
    }
}
