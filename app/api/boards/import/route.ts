/**
 * POST /api/boards/import → 201 { id } of a NEW board made from a backup file
 * (docs/backup.md), with the importer as its facilitator. Staff only. The body is the backup
 * itself (JSON) or a multipart form with the file in `file`. A file that is too large,
 * malformed, of another format or version, or whose records fail the board's schema is
 * refused with 400/413 `{ error, code }` and nothing is created.
 */
import { NextResponse } from 'next/server'
import { encodeContent } from '@/lib/board/boardContent'
import { arrangedContent } from '@/lib/board/templateMigration'
import { BACKUP_MAX_BYTES, backupContent, parseBackup } from '@/lib/export/backup'
import { translator, type Translate } from '@/lib/i18n/messages'
import { getAppContext } from '@/lib/runtime/appContext'
import { isSameOrigin } from '@/app/_lib/http'
import { readLimitedBody } from '@/app/_lib/readLimitedBody'
import { actorOf, getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

// Room for multipart framing around the largest accepted file.
const MAX_REQUEST_BYTES = BACKUP_MAX_BYTES + 64 * 1024

const refuse = (status: number, code: string, error: string) => NextResponse.json({ error, code }, { status })

async function backupTextOf(request: Request, bytes: Uint8Array<ArrayBuffer>): Promise<string | null> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('multipart/form-data')) return new TextDecoder().decode(bytes)
  const form = await new Response(bytes, { headers: { 'content-type': type } }).formData()
  const file = form.get('file')
  if (file === null) return null
  return typeof file === 'string' ? file : await file.text()
}

const MAX_NAME = 120

function importedName(name: string, t: Translate): string {
  const suffix = ` (${t('import.suffix')})`
  return name.slice(0, MAX_NAME - suffix.length).trimEnd() + suffix
}

export async function POST(request: Request) {
  if (!isSameOrigin(request)) return refuse(403, 'forbidden', 'cross-origin request refused')
  const user = await getSessionUser()
  if (!user) return refuse(401, 'unauthenticated', 'not signed in')
  if (user.kind !== 'staff') return refuse(403, 'forbidden', 'guests cannot create boards')

  const body = await readLimitedBody(request, MAX_REQUEST_BYTES)
  if (!body.ok) return refuse(413, 'too-large', `a backup may be at most ${BACKUP_MAX_BYTES} bytes`)
  let text: string | null
  try {
    text = await backupTextOf(request, body.bytes)
  } catch {
    return refuse(400, 'invalid', 'the form could not be read')
  }
  if (text === null) return refuse(400, 'no-file', 'send the backup as the form field "file"')
  const parsed = parseBackup(text)
  if (!parsed.ok) return refuse(parsed.code === 'too-large' ? 413 : 400, parsed.code, parsed.detail)

  const { backup } = parsed
  const board = await getAppContext().store.boards.create({
    // The copy says what it is, so it is not mistaken for the board it was made from.
    name: importedName(backup.board.name, translator(backup.board.locale)),
    locale: backup.board.locale,
    createdBy: user.id,
    // Every note in a free place in its zone, on the current template.
    initialState: encodeContent(arrangedContent(backupContent(backup))),
  })
  await getAppContext().audit({ actor: actorOf(user), action: 'board-imported', boardId: board.id, targetId: null, detail: null })
  return NextResponse.json({ id: board.id }, { status: 201 })
}
