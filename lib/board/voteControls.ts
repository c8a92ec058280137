/**
 * How big the vote controls on a note or a theme are drawn, and which of them, at a zoom: the
 * buttons never shrink below a target a finger or a mouse can hit (24×24 CSS px, WCAG 2.5.8),
 * growing against the zoom instead; where the shape on screen is too narrow to hold both, only
 * the vote button is drawn, and where it cannot hold one, none (the whole of a full board at
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
/** The width a note gives its controls, in canvas units (globals.css: 8 px in from its edge). */
export const NOTE_ROOM = NOTE_WIDTH - INSET
/** What a theme's header keeps free on its two sides (plan.css: .theme__header's padding). */
export const THEME_HEADER_PADDING = 14

export interface VoteControls {
  /** Extra scale for the controls (1 at and above the zoom where the buttons reach the target). */
  scale: number
  /** Which buttons there is room for on the note. */
  buttons: 'both' | 'vote' | 'none'
  /** The on-screen size of a button, in CSS px. */
  buttonPx: number
}

/**
 * `zoom` is the camera's zoom times the shape's own scale; `room` the width, in the shape's
 * canvas units, the controls may take (a note's by default).
 */
export function voteControls(zoom: number, room = NOTE_ROOM): VoteControls {
  if (!(zoom > 0)) return { scale: 1, buttons: 'none', buttonPx: 0 }
  const scale = Math.max(1, VOTE_TARGET_PX / (BUTTON * zoom))
  const buttonPx = BUTTON * scale * zoom
  const roomPx = room * zoom
  const buttons = 2 * buttonPx + GAP * scale * zoom <= roomPx ? 'both' : buttonPx <= roomPx ? 'vote' : 'none'
  return { scale, buttons, buttonPx }
}
