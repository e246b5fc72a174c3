/** ISO 639-2 (B and T) to ISO 639-1 for common languages: manifests carry BCP 47 (RFC 5646 prefers the 2-letter code). */
const ISO_639_2_TO_1: Record<string, string> = {
  eng: 'en', fra: 'fr', fre: 'fr', deu: 'de', ger: 'de', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', dut: 'nl',
  swe: 'sv', nor: 'no', nob: 'nb', dan: 'da', fin: 'fi', pol: 'pl', ces: 'cs', cze: 'cs', rus: 'ru', ukr: 'uk',
  tur: 'tr', ell: 'el', gre: 'el', heb: 'he', ara: 'ar', hin: 'hi', jpn: 'ja', kor: 'ko', zho: 'zh', chi: 'zh',
  tha: 'th', vie: 'vi', ind: 'id', msa: 'ms', may: 'ms', hun: 'hu', ron: 'ro', rum: 'ro', cat: 'ca',
};

const NAMES: Record<string, string> = {
  en: 'English', fr: 'Français', de: 'Deutsch', es: 'Español', it: 'Italiano', pt: 'Português', nl: 'Nederlands',
  sv: 'Svenska', no: 'Norsk', nb: 'Norsk bokmål', da: 'Dansk', fi: 'Suomi', pl: 'Polski', cs: 'Čeština', ru: 'Русский',
  uk: 'Українська', tr: 'Türkçe', el: 'Ελληνικά', he: 'עברית', ar: 'العربية', hi: 'हिन्दी', ja: '日本語', ko: '한국어',
  zh: '中文', th: 'ไทย', vi: 'Tiếng Việt', id: 'Bahasa Indonesia', ms: 'Bahasa Melayu', hu: 'Magyar', ro: 'Română', ca: 'Català',
  und: 'Undetermined',
};

/** 'eng' -> 'en', 'fr-CA' stays, unknown 3-letter codes stay, '' -> 'und'. */
export function toBcp47Language(code: string | undefined): string {
  const text = (code ?? '').trim();
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(text)) return 'und';
  const [primary, ...rest] = text.split('-');
  const lower = primary!.toLowerCase();
  return [ISO_639_2_TO_1[lower] ?? lower, ...rest].join('-');
}

/** A display name for NAME= / Label (the language's own name), or the code itself. */
export function languageName(bcp47: string): string {
  return NAMES[bcp47.split('-')[0]!.toLowerCase()] ?? bcp47;
}
