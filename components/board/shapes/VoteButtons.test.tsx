import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SESSION } from '@/lib/board/session'
import { translator } from '@/lib/i18n/messages'
import type { BoardSessionValue } from '../BoardSessionContext'
import { VoteButtons } from './VoteButtons'

const board: BoardSessionValue = {
  boardId: 'b1',
  userId: 'u1',
  role: 'participant',
  session: DEFAULT_SESSION,
  tally: new Map(),
  myVotes: { 'shape:theme': 1 },
  remainingVotes: 2,
  vote: async () => ({ ok: true, remaining: 1 }),
  doc: null,
}

/** The accessible names of the buttons drawn, in order. */
function labels(on: 'note' | 'theme', locale: 'sv' | 'en'): string[] {
  const html = renderToStaticMarkup(<VoteButtons shapeId="shape:theme" on={on} board={board} buttons="both" t={translator(locale)} />)
  return [...html.matchAll(/aria-label="([^"]*)"/g)].map((match) => match[1])
}

describe('VoteButtons', () => {
  it('names a theme’s vote button as a vote for the theme, in Swedish and English', () => {
    expect(labels('theme', 'sv')).toEqual(['Ta tillbaka en röst', 'Rösta på temat'])
    expect(labels('theme', 'en')).toEqual(['Take back a vote', 'Vote for the theme'])
  })

  it('names a note’s vote button as a vote for the note', () => {
    expect(labels('note', 'sv')).toEqual(['Ta tillbaka en röst', 'Rösta på lappen'])
    expect(labels('note', 'en')).toEqual(['Take back a vote', 'Vote for the note'])
  })
})
