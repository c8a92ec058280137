/**
 * How big the vote controls on a note are drawn, and which of them, at a zoom: the buttons
 * never shrink below a target a finger or a mouse can hit (24×24 CSS px, WCAG 2.5.8), growing
 * against the zoom instead; where the note on screen is too narrow to hold both, only the
 * vote button is drawn, and where it cannot hold one, none (the whole of a full board at
 * *Visa hela tavlan*) — the map labels then give each area's tally and tell people to zoom in
 * or use *Lista* to vote.
 */

/** The smallest on-screen size of a vote button, in CSS px. */
export const VOTE_TARGET_PX = 24
/** Canvas units, as globals.css draws the controls at zoom 1 (.note-votes). */
const BUTTON = 26
const GAP = 4
const INSET = 8
/** A tldraw note's width in canvas units at scale 1. */
export const NOTE_WIDTH = 200

export interface VoteControls {
  /** Extra scale for the controls (1 at and above the zoom where the buttons reach the target). */
  scale: number
  /** Which buttons there is room for on the note. */
  buttons: 'both' | 'vote' | 'none'
  /** The on-screen size of a button, in CSS px. */
  buttonPx: number
}

/** `zoom` is the camera's zoom times the note's own scale. */
export function voteControls(zoom: number): VoteControls {
  if (!(zoom > 0)) return { scale: 1, buttons: 'none', buttonPx: 0 }
  const scale = Math.max(1, VOTE_TARGET_PX / (BUTTON * zoom))
  const buttonPx = BUTTON * scale * zoom
  const room = (NOTE_WIDTH - INSET) * zoom
  const buttons = 2 * buttonPx + GAP * scale * zoom <= room ? 'both' : buttonPx <= room ? 'vote' : 'none'
  return { scale, buttons, buttonPx }
}
