import { createTLStore, defaultBindingUtils } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { boardSchema } from '@/lib/board/schema'
import { buildTemplateRecords } from '@/lib/board/template'
import { boardShapeUtils } from './customShapeUtils'

const clientStore = () =>
  createTLStore({
    shapeUtils: boardShapeUtils,
    bindingUtils: defaultBindingUtils,
  })

describe('the client’s shape utils', () => {
  it('give the same record schema the server builds boards with', () => {
    expect(clientStore().schema.serialize()).toEqual(boardSchema.serialize())
  })

  it('accept every record of a new board, starter notes included', () => {
    const store = clientStore()
    const records = buildTemplateRecords({ name: 'Test', locale: 'sv', includeStarterNotes: true })
    store.mergeRemoteChanges(() => store.put(records))
    expect(store.allRecords().filter((r) => r.typeName === 'shape')).toHaveLength(records.filter((r) => r.typeName === 'shape').length)
  })
})
