/**
 * Runs a burst of lookups a few at a time, each on a later turn of the event loop, instead of
 * all at once. The sync server re-checks every open socket's access every few seconds: in a
 * room of 500 that is hundreds of store lookups issued together, which on SQLite run back to
 * back on the event loop (tens of milliseconds in which no edit is forwarded) and on
 * PostgreSQL fill the connection pool and the database's cores just as the room's appends
 * need them. Paced, the same lookups take a little longer in all and edits pass between them
 * (bench/results.md, issue 15).
 */
export function paced<A extends unknown[], R>(fn: (...args: A) => Promise<R>, concurrency: number): (...args: A) => Promise<R> {
  let running = 0
  const waiting: (() => void)[] = []
  const startNext = () => {
    while (running < concurrency && waiting.length > 0) {
      running++
      setImmediate(waiting.shift()!)
    }
  }
  return (...args) =>
    new Promise<R>((resolve, reject) => {
      waiting.push(() => {
        Promise.resolve()
          .then(() => fn(...args))
          .then(resolve, reject)
          .finally(() => {
            running--
            startNext()
          })
      })
      startNext()
    })
}
