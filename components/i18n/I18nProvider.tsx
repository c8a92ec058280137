'use client'

import { createContext, useContext, useMemo, type ReactNode } from 'react'
import type { Locale } from '@/lib/i18n/locales'
import { translator, type Translate } from '@/lib/i18n/messages'

const I18nContext = createContext<{ locale: Locale; t: Translate } | null>(null)

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n() {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n needs an <I18nProvider> above it')
  return value
}

export function useT(): Translate {
  return useI18n().t
}
