/** Undo steps registered while a test runs, run newest first (clients before their server). */
export interface Cleanup {
  add(step: () => unknown): void
  run(): Promise<void>
}

export function createCleanup(): Cleanup {
  const steps: (() => unknown)[] = []
  return {
    add(step) {
      steps.push(step)
    },
    async run() {
      const errors: unknown[] = []
      while (steps.length > 0) {
        try {
          await steps.pop()!()
        } catch (error) {
          errors.push(error)
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, 'cleanup failed')
    },
  }
}
