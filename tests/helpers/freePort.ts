/**
 * A loopback port nothing listens on now, for a child process that must be told its port
 * before it starts (redis-server, a benchmark's PostgreSQL). Our own servers listen on port 0.
 */
import net from 'node:net'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}
