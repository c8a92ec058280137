import { useValue, type Editor } from 'tldraw'
import { toLocale, type Locale } from '@/lib/i18n/locales'
import { translator, type Translate } from '@/lib/i18n/messages'

/**
 * The language the canvas is shown in: tldraw's own locale preference, which the board keeps
 * equal to the app's. Shapes read it from the editor (not from React context) because exports
 * render them outside our React tree.
 */
export function useBoardLocale(editor: Editor): { locale: Locale; t: Translate } {
  const locale = useValue('board locale', () => toLocale(editor.user.getLocale()), [editor])
  return { locale, t: translator(locale) }
}
