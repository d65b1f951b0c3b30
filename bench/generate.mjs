// Deterministic customers in Partner Center's JSON shape (as its REST API returns them), valid for Customer Accounts'
// import rules (21Vianet cloud: domains end in .partner.onmschina.cn). A seeded PRNG (mulberry32) over syllables;
// company names, people's names, emails, streets and domain prefixes never repeat within one generator.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYL = [
  'ka', 'lo', 'mi', 'ra', 'ven', 'tor', 'sel', 'dan', 'mor', 'li', 'na', 'ber', 'cas', 'tel', 'fin', 'gor', 'hal',
  'jun', 'kel', 'lam', 'mar', 'nor', 'pel', 'quin', 'ros', 'sol', 'tam', 'ul', 'val', 'wen', 'xan', 'yor', 'zel',
  'bri', 'cor', 'dra', 'el', 'fa', 'gri', 'ho', 'ist', 'ben', 'ta', 'vo', 'sen', 'rin', 'mo', 'dal',
];
const LATIN_SUFFIX = ['Solutions', 'Technologies', 'Trading Co.', 'Systems', 'Logistics', 'Consulting', 'Labs',
  'Industries', 'Holdings', 'Partners', 'GmbH', 'Ltda.', 'Inc.', 'Group'];
const HANZI = [['华', 'hua'], ['信', 'xin'], ['达', 'da'], ['瑞', 'rui'], ['恒', 'heng'], ['泰', 'tai'], ['博', 'bo'],
  ['通', 'tong'], ['远', 'yuan'], ['宏', 'hong'], ['盛', 'sheng'], ['嘉', 'jia'], ['明', 'ming'], ['安', 'an'],
  ['凯', 'kai'], ['德', 'de'], ['海', 'hai'], ['星', 'xing'], ['金', 'jin'], ['联', 'lian'], ['天', 'tian'],
  ['正', 'zheng'], ['源', 'yuan'], ['云', 'yun'], ['创', 'chuang'], ['智', 'zhi'], ['蓝', 'lan'], ['鼎', 'ding'],
  ['昌', 'chang'], ['峰', 'feng'], ['立', 'li'], ['腾', 'teng']];
const CN_CITY_PREFIX = ['北京', '上海', '深圳', '广州', '杭州', '成都', '武汉', '南京'];
const CN_INDUSTRY = ['科技有限公司', '信息技术有限公司', '贸易有限公司', '网络科技有限公司', '软件有限公司',
  '智能科技有限公司', '数据服务有限公司'];
const STREET_KIND = ['Road', 'Street', 'Avenue', 'Lane', 'Boulevard'];

const COUNTRIES = {
  CN: {
    culture: 'zh-CN', language: 'zh',
    places: [['Beijing', 'Beijing'], ['Shanghai', 'Shanghai'], ['Shenzhen', 'Guangdong'], ['Guangzhou', 'Guangdong'],
      ['Hangzhou', 'Zhejiang'], ['Chengdu', 'Sichuan'], ['Wuhan', 'Hubei'], ['Nanjing', 'Jiangsu']],
    postal: (r) => String(100000 + Math.floor(r() * 800000)),
    phone: (r) => `+86 10 ${digits(r, 4)} ${digits(r, 4)}`,
  },
  US: {
    culture: 'en-US', language: 'en',
    places: [['Seattle', 'Washington'], ['Austin', 'Texas'], ['Denver', 'Colorado'], ['Boston', 'Massachusetts'],
      ['Chicago', 'Illinois'], ['Portland', 'Oregon']],
    postal: (r) => digits(r, 5),
    phone: (r) => `+1 206 555 ${digits(r, 4)}`,
  },
  BR: {
    culture: 'pt-BR', language: 'pt',
    places: [['São Paulo', 'São Paulo'], ['Rio de Janeiro', 'Rio de Janeiro'], ['Curitiba', 'Paraná'],
      ['Belo Horizonte', 'Minas Gerais'], ['Salvador', 'Bahia']],
    postal: (r) => `${digits(r, 5)}-${digits(r, 3)}`,
    phone: (r) => `+55 11 9${digits(r, 4)} ${digits(r, 4)}`,
  },
  DE: {
    culture: 'de-DE', language: 'de',
    places: [['Berlin', 'Berlin'], ['München', 'Bayern'], ['Hamburg', 'Hamburg'], ['Köln', 'Nordrhein-Westfalen'],
      ['Frankfurt am Main', 'Hessen']],
    postal: (r) => digits(r, 5),
    phone: (r) => `+49 30 ${digits(r, 7)}`,
  },
};
// Mix: 40 % CN, 25 % US, 15 % BR, 20 % DE.
const MIX = [['CN', 0.4], ['US', 0.65], ['BR', 0.8], ['DE', 1]];

