import type { Awareness } from 'y-protocols/awareness'
import type { Person } from '@/lib/auth/person'
import type { BoardRole } from '@/lib/auth/roles'

/**
 * Who is on the board, as each client announces itself in the room's presence (the `member`
 * field of its awareness state, beside tldraw's cursor and selection), and the colour each
 * person's cursor and dot are drawn in.
 */
export interface MemberPresence extends Pick<Person, 'id' | 'name' | 'label'> {
  role: BoardRole
}

const PRESENCE_COLORS = ['#d9480f', '#1971c2', '#2f9e44', '#ae3ec9', '#e8590c', '#0c8599', '#c2255c', '#5f3dc4']

/** The same colour for the same person on every screen. */
export function presenceColor(userId: string): string {
  let hash = 0
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length]
}

/** Tells the others on the board who this client is. */
export function announceMember(awareness: Awareness, me: MemberPresence): void {
  awareness.setLocalStateField('member', me)
}

/** Everyone the room's presence announces, once each: facilitators first, then by name. */
export function membersOf(awareness: Awareness): MemberPresence[] {
  const byId = new Map<string, MemberPresence>()
  for (const state of awareness.getStates().values()) {
    const member = (state as { member?: MemberPresence }).member
    if (member && typeof member.id === 'string' && typeof member.name === 'string') byId.set(member.id, member)
  }
  const order = { facilitator: 0, participant: 1, observer: 2 }
  return [...byId.values()].sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name, 'sv'))
}
