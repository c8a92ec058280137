'use server'

import { z } from 'zod'
import { roleOnBoard } from '@/lib/auth/boardAccess'
import { isDocFullError } from '@/lib/board/docFull'
import { sendIdea } from '@/lib/facilitation/sendIdea'
import { AREA_IDS } from '@/lib/planning/planningModel'
import { getAppContext } from '@/lib/runtime/appContext'
import { getSessionUser } from '@/app/_lib/session'

export type PhoneIdeaState = {
  status: 'idle' | 'sent' | 'private' | 'locked' | 'failed' | 'ended'
  areaId?: string
  at?: number
  /** What was typed, handed back when it was not sent, so the form keeps it to send or copy. */
  text?: string
}

const Idea = z.object({
  boardId: z.string().min(1).max(64),
  areaId: z.enum(AREA_IDS),
  text: z.string().trim().min(1).max(2000),
})

/** The phone page's form: works without JavaScript, as a plain form post. */
export async function sendPhoneIdea(_previous: PhoneIdeaState, form: FormData): Promise<PhoneIdeaState> {
  const typed = String(form.get('text') ?? '').slice(0, 2000)
  const areaId = String(form.get('areaId') ?? '')
  const notSent = (status: PhoneIdeaState['status']): PhoneIdeaState => ({ status, areaId, text: typed, at: Date.now() })
  const parsed = Idea.safeParse({ boardId: form.get('boardId'), areaId: form.get('areaId'), text: form.get('text') })
  if (!parsed.success) return notSent('failed')
  const user = await getSessionUser()
  // A guest whose link was revoked (or whose session ended) is told so, not "try again".
  if (!user) return notSent('ended')
  const app = getAppContext()
  const role = await roleOnBoard(app.store, user, parsed.data.boardId)
  if (!role || role === 'observer') return notSent('ended')
  let result
  try {
    result = await sendIdea(app.sync, parsed.data.boardId, { userId: user.id, name: user.name, role }, parsed.data)
  } catch (error) {
    // The board has no room left for notes (lib/board/docFull.ts).
    if (isDocFullError(error)) return notSent('failed')
    throw error
  }
  if (!result.ok) return notSent(result.reason === 'area-locked' ? 'locked' : 'failed')
  return { status: result.private ? 'private' : 'sent', areaId: parsed.data.areaId, at: Date.now() }
}