function digits(r, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
  return s;
}
const pick = (r, list) => list[Math.floor(r() * list.length)];
const cap = (s) => s[0].toUpperCase() + s.slice(1);
function word(r, min, max) {
  const n = min + Math.floor(r() * (max - min + 1));
  let w = '';
  for (let i = 0; i < n; i++) w += pick(r, SYL);
  return w;
}
function uuid(r) {
  const h = [];
  for (let i = 0; i < 32; i++) h.push(Math.floor(r() * 16).toString(16));
  h[12] = '4';
  h[16] = (8 + Math.floor(r() * 4)).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A generator: `next()` returns one new customer; `take(n)` an array of n. Same seed, same customers. */
export function customerGenerator(seed = 20261124) {
  const r = mulberry32(seed);
  const used = { company: new Set(), prefix: new Set(), person: new Set(), street: new Set() };
  const unique = (set, make) => {
    for (;;) {
      const v = make();
      if (!set.has(v)) {
        set.add(v);
        return v;
      }
    }
  };
  let count = 0;
  function next() {
    count++;
    const roll = r();
    const country = MIX.find(([, p]) => roll < p)[0];
    const rules = COUNTRIES[country];
    const chinese = country === 'CN' && r() < 0.6;
    let companyName, stem;
    if (chinese) {
      const parts = [];
      companyName = unique(used.company, () => {
        parts.length = 0;
        for (let i = 0; i < 3; i++) parts.push(pick(r, HANZI));
        return pick(r, CN_CITY_PREFIX) + parts.map((p) => p[0]).join('') + pick(r, CN_INDUSTRY);
      });
      stem = parts.map((p) => p[1]).join('');
    } else {
      let a, b;
      companyName = unique(used.company, () => {
        a = cap(word(r, 2, 3));
        b = cap(word(r, 2, 3));
        return `${a} ${b} ${pick(r, LATIN_SUFFIX)}`;
      });
      stem = (a + b).toLowerCase();
    }
    stem = stem.slice(0, 22);
    const prefix = unique(used.prefix, () => (used.prefix.has(stem) ? stem + digits(r, 4) : stem));
    let first, last;
    unique(used.person, () => {
      first = cap(word(r, 2, 2));
      last = cap(word(r, 2, 3));
      return `${first} ${last}`;
    });
    const street = unique(used.street, () =>
      `${1 + Math.floor(r() * 999)} ${cap(word(r, 2, 3))} ${pick(r, STREET_KIND)}`);
    const [city, state] = pick(r, rules.places);
    const id = uuid(r);
    const tld = country === 'CN' ? 'cn' : country === 'US' ? 'com' : country === 'BR' ? 'com.br' : 'de';
    return {
      id,
      companyProfile: { tenantId: id, domain: `${prefix}.partner.onmschina.cn`, companyName },
      billingProfile: {
        firstName: first,
        lastName: last,
        email: `${first}.${last}@${prefix}.${tld}`.toLowerCase(),
        culture: rules.culture,
        language: rules.language,
        companyName,
        defaultAddress: {
          country, city, state, addressLine1: street, postalCode: rules.postal(r), phoneNumber: rules.phone(r),
        },
        attributes: { etag: uuid(r), objectType: 'CustomerBillingProfile' },
      },
      relationshipToPartner: 'reseller',
      createdAt: '2026-11-24T10:00:00.000Z',
      updatedAt: '2026-11-24T10:00:00.000Z',
      attributes: { objectType: 'Customer' },
    };
  }
  return {
    next,
    take: (n) => Array.from({ length: n }, next),
    get count() {
      return count;
    },
  };
}

/** A Partner Center collection, as "Export JSON" writes it. */
export function partnerCenterJson(items) {
  return JSON.stringify({ totalCount: items.length, items, attributes: { objectType: 'Collection' } });
}

/** The add form's values for one new customer in China, by label (what the benchmarks type). */
export function addFormValues(companyName, domainPrefix, email) {
  return {
    'Company name': companyName,
    'Domain prefix': domainPrefix,
    'Country/region': 'CN',
    'Address line 1': 'No. 1 Zhongguancun East Road',
    City: 'Beijing',
    'State or province': 'Beijing',
    'Postal code': '100080',
    'First name': 'Li',
    'Last name': 'Wei',
    Email: email,
  };
}
