import {
  Group2d,
  NoteShapeUtil,
  Rectangle2d,
  getDisplayValues,
  RichTextSVG,
  type RichTextSVGProps,
  useSvgExportContext,
  useValue,
  type Editor,
  type Geometry2d,
  type SvgExportContext,
  type TLNoteShape,
} from 'tldraw'
import { Children, isValidElement, type ReactNode } from 'react'
import { noteAuthorsShown } from '../noteAuthors'
import { getArea } from '@/lib/planning/planningModel'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { isPrivateNote } from '@/lib/board/privateNotes'
import { inVotingScope } from '@/lib/board/votes'
import type { VotingRound } from '@/lib/board/session'
import { NOTE_WIDTH } from '@/lib/board/voteControls'
import { useBoardSessionContext, type BoardSessionValue } from '../BoardSessionContext'
import { useBoardLocale } from '../useBoardLocale'
import { groupOnDrop } from '../themeKeeping'
import { useVoteControls, VoteButtons } from './VoteButtons'
import { NoteTextSvg, plainNoteText, type NoteTextLayout } from './noteTextSvg'
import type { NotePicture } from '../export/notePicture'
import { hyphenateRichText, withoutSoftHyphens } from '@/lib/board/hyphenate'
import { LazyGeometry2d } from './LazyGeometry2d'

/**
 * tldraw's sticky note plus what the workshop adds to it: a label naming the note's area (and
 * whether it is still private), and during a voting round its votes with buttons to vote.
 */
export class TaggedNoteShapeUtil extends NoteShapeUtil {
  /** The note as tldraw may draw it: without its writer's name where names are not shown. */
  private drawable(shape: TLNoteShape): TLNoteShape {
    const hidesAuthor = !!shape.props.textFirstEditedBy && !noteAuthorsShown(this.editor.store)
    // Long words get soft hyphens where they are drawn (lib/board/hyphenate.ts), except while
    // someone types in the note: the text editor would take them into the stored text.
    const richText = this.editor.getEditingShapeId() === shape.id ? shape.props.richText : hyphenateRichText(shape.props.richText)
    if (!hidesAuthor && richText === shape.props.richText) return shape
    return { ...shape, props: { ...shape.props, richText, textFirstEditedBy: hidesAuthor ? null : shape.props.textFirstEditedBy } }
  }

  /**
   * tldraw's note geometry with its label's rectangle made only when first asked about.
   *
   * The note's own rectangle comes from the record (`growY`, kept by tldraw whenever the text
   * changes), as in tldraw; the label's rectangle needs the text laid out in a hidden element
   * (`measureNoteLabelSize`), which took ~0.4 s of a warm 300-note open on every note at once,
   * though only hit tests on the label read it (bench/results.md). It is tldraw's own label
   * rectangle, made by tldraw's `getGeometry` when needed; a new record (new text) gets a new
   * geometry, so an edited note's label is measured afresh.
   */
  override getGeometry(shape: TLNoteShape) {
    const dv = getDisplayValues(this, shape)
    const { scale, growY } = shape.props
    return new Group2d({
      children: [
        new Rectangle2d({ width: dv.noteWidth * scale, height: (dv.noteHeight + growY) * scale, isFilled: true }),
        new LazyGeometry2d(() => labelOf(super.getGeometry(shape)), {
          isFilled: true,
          isClosed: true,
          isLabel: true,
          excludeFromShapeBounds: true,
        }),
      ],
    })
  }

  /**
   * tldraw sizes a note's text when the note is created or its text changes (growing the note,
   * or shrinking the font until the longest word fits a line). It is sized here with the same soft
   * hyphens it is drawn with, so a long compound breaks at a syllable instead of shrinking the
   * note's font; the text stored is always without soft hyphens, whatever path brought them in.
   */
  override onBeforeCreate(next: TLNoteShape): ReturnType<NoteShapeUtil['onBeforeCreate']> {
    const stored = this.stored(next)
    // tldraw declares the created note's font adjustment as never null; it is what it measured.
    return this.withText(super.onBeforeCreate(this.measured(stored)) as TLNoteShape | undefined, stored, next) as ReturnType<
      NoteShapeUtil['onBeforeCreate']
    >
  }

  override onBeforeUpdate(prev: TLNoteShape, next: TLNoteShape) {
    const stored = this.stored(next)
    return this.withText(super.onBeforeUpdate(this.measured(prev), this.measured(stored)), stored, next)
  }

  private measured(shape: TLNoteShape): TLNoteShape {
    const richText = hyphenateRichText(shape.props.richText)
    return richText === shape.props.richText ? shape : { ...shape, props: { ...shape.props, richText } }
  }

