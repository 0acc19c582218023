import { parsePhoneNumberFromString } from "libphonenumber-js";

/*
 * Messy values of real directories made into what Puente stores: language names into BCP-47
 * tags, phone numbers with extensions, times of day, weekdays, HTML-free text. Pure functions:
 * each answers a value, or undefined when it cannot, and the caller reports the problem.
 */

// --- text ---------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
};

const TAG = /<\/?[a-z!][^>]*>/i;

/** Text without HTML tags (paragraphs and line breaks kept as new lines), entities decoded. */
export function stripHtml(value: string): string {
  if (!TAG.test(value)) return value;
  return value
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6])>/gi, "\n")
    .replace(/<li[^>]*>/gi, "• ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === "#") {
        const code =
          name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code > 0 && code < 0x110000
          ? String.fromCodePoint(code)
          : "";
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A trimmed string, or undefined for blank or missing values (numbers become text). */
export function text(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

// --- languages ----------------------------------------------------------------------------

const TAG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** ISO 639-2/3 codes other systems use for languages Puente stores with a two-letter code. */
const THREE_LETTER: Record<string, string> = {
  eng: "en",
  spa: "es",
  fra: "fr",
  fre: "fr",
  ara: "ar",
  urd: "ur",
  ben: "bn",
  hat: "ht",
  rus: "ru",
  kor: "ko",
  pol: "pl",
  por: "pt",
  hin: "hi",
  pan: "pa",
  nep: "ne",
  tgl: "tl",
  ukr: "uk",
  wol: "wo",
  ful: "ff",
  que: "qu",
  vie: "vi",
  ita: "it",
  deu: "de",
  ger: "de",
  jpn: "ja",
  fas: "fa",
  per: "fa",
  tur: "tr",
  amh: "am",
  som: "so",
  swa: "sw",
  heb: "he",
  yid: "yi",
  ell: "el",
  gre: "el",
  sqi: "sq",
  alb: "sq",
  bod: "bo",
  tib: "bo",
  zho: "zh",
  chi: "zh",
  cmn: "zh-Hans",
};

/** Names people write for languages whose tag Intl's English names do not give. */
const NAMES: Record<string, string> = {
  "chinese (cantonese)": "yue",
  cantonese: "yue",
  "chinese (mandarin)": "zh-Hans",
  mandarin: "zh-Hans",
  "mandarin chinese": "zh-Hans",
  "chinese (simplified)": "zh-Hans",
  "simplified chinese": "zh-Hans",
  "chinese (traditional)": "zh-Hant",
  "traditional chinese": "zh-Hant",
  chinese: "zh",
  "haitian creole": "ht",
  creole: "ht",
  kreyol: "ht",
  kreyòl: "ht",
  tagalog: "tl",
  filipino: "tl",
  farsi: "fa",
  persian: "fa",
  fulani: "ff",
  fula: "ff",
  pulaar: "ff",
  "k'iche'": "quc",
  kiche: "quc",
  "k'iche": "quc",
  mam: "mam",
  asl: "ase",
  "american sign language": "ase",
  "sign language": "sgn",
  punjabi: "pa",
  bengali: "bn",
  bangla: "bn",
  tibetan: "bo",
  burmese: "my",
  garifuna: "cab",
};

let byEnglishName: Map<string, string> | undefined;
function englishNames(): Map<string, string> {
  if (byEnglishName) return byEnglishName;
  byEnglishName = new Map();
  const names = new Intl.DisplayNames(["en"], { type: "language" });
  const letters = "abcdefghijklmnopqrstuvwxyz";
  // Every two-letter code Intl names (a name equal to the code means "unknown").
  for (const a of letters)
    for (const b of letters) {
      const code = a + b;
      const name = names.of(code);
      if (name && name !== code && !byEnglishName.has(name.toLowerCase()))
        byEnglishName.set(name.toLowerCase(), code);
    }
  return byEnglishName;
}

/** A BCP-47 tag for a code or an English language name, or undefined when unknown. */
export function languageCode(input: string): string | undefined {
  const value = input.trim().replace(/\s+/g, " ");
  if (!value) return undefined;
  const lower = value.toLowerCase();
  if (THREE_LETTER[lower]) return THREE_LETTER[lower];
  if (TAG_PATTERN.test(value.replace(/_/g, "-")) || /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value)) {
    try {
      const [canonical] = Intl.getCanonicalLocales(value.replace(/_/g, "-"));
      const base = canonical!.split("-")[0]!;
      const named = new Intl.DisplayNames(["en"], { type: "language" }).of(base);
      if (canonical && named && named !== base) return canonical;
    } catch {
      // not a tag: try it as a name
    }
  }
  return NAMES[lower] ?? englishNames().get(lower);
}

/** "Spanish, Haitian Creole; Tagalog/Chinese (Cantonese)" into separate language names. */
export function splitList(value: string): string[] {
  return value
    .split(/[,;|/\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

// --- phones -------------------------------------------------------------------------------

/** The ways Puente's own listings write US numbers: kept as written, so a re-import changes nothing. */
const STORED_US_NUMBER = /^(\(\d{3}\) \d{3}-\d{4}|\d{3}-\d{3}-\d{4})$/;

/**
 * A phone number Puente can store (US numbers in national format, others international) and its
 * extension ("x12", "ext. 12", ",12" or a separate value); undefined when it is not a number.
 */
export function normalisePhone(
  input: string,
  extension?: string | number,
): { number: string; extension: string | null } | undefined {
  const cleaned = input.replace(/^["'\s]+|["'\s]+$/g, "");
  if (!cleaned) return undefined;
  const parsed = parsePhoneNumberFromString(cleaned, "US");
  if (!parsed || !parsed.isPossible()) return undefined;
  const ext = text(extension)?.replace(/\D/g, "") || parsed.ext || null;
  // A number already written the way Puente stores it keeps its spelling (a re-import changes nothing).
  const withoutExtension = cleaned.replace(/\s*(?:,|;|#|x|ext\.?|extension)\s*\d+\s*$/i, "");
  const number = STORED_US_NUMBER.test(withoutExtension)
    ? withoutExtension
    : (parsed.countryCallingCode === "1" ? parsed.formatNational() : parsed.formatInternational())
        // The extension is stored on its own.
        .replace(/\s*ext\.\s*\d+$/, "");
  return { number, extension: ext };
}

// --- times and days -----------------------------------------------------------------------

/** "9:00", "09:00:00", "9am", "9:30 pm", "noon", "1700" → "09:00"; undefined otherwise. */
export function timeOfDay(input: string): string | undefined {
  const value = input.trim().toLowerCase().replace(/\./g, "");
  if (value === "noon" || value === "midday") return "12:00";
  if (value === "midnight") return "00:00";
  const match = /^(\d{1,2})(?::?(\d{2}))?(?::(\d{2}))?\s*(am|pm|a|p)?$/.exec(value);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const meridiem = match[4];
  if (!match[2] && !meridiem && value.length > 2) return undefined;
  if (meridiem) {
    if (hours < 1 || hours > 12) return undefined;
    if (meridiem.startsWith("p") && hours !== 12) hours += 12;
    if (meridiem.startsWith("a") && hours === 12) hours = 0;
  }
  if (hours === 24 && minutes === 0) return "23:59";
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

const DAY_NAMES: Record<string, number> = {
  mo: 1,
  mon: 1,
  monday: 1,
  tu: 2,
  tue: 2,
  tues: 2,
  tuesday: 2,
  we: 3,
  wed: 3,
  wednesday: 3,
  th: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fr: 5,
  fri: 5,
  friday: 5,
  sa: 6,
  sat: 6,
  saturday: 6,
  su: 7,
  sun: 7,
  sunday: 7,
};

/** ISO weekdays of "MO,TU", "Monday", "Mon-Fri", "1" (Monday); undefined when not understood. */
export function weekdays(input: string): number[] | undefined {
  const days = new Set<number>();
  for (const part of input.split(/[,;/\s]+(?:and\s+)?|&/).filter(Boolean)) {
    const range = /^([a-z]+)\s*[-–]\s*([a-z]+)$/i.exec(part);
    if (range) {
      const from = DAY_NAMES[range[1]!.toLowerCase()];
      const to = DAY_NAMES[range[2]!.toLowerCase()];
      if (!from || !to) return undefined;
      for (let day = from; ; day = (day % 7) + 1) {
        days.add(day);
        if (day === to) break;
      }
      continue;
    }
    const lower = part.toLowerCase().replace(/^[+-]?\d(?=[a-z])/, "");
    const day = /^[1-7]$/.test(lower) ? Number(lower) : DAY_NAMES[lower];
    if (!day) return undefined;
    days.add(day);
  }
  return days.size > 0 ? [...days].sort() : undefined;
}

export interface HoursRow {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

/**
 * A spreadsheet's hours: "Mon-Fri 9am-5pm; Sat 10:00-14:00". Undefined when a part is not
 * understood (the caller reports it).
 */
export function hoursText(input: string): HoursRow[] | undefined {
  const rows: HoursRow[] = [];
  for (const part of input
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match =
      /^(.+?)\s+(\S+(?:\s*[ap]\.?m\.?)?)\s*(?:-|–|to)\s*(\S+(?:\s*[ap]\.?m\.?)?)$/i.exec(
        part.replace(/:\s+/, " "),
      );
    if (!match) return undefined;
    const days = weekdays(match[1]!.replace(/\s*[-–]\s*/g, "-"));
    const opensAt = timeOfDay(match[2]!);
    const closesAt = timeOfDay(match[3]!);
    if (!days || !opensAt || !closesAt || opensAt >= closesAt) return undefined;
    for (const weekday of days) rows.push({ weekday, opensAt, closesAt });
  }
  return rows.length > 0 ? rows : undefined;
}

// --- postal codes -------------------------------------------------------------------------

/** "11368", "11368-1234", "1136" (a leading zero lost by a spreadsheet: "02134" as 2134). */
export function postalCode(input: string): string | undefined {
  const value = input.trim();
  if (/^\d{5}(-\d{4})?$/.test(value)) return value;
  if (/^\d{5}\d{4}$/.test(value)) return `${value.slice(0, 5)}-${value.slice(5)}`;
  if (/^\d{3,4}$/.test(value)) return value.padStart(5, "0");
  return undefined;
}
