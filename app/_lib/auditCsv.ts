/** The audit log as CSV (UTF-8 with a byte-order mark, formula-safe, like the board exports). */
import type { AuditEntry } from '@/lib/store/types'

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value)
  // Formula-safe like the board exports: a cell a spreadsheet would evaluate is quoted as text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function auditCsv(entries: AuditEntry[]): string {
  const header = ['seq', 'time', 'actor_id', 'actor_name', 'action', 'board_id', 'target_id', 'detail']
  const rows = entries.map((e) =>
    [e.seq, new Date(e.at).toISOString(), e.actor?.id ?? null, e.actor?.name ?? null, e.action, e.boardId, e.targetId, e.detail]
      .map(csvCell)
      .join(','),
  )
  return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`
}
