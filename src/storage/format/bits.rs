//! Bits packed into UTF-16 code units, for the compact stored format.
//!
//! localStorage's quota counts UTF-16 code units, so ASCII text wastes half of every unit. Here each unit carries 15
//! bits, as the character `U+3000 + value` (U+3000..=U+AFFF): never a surrogate, so every value is a well-formed
//! string that survives any round trip through JavaScript, and never ASCII, so a value of this format cannot be
//! mistaken for JSON.

use thiserror::Error;

/// The first character of the packed range.
pub const UNIT_BASE: u32 = 0x3000;
/// Bits carried by one unit.
pub const UNIT_BITS: u32 = 15;
/// The largest value one unit carries.
pub const UNIT_MAX: u16 = (1 << UNIT_BITS) - 1;

/// The packed data ended early, or holds a value out of range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[error("the packed data is cut short or damaged")]
pub struct Damaged;

/// The character that carries a 15-bit value.
pub fn unit_char(value: u16) -> char {
    // Always in U+3000..=U+AFFF, which holds no surrogates; the fallback is unreachable.
    char::from_u32(UNIT_BASE + u32::from(value & UNIT_MAX)).unwrap_or('\u{3000}')
}

/// The 15-bit value a character carries, if it is one of ours.
pub fn unit_value(c: char) -> Option<u16> {
    let code = u32::from(c).checked_sub(UNIT_BASE)?;
    (code <= u32::from(UNIT_MAX)).then_some(code as u16)
}

/// Writes bits least significant first, 15 to a unit.
#[derive(Default)]
pub struct BitWriter {
    units: Vec<u16>,
    acc: u64,
    filled: u32,
}

impl BitWriter {
    /// Appends the low `count` bits of `value` (at most 32).
    pub fn bits(&mut self, value: u32, count: u32) {
        debug_assert!(count <= 32);
        let mask = if count == 32 {
            u64::from(u32::MAX)
        } else {
            (1u64 << count) - 1
        };
        self.acc |= (u64::from(value) & mask) << self.filled;
        self.filled += count;
        while self.filled >= UNIT_BITS {
            self.units.push((self.acc as u16) & UNIT_MAX);
            self.acc >>= UNIT_BITS;
            self.filled -= UNIT_BITS;
        }
    }

    pub fn flag(&mut self, on: bool) {
        self.bits(u32::from(on), 1);
    }

    /// A 128-bit value, such as a UUID.
    pub fn u128(&mut self, value: u128) {
        for part in 0..4 {
            self.bits((value >> (32 * part)) as u32, 32);
        }
    }

    /// A 64-bit value in `count` bits (at most 64).
    pub fn u64(&mut self, value: u64, count: u32) {
        self.bits(value as u32, count.min(32));
        if count > 32 {
            self.bits((value >> 32) as u32, count - 32);
        }
    }

    /// An unsigned number in groups of 7 bits, each followed by a bit that says whether more follow.
    pub fn varint(&mut self, mut value: u32) {
        loop {
            self.bits(value & 0x7f, 7);
            value >>= 7;
            self.flag(value != 0);
            if value == 0 {
                return;
            }
        }
    }

    /// The units written, the last one padded with zero bits.
    pub fn finish(mut self) -> Vec<u16> {
        if self.filled > 0 {
            self.units.push((self.acc as u16) & UNIT_MAX);
        }
        self.units
    }
}

/// Reads what a [`BitWriter`] wrote; every read checks the end.
pub struct BitReader<'a> {
    units: &'a [u16],
    next: usize,
    acc: u64,
    filled: u32,
}

