//! Address rules per country, as data: one table per country, in the spirit of Partner Center's country validation
//! rules API (`isStateRequired`, `supportedStatesList`, `postalCodeRegex`, `isCityRequired`, `supportedCulturesList`).
//!
//! Countries without a table get [`LENIENT`]: every address part but line 1 is optional free text.

pub mod countries;

/// How the "State or province" field works for a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateRule {
    /// Free text, may be left empty.
    Optional,
    /// Free text, required.
    Required,
    /// Required, and one of these names exactly.
    OneOf(&'static [&'static str]),
}

/// Postal code shapes. In a pattern `9` stands for a digit, `A` for a Latin letter (either case); any other
/// character stands for itself. An empty list accepts any text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostalRule {
    pub required: bool,
    pub patterns: &'static [&'static str],
}

/// Everything the form and validation need to know about one country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountryRules {
    pub state: StateRule,
    pub city_required: bool,
    pub postal: PostalRule,
    /// Cultures offered for "Language"; the first is the default.
    pub cultures: &'static [&'static str],
}

/// The eleven countries where Partner Center requires a phone number and an organization registration number.
pub const PHONE_AND_ORG_NUMBER_REQUIRED: [&str; 11] = [
    "AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA",
];

/// Whether customers in this country must give a phone number and an organization registration number.
pub fn requires_phone_and_org_number(country: &str) -> bool {
    PHONE_AND_ORG_NUMBER_REQUIRED.contains(&country)
}

/// Rules for a country without a table of its own.
pub const LENIENT: CountryRules = CountryRules {
    state: StateRule::Optional,
    city_required: false,
    postal: PostalRule {
        required: false,
        patterns: &[],
    },
    cultures: &["en-US"],
};

/// The 31 province-level divisions of mainland China, by English name.
pub const CN_PROVINCES: &[&str] = &[
    "Anhui",
    "Beijing",
    "Chongqing",
    "Fujian",
    "Gansu",
    "Guangdong",
    "Guangxi",
    "Guizhou",
    "Hainan",
    "Hebei",
    "Heilongjiang",
    "Henan",
    "Hubei",
    "Hunan",
    "Inner Mongolia",
    "Jiangsu",
    "Jiangxi",
    "Jilin",
    "Liaoning",
    "Ningxia",
    "Qinghai",
    "Shaanxi",
    "Shandong",
    "Shanghai",
    "Shanxi",
    "Sichuan",
    "Tianjin",
    "Tibet",
    "Xinjiang",
    "Yunnan",
    "Zhejiang",
];

/// The 50 states of the United States and the District of Columbia.
pub const US_STATES: &[&str] = &[
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "District of Columbia",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
];

/// Canada's 10 provinces and 3 territories.
pub const CA_PROVINCES: &[&str] = &[
    "Alberta",
    "British Columbia",
    "Manitoba",
    "New Brunswick",
    "Newfoundland and Labrador",
    "Northwest Territories",
    "Nova Scotia",
    "Nunavut",
    "Ontario",
    "Prince Edward Island",
    "Quebec",
    "Saskatchewan",
    "Yukon",
];

/// Australia's 6 states and 2 mainland territories.
pub const AU_STATES: &[&str] = &[
    "Australian Capital Territory",
    "New South Wales",
    "Northern Territory",
    "Queensland",
    "South Australia",
    "Tasmania",
    "Victoria",
    "Western Australia",
];

/// Brazil's 26 states and the Federal District.
pub const BR_STATES: &[&str] = &[
    "Acre",
    "Alagoas",
    "Amapá",
    "Amazonas",
    "Bahia",
    "Ceará",
    "Distrito Federal",
    "Espírito Santo",
    "Goiás",
    "Maranhão",
    "Mato Grosso",
    "Mato Grosso do Sul",
    "Minas Gerais",
    "Pará",
    "Paraíba",
    "Paraná",
    "Pernambuco",
    "Piauí",
    "Rio de Janeiro",
    "Rio Grande do Norte",
    "Rio Grande do Sul",
    "Rondônia",
    "Roraima",
    "Santa Catarina",
    "São Paulo",
    "Sergipe",
    "Tocantins",
];

const fn table(
    state: StateRule,
    postal: &'static [&'static str],
    cultures: &'static [&'static str],
) -> CountryRules {
    CountryRules {
        state,
        city_required: true,
        postal: PostalRule {
            required: true,
            patterns: postal,
        },
        cultures,
    }
}

