//! Names of places that `Intl` does not give: mainland China's provinces in Chinese. The stored value stays the
//! English name Partner Center's API uses; only what a reader sees changes.

use super::Lang;
use crate::model::rules::CN_PROVINCES;

/// China's 31 province-level divisions in Chinese, in [`CN_PROVINCES`]'s order.
const CN_PROVINCES_ZH: [&str; 31] = [
    "安徽",
    "北京",
    "重庆",
    "福建",
    "甘肃",
    "广东",
    "广西",
    "贵州",
    "海南",
    "河北",
    "黑龙江",
    "河南",
    "湖北",
    "湖南",
    "内蒙古",
    "江苏",
    "江西",
    "吉林",
    "辽宁",
    "宁夏",
    "青海",
    "陕西",
    "山东",
    "上海",
    "山西",
    "四川",
    "天津",
    "西藏",
    "新疆",
    "云南",
    "浙江",
];

/// A state or province as a reader of `lang` names it: Chinese provinces in Chinese for a Chinese reader, anything
/// else as stored.
pub fn state_name<'a>(lang: Lang, country: &str, state: &'a str) -> &'a str {
    if lang != Lang::Zh || country != "CN" {
        return state;
    }
    CN_PROVINCES
        .iter()
        .position(|p| *p == state)
        .and_then(|i| CN_PROVINCES_ZH.get(i).copied())
        .unwrap_or(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_has_its_chinese_name() {
        assert_eq!(CN_PROVINCES.len(), CN_PROVINCES_ZH.len());
        assert_eq!(state_name(Lang::Zh, "CN", "Beijing"), "北京");
        assert_eq!(state_name(Lang::Zh, "CN", "Inner Mongolia"), "内蒙古");
        assert_eq!(state_name(Lang::Zh, "CN", "Zhejiang"), "浙江");
        assert_eq!(state_name(Lang::En, "CN", "Beijing"), "Beijing");
        assert_eq!(state_name(Lang::Zh, "US", "Washington"), "Washington");
        assert_eq!(state_name(Lang::Zh, "CN", "Atlantis"), "Atlantis");
    }
}
