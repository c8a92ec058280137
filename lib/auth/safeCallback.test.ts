import { describe, expect, it } from 'vitest'
import { safeCallback } from './safeCallback'

describe('safeCallback', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeCallback('/boards/abc')).toBe('/boards/abc')
    expect(safeCallback('/boards/abc?view=outline#n1')).toBe('/boards/abc?view=outline#n1')
    expect(safeCallback(['/admin/users', '/other'])).toBe('/admin/users')
  })

  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '',
    '/.//evil.example/x',
    '/..//evil.example/x',
    '/%2e//evil.example/x',
    '/%2E%2E//evil.example',
    '/./\\evil.example',
    '/a/..//evil.example',
  ])('sends %j home instead of off the site', (value) => {
    expect(safeCallback(value)).toBe('/')
  })

  it('goes home when nothing is asked', () => {
    expect(safeCallback(undefined)).toBe('/')
  })
})
