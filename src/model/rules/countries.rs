//! Every ISO 3166-1 alpha-2 country/region, by its common English short name.
//!
//! Partner Center stores the alpha-2 code (`defaultAddress.country`); people pick by name. Names follow common usage
//! ("United States", "United Kingdom", "South Korea") rather than the ISO long forms, as Partner Center's own picker does.

use crate::model::list::sorting::insertion_sort_by;

/// A country or region a customer's billing address can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case.
    pub code: &'static str,
    /// Common English short name.
    pub name: &'static str,
}

/// The country selected when a form opens: the 21Vianet cloud serves China.
pub const DEFAULT_COUNTRY: &str = "CN";

const fn c(code: &'static str, name: &'static str) -> Country {
    Country { code, name }
}

/// All officially assigned alpha-2 codes: China first (the default), the rest by name.
pub const COUNTRIES: &[Country] = &[
    c("CN", "China"),
    c("AF", "Afghanistan"),
    c("AX", "Åland Islands"),
    c("AL", "Albania"),
    c("DZ", "Algeria"),
    c("AS", "American Samoa"),
    c("AD", "Andorra"),
    c("AO", "Angola"),
    c("AI", "Anguilla"),
    c("AQ", "Antarctica"),
    c("AG", "Antigua and Barbuda"),
    c("AR", "Argentina"),
    c("AM", "Armenia"),
    c("AW", "Aruba"),
    c("AU", "Australia"),
    c("AT", "Austria"),
    c("AZ", "Azerbaijan"),
    c("BS", "Bahamas"),
    c("BH", "Bahrain"),
    c("BD", "Bangladesh"),
    c("BB", "Barbados"),
    c("BY", "Belarus"),
    c("BE", "Belgium"),
    c("BZ", "Belize"),
    c("BJ", "Benin"),
    c("BM", "Bermuda"),
    c("BT", "Bhutan"),
    c("BO", "Bolivia"),
    c("BQ", "Bonaire, Sint Eustatius and Saba"),
    c("BA", "Bosnia and Herzegovina"),
    c("BW", "Botswana"),
    c("BV", "Bouvet Island"),
    c("BR", "Brazil"),
    c("IO", "British Indian Ocean Territory"),
    c("VG", "British Virgin Islands"),
    c("BN", "Brunei"),
    c("BG", "Bulgaria"),
    c("BF", "Burkina Faso"),
    c("BI", "Burundi"),
    c("CV", "Cabo Verde"),
    c("KH", "Cambodia"),
    c("CM", "Cameroon"),
    c("CA", "Canada"),
    c("KY", "Cayman Islands"),
    c("CF", "Central African Republic"),
    c("TD", "Chad"),
    c("CL", "Chile"),
    c("CX", "Christmas Island"),
    c("CC", "Cocos (Keeling) Islands"),
    c("CO", "Colombia"),
    c("KM", "Comoros"),
    c("CG", "Congo"),
    c("CD", "Congo (DRC)"),
    c("CK", "Cook Islands"),
    c("CR", "Costa Rica"),
    c("CI", "Côte d’Ivoire"),
    c("HR", "Croatia"),
    c("CU", "Cuba"),
    c("CW", "Curaçao"),
    c("CY", "Cyprus"),
    c("CZ", "Czechia"),
    c("DK", "Denmark"),
    c("DJ", "Djibouti"),
    c("DM", "Dominica"),
    c("DO", "Dominican Republic"),
    c("EC", "Ecuador"),
    c("EG", "Egypt"),
    c("SV", "El Salvador"),
    c("GQ", "Equatorial Guinea"),
    c("ER", "Eritrea"),
    c("EE", "Estonia"),
    c("SZ", "Eswatini"),
    c("ET", "Ethiopia"),
    c("FK", "Falkland Islands"),
    c("FO", "Faroe Islands"),
    c("FJ", "Fiji"),
    c("FI", "Finland"),
    c("FR", "France"),
    c("GF", "French Guiana"),
    c("PF", "French Polynesia"),
    c("TF", "French Southern Territories"),
    c("GA", "Gabon"),
    c("GM", "Gambia"),
    c("GE", "Georgia"),
    c("DE", "Germany"),
    c("GH", "Ghana"),
    c("GI", "Gibraltar"),
    c("GR", "Greece"),
    c("GL", "Greenland"),
    c("GD", "Grenada"),
    c("GP", "Guadeloupe"),
    c("GU", "Guam"),
    c("GT", "Guatemala"),
    c("GG", "Guernsey"),
    c("GN", "Guinea"),
    c("GW", "Guinea-Bissau"),
    c("GY", "Guyana"),
    c("HT", "Haiti"),
    c("HM", "Heard Island and McDonald Islands"),
    c("HN", "Honduras"),
    c("HK", "Hong Kong SAR"),
    c("HU", "Hungary"),
    c("IS", "Iceland"),
    c("IN", "India"),
    c("ID", "Indonesia"),
    c("IR", "Iran"),
    c("IQ", "Iraq"),
    c("IE", "Ireland"),
    c("IM", "Isle of Man"),
    c("IL", "Israel"),
    c("IT", "Italy"),
    c("JM", "Jamaica"),
    c("JP", "Japan"),
    c("JE", "Jersey"),
    c("JO", "Jordan"),
    c("KZ", "Kazakhstan"),
    c("KE", "Kenya"),
    c("KI", "Kiribati"),
    c("KW", "Kuwait"),
    c("KG", "Kyrgyzstan"),
    c("LA", "Laos"),
    c("LV", "Latvia"),
    c("LB", "Lebanon"),
    c("LS", "Lesotho"),
    c("LR", "Liberia"),
    c("LY", "Libya"),
    c("LI", "Liechtenstein"),
    c("LT", "Lithuania"),
    c("LU", "Luxembourg"),
    c("MO", "Macao SAR"),
    c("MG", "Madagascar"),
    c("MW", "Malawi"),
    c("MY", "Malaysia"),
    c("MV", "Maldives"),
    c("ML", "Mali"),
    c("MT", "Malta"),
    c("MH", "Marshall Islands"),
    c("MQ", "Martinique"),
    c("MR", "Mauritania"),
    c("MU", "Mauritius"),
    c("YT", "Mayotte"),
    c("MX", "Mexico"),
    c("FM", "Micronesia"),
    c("MD", "Moldova"),
    c("MC", "Monaco"),
    c("MN", "Mongolia"),
    c("ME", "Montenegro"),
    c("MS", "Montserrat"),
    c("MA", "Morocco"),
    c("MZ", "Mozambique"),
    c("MM", "Myanmar"),
    c("NA", "Namibia"),
    c("NR", "Nauru"),
    c("NP", "Nepal"),
    c("NL", "Netherlands"),
    c("NC", "New Caledonia"),
    c("NZ", "New Zealand"),
    c("NI", "Nicaragua"),
    c("NE", "Niger"),
    c("NG", "Nigeria"),
    c("NU", "Niue"),
    c("NF", "Norfolk Island"),
    c("KP", "North Korea"),
    c("MK", "North Macedonia"),
    c("MP", "Northern Mariana Islands"),
    c("NO", "Norway"),
    c("OM", "Oman"),
    c("PK", "Pakistan"),
    c("PW", "Palau"),
    c("PS", "Palestinian Authority"),
    c("PA", "Panama"),
    c("PG", "Papua New Guinea"),
    c("PY", "Paraguay"),
    c("PE", "Peru"),
    c("PH", "Philippines"),
    c("PN", "Pitcairn Islands"),
    c("PL", "Poland"),
    c("PT", "Portugal"),
    c("PR", "Puerto Rico"),
    c("QA", "Qatar"),
    c("RE", "Réunion"),
    c("RO", "Romania"),
    c("RU", "Russia"),
    c("RW", "Rwanda"),
    c("BL", "Saint Barthélemy"),
    c("SH", "Saint Helena, Ascension and Tristan da Cunha"),
    c("KN", "Saint Kitts and Nevis"),
    c("LC", "Saint Lucia"),
    c("MF", "Saint Martin"),
    c("PM", "Saint Pierre and Miquelon"),
    c("VC", "Saint Vincent and the Grenadines"),
    c("WS", "Samoa"),
    c("SM", "San Marino"),
    c("ST", "São Tomé and Príncipe"),
    c("SA", "Saudi Arabia"),
    c("SN", "Senegal"),
    c("RS", "Serbia"),
    c("SC", "Seychelles"),
    c("SL", "Sierra Leone"),
    c("SG", "Singapore"),
    c("SX", "Sint Maarten"),
    c("SK", "Slovakia"),
    c("SI", "Slovenia"),
    c("SB", "Solomon Islands"),
    c("SO", "Somalia"),
    c("ZA", "South Africa"),
    c("GS", "South Georgia and the South Sandwich Islands"),
    c("KR", "South Korea"),
    c("SS", "South Sudan"),
    c("ES", "Spain"),
    c("LK", "Sri Lanka"),
    c("SD", "Sudan"),
    c("SR", "Suriname"),
    c("SJ", "Svalbard and Jan Mayen"),
    c("SE", "Sweden"),
    c("CH", "Switzerland"),
    c("SY", "Syria"),
    c("TW", "Taiwan"),
    c("TJ", "Tajikistan"),
    c("TZ", "Tanzania"),
    c("TH", "Thailand"),
    c("TL", "Timor-Leste"),
    c("TG", "Togo"),
    c("TK", "Tokelau"),
    c("TO", "Tonga"),
    c("TT", "Trinidad and Tobago"),
    c("TN", "Tunisia"),
    c("TR", "Türkiye"),
    c("TM", "Turkmenistan"),
    c("TC", "Turks and Caicos Islands"),
    c("TV", "Tuvalu"),
    c("UG", "Uganda"),
    c("UA", "Ukraine"),
    c("AE", "United Arab Emirates"),
    c("GB", "United Kingdom"),
    c("US", "United States"),
    c("UY", "Uruguay"),
    c("UM", "U.S. Outlying Islands"),
    c("VI", "U.S. Virgin Islands"),
    c("UZ", "Uzbekistan"),
    c("VU", "Vanuatu"),
    c("VA", "Vatican City"),
    c("VE", "Venezuela"),
    c("VN", "Vietnam"),
    c("WF", "Wallis and Futuna"),
    c("EH", "Western Sahara"),
    c("YE", "Yemen"),
    c("ZM", "Zambia"),
    c("ZW", "Zimbabwe"),
];

