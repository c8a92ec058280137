'use client'

import { useEffect, useId, useState } from 'react'
import { useI18n } from '@/components/i18n/I18nProvider'
import { ModalDialog } from '@/components/layout/ModalDialog'
import { COMMITMENT_STATUSES, TEXT_MAX, TITLE_MAX, type CommitmentStatus } from '@/lib/board/planShapes'
import type { BoardMember } from '@/lib/store/types'
import type { CommitmentFields } from './planActions'

/**
 * The facilitator's form for a commitment: what, who (a member of the board, picked from a
 * list, or any name typed), by when, and the indicator. A commitment carried over from the
 * previous plan also gets its status and a comment.
 */
export function CommitmentDialog({
  boardId,
  initial,
  editing,
  carried,
  onSave,
  onClose,
}: {
  boardId: string
  initial: CommitmentFields
  /** An existing commitment is being changed (rather than a new one made). */
  editing: boolean
  carried: boolean
  onSave(fields: CommitmentFields): void
  onClose(): void
}) {
  const { t } = useI18n()
  const [fields, setFields] = useState<CommitmentFields>(initial)
  const [members, setMembers] = useState<BoardMember[]>([])
  const listId = useId()
  useEffect(() => {
    let live = true
    fetch(`/api/boards/${boardId}/members`)
      .then((response) => (response.ok ? response.json() : { members: [] }))
      .then((body: { members: BoardMember[] }) => live && setMembers(body.members))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [boardId])
  const set = (patch: Partial<CommitmentFields>) => setFields((current) => ({ ...current, ...patch }))
  const setOwner = (owner: string) => {
    const member = members.find((m) => m.name === owner)
    set({ owner, ownerId: member ? member.userId : '' })
  }
  return (
    <ModalDialog title={editing ? t('commitment.edit') : t('commitment.make')} onClose={onClose}>
      <form
        className="commitment-form"
        onSubmit={(event) => {
          event.preventDefault()
          onSave({
            ...fields,
            text: fields.text.trim(),
            owner: fields.owner.trim(),
            due: fields.due.trim(),
            indicator: fields.indicator.trim(),
          })
        }}
      >
        <label className="field">
          <span>{t('commitment.text')}</span>
          <textarea required rows={3} maxLength={TEXT_MAX} value={fields.text} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('commitment.owner')}</span>
          <input
            list={listId}
            maxLength={TITLE_MAX}
            value={fields.owner}
            onChange={(e) => setOwner(e.target.value)}
            aria-describedby={`${listId}-hint`}
          />
          <small id={`${listId}-hint`}>{t('commitment.ownerHint')}</small>
          <datalist id={listId}>
            {members.map((member) => (
              <option key={member.userId} value={member.name} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>{t('commitment.due')}</span>
          <input
            maxLength={TITLE_MAX}
            value={fields.due}
            placeholder={t('commitment.dueHint')}
            onChange={(e) => set({ due: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('commitment.indicator')}</span>
          <textarea rows={2} maxLength={TEXT_MAX} value={fields.indicator} onChange={(e) => set({ indicator: e.target.value })} />
        </label>
        {carried && (
          <>
            <label className="field">
              <span>{t('commitment.status')}</span>
              <select value={fields.status} onChange={(e) => set({ status: e.target.value as CommitmentStatus | '' })}>
                {(['', ...COMMITMENT_STATUSES] as const).map((status) => (
                  <option key={status} value={status}>
                    {t(`commitment.status.${status}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('commitment.statusComment')}</span>
              <textarea
                rows={2}
                maxLength={TEXT_MAX}
                value={fields.statusComment}
                onChange={(e) => set({ statusComment: e.target.value })}
              />
            </label>
          </>
        )}
        <div className="row">
          <button type="submit" className="button button--primary">
            {t('commitment.save')}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('commitment.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