const SIX_DIGITS: &[&str] = &["999999"];
const FIVE_DIGITS: &[&str] = &["99999"];
const FOUR_DIGITS: &[&str] = &["9999"];

/// The rules for a country code (upper case); [`LENIENT`] for countries without a table.
pub fn rules_for(country: &str) -> CountryRules {
    use StateRule::*;
    match country {
        "CN" => table(OneOf(CN_PROVINCES), SIX_DIGITS, &["zh-CN", "en-US"]),
        "US" => table(
            OneOf(US_STATES),
            &["99999", "99999-9999"],
            &["en-US", "es-US"],
        ),
        "CA" => table(
            OneOf(CA_PROVINCES),
            &["A9A 9A9", "A9A9A9"],
            &["en-CA", "fr-CA"],
        ),
        "AU" => table(OneOf(AU_STATES), FOUR_DIGITS, &["en-AU"]),
        "BR" => table(
            OneOf(BR_STATES),
            &["99999-999", "99999999"],
            &["pt-BR", "en-US"],
        ),
        "GB" => table(
            Optional,
            &[
                "A9 9AA", "A99 9AA", "A9A 9AA", "AA9 9AA", "AA99 9AA", "AA9A 9AA",
            ],
            &["en-GB"],
        ),
        "DE" => table(Optional, FIVE_DIGITS, &["de-DE", "en-US"]),
        "FR" => table(Optional, FIVE_DIGITS, &["fr-FR", "en-US"]),
        "JP" => table(Required, &["999-9999"], &["ja-JP", "en-US"]),
        "IN" => table(Required, SIX_DIGITS, &["en-IN", "hi-IN"]),
        "RU" => table(Optional, SIX_DIGITS, &["ru-RU", "en-US"]),
        "HU" => table(Optional, FOUR_DIGITS, &["hu-HU", "en-US"]),
        _ => LENIENT,
    }
}

/// The countries that have a table of their own (everything else is lenient).
pub const COUNTRIES_WITH_RULES: [&str; 12] = [
    "CN", "US", "CA", "AU", "BR", "GB", "DE", "FR", "JP", "IN", "RU", "HU",
];

/// Whether `value` has the shape `pattern` describes (see [`PostalRule`]).
pub fn matches_pattern(value: &str, pattern: &str) -> bool {
    value.chars().count() == pattern.chars().count()
        && value.chars().zip(pattern.chars()).all(|(v, p)| match p {
            '9' => v.is_ascii_digit(),
            'A' => v.is_ascii_alphabetic(),
            other => v == other,
        })
}

impl PostalRule {
    /// Whether a non-empty postal code is acceptable.
    pub fn accepts(&self, value: &str) -> bool {
        self.patterns.is_empty() || self.patterns.iter().any(|p| matches_pattern(value, p))
    }

    /// An example of the expected shape, for messages ("e.g. 100080").
    pub fn example(&self) -> Option<String> {
        let pattern = self.patterns.first()?;
        let mut digits = "1000800000".chars().cycle();
        Some(
            pattern
                .chars()
                .map(|p| match p {
                    '9' => digits.next().unwrap_or('0'),
                    'A' => 'A',
                    other => other,
                })
                .collect(),
        )
    }
}

