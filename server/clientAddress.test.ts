import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { loadEnv } from '../lib/env'
import { CLIENT_IP_HEADER } from '../lib/runtime/appContext'
import { stampClientAddress } from './clientAddress'

const servers: http.Server[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/** A real server on port 0 that stamps each request and answers with the header's value. */
async function echoServer(trustProxy: boolean): Promise<number> {
  const server = http.createServer((req, res) => {
    stampClientAddress(req, trustProxy)
    res.end(String(req.headers[CLIENT_IP_HEADER]))
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

async function addressSeen(port: number, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers })
  return response.text()
}

describe('the client address header', () => {
  it('is the socket’s address', async () => {
    expect(await addressSeen(await echoServer(false))).toBe('127.0.0.1')
  })

  it('replaces a value the client sent under the same name', async () => {
    const port = await echoServer(false)
    expect(await addressSeen(port, { [CLIENT_IP_HEADER]: '203.0.113.9' })).toBe('127.0.0.1')
  })

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const port = await echoServer(false)
    expect(await addressSeen(port, { 'x-forwarded-for': '203.0.113.9' })).toBe('127.0.0.1')
  })

  it('behind a trusted proxy, is the address the proxy added last', async () => {
    const port = await echoServer(true)
    expect(await addressSeen(port, { 'x-forwarded-for': '203.0.113.9' })).toBe('203.0.113.9')
    // What the client wrote itself comes first; the proxy appends the real address.
    expect(await addressSeen(port, { 'x-forwarded-for': '10.9.9.9, 198.51.100.4' })).toBe('198.51.100.4')
  })

  it('behind a trusted proxy, falls back to the socket when the header is missing', async () => {
    expect(await addressSeen(await echoServer(true))).toBe('127.0.0.1')
  })
})

describe('TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false)
    expect(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true)
  })
})
