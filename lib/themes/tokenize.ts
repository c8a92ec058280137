/**
 * From a note's text to the terms clustering compares: normalised (NFC, lower case, letters and
 * digits only), stop words dropped, each word stemmed with Snowball's stemmer for the board's
 * language (Swedish or English). Also keeps the surface words, for naming a theme.
 */
import { newStemmer, type Stemmer } from 'snowball-stemmers'
import type { Locale } from '../i18n/locales'
import { STOP_WORDS } from './stopWords'

const STEMMER_OF: Record<Locale, string> = { sv: 'swedish', en: 'english' }
const stemmers = new Map<Locale, Stemmer>()

function stemmerFor(locale: Locale): Stemmer {
  let stemmer = stemmers.get(locale)
  if (!stemmer) {
    stemmer = newStemmer(STEMMER_OF[locale])
    stemmers.set(locale, stemmer)
  }
  return stemmer
}

export interface Token {
  /** The word as written (lower case). */
  word: string
  stem: string
}

/** Lower case, NFC, and every run of characters that are not letters or digits made a space. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('sv')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

export function tokenize(text: string, locale: Locale): Token[] {
  const stemmer = stemmerFor(locale)
  const tokens: Token[] = []
  for (const word of normalizeText(text).split(' ')) {
    if (word.length < 2 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue
    const stem = stemmer.stem(word)
    if (stem.length < 2) continue
    tokens.push({ word, stem })
  }
  return tokens
}