impl CountryRules {
    /// The culture a form preselects.
    pub fn default_culture(&self) -> &'static str {
        self.cultures.first().copied().unwrap_or("en-US")
    }

    /// The fixed list of states, if the country has one.
    pub fn state_list(&self) -> Option<&'static [&'static str]> {
        match self.state {
            StateRule::OneOf(list) => Some(list),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rules::countries::country_by_code;

    #[test]
    fn lists_have_the_documented_sizes() {
        assert_eq!(CN_PROVINCES.len(), 31);
        assert_eq!(US_STATES.len(), 51);
        assert_eq!(CA_PROVINCES.len(), 13);
        assert_eq!(BR_STATES.len(), 27);
        assert!(CN_PROVINCES.contains(&"Guangdong") && US_STATES.contains(&"District of Columbia"));
    }

    #[test]
    fn every_table_is_a_real_country_and_at_least_ten_exist() {
        assert!(COUNTRIES_WITH_RULES.len() >= 10);
        for code in COUNTRIES_WITH_RULES {
            assert!(country_by_code(code).is_some(), "{code}");
            assert_ne!(rules_for(code), LENIENT, "{code} has no table");
        }
        for code in PHONE_AND_ORG_NUMBER_REQUIRED {
            assert!(country_by_code(code).is_some(), "{code}");
        }
        assert!(COUNTRIES_WITH_RULES
            .iter()
            .any(|c| requires_phone_and_org_number(c)));
    }

    #[test]
    fn patterns() {
        assert!(matches_pattern("100080", "999999"));
        assert!(!matches_pattern("10008", "999999"));
        assert!(!matches_pattern("10008a", "999999"));
        assert!(matches_pattern("SW1A 1AA", "AA9A 9AA"));
        assert!(matches_pattern("sw1a 1aa", "AA9A 9AA"));
        assert!(
            !matches_pattern("１０００８０", "999999"),
            "full-width digits are not ASCII digits"
        );
        let us = rules_for("US").postal;
        assert!(us.accepts("98052") && us.accepts("98052-6399"));
        assert!(!us.accepts("9805") && !us.accepts("98052 6399"));
        assert!(LENIENT.postal.accepts("anything at all"));
    }

    #[test]
    fn examples_are_the_documented_ones() {
        // Written out by hand, not derived from the patterns: a change to a pattern or to `example` shows here.
        let expected = [
            ("CN", "100080"),
            ("US", "10008"),
            ("CA", "A1A 0A0"),
            ("AU", "1000"),
            ("BR", "10008-000"),
            ("GB", "A1 0AA"),
            ("DE", "10008"),
            ("FR", "10008"),
            ("JP", "100-0800"),
            ("IN", "100080"),
            ("RU", "100080"),
            ("HU", "1000"),
        ];
        assert_eq!(expected.len(), COUNTRIES_WITH_RULES.len());
        for (code, example) in expected {
            assert_eq!(
                rules_for(code).postal.example().as_deref(),
                Some(example),
                "{code}"
            );
        }
        assert_eq!(LENIENT.postal.example(), None);
    }

    #[test]
    fn real_postal_codes_pass_and_near_misses_fail() {
        // Real addresses' codes, and the same codes one character off: an oracle independent of the patterns.
        let cases: [(&str, &[&str], &[&str]); 12] = [
            ("CN", &["100080", "200120"], &["10008", "1000800", "10008A"]),
            (
                "US",
                &["98052", "98052-6399"],
                &["9805", "98052 6399", "980526399"],
            ),
            (
                "CA",
                &["K1A 0B1", "M5V3L9"],
                &["K1A-0B1", "1KA 0B1", "K1A 0B"],
            ),
            ("AU", &["2000", "3000"], &["200", "20000", "NSW1"]),
            (
                "BR",
                &["01310-100", "01310100"],
                &["01310-10", "0131-0100", "0131010"],
            ),
            (
                "GB",
                &["SW1A 1AA", "EC1A 1BB", "M1 1AE", "B33 8TH", "CR2 6XH"],
                &["SW1A1AA", "1W1A 1AA", "SW1A 1A"],
            ),
            ("DE", &["10115", "80807"], &["1011", "101155", "D-10115"]),
            ("FR", &["75008", "13001"], &["7500", "750008", "F-75008"]),
            (
                "JP",
                &["100-0001", "150-0002"],
                &["1000001", "100-001", "10-00001"],
            ),
            (
                "IN",
                &["110001", "560001"],
                &["11001", "1100011", "110 001"],
            ),
            ("RU", &["125009", "190000"], &["12500", "1250099"]),
            ("HU", &["1051", "6720"], &["105", "10511", "H-1051"]),
        ];
        for (code, good, bad) in cases {
            let postal = rules_for(code).postal;
            for value in good {
                assert!(postal.accepts(value), "{code} refuses {value}");
            }
            for value in bad {
                assert!(!postal.accepts(value), "{code} accepts {value}");
            }
        }
    }

    #[test]
    fn cultures_default_to_the_first() {
        assert_eq!(rules_for("CN").cultures, ["zh-CN", "en-US"]);
        assert_eq!(rules_for("CN").default_culture(), "zh-CN");
        assert_eq!(rules_for("ZZ").default_culture(), "en-US");
    }
}