  private stored(shape: TLNoteShape): TLNoteShape {
    const richText = withoutSoftHyphens(shape.props.richText)
    return richText === shape.props.richText ? shape : { ...shape, props: { ...shape.props, richText } }
  }

  /** tldraw's adjusted note (if any) carrying the text to store; undefined when nothing changes. */
  private withText(adjusted: TLNoteShape | undefined, stored: TLNoteShape, next: TLNoteShape): TLNoteShape | undefined {
    if (adjusted) return { ...adjusted, props: { ...adjusted.props, richText: stored.props.richText } }
    return stored === next ? undefined : stored
  }

  /**
   * tldraw's note picture, made cheaper to draw for whole-board exports (bench/results.md):
   * - its shadow a plain offset rectangle instead of an SVG filter (two erosions and two blurs
   *   for each note), which made nearly all of a 1,000-note board's PNG time; the filter is not
   *   even defined;
   * - plain text as SVG `<text>` instead of HTML in a `foreignObject`, whose every computed style
   *   the export would copy into the picture (noteTextSvg.tsx). Rich text stays tldraw's.
   */
  override toSvg(shape: TLNoteShape, ctx: SvgExportContext) {
    const drawn = this.drawable(shape)
    // tldraw adds the shadow's filter to the picture's defs for each note; nothing here uses it,
    // and 1,000 unused filters are work to render, serialise and parse.
    const picture = super.toSvg(drawn, {
      ...ctx,
      addExportDef: (def) => (def.key.startsWith('note-shadow-') ? undefined : ctx.addExportDef(def)),
    })
    return (
      <>
        {Children.toArray((picture.props as { children?: ReactNode }).children).map((part) => {
          if (!isValidElement(part)) return part
          if (part.type === 'rect' && (part.props as { filter?: string }).filter) {
            const { width, height } = part.props as { width: number; height: number }
            return <rect key={part.key} x={0} y={2} rx={1} width={width} height={height} fill="#000" opacity={0.12} />
          }
          if (part.type === RichTextSVG) {
            const layout = this.plainLayout(drawn, part.props as RichTextSVGProps)
            return layout ? <NoteTextSvg key={part.key} editor={this.editor} layout={layout} /> : part
          }
          return part
        })}
      </>
    )
  }

  /**
   * The note as the plain parts a canvas draws in a whole-board PNG (export/notePicture.ts): the
   * same parts, colours and text as {@link toSvg}, without an SVG for Chromium to parse. Null
   * for a note with anything more (rich text), which the export leaves to tldraw.
   */
  toPicture(shape: TLNoteShape, colorMode: 'light' | 'dark'): NotePicture | null {
    const drawn = this.drawable(shape)
    const picture = super.toSvg(drawn, pictureContext(colorMode))
    let body: { width: number; height: number; fill: string } | null = null
    let shadow = false
    let text: NoteTextLayout | null = null
    let attribution: NotePicture['attribution'] = null
    for (const part of Children.toArray((picture.props as { children?: ReactNode }).children)) {
      if (!isValidElement(part)) return null
      const props = part.props as Record<string, unknown>
      if (part.type === 'rect' && props.filter) shadow = true
      else if (part.type === 'rect') body = { width: Number(props.width), height: Number(props.height), fill: String(props.fill) }
      else if (part.type === RichTextSVG) {
        text = this.plainLayout(drawn, props as unknown as RichTextSVGProps)
        if (!text) return null
      } else if (part.type === 'text' && typeof props.children === 'string') {
        attribution = {
          text: props.children,
          x: Number(props.x),
          y: Number(props.y),
          anchor: props.textAnchor === 'end' ? 'end' : props.textAnchor === 'middle' ? 'middle' : 'start',
          fontFamily: String(props.fontFamily),
          fontSize: Number(props.fontSize),
          fill: String(props.fill),
          opacity: props.opacity === undefined ? 1 : Number(props.opacity),
        }
      } else return null
    }
    return body && { ...body, shadow, text, attribution }
  }

  /** The label's text and layout when it is plain text (noteTextSvg.tsx), else null. */
  private plainLayout(drawn: TLNoteShape, label: RichTextSVGProps): NoteTextLayout | null {
    const text = plainNoteText(label.richText)
    if (text === null) return null
    return {
      text,
      width: label.bounds.w,
      height: label.bounds.h,
      padding: label.padding,
      fontSize: label.fontSize,
      fontFamily: label.fontFamily,
      lineHeight: label.lineHeight,
      color: label.labelColor,
      align: drawn.props.align,
      verticalAlign: drawn.props.verticalAlign,
    }
  }

