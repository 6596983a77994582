//! The two demo organizations: requisites (check digits of INN, OGRN and the settlement
//! account computed as the real ones are), houses and tariffs.

use domkom_dto::OrganizationKind;

/// An organization of the demo: requisites, its house, its tariffs (1/100 kopeck, as of
/// the first July of the history; indexed 10 % every July after).
pub struct Spec {
    pub kind: OrganizationKind,
    pub name: &'static str,
    pub inn: &'static str,
    pub kpp: &'static str,
    pub ogrn: &'static str,
    pub address: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub site: &'static str,
    pub hours: &'static str,
    pub bank: [&'static str; 4],
    pub house: &'static str,
    pub flats: usize,
    pub account_prefix: i64,
    pub operator: (&'static str, &'static str),
    pub resident_flat: usize,
    /// содержание, ХВС, ГВС, водоотведение, электроэнергия, ТКО, домофон
    pub prices: [i64; 7],
}

pub const SPECS: [Spec; 2] = [
    Spec {
        kind: OrganizationKind::Uk,
        name: "ООО \"УК Домовой\"",
        inn: "7728164590",
        kpp: "772801001",
        ogrn: "1157746318520",
        address: "117342, г. Москва, ул. Профсоюзная, д. 56, офис 12",
        phone: "+7 495 332-18-40",
        email: "info@uk-domovoy.ru",
        site: "https://uk-domovoy.ru",
        hours: "пн–чт 9:00–18:00, пт 9:00–16:45, обед 13:00–13:45",
        bank: [
            "40702810138000004521",
            "ПАО Сбербанк",
            "044525225",
            "30101810400000000225",
        ],
        house: "117342, г. Москва, ул. Профсоюзная, д. 58, корп. 2",
        flats: 32,
        account_prefix: 1_001_000,
        operator: ("operator", "Кузнецова Ольга Петровна"),
        resident_flat: 11,
        prices: [
            324_000, 616_300, 2_829_400, 453_400, 87_100, 1_534_000, 650_000,
        ],
    },
    Spec {
        kind: OrganizationKind::Tsj,
        name: "ТСЖ \"Рассвет\"",
        inn: "1657058129",
        kpp: "165701001",
        ogrn: "1091690074211",
        address: "420132, г. Казань, ул. Чистопольская, д. 19",
        phone: "+7 843 528-07-16",
        email: "tsj-rassvet@mail.ru",
        site: "https://tsj-rassvet.ru",
        hours: "вт, чт 17:00–20:00, сб 10:00–14:00",
        bank: [
            "40703810862020001537",
            "Отделение \"Банк Татарстан\" № 8610 ПАО Сбербанк",
            "049205603",
            "30101810600000000603",
        ],
        house: "420132, г. Казань, ул. Чистопольская, д. 19",
        flats: 28,
        account_prefix: 2_019_000,
        operator: ("tsj", "Галиева Лилия Рашидовна"),
        resident_flat: 6,
        prices: [
            248_000, 372_900, 2_221_400, 282_600, 60_400, 1_498_000, 450_000,
        ],
    },
];
