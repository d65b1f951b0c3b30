//! The interface's languages: English (en-US), Simplified Chinese (zh-CN) and Brazilian Portuguese (pt-BR).
//! Texts are data ([`Text`], one row per text in [`texts`]); numbers and plurals follow the rules in [`intl`] (which
//! a browser test holds to `Intl`'s), dates and country names come from the browser's `Intl`. User data is never
//! translated.

pub mod intl;
pub mod places;
mod texts;

pub use texts::Text;

pub use crate::locale::Lang;

// The words of each language; the language itself is [`crate::locale`]'s, so the state can hold it without
// knowing any words.
impl Lang {
    /// A text in this language.
    pub fn t(self, text: Text) -> &'static str {
        text.get(self)
    }

    /// A text in this language with its `{name}` values filled in.
    pub fn fill(self, text: Text, values: &[(&str, &str)]) -> String {
        fill(text.get(self), values)
    }

    /// `one` or `other` by the language's plural rule for `count` (CLDR's, as `Intl.PluralRules` has it): "1 customer", "0 cliente",
    /// "5 位客户".
    pub fn plural(self, count: usize, one: Text, other: Text) -> &'static str {
        if intl::is_plural_one(self, count) {
            one.get(self)
        } else {
            other.get(self)
        }
    }

    /// A count as readers of this language write it: "50,000", "50.000", "50,000" (as `Intl.NumberFormat` does).
    pub fn number(self, count: usize) -> String {
        intl::number(self, count)
    }
}

/// Replaces each `{name}` in `template` by its value; an unknown name is left as written, so a mistake shows.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, values.iter().find(|(k, _)| *k == &after[..close])?)))
        {
            Some((close, (_, value))) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s a template uses, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names
}

/// Whether `text` is written in Chinese characters, so that it can be marked `lang="zh"` when the interface is in
/// another language (screen readers then read it in Chinese).
pub fn looks_chinese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'))
}

/// The `lang` to put on a user's value shown in an interface of `ui`: `zh` for Chinese text in an English or
/// Portuguese interface, nothing otherwise.
pub fn value_lang(text: &str, ui: Lang) -> Option<&'static str> {
    (ui != Lang::Zh && looks_chinese(text)).then_some("zh")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_text_exists_in_every_language_with_the_same_values() {
        for &text in Text::ALL {
            let english = text.get(Lang::En);
            assert!(!english.is_empty(), "{text:?}");
            let mut wanted: Vec<_> = placeholders(english);
            wanted.sort_unstable();
            for lang in Lang::ALL {
                let translated = text.get(lang);
                assert!(!translated.trim().is_empty(), "{text:?} in {lang:?}");
                let mut names = placeholders(translated);
                names.sort_unstable();
                assert_eq!(names, wanted, "{text:?} in {lang:?}: {translated}");
                assert!(!translated.contains("  "), "{text:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn translations_are_translated() {
        // Words that stay the same in another language exist ("Email", "Microsoft ID"), but not many.
        for lang in [Lang::Zh, Lang::Pt] {
            let same: HashSet<_> = Text::ALL
                .iter()
                .filter(|t| t.get(lang) == t.get(Lang::En))
                .collect();
            assert!(same.len() <= 2, "{lang:?}: {same:?}");
        }
        assert!(Text::ALL.iter().all(|t| {
            let zh = t.get(Lang::Zh);
            looks_chinese(zh) || zh.starts_with("Microsoft")
        }));
    }

    #[test]
    fn values_fill_their_places() {
        assert_eq!(
            Lang::En.fill(Text::PageOf, &[("page", "2"), ("pages", "9")]),
            "Page 2 of 9"
        );
        assert_eq!(
            Lang::Zh.fill(Text::PageOf, &[("page", "2"), ("pages", "9")]),
            "第 2 页，共 9 页"
        );
        assert_eq!(fill("{a}{b}{", &[("a", "{b}"), ("b", "x")]), "{b}x{");
        assert_eq!(fill("left {unknown} right", &[]), "left {unknown} right");
        assert_eq!(placeholders("{shown} of {total}"), ["shown", "total"]);
    }

    #[test]
    fn the_browser_language_decides_unless_chosen() {
        assert_eq!(Lang::initial(None, None, ["zh-CN", "en"]), Lang::Zh);
        assert_eq!(
            Lang::initial(None, None, ["de-DE", "pt-PT", "en"]),
            Lang::Pt
        );
        assert_eq!(Lang::initial(None, None, ["de-DE", "fr"]), Lang::En);
        assert_eq!(Lang::initial(None, Some("pt-BR"), ["zh-CN"]), Lang::Pt);
        assert_eq!(
            Lang::initial(Some("en-US"), Some("pt-BR"), ["zh-CN"]),
            Lang::En
        );
        assert_eq!(Lang::initial(Some("xx"), None, ["zh-Hans-CN"]), Lang::Zh);
        assert_eq!(Lang::initial(None, Some(""), []), Lang::En);
        assert_eq!(Lang::parse("ZH_tw"), Some(Lang::Zh));
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn chinese_values_are_marked_in_other_languages() {
        assert_eq!(value_lang("上海云科技有限公司", Lang::En), Some("zh"));
        assert_eq!(value_lang("上海云科技有限公司", Lang::Zh), None);
        assert_eq!(value_lang("Contoso", Lang::Pt), None);
    }
}
