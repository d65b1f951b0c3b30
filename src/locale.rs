//! The interface's languages, as the state chooses and remembers them. Their words are [`crate::i18n`]'s: nothing
//! here says anything to the reader.

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
    Pt,
}

impl Lang {
    /// In the order "Display language" lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Zh, Lang::Pt];

    /// The BCP 47 tag: for `lang` attributes, `Intl`, and the remembered choice.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Zh => "zh-CN",
            Lang::Pt => "pt-BR",
        }
    }

    /// The language's name in itself, as "Display language" lists it: a reader finds their own language whatever
    /// the page is in.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文（简体）",
            Lang::Pt => "Português (Brasil)",
        }
    }

    /// The language a tag asks for, by its primary subtag: `zh-CN`, `zh-Hans` or `zh` → Chinese, `pt-PT` →
    /// Portuguese. Chinese of other scripts still reads Simplified better than English.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            "pt" => Some(Lang::Pt),
            _ => None,
        }
    }

    /// The starting language: the reader's remembered choice, else the embedding element's `lang`, else the first
    /// of the browser's languages (`navigator.languages`) that we speak, else English.
    pub fn initial<'a>(
        remembered: Option<&str>,
        attribute: Option<&str>,
        browser: impl IntoIterator<Item = &'a str>,
    ) -> Lang {
        remembered
            .and_then(Lang::parse)
            .or_else(|| attribute.and_then(Lang::parse))
            .or_else(|| browser.into_iter().find_map(Lang::parse))
            .unwrap_or_default()
    }
}
