'use client'

import QRCode from 'qrcode'
import { useEffect, useId, useRef, useState } from 'react'
import { useT } from '@/components/i18n/I18nProvider'

/**
 * A QR code people in the room scan to send ideas from their phones: it is a participant
 * invite link (8 hours) that leads to the small phone page instead of the canvas.
 */
export function PhoneDialog({ boardId, onClose }: { boardId: string; onClose(): void }) {
  const t = useT()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [link, setLink] = useState<string | null>(null)
  const [svg, setSvg] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    dialog.current?.showModal()
    let cancelled = false
    fetch(`/api/boards/${encodeURIComponent(boardId)}/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'participant', expiresInHours: 8, label: t('phone.open') }),
    })
      .then((response) => (response.ok ? (response.json() as Promise<{ url: string }>) : Promise.reject()))
      .then(async ({ url }) => {
        const phoneUrl = `${url}?to=phone`
        const code = await QRCode.toString(phoneUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
        if (!cancelled) {
          setLink(phoneUrl)
          setSvg(code)
        }
      })
      .catch(() => !cancelled && setFailed(true))
    return () => {
      cancelled = true
    }
  }, [boardId, t])

  return (
    <dialog ref={dialog} className="dialog dialog--narrow" aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog__head">
        <h2 id={titleId}>{t('phone.title')}</h2>
        <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
          {t('share.close')}
        </button>
      </div>
      <p>{t('phone.help')}</p>
      {failed && (
        <p className="form-error" role="alert">
          {t('command.failed')}
        </p>
      )}
      {svg && (
        // The SVG comes from the qrcode library, built from our own URL.
        <div className="qr" role="img" aria-label={link ?? ''} dangerouslySetInnerHTML={{ __html: svg }} />
      )}
      {link && (
        <p className="qr__link">
          <a href={link}>{link}</a>
        </p>
      )}
    </dialog>
  )
}