/// The country with this alpha-2 code (exact, upper case), if it is one.
pub fn country_by_code(code: &str) -> Option<&'static Country> {
    COUNTRIES.get(country_index(code)?)
}

/// Where the country with this code is in [`COUNTRIES`], if it is one.
fn country_index(code: &str) -> Option<usize> {
    // A table by the two letters, made once: this runs for every stored customer on every load, and a search of the
    // list (China first, the rest by name) took up to 250 comparisons.
    static INDEX: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let slot = |a: u8, b: u8| -> Option<usize> {
        (a.is_ascii_uppercase() && b.is_ascii_uppercase())
            .then(|| usize::from(a - b'A') * 26 + usize::from(b - b'A'))
    };
    let index = INDEX.get_or_init(|| {
        let mut index = vec![u16::MAX; 26 * 26];
        for (at, country) in COUNTRIES.iter().enumerate() {
            if let &[a, b] = country.code.as_bytes() {
                if let Some(slot) = slot(a, b) {
                    index[slot] = at as u16;
                }
            }
        }
        index
    });
    let &[a, b] = code.as_bytes() else {
        return None;
    };
    let at = usize::from(*index.get(slot(a, b)?)?);
    (at < COUNTRIES.len()).then_some(at)
}

/// The English name for a code; the code itself when it is unknown, so nothing is ever shown blank.
pub fn country_name(code: &str) -> &str {
    country_by_code(code).map_or(code, |c| c.name)
}

