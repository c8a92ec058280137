export const LOCALES = ['sv', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/** Swedish is the product's default language. */
export const DEFAULT_LOCALE: Locale = 'sv'

/** The cookie that remembers the chosen UI language in the browser. */
export const LOCALE_COOKIE = 'strategitavlan-locale'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE
}
