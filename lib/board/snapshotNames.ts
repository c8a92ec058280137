/**
 * The names the server gives the snapshots it takes: what triggered it and when (UTC, to the
 * minute), so automatic snapshots never pile up under one name. Undoing a restore names the
 * state it replaces without quoting the restore's own name, so names never nest
 * ("Före återställning till ”Före återställning till ”…””").
 */
import type { Translate } from '../i18n/messages'
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
