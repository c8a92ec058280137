/**
 * A new board's document: the template records plus the metadata a client needs to load
 * them (the serialized tldraw schema and the template and planning-model versions).
 */
import * as Y from 'yjs'
import { PLANNING_MODEL_VERSION } from '../planning/planningModel'
import { openRecordStore, writeBoardMeta } from './docLayout'
import { boardSchema } from './schema'
import { TEMPLATE_VERSION, buildTemplateRecords, type TemplateOptions } from './template'

export function createBoardDoc(options: TemplateOptions): Y.Doc {
  const doc = new Y.Doc()
  const records = openRecordStore(doc)
  doc.transact(() => {
    for (const record of buildTemplateRecords(options)) records.set(record.id, record)
    writeBoardMeta(doc, {
      schema: boardSchema.serialize(),
      templateVersion: TEMPLATE_VERSION,
      planningModelVersion: PLANNING_MODEL_VERSION,
    })
  })
  return doc
}

/** The new board's document as one Yjs update, ready to store. */
export function createBoardState(options: TemplateOptions): Uint8Array {
  const doc = createBoardDoc(options)
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}
