//! Demo customers for "Load demo customers": a dozen fictional companies across several countries, as form values,
//! so the app creates them through the same validation and constructor as a person filling in the form.

use crate::model::form::CustomerDraft;

/// One demo company, in the order the form asks.
struct Demo {
    company: &'static str,
    prefix: &'static str,
    country: &'static str,
    address_line1: &'static str,
    city: &'static str,
    state: &'static str,
    postal_code: &'static str,
    first_name: &'static str,
    last_name: &'static str,
    email: &'static str,
    phone: &'static str,
    culture: &'static str,
}

/// Fictional names and addresses; the domains (`…demo`) make it plain that they are demo data.
const DEMOS: [Demo; 12] = [
    Demo {
        company: "北京云杉科技有限公司",
        prefix: "yunshandemo",
        country: "CN",
        address_line1: "海淀区中关村大街 27 号",
        city: "北京",
        state: "Beijing",
        postal_code: "100080",
        first_name: "伟",
        last_name: "张",
        email: "zhang.wei@yunshan.example.cn",
        phone: "+86 10 5869 6000",
        culture: "zh-CN",
    },
    Demo {
        company: "上海蓝湾物流有限公司",
        prefix: "lanwandemo",
        country: "CN",
        address_line1: "浦东新区世纪大道 100 号",
        city: "上海",
        state: "Shanghai",
        postal_code: "200120",
        first_name: "芳",
        last_name: "李",
        email: "li.fang@lanwan.example.cn",
        phone: "+86 21 6888 0000",
        culture: "zh-CN",
    },
    Demo {
        company: "Shenzhen Pearl River Devices Co., Ltd.",
        prefix: "pearlriverdemo",
        country: "CN",
        address_line1: "No. 9 Keji South Road, Nanshan District",
        city: "Shenzhen",
        state: "Guangdong",
        postal_code: "518057",
        first_name: "Min",
        last_name: "Chen",
        email: "chen.min@pearlriver.example.cn",
        phone: "+86 755 8600 1234",
        culture: "en-US",
    },
    Demo {
        company: "Hangzhou West Lake Tea Trading",
        prefix: "westlakedemo",
        country: "CN",
        address_line1: "18 Longjing Road, Xihu District",
        city: "Hangzhou",
        state: "Zhejiang",
        postal_code: "310013",
        first_name: "Jing",
        last_name: "Wang",
        email: "wang.jing@westlake.example.cn",
        phone: "",
        culture: "zh-CN",
    },
    Demo {
        company: "Contoso Outdoor Gear",
        prefix: "contosodemo",
        country: "US",
        address_line1: "1 Microsoft Way",
        city: "Redmond",
        state: "Washington",
        postal_code: "98052",
        first_name: "Alex",
        last_name: "Johnson",
        email: "alex.johnson@contoso.example.com",
        phone: "+1 425 555 0100",
        culture: "en-US",
    },
    Demo {
        company: "Fabrikam Maschinenbau GmbH",
        prefix: "fabrikamdemo",
        country: "DE",
        address_line1: "Walter-Gropius-Straße 5",
        city: "München",
        state: "",
        postal_code: "80807",
        first_name: "Anna",
        last_name: "Schmidt",
        email: "anna.schmidt@fabrikam.example.de",
        phone: "+49 89 3176 0",
        culture: "de-DE",
    },
    Demo {
        company: "Northwind Traders Ltd",
        prefix: "northwinddemo",
        country: "GB",
        address_line1: "2 Kingdom Street",
        city: "London",
        state: "",
        postal_code: "W2 6BD",
        first_name: "Oliver",
        last_name: "Smith",
        email: "oliver.smith@northwind.example.co.uk",
        phone: "+44 20 7946 0000",
        culture: "en-GB",
    },
    Demo {
        company: "Sakura Design K.K.",
        prefix: "sakurademo",
        country: "JP",
        address_line1: "2-16-3 Konan, Minato-ku",
        city: "Tokyo",
        state: "Tokyo",
        postal_code: "108-0075",
        first_name: "Yuki",
        last_name: "Tanaka",
        email: "yuki.tanaka@sakura.example.jp",
        phone: "+81 3 4332 5300",
        culture: "ja-JP",
    },
    Demo {
        company: "Lumière Conseil SARL",
        prefix: "lumieredemo",
        country: "FR",
        address_line1: "39 Quai du Président Roosevelt",
        city: "Issy-les-Moulineaux",
        state: "",
        postal_code: "92130",
        first_name: "Camille",
        last_name: "Martin",
        email: "camille.martin@lumiere.example.fr",
        phone: "+33 1 57 75 10 00",
        culture: "fr-FR",
    },
    Demo {
        company: "Wattle Solar Pty Ltd",
        prefix: "wattledemo",
        country: "AU",
        address_line1: "11 Talavera Road",
        city: "Macquarie Park",
        state: "New South Wales",
        postal_code: "2113",
        first_name: "Jack",
        last_name: "Wilson",
        email: "jack.wilson@wattle.example.com.au",
        phone: "+61 2 8281 0000",
        culture: "en-AU",
    },
    Demo {
        company: "Ipê Software Ltda.",
        prefix: "ipedemo",
        country: "BR",
        address_line1: "Avenida Presidente Juscelino Kubitschek, 1909",
        city: "São Paulo",
        state: "São Paulo",
        postal_code: "04543-907",
        first_name: "Lucas",
        last_name: "Oliveira",
        email: "lucas.oliveira@ipe.example.com.br",
        phone: "+55 11 4706 0900",
        culture: "pt-BR",
    },
    Demo {
        company: "Maple Leaf Analytics Inc.",
        prefix: "mapleleafdemo",
        country: "CA",
        address_line1: "81 Bay Street",
        city: "Toronto",
        state: "Ontario",
        postal_code: "M5J 0E7",
        first_name: "Emma",
        last_name: "Tremblay",
        email: "emma.tremblay@mapleleaf.example.ca",
        phone: "+1 416 555 0199",
        culture: "en-CA",
    },
];

/// The demo customers as filled-in forms.
pub fn demo_drafts() -> Vec<CustomerDraft> {
    DEMOS
        .iter()
        .map(|d| {
            let mut draft = CustomerDraft::new_in(d.country);
            draft.company_name = d.company.into();
            draft.domain_prefix = d.prefix.into();
            draft.address_line1 = d.address_line1.into();
            draft.city = d.city.into();
            draft.state = d.state.into();
            draft.postal_code = d.postal_code.into();
            draft.first_name = d.first_name.into();
            draft.last_name = d.last_name.into();
            draft.email = d.email.into();
            draft.phone = d.phone.into();
            draft.culture = d.culture.into();
            draft
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::form::validate_new;
    use crate::model::Cloud;
    use std::collections::BTreeSet;

    #[test]
    fn every_demo_customer_passes_the_form_rules_in_both_clouds() {
        for cloud in Cloud::ALL {
            for draft in demo_drafts() {
                let result = validate_new(&draft, cloud, |_| false);
                assert!(result.is_ok(), "{}: {:?}", draft.company_name, result.err());
            }
        }
    }

    #[test]
    fn a_dozen_distinct_customers_across_countries() {
        let drafts = demo_drafts();
        assert_eq!(drafts.len(), 12);
        let prefixes: BTreeSet<_> = drafts.iter().map(|d| d.domain_prefix.clone()).collect();
        assert_eq!(prefixes.len(), 12);
        let countries: BTreeSet<_> = drafts.iter().map(|d| d.country.clone()).collect();
        assert!(countries.len() >= 6, "{countries:?}");
    }
}
