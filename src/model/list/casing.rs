//! Lower-casing, for the list's sort and search keys.
//!
//! In the browser, text with cased letters beyond Latin-1 is lower-cased by the browser's own `toLowerCase`, the
//! same Unicode mapping as `str::to_lowercase` (a browser test compares them): the first download then carries no
//! Unicode case tables. What a load meets most never leaves wasm (a load lower-cases every company name): Latin-1
//! (English, Portuguese, most Western European names), and Chinese, Japanese and Korean text, which has no case.
//! Built natively, it is `str::to_lowercase`.

/// `text` lower-cased, as `str::to_lowercase` does it.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    if text.chars().all(|c| u32::from(c) < 0x100 || uncased(c)) {
        return text.chars().map(latin1_lowercase).collect();
    }
    full(text)
}

/// A Latin-1 or caseless character lower-cased: in Latin-1, only A–Z and À–Þ (but ×) have a lower case, 0x20 on.
fn latin1_lowercase(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
        _ => c,
    }
}

/// Characters of blocks that have no case at all: CJK symbols and punctuation, kana, CJK ideographs, Hangul.
fn uncased(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(target_arch = "wasm32")]
fn full(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}

#[cfg(not(target_arch = "wasm32"))]
fn full(text: &str) -> String {
    text.to_lowercase()
}

/// Samples of every path, for the tests here and the browser test that compares the browser's mapping with Rust's.
pub const SAMPLES: [&str; 13] = [
    "",
    "Contoso Ltd",
    "北京云计算有限公司 ABC",
    "東京ソフト株式会社",
    "삼성 SDS",
    "ÁBACO Ação Ltda",
    "Łódź Ĳssel Ÿ",
    "ΣΊΣΥΦΟΣ ΟΔΟΣ",
    "İSTANBUL Şirketi",
    "ＡＢＣ 株式会社",
    "Ⅻ Ⓐ Kelvin K",
    "ООО Ромашка",
    "ǅ ẞ ſ",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_as_the_standard_library_does() {
        for sample in SAMPLES {
            assert_eq!(lowercase(sample), sample.to_lowercase(), "{sample}");
        }
        assert_eq!(
            lowercase("北京云计算有限公司 ABC"),
            "北京云计算有限公司 abc"
        );
        assert_eq!(lowercase("ΣΊΣΥΦΟΣ ΟΔΟΣ"), "σίσυφος οδος");
    }

    #[test]
    fn latin1_is_lowercased_in_wasm_as_the_standard_library_does() {
        for c in '\u{0}'..='\u{FF}' {
            assert_eq!(
                latin1_lowercase(c).to_string(),
                c.to_lowercase().to_string(),
                "{c:?}"
            );
        }
        assert_eq!(
            lowercase("AÇÃO Comércio ÚNICO Ltda"),
            "ação comércio único ltda"
        );
    }

    #[test]
    fn the_uncased_blocks_have_no_case() {
        let blocks = [
            '\u{2E80}'..='\u{9FFF}',
            '\u{AC00}'..='\u{D7AF}',
            '\u{F900}'..='\u{FAFF}',
            '\u{20000}'..='\u{3FFFF}',
        ];
        for block in blocks {
            for c in block {
                assert!(c.to_lowercase().eq([c]), "{c:?} has a lower case");
            }
        }
    }
}
