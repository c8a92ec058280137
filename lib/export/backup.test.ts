import { describe, expect, it } from 'vitest'
import { createDocFromContent, readBoardContent } from '../board/boardContent'
import { readBoard } from '../board/readModel'
import { readReportFacts } from './boardFacts'
import { BACKUP_MAX_BYTES, backupContent, createBackup, parseBackup, serializeBackup, type Backup } from './backup'
import { WORKSHOP_TIME, workshopDoc } from './testing/workshopBoard'
import { readPlan } from '../plan/readPlan'
import { plannedWorkshopDoc } from '../plan/testing/plannedWorkshop'

function backupText(mutate?: (backup: Backup) => unknown): string {
  const backup = createBackup(readBoardContent(workshopDoc()), { name: 'Planeringsdag', locale: 'sv' }, WORKSHOP_TIME)
  const copy = JSON.parse(JSON.stringify(backup)) as Backup
  mutate?.(copy)
  return JSON.stringify(copy)
}

function refused(text: string) {
  const parsed = parseBackup(text)
  if (parsed.ok) throw new Error('the backup was accepted')
  return parsed
}

describe('board backups', () => {
  it('bring back the same notes, areas, authors and votes', () => {
    const original = workshopDoc()
    const text = serializeBackup(createBackup(readBoardContent(original), { name: 'Planeringsdag', locale: 'sv' }, WORKSHOP_TIME))
    const parsed = parseBackup(text)
    if (!parsed.ok) throw new Error(parsed.detail)
    const restored = createDocFromContent(backupContent(parsed.backup))
    expect(readBoard(restored, 'sv')).toEqual(readBoard(original, 'sv'))
    expect(readReportFacts(restored, { seesHiddenAuthors: true })).toEqual(readReportFacts(original, { seesHiddenAuthors: true }))
    expect(readBoardContent(restored)).toEqual(readBoardContent(original))
    expect(parsed.backup.board).toEqual({ name: 'Planeringsdag', locale: 'sv' })
  })

  it('bring back themes, commitments and the board a follow-up continues (version 2)', () => {
    const original = plannedWorkshopDoc({ followUp: true })
    const text = serializeBackup(createBackup(readBoardContent(original), { name: 'Planeringsdag', locale: 'sv' }, WORKSHOP_TIME))
    const parsed = parseBackup(text)
    if (!parsed.ok) throw new Error(parsed.detail)
    expect(parsed.backup.continues).toEqual({ boardId: 'board-0', name: 'Planeringsdag 2026' })
    const restored = createDocFromContent(backupContent(parsed.backup))
    expect(readBoard(restored, 'sv')).toEqual(readBoard(original, 'sv'))
    expect(readBoardContent(restored)).toEqual(readBoardContent(original))
    const plan = (doc: typeof original) => readPlan(doc, { boardId: 'b', boardName: 'P', locale: 'sv', generatedAt: 0 })
    expect(plan(restored)).toEqual(plan(original))
  })

  it('still import a version 1 file, which has no themes, commitments or continues', () => {
    const parsed = parseBackup(backupText((b) => ((b as { version: number }).version = 1)))
    if (!parsed.ok) throw new Error(parsed.detail)
    expect(readBoard(createDocFromContent(backupContent(parsed.backup)), 'sv')).toEqual(readBoard(workshopDoc(), 'sv'))
  })

  it('carry a format name and version and no raw markup characters', () => {
    const text = serializeBackup(createBackup(readBoardContent(workshopDoc()), { name: '<b>x</b>', locale: 'en' }, 0))
    expect(JSON.parse(text)).toMatchObject({ format: 'strategitavlan-backup', version: 2, board: { name: '<b>x</b>' } })
    expect(text).not.toMatch(/[<>&]/)
  })

  it('refuse a file over the size limit before reading it, counting its UTF-8 bytes', () => {
    expect(refused(' '.repeat(BACKUP_MAX_BYTES + 1)).code).toBe('too-large')
    // Fewer characters than the limit, but two bytes each.
    expect(refused('å'.repeat(BACKUP_MAX_BYTES / 2 + 1)).code).toBe('too-large')
    expect(refused('å'.repeat(BACKUP_MAX_BYTES / 2)).code).toBe('not-json')
  })

  it('refuse a file that is not JSON', () => {
    expect(refused('{"format": "strategitavlan-backup",').code).toBe('not-json')
    expect(refused('').code).toBe('not-json')
  })

  it('refuse JSON that is not a backup', () => {
    expect(refused('[1, 2, 3]').code).toBe('wrong-format')
    expect(refused('{"store": {}, "schema": {}}').code).toBe('wrong-format')
    expect(refused(backupText((b) => ((b as { format: string }).format = 'tldraw'))).code).toBe('wrong-format')
  })

  it('refuse a backup from a newer version, of the format, the template or the records', () => {
    expect(refused(backupText((b) => ((b as { version: number }).version = 3))).code).toBe('newer-version')
    expect(refused(backupText((b) => (b.templateVersion = 99))).code).toBe('newer-version')
    expect(
      refused(backupText((b) => ((b.schema as { sequences: Record<string, number> }).sequences['com.tldraw.shape.note'] = 999))).code,
    ).toBe('newer-version')
  })

  it('refuse unknown fields at the top, in the board and in a record', () => {
    expect(refused(backupText((b) => ((b as unknown as Record<string, unknown>).extra = 1))).detail).toMatch(/extra|Unrecognized/i)
    expect(refused(backupText((b) => ((b.board as Record<string, unknown>).owner = 'x'))).code).toBe('invalid')
    const withExtraProp = refused(
      backupText((b) => {
        const note = b.records.find((r) => r.typeName === 'shape' && r.type === 'note') as unknown as Record<string, unknown>
        note.onclick = 'alert(1)'
      }),
    )
    expect(withExtraProp.code).toBe('invalid')
    expect(refused(backupText((b) => ((b.session as Record<string, unknown>).admin = true))).code).toBe('invalid')
  })

  it('refuse prototype-pollution keys anywhere in the file', () => {
    expect(refused(backupText().replace(/^\{/, '{"__proto__":{"isAdmin":true},')).code).toBe('unsafe')
    expect(refused(backupText().replace('"board":{', '"board":{"__proto__":{"isAdmin":true},')).code).toBe('unsafe')
    expect(refused(backupText((b) => (b.votes = JSON.parse('{"constructor": {"n": 1}}')))).code).toBe('unsafe')
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })

  it('refuse a shape of a size or place no person makes', () => {
    const note = (b: Backup) => b.records.find((r) => r.typeName === 'shape' && r.type === 'note') as unknown as Record<string, unknown>
    expect(refused(backupText((b) => ((note(b).props as Record<string, unknown>).growY = 1e9))).detail).toMatch(/growY/)
    expect(refused(backupText((b) => (note(b).y = -1e8))).detail).toMatch(/far out/)
    expect(parseBackup(backupText((b) => ((note(b).props as Record<string, unknown>).growY = 2000))).ok).toBe(true)
  })

  it('refuse records that fail the board’s tldraw schema', () => {
    const note = (b: Backup) => b.records.find((r) => r.typeName === 'shape' && r.type === 'note') as unknown as Record<string, unknown>
    expect(refused(backupText((b) => ((note(b).props as Record<string, unknown>).color = 'plaid'))).detail).toMatch(/shape:/)
    expect(refused(backupText((b) => (note(b).x = 'far away'))).code).toBe('invalid')
    expect(refused(backupText((b) => (note(b).typeName = 'virus'))).code).toBe('invalid')
    expect(refused(backupText((b) => b.records.push({ ...b.records[0] }))).detail).toMatch(/twice/)
    expect(refused(backupText((b) => (b.records = b.records.filter((r) => r.typeName !== 'document')))).detail).toMatch(/document/)
  })

  it('refuse records that belong to one browser rather than the board', () => {
    const camera = { id: 'camera:page:board', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }
    expect(refused(backupText((b) => b.records.push(camera as never))).detail).toMatch(/not part of a document/)
  })

  it('refuse malformed votes', () => {
    expect(refused(backupText((b) => (b.votes = { 'round-1/anna/shape:n1': { n: -3 } }))).code).toBe('invalid')
    expect(refused(backupText((b) => (b.votes = { nonsense: { n: 1 } }))).code).toBe('invalid')
  })
})
