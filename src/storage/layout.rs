//! Where customers are kept: the namespace's keys, the version this build writes, and the fixed spread of customers
//! over groups by id.

use uuid::Uuid;

/// The storage prefix when none is configured.
pub const DEFAULT_PREFIX: &str = "customer-accounts";

/// The stored format this build writes (the version key's `schemaVersion`).
pub const FORMAT_VERSION: u64 = 3;

/// How many groups customers are spread over. With 50,000 customers a group holds about 25 (under 4 KB); with few,
/// each customer has its key to itself. Part of the format: a change needs a new format version.
pub const GROUPS: u16 = 2048;

/// The group a customer's record is kept in: FNV-1a of the id, so ids chosen by anyone spread evenly.
pub fn group_of(id: Uuid) -> u16 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.as_bytes() {
        hash ^= u32::from(*byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash % u32::from(GROUPS)) as u16
}

/// `items` by the group each belongs to, in group order, only groups that have some: one slot per group, so no
/// hashing and no sort (and none of their code in the download).
pub(crate) fn by_group<T>(
    items: impl IntoIterator<Item = T>,
    group: impl Fn(&T) -> u16,
) -> Vec<(u16, Vec<T>)> {
    let mut slots: Vec<Vec<T>> = std::iter::repeat_with(Vec::new)
        .take(usize::from(GROUPS))
        .collect();
    for item in items {
        // In range: a group is below GROUPS (`group_of`).
        let at = usize::from(group(&item)) % slots.len();
        slots[at].push(item);
    }
    slots
        .into_iter()
        .enumerate()
        .filter(|(_, members)| !members.is_empty())
        .map(|(group, members)| (group as u16, members))
        .collect()
}

/// Whether a `storage-key` may name a namespace: 1 to 64 ASCII letters, digits, `-` or `_`. With no `:` in a
/// namespace, no namespace's keys (`{ns}:g{n}`, `{ns}:customer:{uuid}`, `{ns}:meta`) can start like another's: `crm`
/// and `crm:customer:archive` can never share records.
pub fn is_valid_namespace(key: &str) -> bool {
    (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