impl<'a> BitReader<'a> {
    pub fn new(units: &'a [u16]) -> BitReader<'a> {
        BitReader {
            units,
            next: 0,
            acc: 0,
            filled: 0,
        }
    }

    /// The next `count` bits (at most 32).
    pub fn bits(&mut self, count: u32) -> Result<u32, Damaged> {
        debug_assert!(count <= 32);
        while self.filled < count {
            let unit = *self.units.get(self.next).ok_or(Damaged)?;
            self.acc |= u64::from(unit & UNIT_MAX) << self.filled;
            self.next += 1;
            self.filled += UNIT_BITS;
        }
        let value = if count == 32 {
            self.acc as u32
        } else {
            (self.acc & ((1u64 << count) - 1)) as u32
        };
        self.acc >>= count;
        self.filled -= count;
        Ok(value)
    }

    pub fn flag(&mut self) -> Result<bool, Damaged> {
        Ok(self.bits(1)? == 1)
    }

    /// The next `count` bits (at most 32) without taking them; zeros stand in past the end.
    pub fn peek(&mut self, count: u32) -> u32 {
        while self.filled < count && self.next < self.units.len() {
            self.acc |= u64::from(self.units[self.next] & UNIT_MAX) << self.filled;
            self.next += 1;
            self.filled += UNIT_BITS;
        }
        (self.acc & ((1u64 << count) - 1)) as u32
    }

    /// Takes `count` bits already looked at with [`BitReader::peek`].
    pub fn skip(&mut self, count: u32) -> Result<(), Damaged> {
        if count > self.filled {
            return Err(Damaged);
        }
        self.acc >>= count;
        self.filled -= count;
        Ok(())
    }

    pub fn u128(&mut self) -> Result<u128, Damaged> {
        let mut value = 0u128;
        for part in 0..4 {
            value |= u128::from(self.bits(32)?) << (32 * part);
        }
        Ok(value)
    }

    pub fn u64(&mut self, count: u32) -> Result<u64, Damaged> {
        let low = u64::from(self.bits(count.min(32))?);
        if count > 32 {
            Ok(low | (u64::from(self.bits(count - 32)?) << 32))
        } else {
            Ok(low)
        }
    }

    /// A number written by [`BitWriter::varint`]; more than 32 bits of it is damage.
    pub fn varint(&mut self) -> Result<u32, Damaged> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let part = self.bits(7)?;
            value |= part.checked_shl(shift).ok_or(Damaged)?;
            if shift == 28 && part > 0x0f {
                return Err(Damaged);
            }
            if !self.flag()? {
                return Ok(value);
            }
        }
        Err(Damaged)
    }

    /// Whether everything left is the zero padding of the last unit.
    pub fn at_end(&self) -> bool {
        self.next == self.units.len() && self.acc == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_never_surrogates_or_ascii() {
        for value in [0, 1, 0x1234, UNIT_MAX] {
            let c = unit_char(value);
            assert!(!(0xD800..=0xDFFF).contains(&u32::from(c)));
            assert!(!c.is_ascii());
            assert_eq!(unit_value(c), Some(value));
        }
        assert_eq!(unit_value('{'), None);
        assert_eq!(unit_value('\u{B000}'), None);
    }

    #[test]
    fn reading_past_the_end_is_damage() {
        let mut w = BitWriter::default();
        w.bits(5, 3);
        let units = w.finish();
        let mut r = BitReader::new(&units);
        assert_eq!(r.bits(3), Ok(5));
        assert_eq!(r.bits(12), Ok(0), "padding of the last unit");
        assert_eq!(r.bits(1), Err(Damaged));
    }

    /// Property tests: native only (proptest needs processes and a clock the wasm target lacks).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn what_is_written_reads_back(
                items in proptest::collection::vec((any::<u32>(), 0u32..=32, any::<u128>(), any::<u32>()), 0..20)
            ) {
                let mut w = BitWriter::default();
                for (value, count, big, number) in &items {
                    w.bits(*value, *count);
                    w.u128(*big);
                    w.varint(*number);
                    w.u64(u64::from(*number) << 12, 44);
                }
                let units = w.finish();
                prop_assert!(units.iter().all(|u| *u <= UNIT_MAX));
                let mut r = BitReader::new(&units);
                for (value, count, big, number) in &items {
                    let mask = if *count == 32 { u32::MAX } else { (1u32 << count) - 1 };
                    prop_assert_eq!(r.bits(*count), Ok(value & mask));
                    prop_assert_eq!(r.u128(), Ok(*big));
                    prop_assert_eq!(r.varint(), Ok(*number));
                    prop_assert_eq!(r.u64(44), Ok(u64::from(*number) << 12));
                }
                prop_assert!(r.at_end());
            }
        }
    }
}
