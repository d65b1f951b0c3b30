// Reads what the app stored, independently of the app: a second reader of stored formats 3 and 2 (see src/storage/compact.rs,
// bits.rs and text_code.rs), written from the format's description. If the app's writer and this reader ever disagree,
// the tests that inspect storage fail. Runs inside the page (passed to page.evaluate), so it must stand alone.

/**
 * Every readable customer under `prefix`, in Partner Center's JSON shape: packed groups (`{prefix}:g{n}`) and records
 * still under their own older keys (`{prefix}:customer:{id}`, JSON or packed). Unreadable values are left out.
 */
export function readStore(prefix) {
  const END = 256;
  const weight = (s) => {
    const LOWER = [817, 149, 278, 425, 1270, 223, 202, 609, 697, 15, 77, 403, 241, 675, 751, 193, 10, 599, 633, 906,
      276, 98, 236, 15, 197, 7];
    if (s === END) return 700;
    if (s >= 0x61 && s <= 0x7a) return LOWER[s - 0x61] + 10;
    if (s >= 0x41 && s <= 0x5a) return Math.floor(LOWER[s - 0x41] / 6) + 10;
    if (s >= 0x30 && s <= 0x39) return 260;
    if (s === 0x20) return 1100;
    if (s === 0x2e) return 280;
    if (s === 0x40) return 110;
    if (s === 0x2d) return 120;
    if ([0x2c, 0x2b, 0x28, 0x29, 0x5f, 0x27, 0x2f, 0x26, 0x23].includes(s)) return 20;
    if (s >= 0x21 && s <= 0x7e) return 3;
    return 1;
  };
  // Huffman code lengths, ties broken by node number, as the app builds them.
  const weights = [];
  const parent = [];
  for (let s = 0; s <= END; s++) { weights.push(weight(s)); parent.push(-1); }
  let open = weights.map((_, i) => i);
  while (open.length > 1) {
    open.sort((a, b) => (weights[b] - weights[a]) || (b - a));
    const first = open.pop();
    const second = open.pop();
    const node = weights.length;
    weights.push(weights[first] + weights[second]);
    parent.push(-1);
    parent[first] = node;
    parent[second] = node;
    open.push(node);
  }
  const lengths = [];
  for (let s = 0; s <= END; s++) {
    let depth = 0;
    for (let n = s; parent[n] !== -1; n = parent[n]) depth++;
    lengths.push(depth);
  }
  const counts = new Array(25).fill(0);
  for (const l of lengths) counts[l]++;
  const sorted = lengths.map((_, s) => s).sort((a, b) => (lengths[a] - lengths[b]) || (a - b));

  class Reader {
    constructor(units) { this.units = units; this.next = 0; this.acc = 0; this.filled = 0; }
    // At most 32 bits at a time: the accumulator stays below 2^47, exact in a double.
    num(count) {
      while (this.filled < count) {
        if (this.next >= this.units.length) throw new Error('cut short');
        this.acc += this.units[this.next++] * 2 ** this.filled;
        this.filled += 15;
      }
      const value = this.acc % 2 ** count;
      this.acc = (this.acc - value) / 2 ** count;
      this.filled -= count;
      return value;
    }
    bits(count) {
      let value = 0n;
      for (let part = 0; part * 32 < count; part++) {
        value |= BigInt(this.num(Math.min(32, count - part * 32))) << BigInt(part * 32);
      }
      return value;
    }
    flag() { return this.num(1) === 1; }
    varint() {
      let value = 0;
      for (let shift = 0; shift < 35; shift += 7) {
        value += this.num(7) * 2 ** shift;
        if (!this.flag()) return value;
      }
      throw new Error('varint');
    }
    text() {
      if (this.flag()) {
        const n = this.varint();
        let s = '';
        for (let i = 0; i < n; i++) s += String.fromCharCode(this.num(16));
        return s;
      }
      const bytes = [];
      for (;;) {
        let code = 0, first = 0, index = 0, symbol = -1;
        for (let len = 1; len <= 24; len++) {
          code |= this.num(1);
          if (code - first < counts[len]) { symbol = sorted[index + code - first]; break; }
          index += counts[len];
          first = (first + counts[len]) << 1;
          code <<= 1;
        }
        if (symbol === END) return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
        if (symbol < 0) throw new Error('bad code');
        bytes.push(symbol);
      }
    }
    sameOr(usual) { return this.flag() ? usual : this.text(); }
    optional() { return this.flag() ? this.text() : undefined; }
    uuid() {
      const hex = this.bits(128).toString(16).padStart(32, '0');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    time() {
      return this.flag() ? new Date(this.num(44)).toISOString() : this.text();
    }
  }

  const SUFFIXES = ['.partner.onmschina.cn', '.onmicrosoft.com'];
  const RELATIONSHIPS = ['none', 'reseller', 'advisor', 'syndication', 'microsoft_support'];
  const put = (object, key, value) => { if (value !== undefined) object[key] = value; };

  function record(units) {
    const r = new Reader(units);
    if (r.num(3) !== 1) throw new Error('layout');
    const id = r.uuid();
    const suffix = r.num(2);
    const domain = r.text() + (suffix ? SUFFIXES[suffix - 1] : '');
    const tenantId = r.flag() ? id : r.uuid();
    const companyName = r.text();
    const org = r.optional();
    const billingCompany = r.sameOr(companyName);
    const firstName = r.text();
    const lastName = r.text();
    const email = r.text();
    const culture = r.text();
    const language = r.sameOr(culture.split('-')[0].toLowerCase());
    const address = { country: r.text() };
    put(address, 'region', r.optional());
    address.city = r.text();
    address.state = r.text();
    address.addressLine1 = r.text();
    put(address, 'addressLine2', r.optional());
    address.postalCode = r.text();
    put(address, 'phoneNumber', r.optional());
    const etag = r.flag() ? r.bits(128).toString(16).padStart(32, '0') : r.text();
    const billingType = r.sameOr('CustomerBillingProfile');
    const relationship = RELATIONSHIPS[r.num(3)];
    const createdAt = r.time();
    const updatedAt = r.flag() ? createdAt : r.time();
    const objectType = r.sameOr('Customer');
    const companyProfile = { tenantId, domain, companyName };
    put(companyProfile, 'organizationRegistrationNumber', org);
    return {
      id, companyProfile,
      billingProfile: {
        firstName, lastName, email, culture, language, companyName: billingCompany, defaultAddress: address,
        attributes: { etag, objectType: billingType },
      },
      relationshipToPartner: relationship, createdAt, updatedAt, attributes: { objectType },
    };
  }

  // Format 3: "3", a count, then records; format 2 (the previous version's groups, and a record packed under its
  // own key mid-upgrade): "2", then records.
  function group(value) {
    if (value[0] !== '2' && value[0] !== '3') throw new Error('not a group');
    const units = [];
    for (const c of value.slice(value[0] === '3' ? 2 : 1)) units.push(c.codePointAt(0) - 0x3000);
    const customers = [];
    for (let at = 0; at < units.length;) {
      const n = units[at];
      if (!(n > 0 && n <= 0x7fff) || at + 1 + n > units.length) break;
      try { customers.push(record(units.slice(at + 1, at + 1 + n))); } catch { /* unreadable: left out */ }
      at += 1 + n;
    }
    return customers;
  }

  const grouped = new Map();
  const older = new Map();
  for (const key of Object.keys(localStorage)) {
    const value = localStorage.getItem(key);
    try {
      if (/^g[0-9a-f]{1,3}$/.test(key.slice(prefix.length + 1)) && key.startsWith(`${prefix}:`)) {
        for (const c of group(value)) grouped.set(c.id, c);
      } else if (key.startsWith(`${prefix}:customer:`) && key.split(':').length === prefix.split(':').length + 2) {
        const found = value.startsWith('2') ? group(value) : [JSON.parse(value).customer];
        for (const c of found) if (c) older.set(c.id, c);
      }
    } catch { /* unreadable: left out */ }
  }
  for (const [id, c] of older) if (!grouped.has(id)) grouped.set(id, c);
  return [...grouped.values()];
}

/** The key of the group a customer's record is kept in: FNV-1a of the id's 16 bytes, modulo 2,048. */
export function groupKey(id, prefix = 'customer-accounts') {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(id.replaceAll('-', ''), 'hex')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${prefix}:g${(hash % 2048).toString(16)}`;
}

/** UTF-16 units each of the app's keys takes (key and value), by key. */
export function unitsByKey(page, prefix = 'customer-accounts') {
  return page.evaluate((prefix) => Object.fromEntries(Object.keys(localStorage)
    .filter((k) => k.startsWith(`${prefix}:`))
    .map((k) => [k, k.length + localStorage.getItem(k).length])), prefix);
}
