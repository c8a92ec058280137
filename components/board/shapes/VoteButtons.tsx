import { stopEventPropagation, useValue, type Editor } from 'tldraw'
import { voteControls, type VoteControls } from '@/lib/board/voteControls'
import type { BoardSessionValue } from '../BoardSessionContext'
import type { useBoardLocale } from '../useBoardLocale'

/** Drawn as globals.css has them, for a picture of the board (no buttons are in it). */
const EXPORTED: VoteControls = { scale: 1, buttons: 'both', buttonPx: 26 }

/**
 * How big a shape's vote controls are drawn and which of them fit (voteControls.ts), following
 * the camera: `shapeScale` is the shape's own scale, `room` the width in its canvas units the
 * controls may take.
 */
export function useVoteControls(editor: Editor, options: { shapeScale: number; room?: number; exporting: boolean }): VoteControls {
  const zoom = useValue('zoom', () => editor.getEfficientZoomLevel(), [editor])
  return options.exporting ? EXPORTED : voteControls(zoom * options.shapeScale, options.room)
}

/** The + button's name, which says what the vote is for: a screen reader reads no shape. */
const VOTE_LABEL = { note: 'voting.vote', theme: 'voting.voteTheme' } as const

/**
 * The − (take a vote back) and + (vote) buttons of a note or a theme. The shape that draws them
 * scales their container by `useVoteControls(…).scale`, so that on screen they are never
 * smaller than 24 px; `buttons` says which of them there is room for.
 */
export function VoteButtons({
  shapeId,
  on,
  board,
  buttons,
  t,
}: {
  shapeId: string
  /** What the votes are for. */
  on: keyof typeof VOTE_LABEL
  board: BoardSessionValue
  buttons: VoteControls['buttons']
  t: ReturnType<typeof useBoardLocale>['t']
}) {
  if (buttons === 'none') return null
  const mine = board.myVotes[shapeId] ?? 0
  return (
    <>
      {buttons === 'both' && (
        <button
          type="button"
          className="note-votes__button"
          aria-label={t('voting.unvote')}
          title={t('voting.unvote')}
          disabled={mine === 0}
          onPointerDown={stopEventPropagation}
          onClick={(event) => {
            event.stopPropagation()
            void board.vote(shapeId, -1)
          }}
        >
          −
        </button>
      )}
      <button
        type="button"
        className="note-votes__button"
        aria-label={t(VOTE_LABEL[on])}
        title={board.remainingVotes === 0 ? t('voting.limit') : t(VOTE_LABEL[on])}
        disabled={board.remainingVotes === 0}
        onPointerDown={stopEventPropagation}
        onClick={(event) => {
          event.stopPropagation()
          void board.vote(shapeId, 1)
        }}
      >
        +
      </button>
    </>
  )
}
