'use client'

import { useId, useState, type ReactNode } from 'react'
import { useValue, type Editor, type TLShape } from 'tldraw'
import type { BoardRole } from '@/lib/auth/roles'
import { useI18n } from '@/components/i18n/I18nProvider'
import { CommitmentDialog } from './CommitmentDialog'
import {
  createCommitment,
  groupIntoTheme,
  isCommitment,
  isTheme,
  textOfShape,
  ungroupTheme,
  updateCommitment,
  type CommitmentFields,
} from './planActions'
import { PlanLinks } from './PlanLinks'
import { ThemeSuggestions } from './ThemeSuggestions'
import './plan.css'

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId()
  return (
    <section className="panel-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  )
}

const EMPTY_FIELDS: CommitmentFields = { text: '', owner: '', ownerId: '', due: '', indicator: '', status: '', statusComment: '' }

/**
 * From ideas to plan: group notes into themes (everyone who may edit), suggested themes and
 * commitments (facilitators), and the plan document (everyone). Works on the canvas
 * selection; the same actions exist in the outline view.
 */
export function PlanPanel({
  boardId,
  role,
  editor,
  tally,
  extra,
  onClose,
}: {
  boardId: string
  role: BoardRole
  editor: Editor
  tally: ReadonlyMap<string, number>
  /** More sections (the follow-up board), below the plan's. */
  extra?: ReactNode
  onClose(): void
}) {
  const { t } = useI18n()
  const titleId = useId()
  const [message, setMessage] = useState<string | null>(null)
  const [dialog, setDialog] = useState<{ from: TLShape | null; commitment: TLShape | null } | null>(null)
  const selected = useValue('plan selection', () => editor.getSelectedShapes(), [editor])
  const notes = selected.filter((shape) => shape.type === 'note')
  const theme = selected.length === 1 && isTheme(selected[0]) ? selected[0] : null
  const commitment = selected.length === 1 && isCommitment(selected[0]) ? selected[0] : null
  const source = selected.length === 1 && (selected[0].type === 'note' || theme) ? selected[0] : null
  const facilitator = role === 'facilitator'
  const canEdit = role !== 'observer'

  return (
    <aside className="side-panel plan-panel" aria-labelledby={titleId}>
      <div className="side-panel__head">
        <h2 id={titleId}>{t('plan.panelTitle')}</h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('share.close')}
        </button>
      </div>
      <p role="status" className="plan-panel__message">
        {message}
      </p>

      {canEdit && (
        <Section title={t('theme.label')}>
          <div className="row">
            <button
              type="button"
              className="button"
              title={t('theme.groupHint')}
              disabled={notes.length < 2 || notes.length !== selected.length}
              onClick={() =>
                groupIntoTheme(
                  editor,
                  notes.map((n) => n.id),
                  t('theme.newTitle'),
                )
              }
            >
              {t('theme.group')}
            </button>
            <button type="button" className="button" disabled={!theme} onClick={() => theme && editor.setEditingShape(theme.id)}>
              {t('theme.rename')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={!theme}
              onClick={() => theme && ungroupTheme(editor, theme.id)}
            >
              {t('theme.ungroup')}
            </button>
          </div>
        </Section>
      )}

      {facilitator && (
        <Section title={t('suggest.title')}>
          <ThemeSuggestions boardId={boardId} editor={editor} onMessage={setMessage} />
        </Section>
      )}

      {facilitator && (
        <Section title={t('plan.commitments')}>
          <p className="hint">{t('commitment.makeHint')}</p>
          <div className="row">
            <button
              type="button"
              className="button button--primary"
              disabled={!source}
              onClick={() => source && setDialog({ from: source, commitment: null })}
            >
              {t('commitment.make')}
            </button>
            <button
              type="button"
              className="button"
              disabled={!commitment}
              onClick={() => commitment && setDialog({ from: null, commitment })}
            >
              {t('commitment.edit')}
            </button>
          </div>
        </Section>
      )}

      <Section title={t('plan.download')}>
        <PlanLinks boardId={boardId} />
      </Section>
      {extra}

      {dialog && (
        <CommitmentDialog
          boardId={boardId}
          editing={!!dialog.commitment}
          carried={isCommitment(dialog.commitment ?? undefined) && (dialog.commitment as TLShape<'commitment'>).props.carried}
          initial={
            dialog.commitment && isCommitment(dialog.commitment)
              ? pickFields(dialog.commitment.props)
              : { ...EMPTY_FIELDS, text: dialog.from ? textOfShape(dialog.from) : '' }
          }
          onClose={() => setDialog(null)}
          onSave={(fields) => {
            if (dialog.commitment) updateCommitment(editor, dialog.commitment.id, fields)
            else if (dialog.from) createCommitment(editor, dialog.from, fields, tally)
            setDialog(null)
          }}
        />
      )}
    </aside>
  )
}

function pickFields(props: TLShape<'commitment'>['props']): CommitmentFields {
  const { text, owner, ownerId, due, indicator, status, statusComment } = props
  return { text, owner, ownerId, due, indicator, status, statusComment }
}
