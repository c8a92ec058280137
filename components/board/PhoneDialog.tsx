'use client'

import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import { ModalDialog } from '@/components/layout/ModalDialog'

/**
 * A QR code people in the room scan to send ideas from their phones: it is a participant
 * invite link (8 hours) that leads to the small phone page instead of the canvas.
 */
export function PhoneDialog({ boardId, onClose }: { boardId: string; onClose(): void }) {
  const t = useT()
  const [link, setLink] = useState<string | null>(null)
  const [svg, setSvg] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
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
    <ModalDialog title={t('phone.title')} narrow onClose={onClose}>
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
    </ModalDialog>
  )
}
