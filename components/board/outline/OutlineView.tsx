'use client'

import { useId, useLayoutEffect, useRef, useState } from 'react'
import type { TLShapeId, TLStore } from 'tldraw'
import type { CommitmentView, NoteView } from '@/lib/board/readModel'
import { AREA_IDS, getArea, type AreaId } from '@/lib/planning/planningModel'
import { useI18n } from '@/components/i18n/I18nProvider'
import { inVotingScope } from '@/lib/board/votes'
import { useBoardSessionContext } from '../BoardSessionContext'
import { CommitmentDialog } from '../CommitmentDialog'
import {
  addNoteToArea,
  deleteNote,
  editNoteText,
  groupNotesInStore,
  makeCommitmentInStore,
  moveNoteToArea,
  renameThemeInStore,
  ungroupThemeInStore,
  updateCommitmentInStore,
} from './outlineActions'
import { OutlineArea } from './OutlineArea'
import { OutlineNote, type NoteVoting } from './OutlineNote'
import { OutlinePlanSection } from './OutlinePlanSection'
import { OutlineSuggestions } from './OutlineSuggestions'
import { useOutlineAnnouncer } from './useOutlineAnnouncer'
import { useOutlineBoard } from './useOutlineBoard'
import styles from './outline.module.css'

export interface OutlineViewProps {
  store: TLStore
  user: { id: string; name: string }
  boardName: string
  /** Guests make no boards (*Ny tavla från förra planen*). */
  isGuest: boolean
  /** The board whose plan this board follows up, if any. */
  continues: { boardId: string; name: string } | null
  /** A note to focus when the outline opens (the one selected on the canvas). */
  initialNoteId: string | null
  /**
   * Told which note the person last worked on (used a control of, or was taken to), so the
   * canvas can select it when it comes back. Tabbing past a note on the way elsewhere is not
   * working on it.
   */
  onPlace(noteId: string): void
}

/**
 * The board as a structured, live list — step, area with its question, notes — bound to the
 * same tldraw store as the canvas, and usable with a keyboard and a screen reader alone.
 */