  override component(shape: TLNoteShape) {
    return (
      <>
        {super.component(this.drawable(shape))}
        <NoteAreaTag shape={shape} editor={this.editor} />
        <NoteVotes shape={shape} editor={this.editor} />
      </>
    )
  }

  // Dropping a note onto another note makes a theme of the two (themeKeeping.ts).
  override onTranslateEnd() {
    groupOnDrop(this.editor)
  }
}

/** The label's part of tldraw's note geometry (tldraw 5.1.1: the group's child marked as a label). */
function labelOf(geometry: Group2d): Geometry2d {
  const label = geometry.children.find((child) => child.isLabel)
  if (!label) throw new Error('tldraw note geometry without a label')
  return label
}

/** What a note's SVG is made with, for a picture drawn without an SVG: no defs, no assets. */
function pictureContext(colorMode: 'light' | 'dark'): SvgExportContext {
  return {
    colorMode,
    isDarkMode: colorMode === 'dark',
    scale: 1,
    pixelRatio: null,
    addExportDef: () => undefined,
    waitUntil: () => undefined,
    resolveAssetUrl: async () => null,
  }
}

function NoteAreaTag({ shape, editor }: { shape: TLNoteShape; editor: Editor }) {
  const { locale, t } = useBoardLocale(editor)
  const areaId = readNoteMeta(shape.meta).areaId
  const isPrivate = isPrivateNote(shape)
  // Too small to read when the whole board is in view: hidden then, the tooltip remains. Only
  // crossing that zoom draws the tag again, not every step of a zoom (a thousand notes each).
  const far = useValue('note tag far', () => editor.getEfficientZoomLevel() < 0.45, [editor])
  const label = areaId ? getArea(areaId).title[locale] : null
  return (
    <div
      className={`note-area-tag${far ? ' note-area-tag--far' : ''}${isPrivate ? ' note-area-tag--private' : ''}`}
      style={{ transform: `scale(${shape.props.scale})` }}
      title={label ? t('board.noteArea', { area: label }) : t('board.noteNoArea')}
      data-note-area={areaId ?? ''}
    >
      {isPrivate && <span className="note-area-tag__private">🔒 {t('private.badge')} · </span>}
      {label ?? '—'}
    </div>
  )
}

function NoteVotes({ shape, editor }: { shape: TLNoteShape; editor: Editor }) {
  const board = useBoardSessionContext()
  const round = board?.session.voting
  // Outside a voting round a note has no vote controls, and nothing of it follows the camera.
  if (!board || !round || !inVotingScope(round, readNoteMeta(shape.meta).areaId)) return null
  return <NoteVoteControls shape={shape} editor={editor} board={board} round={round} />
}

function NoteVoteControls({
  shape,
  editor,
  board,
  round,
}: {
  shape: TLNoteShape
  editor: Editor
  board: BoardSessionValue
  round: VotingRound
}) {
  const { t } = useBoardLocale(editor)
  const exporting = useSvgExportContext() !== null
  // Far out the controls keep a size that can be hit and read; where the note is too small on
  // screen to hold them they are left off, and the map labels carry the tally (MapLabels).
  const controls = useVoteControls(editor, { shapeScale: shape.props.scale, exporting })
  const count = board.tally.get(shape.id) ?? 0
  const mine = board.myVotes[shape.id] ?? 0
  const canVote = round.active && board.role !== 'observer' && !exporting
  // Counts show while a round runs (unless it hides them) and afterwards only when the
  // facilitator shows the results: an ended round leaves no "● 0" behind.
  const showCount = round.active ? !round.hideTally : round.resultsShown && count > 0
  if (!canVote && !showCount) return null
  const far = controls.buttons === 'none'
  return (
    <div
      className={`note-votes${far ? ' note-votes--far' : ''}`}
      style={{ transform: `scale(${shape.props.scale * controls.scale})`, maxWidth: (NOTE_WIDTH - 16) / controls.scale }}
      data-votes={showCount ? count : undefined}
      data-vote-buttons={canVote ? controls.buttons : undefined}
    >
      {showCount && (
        <span className="note-votes__count" title={t('voting.votes', { count })}>
          ● {count}
        </span>
      )}
      {canVote && !far && (
        <>
          <VoteButtons shapeId={shape.id} on="note" board={board} buttons={controls.buttons} t={t} />
          {mine > 0 && <span className="note-votes__mine">{'●'.repeat(Math.min(mine, 5))}</span>}
        </>
      )}
    </div>
  )
}
