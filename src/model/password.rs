//! The admin's temporary password, shown once on the confirmation and never stored.

const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
const DIGITS: &[u8] = b"23456789";
const SYMBOLS: &[u8] = b"!@#$%*-+=?";

/// Turns 16 random bytes into a 16-character password with at least one upper-case letter, lower-case letter,
/// digit and symbol (Microsoft 365's complexity rule). Easily confused characters (I, l, O, 0, 1) are left out
/// because people copy it by hand.
pub fn temporary_password(random: [u8; 16]) -> String {
    let classes = [UPPER, LOWER, DIGITS, SYMBOLS];
    random
        .iter()
        .enumerate()
        .map(|(i, &byte)| {
            // The first four characters take one class each; the rest draw from letters and digits.
            let set: &[u8] = match i {
                0..=3 => classes[i],
                _ => match byte % 3 {
                    0 => UPPER,
                    1 => LOWER,
                    _ => DIGITS,
                },
            };
            char::from(set[usize::from(byte / 3) % set.len()])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meets_complexity_and_varies_with_input() {
        let a = temporary_password([7; 16]);
        let b = temporary_password([200; 16]);
        for p in [&a, &b] {
            assert_eq!(p.chars().count(), 16);
            assert!(p.chars().any(|c| c.is_ascii_uppercase()));
            assert!(p.chars().any(|c| c.is_ascii_lowercase()));
            assert!(p.chars().any(|c| c.is_ascii_digit()));
            assert!(p.bytes().any(|c| SYMBOLS.contains(&c)));
            assert!(!p.contains(['I', 'l', 'O', '0', '1']));
        }
        assert_ne!(a, b);
    }

    #[test]
    fn known_answers() {
        // Worked out by hand from the rule above (class by position, then byte % 3; index byte / 3).
        assert_eq!(
            temporary_password(std::array::from_fn(|i| i as u8)),
            "Aa2@b3Cc4Dd5Ee6F"
        );
        assert_eq!(
            temporary_password(std::array::from_fn(|i| 255 - 7 * i as u8)),
            "Ph2=5yZ6rS7jK8cC"
        );
    }
}