export function OutlineView({ store, user, boardName, isGuest, continues, initialNoteId, onPlace }: OutlineViewProps) {
  const { locale, t } = useI18n()
  const board = useBoardSessionContext()
  const { view, privateIds } = useOutlineBoard(store, locale)
  const { message, say } = useOutlineAnnouncer(store, t, locale)
  const root = useRef<HTMLDivElement>(null)
  const [focusTarget, setFocusTarget] = useState<string | null>(initialNoteId)
  // A theme or commitment to focus once rendered (after grouping, renaming, committing).
  const [focusPlan, setFocusPlan] = useState<string | null>(null)
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set())
  // The commitment form: a new one from a note or theme, or an existing one being changed.
  const [commitFrom, setCommitFrom] = useState<
    | (({ id: string; text: string; editing?: undefined } | { id: string; text: string; editing: CommitmentView }) & {
        opener: HTMLElement | null
      })
    | null
  >(null)

  useLayoutEffect(() => {
    if (!focusPlan) return
    const element = root.current?.querySelector<HTMLElement>(focusPlan)
    if (!element) return
    setFocusPlan(null)
    element.focus({ preventScroll: true })
    element.scrollIntoView({ block: 'center' })
  })

  // Focus follows a note the outline asked for (a new or moved note, or the canvas's selection)
  // as soon as it is rendered; remote changes never move focus.
  useLayoutEffect(() => {
    if (!focusTarget) return
    const element = root.current?.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(focusTarget)}"]`)
    if (!element) return
    setFocusTarget(null)
    onPlace(focusTarget)
    element.focus({ preventScroll: true })
    element.scrollIntoView({ block: 'center' })
  })

  // A note that vanished under focus (someone deleted it) leaves focus on its area's heading
  // rather than on the page's body.
  const lastFocus = useRef<{ element: HTMLElement; areaId: string } | null>(null)
  useLayoutEffect(() => {
    const last = lastFocus.current
    if (focusTarget || !last || last.element.isConnected || (document.activeElement && document.activeElement !== document.body)) return
    lastFocus.current = null
    root.current?.querySelector<HTMLElement>(`[data-outline-area="${CSS.escape(last.areaId)}"] h3`)?.focus()
  })

  if (!board) return null
  const { role, session } = board
  const facilitator = role === 'facilitator'
  const readOnly = role === 'observer'
  const lockedForMe = (areaId: AreaId | null) => !facilitator && areaId !== null && session.lockedAreas.includes(areaId)
  const areaName = (areaId: AreaId | null) => (areaId ? getArea(areaId).title[locale] : t('board.noteNoArea'))
  const round = session.voting
  const showAuthors = session.showAuthors && !session.anonymous
  const themes = [...view.steps.flatMap((step) => step.areas.flatMap((area) => area.themes)), ...view.unplacedThemes]
  const themeTitle = new Map(themes.map((theme) => [theme.id, theme.title]))
  const pick = (noteId: string, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current)
      if (on) next.add(noteId)
      else next.delete(noteId)
      return next
    })
  const openCommitment = (id: string, text: string) => setCommitFrom({ id, text, opener: document.activeElement as HTMLElement | null })

  const group = (areaId: AreaId, noteIds: string[], title: string) => {
    const themeId = groupNotesInStore(store, noteIds, title)
    if (!themeId) return
    // Joining a theme keeps its title unless a new one was typed.
    if (themeTitle.has(themeId) && themeTitle.get(themeId) !== title) renameThemeInStore(store, themeId, title)
    setPicked((current) => new Set([...current].filter((id) => !noteIds.includes(id))))
    setFocusPlan(`[data-outline-theme="${CSS.escape(themeId)}"]`)
    const count = store.allRecords().filter((record) => record.typeName === 'shape' && record.parentId === themeId).length
    say(t('outline.grouped', { title, count, area: areaName(areaId) }))
  }
  const planActions = (areaId: AreaId | null) =>
    readOnly
      ? undefined
      : {
          canChange: !lockedForMe(areaId),
          canCommit: facilitator,
          onRename: (themeId: string, title: string) => {
            if (renameThemeInStore(store, themeId, title)) say(t('outline.renamed', { title }))
          },
          onUngroup: (themeId: string) => {
            const title = themeTitle.get(themeId) || t('theme.untitled')
            const noteIds = ungroupThemeInStore(store, themeId)
            if (noteIds.length === 0) return
            setFocusTarget(noteIds[0])
            say(t('outline.ungrouped', { title, count: noteIds.length }))
          },
          onCommit: (themeId: string) => openCommitment(themeId, themeTitle.get(themeId) ?? ''),
          onEditCommitment: facilitator
            ? (commitment: CommitmentView) =>
                setCommitFrom({
                  id: commitment.id,
                  text: commitment.text,
                  editing: commitment,
                  opener: document.activeElement as HTMLElement | null,
                })
            : undefined,
        }

  // A note's or theme's votes. As on the canvas: counts while a round runs (unless hidden),
  // after it only when shown; casting while it runs, for all but observers.
  const votingOf = (id: string, areaId: AreaId | null): NoteVoting | null => {
    if (!round || !(round.active || round.resultsShown) || !inVotingScope(round, areaId)) return null
    const countShown = round.active ? !round.hideTally : round.resultsShown
    return {
      count: countShown ? (board.tally.get(id) ?? 0) : null,
      mine: board.myVotes[id] ?? 0,
      canVote: round.active && !readOnly,
      remaining: board.remainingVotes,
    }
  }
  // A vote on a note or a theme, and what came of it said aloud. The + stays reachable with no
  // votes left (aria-disabled) and says why when pressed.
  const voteAndSay = (id: string, delta: 1 | -1, counted: (remaining: number) => string) => {
    if (delta === 1 && board.remainingVotes === 0) return say(t('voting.limit'))
    void board.vote(id, delta).then((outcome) => {
      if (!outcome.ok) return say(outcome.error === 'limit' ? t('voting.limit') : t('outline.voteRefused'))
      say(counted(outcome.remaining))
    })
  }
  const themeVoting = (areaId: AreaId) => ({
    of: (themeId: string) => votingOf(themeId, areaId),
    onVote: (themeId: string, title: string, delta: 1 | -1) =>
      voteAndSay(themeId, delta, (count) => t(delta === 1 ? 'outline.votedTheme' : 'outline.unvotedTheme', { title, count })),
  })
  const suggestionsFor = (areaId: AreaId, title: string, notes: readonly NoteView[]) => {
    if (!facilitator || notes.filter((note) => !note.themeId && !privateIds.has(note.id)).length < 2) return undefined
    const textOf = new Map(notes.map((note) => [note.id, note.text]))
    return (
      <OutlineSuggestions
        boardId={board.boardId}
        areaId={areaId}
        areaTitle={title}
        textOf={(noteId) => textOf.get(noteId) ?? null}
        onAccept={(noteIds, themeTitle) => {
          // The same record edit as *Skapa tema* on the canvas (lib/board/planEdits.ts groupNotes).
          const themeId = groupNotesInStore(store, noteIds, themeTitle)
          if (!themeId) return 0
          return store.allRecords().filter((record) => record.typeName === 'shape' && record.parentId === themeId).length
        }}
        say={say}
      />
    )
  }

  const renderNote = (note: NoteView) => {
    const canChange = !readOnly && !lockedForMe(note.areaId)
    const id = note.id as TLShapeId
    return (
      <OutlineNote
        key={note.id}
        note={note}
        isPrivate={privateIds.has(note.id)}
        author={showAuthors ? (note.createdBy?.name ?? null) : null}
        voting={votingOf(note.id, note.areaId)}
        canChange={canChange}
        moveTargets={AREA_IDS.filter((areaId) => areaId !== note.areaId && !lockedForMe(areaId))}
        onEdit={(text) => {
          if (editNoteText(store, id, text, Date.now())) say(t('outline.saved'))
        }}
        onMove={(areaId) => {
          if (!moveNoteToArea(store, id, areaId)) return
          setFocusTarget(note.id)
          say(t('outline.moved', { area: areaName(areaId) }))
        }}
        onDelete={() => {
          const item = root.current?.querySelector(`[data-note-id="${CSS.escape(note.id)}"]`)
          const next = (item?.nextElementSibling ?? item?.previousElementSibling) as HTMLElement | null
          deleteNote(store, id)
          say(t('outline.deleted'))
          if (next?.dataset.noteId) setFocusTarget(next.dataset.noteId)
          else (item?.closest('section')?.querySelector('h3') as HTMLElement | null)?.focus()
        }}
        onVote={(delta) => voteAndSay(note.id, delta, (count) => t(delta === 1 ? 'outline.votedNote' : 'outline.unvotedNote', { count }))}
        themeTitle={note.themeId ? (themeTitle.get(note.themeId) ?? '') : null}
        selectable={canChange && !privateIds.has(note.id) && note.areaId !== null}
        selected={picked.has(note.id)}
        onSelect={(on) => pick(note.id, on)}
        onCommit={facilitator && !privateIds.has(note.id) ? () => openCommitment(note.id, note.text) : undefined}
      />
    )
  }

  const add = (areaId: AreaId) => (text: string) => {
    const id = addNoteToArea(store, {
      areaId,
      text,
      author: user,
      anonymous: session.anonymous,
      privateRoundId: session.privateRound?.active ? session.privateRound.id : null,
      now: Date.now(),
    })
    if (!id) return
    setFocusTarget(id)
    say(t('outline.added', { area: areaName(areaId) }))
  }

  return (
    <div
      ref={root}
      className={styles.outline}
      data-testid="outline"
      onFocus={(event) => {
        const element = event.target as HTMLElement
        const area = element.closest<HTMLElement>('[data-outline-area]')
        lastFocus.current = area ? { element, areaId: area.dataset.outlineArea ?? '' } : null
      }}
      onKeyDown={(event) => {
        // Page Down / Page Up skip to the next / previous area (and last to the plan), from
        // anywhere in the list but a text field (where they move the caret).
        if (event.key !== 'PageDown' && event.key !== 'PageUp') return
        if ((event.target as HTMLElement).closest('input, textarea, select')) return
        const part = '[data-outline-area], [data-outline-plan]'
        const headings = [...(root.current?.querySelectorAll<HTMLElement>('[data-outline-area] h3, [data-outline-plan] h2') ?? [])]
        const current = (event.target as HTMLElement).closest(part)
        const at = headings.findIndex((h) => h.closest(part) === current)
        const next = headings[event.key === 'PageDown' ? at + 1 : at === -1 ? headings.length - 1 : at - 1]
        if (!next) return
        event.preventDefault()
        next.focus()
      }}
      onClick={(event) => {
        const noteId = (event.target as HTMLElement).closest<HTMLElement>('[data-note-id]')?.dataset.noteId
        if (noteId) onPlace(noteId)
      }}
    >
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="outline-live">
        {message}
      </p>
      <AreaJump
        areas={[...view.steps.flatMap((step) => step.areas), { id: PLAN_TARGET, title: t('outline.planHeading') }]}
        onJump={(target) =>
          target === PLAN_TARGET
            ? root.current?.querySelector<HTMLElement>('[data-outline-plan] h2')?.focus()
            : focusArea(root.current, target)
        }
      />
      {view.steps.map((step) => (
        <section key={step.number} className={styles.step} aria-labelledby={`outline-step-${step.number}`}>
          <h2 id={`outline-step-${step.number}`} className={styles.stepTitle}>
            {t('outline.stepHeading', { number: step.number, title: step.title })}
          </h2>
          <div className={styles.areas}>
            {step.areas.map((area) => (
              <OutlineArea
                key={area.id}
                id={area.id}
                title={area.title}
                question={area.question}
                perspective={step.perspective}
                notes={area.notes}
                commitments={area.commitments}
                themes={area.themes}
                locked={session.lockedAreas.includes(area.id)}
                canAdd={!readOnly && !lockedForMe(area.id)}
                renderNote={renderNote}
                onAdd={add(area.id)}
                planActions={planActions(area.id)}
                themeVoting={themeVoting(area.id)}
                suggestions={suggestionsFor(area.id, area.title, area.notes)}
                grouping={
                  readOnly || lockedForMe(area.id)
                    ? undefined
                    : groupingOf(area.notes, picked, themeTitle, (noteIds, title) => group(area.id, noteIds, title))
                }
              />
            ))}
          </div>
        </section>
      ))}
      {view.unplaced.length > 0 && (
        <section className={styles.step} aria-labelledby="outline-unplaced">
          <h2 id="outline-unplaced" className={styles.stepTitle}>
            {t('board.noteNoArea')}
          </h2>
          <OutlineArea
            id={null}
            title={t('board.noteNoArea')}
            question={null}
            perspective={null}
            notes={view.unplaced}
            locked={false}
            canAdd={false}
            renderNote={renderNote}
            onAdd={() => undefined}
          />
        </section>
      )}
      <OutlinePlanSection
        boardId={board.boardId}
        boardName={boardName}
        continues={continues}
        carried={view.steps.flatMap((step) =>
          step.areas.flatMap((area) => area.commitments.filter((c) => c.carried).map((c) => ({ ...c, areaTitle: area.title }))),
        )}
        canJudge={facilitator}
        canFollowUp={facilitator && !isGuest}
        onStatus={(commitment, status, statusComment) => {
          if (!updateCommitmentInStore(store, commitment.id, { status, statusComment })) return
          say(t('outline.statusSaved', { text: commitment.text, status: t(`commitment.status.${status}`) }))
        }}
      />
      {commitFrom && (
        <CommitmentDialog
          boardId={board.boardId}
          editing={!!commitFrom.editing}
          carried={commitFrom.editing?.carried ?? false}
          initial={
            commitFrom.editing
              ? commitmentFields(commitFrom.editing)
              : { text: commitFrom.text, owner: '', ownerId: '', due: '', indicator: '', status: '', statusComment: '' }
          }
          onClose={() => {
            const opener = commitFrom.opener
            setCommitFrom(null)
            requestAnimationFrame(() => opener?.isConnected && opener.focus())
          }}
          onSave={(fields) => {
            if (commitFrom.editing) {
              updateCommitmentInStore(store, commitFrom.id, fields)
              setCommitFrom(null)
              setFocusPlan(`[data-outline-commitment="${CSS.escape(commitFrom.id)}"]`)
              say(t('outline.commitmentSaved', { text: fields.text }))
              return
            }
            const id = makeCommitmentInStore(store, commitFrom.id, fields, board.tally)
            setCommitFrom(null)
            if (!id) return
            setFocusPlan(`[data-outline-commitment="${CSS.escape(id)}"]`)
            say(t('outline.committed', { text: fields.text }))
          }}
        />
      )}
    </div>
  )
}