/// Countries in a reader's alphabetical order of their names: the list sorts by "Country/region" in the names it
/// shows, and the form lists them so. A code not in the table comes last.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CountryOrder {
    /// Each country's place, by its position in [`COUNTRIES`] (a table, not a map: no hashing code to download).
    places: Vec<u8>,
    codes: Vec<&'static str>,
}

impl CountryOrder {
    /// The order of the names `name` gives, compared by `compare` (ties by code). Taken as `dyn`: one copy of the
    /// sort serves every language.
    pub fn by_names(
        name: &dyn Fn(&'static str) -> String,
        compare: &dyn Fn(&str, &str) -> std::cmp::Ordering,
    ) -> CountryOrder {
        let mut named: Vec<(&'static str, String)> =
            COUNTRIES.iter().map(|c| (c.code, name(c.code))).collect();
        insertion_sort_by(&mut named, |a, b| {
            compare(&a.1, &b.1).then_with(|| a.0.cmp(b.0)).is_lt()
        });
        let codes: Vec<&'static str> = named.into_iter().map(|(code, _)| code).collect();
        // Fewer than 255 countries: a place fits in a byte, and 255 is "not in the table".
        let mut places = vec![u8::MAX; COUNTRIES.len()];
        for (place, code) in codes.iter().enumerate() {
            if let Some(slot) = country_index(code).and_then(|at| places.get_mut(at)) {
                *slot = place.min(254) as u8;
            }
        }
        CountryOrder { places, codes }
    }

    /// By the English names, as they are written.
    pub fn english() -> CountryOrder {
        CountryOrder::by_names(&|code| country_name(code).to_string(), &str::cmp)
    }

    pub fn place(&self, code: &str) -> u8 {
        country_index(code)
            .and_then(|at| self.places.get(at))
            .copied()
            .unwrap_or(u8::MAX)
    }

    /// The codes, in this order.
    pub fn codes(&self) -> &[&'static str] {
        &self.codes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn countries_are_ordered_by_the_names_a_reader_sees() {
        let english = CountryOrder::english();
        assert!(
            english.place("CN") < english.place("DE"),
            "China before Germany"
        );
        assert!(english.place("XX") > english.place("ZW"), "unknown last");
        // Every country's place is where its code is in the order.
        assert_eq!(english.codes().len(), COUNTRIES.len());
        for (place, code) in english.codes().iter().enumerate() {
            assert_eq!(usize::from(english.place(code)), place, "{code}");
        }
        assert_eq!(CountryOrder::default().place("CN"), u8::MAX);
        // The names decide, not the codes: "Zhongguo" for China puts it after "Deutschland".
        let renamed = CountryOrder::by_names(
            &|code| match code {
                "DE" => "Deutschland".into(),
                "CN" => "Zhongguo".into(),
                other => country_name(other).to_string(),
            },
            &str::cmp,
        );
        assert!(renamed.place("DE") < renamed.place("CN"));
        assert_eq!(renamed.codes().len(), COUNTRIES.len());
        assert!(COUNTRIES.len() < 255, "a place fits in a byte");
        let reversed =
            CountryOrder::by_names(&|code| country_name(code).to_string(), &|a, b| b.cmp(a));
        assert!(reversed.place("DE") < reversed.place("CN"));
    }

    #[test]
    fn has_every_assigned_code_once() {
        assert_eq!(COUNTRIES.len(), 249);
        let codes: HashSet<_> = COUNTRIES.iter().map(|c| c.code).collect();
        assert_eq!(codes.len(), COUNTRIES.len(), "duplicate code");
        for c in COUNTRIES {
            assert!(
                c.code.len() == 2 && c.code.bytes().all(|b| b.is_ascii_uppercase()),
                "{c:?}"
            );
        }
    }

    /// Sort key that ignores case, accents and punctuation, as a person reading the list does.
    fn key(name: &str) -> String {
        name.chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .map(|c| match c {
                'Å' | 'å' => 'a',
                'ô' => 'o',
                'é' => 'e',
                'ã' => 'a',
                'ç' => 'c',
                'ü' => 'u',
                'í' => 'i',
                other => other.to_ascii_lowercase(),
            })
            .collect()
    }

    #[test]
    fn china_first_then_sorted_by_name() {
        assert_eq!(COUNTRIES[0].code, DEFAULT_COUNTRY);
        for pair in COUNTRIES[1..].windows(2) {
            assert!(
                key(pair[0].name) <= key(pair[1].name),
                "{} before {}",
                pair[0].name,
                pair[1].name
            );
        }
    }

    #[test]
    fn common_names_are_used() {
        for (code, name) in [
            ("US", "United States"),
            ("GB", "United Kingdom"),
            ("DE", "Germany"),
            ("BR", "Brazil"),
            ("CN", "China"),
        ] {
            assert_eq!(country_name(code), name);
        }
        assert_eq!(country_name("XX"), "XX");
        assert!(country_by_code("cn").is_none());
    }
}
