/**
 * The names the server gives the snapshots it takes: what triggered it and when (UTC, to the
 * minute), so automatic snapshots never pile up under one name. Undoing a restore names the
 * state it replaces without quoting the restore's own name, so names never nest
 * ("Före återställning till ”Före återställning till ”…””").
 */
import { translator, type Translate } from '../i18n/messages'
import { LOCALES, type Locale } from '../i18n/locales'
import type { SnapshotKind } from '../store/types'

const minute = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`

export function snapshotName(
  t: Translate,
  kind: SnapshotKind,
  at: number,
  /** For a restore: the snapshot being restored. */
  restored?: { name: string; kind: SnapshotKind },
): string {
  const time = minute(at)
  if (kind === 'auto') return t('history.autoName', { time })
  if (kind === 'voting') return t('history.votingName', { time })
  if (kind === 'restore') {
    if (!restored || restored.kind === 'restore') return t('history.beforeUndoName', { time })
    return t('history.beforeRestoreName', { name: restored.name, time }).slice(0, 200)
  }
  return t('history.kind.manual')
}

/** A name as {@link snapshotName} gives it today ends with its time, to the minute, in UTC. */
const STAMPED = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/

/** The name an older server gave, per language: before names carried a time, restores nested. */
const OLD_NAMES: Record<Locale, { auto: RegExp; voting: RegExp; restoreOf: string; close: string; restore: RegExp; undo: RegExp }> = {
  sv: {
    auto: /^Automatisk\b/,
    voting: /^Efter röstning\b/,
    restoreOf: 'Före återställning till ”',
    close: '”',
    restore: /^Före återställning\b/,
    undo: /^Före ångrad återställning\b/,
  },
  en: {
    auto: /^Automatic\b/,
    voting: /^After voting\b/,
    restoreOf: 'Before restoring “',
    close: '”',
    restore: /^Before (restor|a restore)/,
    undo: /^Before undoing a restore\b/,
  },
}

/**
 * A stored snapshot's name as it reads today. Snapshots the server named before names carried
 * their trigger's time (automatic ones all called "Automatisk", restores nesting the name they
 * replaced: "Före återställning till ”Före återställning till ”…””") are given the current
 * name, from their kind and creation time, in the language they were named in. Names people
 * gave (kind `manual`) and names already in the current form are kept as they are.
 */
export function currentSnapshotName(snapshot: { name: string; kind: SnapshotKind; createdAt: number }, fallback: Locale = 'sv'): string {
  const { name, kind, createdAt } = snapshot
  if (kind === 'manual' || STAMPED.test(name)) return name
  const locale = languageOf(name, kind) ?? fallback
  const t = translator(locale)
  const old = OLD_NAMES[locale]
  if (kind !== 'restore') return snapshotName(t, kind, createdAt)
  if (name.startsWith(old.restoreOf)) {
    let inner = name.slice(old.restoreOf.length)
    if (inner.endsWith(old.close)) inner = inner.slice(0, -old.close.length)
    // It replaced what an earlier restore had kept: an undo, whatever that one was called.
    if (old.restore.test(inner) || old.undo.test(inner) || inner === '') return snapshotName(t, 'restore', createdAt)
    return snapshotName(t, 'restore', createdAt, { name: inner, kind: 'manual' })
  }
  if (old.undo.test(name)) return snapshotName(t, 'restore', createdAt)
  return t('history.beforeUnknownRestoreName', { time: minute(createdAt) })
}

function languageOf(name: string, kind: SnapshotKind): Locale | null {
  for (const locale of LOCALES) {
    const old = OLD_NAMES[locale]
    const patterns = kind === 'auto' ? [old.auto] : kind === 'voting' ? [old.voting] : [old.restore, old.undo]
    if (patterns.some((p) => p.test(name))) return locale
  }
  return null
}
