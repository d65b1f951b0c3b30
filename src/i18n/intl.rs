//! Numbers, plurals, country and language names and sorting as the browser's `Intl` gives them for a language.
//!
//! Numbers and plurals follow a few lines of rules here, in the browser too: for whole numbers in these three
//! languages they are all `Intl.NumberFormat` and `Intl.PluralRules` do (a browser test checks that they agree), and
//! the first `Intl` formatter a page makes costs about 20 ms (the browser loads its locale data), which the list's
//! count would otherwise add to every load. Names and sorting come from `Intl` in the browser; built natively (tests,
//! tools), names are absent and sorting is by code point, so pure logic stays testable.

use super::Lang;

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    use wasm_bindgen::prelude::*;

    use super::Lang;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Intl, js_name = DisplayNames)]
        pub type DisplayNames;
        #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DisplayNames", catch)]
        fn new(locale: &str, options: &JsValue) -> Result<DisplayNames, JsValue>;
        #[wasm_bindgen(method, catch)]
        fn of(this: &DisplayNames, code: &str) -> Result<JsValue, JsValue>;

        #[wasm_bindgen(js_namespace = Intl, js_name = Collator)]
        pub type Collator;
        #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "Collator", catch)]
        fn new(locale: &str) -> Result<Collator, JsValue>;
        #[wasm_bindgen(method)]
        fn compare(this: &Collator, a: &str, b: &str) -> f64;
    }

    /// One formatter of each kind per language, made when first needed (making one costs far more than using it).
    #[derive(Default)]
    struct Formatters {
        regions: Option<DisplayNames>,
        languages: Option<DisplayNames>,
        collator: Option<Collator>,
    }

    thread_local! {
        static FORMATTERS: RefCell<[Formatters; 3]> = RefCell::default();
    }

    fn with<T>(lang: Lang, f: impl FnOnce(&mut Formatters) -> Option<T>) -> Option<T> {
        FORMATTERS
            .try_with(|all| {
                let mut all = all.try_borrow_mut().ok()?;
                f(&mut all[lang as usize])
            })
            .ok()
            .flatten()
    }

    fn display_names(lang: Lang, kind: &str) -> Option<DisplayNames> {
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"type".into(), &kind.into()).ok()?;
        js_sys::Reflect::set(&options, &"fallback".into(), &"none".into()).ok()?;
        DisplayNames::new(lang.tag(), &options).ok()
    }

    pub fn name(lang: Lang, code: &str, region: bool) -> Option<String> {
        with(lang, |f| {
            let slot = if region {
                &mut f.regions
            } else {
                &mut f.languages
            };
            if slot.is_none() {
                *slot = display_names(lang, if region { "region" } else { "language" });
            }
            slot.as_ref()?.of(code).ok()?.as_string()
        })
    }

    pub fn compare(lang: Lang, a: &str, b: &str) -> Option<std::cmp::Ordering> {
        with(lang, |f| {
            if f.collator.is_none() {
                f.collator = Collator::new(lang.tag()).ok();
            }
            f.collator.as_ref()?.compare(a, b).partial_cmp(&0.0)
        })
    }
}

/// The rules `Intl` applies to whole numbers in these three languages.
mod rules {
    use super::Lang;

    pub fn number(lang: Lang, value: usize) -> String {
        let separator = if lang == Lang::Pt { '.' } else { ',' };
        let digits = value.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    pub fn is_plural_one(lang: Lang, value: usize) -> bool {
        match lang {
            Lang::En => value == 1,
            // CLDR: Portuguese (Brazil) counts 0 and 1 as "one".
            Lang::Pt => value <= 1,
            Lang::Zh => false,
        }
    }
}

/// `value` with the language's digit grouping: "50,000", "50.000".
pub fn number(lang: Lang, value: usize) -> String {
    rules::number(lang, value)
}

/// Whether `value` takes the language's "one" form.
pub fn is_plural_one(lang: Lang, value: usize) -> bool {
    rules::is_plural_one(lang, value)
}

/// A country's name in the language (`Intl.DisplayNames`), if the browser knows it.
pub fn region_name(lang: Lang, code: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        browser::name(lang, code, true)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (lang, code);
        None
    }
}

/// A language's (culture's) name in the language (`Intl.DisplayNames`), if the browser knows it.
pub fn language_name(lang: Lang, tag: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        browser::name(lang, tag, false)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (lang, tag);
        None
    }
}

/// Orders two names as a reader of the language expects (`Intl.Collator`: pinyin for Chinese, accents ignored
/// first for Portuguese).
pub fn compare(lang: Lang, a: &str, b: &str) -> std::cmp::Ordering {
    #[cfg(target_arch = "wasm32")]
    if let Some(order) = browser::compare(lang, a, b) {
        return order;
    }
    let _ = lang;
    a.cmp(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(number(Lang::En, 0), "0");
        assert_eq!(number(Lang::En, 999), "999");
        assert_eq!(number(Lang::En, 1_000), "1,000");
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Pt, 50_000), "50.000");
        assert_eq!(number(Lang::Zh, 50_000), "50,000");
    }

    #[test]
    fn plural_forms_follow_each_language() {
        assert!(is_plural_one(Lang::En, 1));
        assert!(!is_plural_one(Lang::En, 0));
        assert!(is_plural_one(Lang::Pt, 0));
        assert!(!is_plural_one(Lang::Pt, 2));
        assert!(!is_plural_one(Lang::Zh, 1));
    }
}
