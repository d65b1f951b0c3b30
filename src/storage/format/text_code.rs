//! A fixed Huffman code for the text of customer records (names, streets, emails), so that a letter costs about
//! 4.5 bits instead of 8. The code's lengths ([`LENGTHS`]) are what the weights below make (a test checks it), the
//! same on every run: they are part of the stored format, and changing them changes what stored records mean.
//! `stored_code_is_unchanged` guards it.
//!
//! Every byte has a code, so any UTF-8 text can be written; text that codes badly (Chinese, mostly) is stored as
//! UTF-16 units instead, by the record codec.

use std::sync::OnceLock;

use super::bits::{BitReader, BitWriter, Damaged};
use crate::model::list::sorting::insertion_sort_by;

/// Bytes 0..=255, then the end of a text.
pub const SYMBOLS: usize = 257;
/// The symbol that ends a text.
pub const END: usize = 256;
/// No code is longer (checked by a test; the decoder relies on it).
const MAX_LEN: usize = 24;

#[cfg(test)]
/// How often a byte appears in customer text, roughly per 10,000 characters: English letter frequencies, capitals
/// for the first letter of words, digits of postal codes, phones and streets, and the punctuation of emails.
fn weight(symbol: usize) -> u32 {
    const LOWER: [u32; 26] = [
        817, 149, 278, 425, 1270, 223, 202, 609, 697, 15, 77, 403, 241, 675, 751, 193, 10, 599,
        633, 906, 276, 98, 236, 15, 197, 7,
    ];
    match symbol {
        END => 700,
        0x61..=0x7a => LOWER[symbol - 0x61] + 10,
        0x41..=0x5a => LOWER[symbol - 0x41] / 6 + 10,
        0x30..=0x39 => 260,
        0x20 => 1100,
        0x2e => 280,
        0x40 => 110,
        0x2d => 120,
        0x2c | 0x2b | 0x28 | 0x29 | 0x5f | 0x27 | 0x2f | 0x26 | 0x23 => 20,
        0x21..=0x7e => 3,
        _ => 1,
    }
}

struct Code {
    /// Code length of each symbol.
    lengths: [u8; SYMBOLS],
    /// Each symbol's code, bit-reversed so that it can be written least significant bit first.
    reversed: [u32; SYMBOLS],
    /// How many codes have each length.
    counts: [u16; MAX_LEN + 1],
    /// Symbols ordered by (length, symbol): canonical order.
    sorted: Vec<u16>,
    /// For the next [`FAST_BITS`] bits of a stream, the symbol they start with and its length; length 0 when the
    /// code is longer (rare symbols), decoded bit by bit.
    fast: Vec<(u16, u8)>,
}

/// Bits looked up at once when decoding.
const FAST_BITS: u32 = 11;

fn code() -> &'static Code {
    static CODE: OnceLock<Code> = OnceLock::new();
    CODE.get_or_init(build)
}

/// Each symbol's code length: what `lengths` makes of the weights (`the_lengths_are_the_weights_code`), written out
/// so that a page does not build the tree on every load (one pass, about 5 ms of a cold load in a browser, which
/// runs such one-off work as baseline code).
#[rustfmt::skip]
const LENGTHS: [u8; SYMBOLS] = [
    14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
    14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
    4, 13, 13, 10, 13, 13, 10, 10, 10, 10, 13, 10, 10, 7, 6, 10,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 13, 13, 13, 13, 13, 13,
    7, 7, 9, 8, 8, 6, 9, 9, 7, 7, 11, 10, 8, 9, 7, 7,
    9, 11, 7, 7, 7, 8, 10, 9, 11, 9, 11, 13, 13, 13, 13, 10,
    13, 4, 7, 6, 5, 4, 6, 6, 5, 5, 10, 8, 5, 6, 5, 5,
    6, 10, 5, 5, 4, 6, 7, 6, 10, 6, 10, 13, 12, 12, 12, 14,
    14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
    14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
    14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
    14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
    14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
    14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
    14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
    14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 13,
    5,
];

/// Huffman code lengths for the weights, ties broken by node number, so the result never varies.
#[cfg(test)]
fn lengths() -> [u8; SYMBOLS] {
    // Nodes 0..SYMBOLS are leaves; later ones join two others.
    let mut weight_of: Vec<u64> = (0..SYMBOLS).map(|s| u64::from(weight(s))).collect();
    let mut parent: Vec<usize> = vec![usize::MAX; SYMBOLS];
    let mut open: Vec<usize> = (0..SYMBOLS).collect();
    while open.len() > 1 {
        // Sorted descending by (weight, node), so the two lightest are at the end.
        insertion_sort_by(&mut open, |a, b| (weight_of[*a], *a) > (weight_of[*b], *b));
        let (Some(first), Some(second)) = (open.pop(), open.pop()) else {
            break;
        };
        let node = weight_of.len();
        weight_of.push(weight_of[first] + weight_of[second]);
        parent.push(usize::MAX);
        parent[first] = node;
        parent[second] = node;
        open.push(node);
    }
    let mut lengths = [0u8; SYMBOLS];
    for (symbol, length) in lengths.iter_mut().enumerate() {
        let mut depth = 0u8;
        let mut node = symbol;
        while parent[node] != usize::MAX {
            node = parent[node];
            depth = depth.saturating_add(1);
        }
        *length = depth;
    }
    lengths
}

