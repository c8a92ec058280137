'use client'

import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import type { BoardRole } from '@/lib/auth/roles'
import type { MessageKey } from '@/lib/i18n/messages'
import type { BoardMember, InviteRecord } from '@/lib/store/types'
import { useI18n } from '@/components/i18n/I18nProvider'
import { ModalDialog } from '@/components/layout/ModalDialog'

const EXPIRY_HOURS = [1, 8, 24, 168] as const
const ROLES: BoardRole[] = ['facilitator', 'participant', 'observer']

async function api<T>(url: string, init?: RequestInit): Promise<{ ok: true; data: T } | { ok: false; status: number; error: string }> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } })
  if (response.ok) return { ok: true, data: (response.status === 204 ? null : await response.json()) as T }
  const body = (await response.json().catch(() => ({}))) as { error?: string }
  return { ok: false, status: response.status, error: body.error ?? '' }
}

/** The facilitator's sharing dialog: staff and their roles, and invite links for guests. */
export function ShareDialog({ boardId, currentUserId, onClose }: { boardId: string; currentUserId: string; onClose(): void }) {
  const { locale, t } = useI18n()
  const sectionIds = useId()
  const [members, setMembers] = useState<BoardMember[]>([])
  const [invites, setInvites] = useState<InviteRecord[]>([])
  const [newLink, setNewLink] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const base = `/api/boards/${encodeURIComponent(boardId)}`
  const date = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })

  const reload = useCallback(async () => {
    const [m, i] = await Promise.all([
      api<{ members: BoardMember[] }>(`${base}/members`),
      api<{ invites: InviteRecord[] }>(`${base}/invites`),
    ])
    if (m.ok) setMembers(m.data.members)
    if (i.ok) setInvites(i.data.invites)
  }, [base])

  useEffect(() => {
    void reload()
  }, [reload])

  const report = (result: { ok: boolean; status?: number; error?: string }) => {
    if (result.ok) return setError(null)
    if (result.status === 404 && result.error?.includes('account')) return setError(t('share.noAccount'))
    if (result.status === 409) return setError(t('share.lastFacilitator'))
    setError(t('share.failed'))
  }

  async function addMember(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    const data = new FormData(form)
    const result = await api(`${base}/members`, {
      method: 'POST',
      body: JSON.stringify({ email: data.get('email'), role: data.get('role') }),
    })
    report(result)
    if (result.ok) form.reset()
    await reload()
  }

  async function changeRole(userId: string, role: BoardRole) {
    report(await api(`${base}/members/${encodeURIComponent(userId)}`, { method: 'PATCH', body: JSON.stringify({ role }) }))
    await reload()
  }

  async function removeMember(userId: string) {
    report(await api(`${base}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }))
    await reload()
  }

  async function createLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const data = new FormData(event.currentTarget)
    const result = await api<{ url: string }>(`${base}/invites`, {
      method: 'POST',
      body: JSON.stringify({
        role: data.get('role'),
        label: data.get('label'),
        expiresInHours: Number(data.get('expiry')),
      }),
    })
    report(result)
    if (result.ok) {
      setNewLink(result.data.url)
      setCopied(false)
    }
    await reload()
  }

  async function revoke(id: string) {
    report(await api(`${base}/invites/${encodeURIComponent(id)}`, { method: 'DELETE' }))
    await reload()
  }

  const roleName = (role: BoardRole) => t(`role.${role}` as MessageKey)
  const now = Date.now()

  return (
    <ModalDialog title={t('share.title')} onClose={onClose}>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      <section aria-labelledby={`${sectionIds}-people`}>
        <h3 id={`${sectionIds}-people`}>{t('share.people')}</h3>
        <ul className="member-list" role="list">
          {members.map((member) => (
            <li key={member.userId} className="member-row">
              <span className="member-row__who">
                <span>
                  <span dir="auto">{member.name}</span> {member.userId === currentUserId && t('share.you')}
                </span>
                <span className="muted">{member.email}</span>
              </span>
              <select
                aria-label={t('share.roleOf', { name: member.name })}
                value={member.role}
                onChange={(event) => changeRole(member.userId, event.target.value as BoardRole)}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {roleName(role)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--quiet"
                aria-label={t('share.removeNamed', { name: member.name })}
                onClick={() => removeMember(member.userId)}
              >
                {t('share.remove')}
              </button>
            </li>
          ))}
        </ul>
        <form className="inline-form" onSubmit={addMember}>
          <label className="field">
            <span>{t('share.email')}</span>
            <input name="email" type="email" required autoComplete="off" />
          </label>
          <label className="field">
            <span>{t('share.role')}</span>
            <select name="role" defaultValue="participant">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {roleName(role)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button--primary">
            {t('share.add')}
          </button>
        </form>
      </section>

      <section aria-labelledby={`${sectionIds}-links`}>
        <h3 id={`${sectionIds}-links`}>{t('share.links')}</h3>
        <p className="muted">{t('share.linksHelp')}</p>
        <form className="inline-form" onSubmit={createLink}>
          <label className="field">
            <span>{t('share.label')}</span>
            <input name="label" type="text" maxLength={80} placeholder={t('share.labelPlaceholder')} />
          </label>
          <label className="field">
            <span>{t('share.role')}</span>
            <select name="role" defaultValue="participant">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {roleName(role)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('share.expiry')}</span>
            <select name="expiry" defaultValue="24">
              {EXPIRY_HOURS.map((hours) => (
                <option key={hours} value={hours}>
                  {t(`share.expiry.${hours}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button--primary">
            {t('share.createLink')}
          </button>
        </form>
        {newLink && (
          <div className="new-link" role="status">
            <p>{t('share.newLink')}</p>
            <div className="new-link__row">
              <input
                readOnly
                value={newLink}
                aria-label={t('share.newLink')}
                data-testid="new-invite-link"
                onFocus={(e) => e.currentTarget.select()}
              />
              <button
                type="button"
                className="button"
                onClick={async () => {
                  await navigator.clipboard?.writeText(newLink).catch(() => undefined)
                  setCopied(true)
                }}
              >
                {copied ? t('share.copied') : t('share.copy')}
              </button>
            </div>
          </div>
        )}
        {invites.length === 0 ? (
          <p className="muted">{t('share.noLinks')}</p>
        ) : (
          <ul className="member-list" role="list">
            {invites.map((invite) => {
              const label = invite.label ?? t('share.unlabelled')
              const status = invite.revokedAt
                ? t('share.revoked')
                : invite.expiresAt <= now
                  ? t('share.expired')
                  : t('share.expires', { date: date.format(new Date(invite.expiresAt)) })
              return (
                <li key={invite.id} className="member-row">
                  <span className="member-row__who">
                    <span dir="auto">{label}</span>
                    <span className="muted">
                      {roleName(invite.role)} · {status}
                    </span>
                  </span>
                  {!invite.revokedAt && (
                    <button
                      type="button"
                      className="button button--quiet"
                      aria-label={t('share.revokeNamed', { label })}
                      onClick={() => revoke(invite.id)}
                    >
                      {t('share.revoke')}
                    </button>
                  )}
                </li>
              )
            })}
          </ul>
        )}
      </section>
    </ModalDialog>
  )
}
