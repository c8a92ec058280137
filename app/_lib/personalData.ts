/** A person's data as a JSON file to download. */
import { NextResponse } from 'next/server'

export function personalDataResponse(data: Record<string, unknown>): Response {
  return new NextResponse(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="strategitavlan-mina-uppgifter.json"',
      'cache-control': 'no-store',
    },
  })
}
