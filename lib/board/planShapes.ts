/**
 * Record schemas of the shapes that take a board from ideas to a plan:
 *
 * - `theme`: a named group of notes inside an area's zone. Its notes are its tldraw children
 *   (their `parentId` is the theme), so it moves as one; votes for a theme count for the whole.
 * - `commitment` (åtagande): what the facilitator decides the organisation will do — with an
 *   owner (a board member, or free text), a due date or period, an indicator ("how do we know
 *   we succeeded?"), and the ideas and votes it came from. Only facilitators may write them
 *   (server/sync/boardPolicy.ts). On a board that continues another, commitments carried over
 *   hold the status the facilitator gave them and a comment.
 *
 * A theme's or commitment's area is the zone that holds its centre, like a note's.
 */
import { createShapePropsMigrationSequence, type RecordProps, type TLShape } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'

export const THEME_SHAPE_TYPE = 'theme'
export const COMMITMENT_SHAPE_TYPE = 'commitment'

/** Longest texts a theme or commitment takes; notes are the place for essays. */
export const TITLE_MAX = 200
export const TEXT_MAX = 2000

export const COMMITMENT_STATUSES = ['done', 'ongoing', 'not-started', 'dropped'] as const
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number]

export interface ThemeShapeProps {
  w: number
  h: number
  title: string
}

/** Where a commitment came from, as it was when the commitment was made. */
export interface CommitmentSource {
  /** The note's or theme's shape id (it may since have been deleted). */
  id: string
  kind: 'note' | 'theme'
  text: string
  votes: number
}

export interface CommitmentShapeProps {
  w: number
  h: number
  text: string
  /** The owner's name as shown; `ownerId` is the member's user id, or '' for free text. */
  owner: string
  ownerId: string
  /** A date (YYYY-MM-DD) or a period in words ("2027", "VT 2027"). */
  due: string
  indicator: string
  sources: CommitmentSource[]
  /** Set on commitments carried over from the plan this board continues; '' until judged. */
  status: CommitmentStatus | ''
  statusComment: string
  /** True for a commitment carried over from the previous period's board. */
  carried: boolean
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [THEME_SHAPE_TYPE]: ThemeShapeProps
    [COMMITMENT_SHAPE_TYPE]: CommitmentShapeProps
  }
}

export type ThemeShape = TLShape<typeof THEME_SHAPE_TYPE>
export type CommitmentShape = TLShape<typeof COMMITMENT_SHAPE_TYPE>

const boundedString = (max: number) =>
  T.string.check((value) => {
    if (value.length > max) throw new Error(`Expected at most ${max} characters, got ${value.length}`)
  })

export const themeShapeProps: RecordProps<ThemeShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  title: boundedString(TITLE_MAX),
}

export const commitmentShapeProps: RecordProps<CommitmentShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  text: boundedString(TEXT_MAX),
  owner: boundedString(TITLE_MAX),
  ownerId: boundedString(TITLE_MAX),
  due: boundedString(TITLE_MAX),
  indicator: boundedString(TEXT_MAX),
  sources: T.arrayOf(
    T.object({
      id: boundedString(TITLE_MAX),
      kind: T.literalEnum('note', 'theme'),
      text: boundedString(TEXT_MAX),
      votes: T.positiveInteger,
    }),
  ).check((value) => {
    if (value.length > 100) throw new Error('Expected at most 100 sources')
  }),
  status: T.literalEnum('', ...COMMITMENT_STATUSES),
  statusComment: boundedString(TEXT_MAX),
  carried: T.boolean,
}

export const themeShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })
export const commitmentShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })

export function isThemeShape(record: unknown): record is ThemeShape {
  const r = record as ThemeShape | undefined
  return !!r && r.typeName === 'shape' && r.type === THEME_SHAPE_TYPE
}

export function isCommitmentShape(record: unknown): record is CommitmentShape {
  const r = record as CommitmentShape | undefined
  return !!r && r.typeName === 'shape' && r.type === COMMITMENT_SHAPE_TYPE
}
