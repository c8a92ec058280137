/**
 * GET  /api/boards → the signed-in user's boards with their roles.
 * POST /api/boards { name?, includeStarterNotes?, locale? } → { id } of a new board made from
 * the planning-model template; the creator becomes its facilitator.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { createBoardState } from '@/lib/board/createBoardDoc'
import { DEFAULT_LOCALE, LOCALES } from '@/lib/i18n/locales'
import { getAppContext } from '@/lib/runtime/appContext'
import { isSameOrigin, jsonError } from '@/app/_lib/http'
import { actorOf, getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

const NewBoardInput = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  includeStarterNotes: z.boolean().default(false),
  locale: z.enum(LOCALES).default(DEFAULT_LOCALE),
})

export async function GET() {
  const user = await getSessionUser()
  if (!user) return jsonError(401, 'not signed in')
  if (user.kind !== 'staff') return jsonError(403, 'guests see only the board they were invited to')
  const boards = await getAppContext().store.boards.listForUser(user.id)
  return NextResponse.json({ boards })
}

export async function POST(request: Request) {
  if (!isSameOrigin(request)) return jsonError(403, 'cross-origin request refused')
  const user = await getSessionUser()
  if (!user) return jsonError(401, 'not signed in')
  if (user.kind !== 'staff') return jsonError(403, 'guests cannot create boards')
  let body: unknown = {}
  try {
    const text = await request.text()
    body = text ? JSON.parse(text) : {}
  } catch {
    return jsonError(400, 'body must be JSON')
  }
  const input = NewBoardInput.safeParse(body)
  if (!input.success) return jsonError(400, input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  const name = input.data.name ?? (input.data.locale === 'sv' ? 'Strategisk planering' : 'Strategic planning')
  const board = await getAppContext().store.boards.create({
    name,
    locale: input.data.locale,
    createdBy: user.id,
    initialState: createBoardState({ name, locale: input.data.locale, includeStarterNotes: input.data.includeStarterNotes }),
  })
  await getAppContext().audit({ actor: actorOf(user), action: 'board-created', boardId: board.id, targetId: null, detail: null })
  return NextResponse.json({ id: board.id }, { status: 201 })
}
