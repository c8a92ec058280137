'use client'

import { useEffect, useRef, useState } from 'react'
import { timerRemainingMs, type TimerState } from '@/lib/board/session'
import { useT } from '@/components/i18n/I18nProvider'
import type { ServerClock } from './roomTicket'

const SOUND_KEY = 'strategitavlan-timer-sound'

function format(ms: number): string {
  const total = Math.ceil(ms / 1000)
  const minutes = Math.floor(total / 60)
  return `${minutes}:${String(total % 60).padStart(2, '0')}`
}

/** A short, gentle two-tone signal (no audio file needed). */
function beep() {
  try {
    const audio = new AudioContext()
    ;[660, 880].forEach((frequency, i) => {
      const oscillator = audio.createOscillator()
      const gain = audio.createGain()
      oscillator.frequency.value = frequency
      gain.gain.setValueAtTime(0.0001, audio.currentTime + i * 0.35)
      gain.gain.exponentialRampToValueAtTime(0.25, audio.currentTime + i * 0.35 + 0.03)
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + i * 0.35 + 0.3)
      oscillator.connect(gain).connect(audio.destination)
      oscillator.start(audio.currentTime + i * 0.35)
      oscillator.stop(audio.currentTime + i * 0.35 + 0.32)
    })
  } catch {
    // No audio in this browser: the visible signal remains.
  }
}

/**
 * The shared countdown. Everyone counts to the end time the server set, corrected by this
 * browser's offset from the server clock, so all screens reach zero together.
 */
export function TimerBadge({ timer, clock }: { timer: TimerState; clock: ServerClock }) {
  const t = useT()
  const [now, setNow] = useState(clock.now)
  const [sound, setSound] = useState(false)
  const signalled = useRef<number | null>(null)

  useEffect(() => setSound(localStorage.getItem(SOUND_KEY) === 'on'), [])
  useEffect(() => {
    if (timer.state !== 'running') return
    const interval = setInterval(() => setNow(clock.now()), 250)
    return () => clearInterval(interval)
  }, [timer.state, timer.endsAt, clock])

  const remaining = timerRemainingMs(timer, timer.state === 'running' ? now : 0)
  const timeUp = timer.state === 'running' && remaining === 0
  useEffect(() => {
    if (timeUp && signalled.current !== timer.endsAt) {
      signalled.current = timer.endsAt
      if (sound) beep()
    }
  }, [timeUp, timer.endsAt, sound])

  if (timer.state === 'idle') return null
  return (
    <div className={`timer${timeUp ? ' timer--up' : remaining < 60_000 ? ' timer--soon' : ''}`} data-testid="timer">
      <span
        role="timer"
        aria-live={timeUp ? 'assertive' : 'off'}
        aria-label={timeUp ? t('timer.timeUp') : t('timer.remaining', { time: format(remaining) })}
      >
        {timeUp ? t('timer.timeUp') : format(remaining)}
      </span>
      {timer.state === 'paused' && <span className="timer__state">{t('timer.paused')}</span>}
      <label className="timer__sound">
        <input
          type="checkbox"
          checked={sound}
          onChange={(event) => {
            setSound(event.target.checked)
            localStorage.setItem(SOUND_KEY, event.target.checked ? 'on' : 'off')
          }}
        />
        <span className="visually-hidden">{t('timer.sound')}</span>
        <span aria-hidden="true">♪</span>
      </label>
    </div>
  )
}
