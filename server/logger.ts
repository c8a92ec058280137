/** Structured JSON logs (pino). One logger is made at start and passed to whoever logs. */
import { pino } from 'pino'

export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export function createLogger(level: 'debug' | 'info' | 'warn' | 'error' | 'silent'): Logger {
  return pino({ level, base: { service: 'strategitavlan' } })
}

export const silentLogger: Logger = createLogger('silent')