/// Never inlined into [`code`], which every text read calls: V8 optimises a function called that often, and the
/// table's loops, run once, would make that work several times larger.
#[inline(never)]
fn build() -> Code {
    let lengths = LENGTHS;
    let mut counts = [0u16; MAX_LEN + 1];
    for &length in &lengths {
        counts[usize::from(length).min(MAX_LEN)] += 1;
    }
    let mut sorted: Vec<u16> = (0..SYMBOLS as u16).collect();
    insertion_sort_by(&mut sorted, |&a, &b| {
        (lengths[usize::from(a)], a) < (lengths[usize::from(b)], b)
    });
    let mut reversed = [0u32; SYMBOLS];
    let mut next = 0u32;
    let mut previous = 0u8;
    for &symbol in &sorted {
        let length = lengths[usize::from(symbol)];
        next <<= length - previous;
        previous = length;
        let value = next.reverse_bits() >> (32 - u32::from(length));
        reversed[usize::from(symbol)] = value;
        next += 1;
    }
    let mut fast = vec![(0u16, 0u8); 1 << FAST_BITS];
    for symbol in 0..SYMBOLS {
        let length = u32::from(lengths[symbol]);
        if length <= FAST_BITS {
            for fill in 0..1u32 << (FAST_BITS - length) {
                fast[(reversed[symbol] | fill << length) as usize] = (symbol as u16, length as u8);
            }
        }
    }
    Code {
        lengths,
        reversed,
        counts,
        sorted,
        fast,
    }
}

/// The bits `text` takes, with its end mark.
pub fn cost(text: &str) -> usize {
    let code = code();
    text.bytes()
        .map(|b| usize::from(code.lengths[usize::from(b)]))
        .sum::<usize>()
        + usize::from(code.lengths[END])
}

/// Writes `text`'s bytes and the end mark.
pub fn write(w: &mut BitWriter, text: &str) {
    let code = code();
    for symbol in text.bytes().map(usize::from).chain([END]) {
        w.bits(code.reversed[symbol], u32::from(code.lengths[symbol]));
    }
}

/// Reads bytes up to the end mark; more than `limit` bytes is damage.
pub fn read(r: &mut BitReader, limit: usize) -> Result<Vec<u8>, Damaged> {
    let mut bytes = Vec::new();
    read_into(r, limit, &mut bytes)?;
    Ok(bytes)
}

/// [`read`] into a buffer the caller reuses (emptied first): one allocation per text instead of several.
pub fn read_into(r: &mut BitReader, limit: usize, bytes: &mut Vec<u8>) -> Result<(), Damaged> {
    let code = code();
    bytes.clear();
    loop {
        let (symbol, length) = code.fast[r.peek(FAST_BITS) as usize];
        if length > 0 {
            r.skip(u32::from(length))?;
            match usize::from(symbol) {
                END => return Ok(()),
                byte if bytes.len() < limit => bytes.push(byte as u8),
                _ => return Err(Damaged),
            }
            continue;
        }
        // A long code: canonical decoding, one bit at a time (codes of each length follow those of the one before).
        let mut value = 0u32;
        let mut first = 0u32;
        let mut index = 0usize;
        let mut symbol = None;
        for length in 1..=MAX_LEN {
            value |= r.bits(1)?;
            let count = u32::from(code.counts[length]);
            if value.wrapping_sub(first) < count {
                symbol = code.sorted.get(index + (value - first) as usize).copied();
                break;
            }
            index += count as usize;
            first = (first + count) << 1;
            value <<= 1;
        }
        match symbol.map(usize::from) {
            Some(END) => return Ok(()),
            Some(byte) if bytes.len() < limit => bytes.push(byte as u8),
            _ => return Err(Damaged),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lengths_are_the_weights_code() {
        assert_eq!(lengths(), LENGTHS);
    }

    #[test]
    fn the_code_is_complete_and_short_enough() {
        let lengths = lengths();
        assert!(lengths.iter().all(|&l| (1..=MAX_LEN as u8).contains(&l)));
        // Kraft's sum of a complete prefix code is exactly 1.
        let kraft: u64 = lengths.iter().map(|&l| 1u64 << (MAX_LEN as u8 - l)).sum();
        assert_eq!(kraft, 1u64 << MAX_LEN);
    }

    #[test]
    fn stored_code_is_unchanged() {
        // Records already stored depend on these lengths: a change here needs a new format version.
        let code = code();
        let sample: Vec<u8> = b"eta Zq09 .@-\xe4"
            .iter()
            .map(|&b| code.lengths[usize::from(b)])
            .collect();
        assert_eq!(sample, [4, 4, 4, 4, 11, 10, 6, 6, 4, 6, 7, 7, 14]);
        assert_eq!(code.lengths[END], 5);
        assert_eq!(code.reversed[usize::from(b'e')], 0b0100);
    }

    #[test]
    fn letters_cost_two_thirds_of_a_byte() {
        let text = "Contoso Trading Ltd. 1234 Main Street Springfield li.wei@contoso.com";
        let bits = cost(text);
        assert!(
            bits * 3 < text.len() * 8 * 2,
            "{bits} bits for {} bytes",
            text.len()
        );
    }

    /// Property tests: native only (proptest needs processes and a clock the wasm target lacks).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_text_round_trips(texts in proptest::collection::vec(any::<String>(), 0..5)) {
                let mut w = BitWriter::default();
                for text in &texts {
                    write(&mut w, text);
                }
                let units = w.finish();
                let mut r = BitReader::new(&units);
                for text in &texts {
                    let read_back = read(&mut r, 1 << 20).ok().and_then(|b| String::from_utf8(b).ok());
                    prop_assert_eq!(read_back.as_ref(), Some(text));
                }
            }
        }
    }
}