function commitmentFields({ text, owner, ownerId, due, indicator, status, statusComment }: CommitmentView) {
  return { text, owner, ownerId, due, indicator, status, statusComment }
}

/** The grouping an area offers: its picked notes (those of the list that still exist). */
function groupingOf(
  notes: readonly NoteView[],
  picked: ReadonlySet<string>,
  themeTitle: ReadonlyMap<string, string>,
  onGroup: (noteIds: string[], title: string) => void,
) {
  const chosen = notes.filter((note) => picked.has(note.id))
  const inTheme = chosen.find((note) => note.themeId)
  return {
    selected: chosen.length,
    existingTitle: inTheme?.themeId ? (themeTitle.get(inTheme.themeId) ?? '') : null,
    onGroup: (title: string) =>
      onGroup(
        chosen.map((note) => note.id),
        title,
      ),
  }
}

/** *Gå till område* also leads to the plan at the end of the list. */
const PLAN_TARGET = 'plan'

function focusArea(root: HTMLElement | null, areaId: string) {
  root?.querySelector<HTMLElement>(`[data-outline-area="${CSS.escape(areaId)}"] h3`)?.focus()
}

/** Jump straight to an area (the list can hold hundreds of notes). */
function AreaJump({ areas, onJump }: { areas: { id: string; title: string }[]; onJump(areaId: string): void }) {
  const { t } = useI18n()
  const id = useId()
  const [target, setTarget] = useState(areas[0]?.id ?? '')
  return (
    <form
      className={styles.jump}
      onSubmit={(event) => {
        event.preventDefault()
        onJump(target)
      }}
    >
      <label htmlFor={id}>{t('outline.jumpTo')}</label>
      <select id={id} value={target} onChange={(event) => setTarget(event.target.value)}>
        {areas.map((area) => (
          <option key={area.id} value={area.id}>
            {area.title}
          </option>
        ))}
      </select>
      <button type="submit" className="button">
        {t('outline.jump')}
      </button>
      <span className="muted">{t('outline.jumpKeys')}</span>
    </form>
  )
}
