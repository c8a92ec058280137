/**
 * The test workshop (lib/export/testing) taken on to a plan: a theme of two notes in Besökare
 * och verksamhet, commitments there and in Ekonomiska resurser, and — for a board that follows
 * up another — a commitment carried over with its status. Deterministic, for golden files.
 */
import type * as Y from 'yjs'
import { createShapeId, type TLRecord } from '@tldraw/tlschema'
import { readRecords, setRecords, writeBoardMeta } from '../../board/docLayout'
import { buildCommitmentRecord, buildThemeRecord } from '../../board/planRecords'
import { areaShapeId } from '../../board/template'
import { castVote } from '../../board/votes'
import type { AreaId } from '../../planning/planningModel'
import { workshopDoc } from '../../export/testing/workshopBoard'

function zoneCorner(doc: Y.Doc, areaId: AreaId) {
  const zone = readRecords(doc).get(areaShapeId(areaId)) as TLRecord & { x: number; y: number }
  return { x: zone.x, y: zone.y }
}

export function plannedWorkshopDoc(options: { followUp?: boolean } = {}): Y.Doc {
  const doc = workshopDoc()
  const besokare = zoneCorner(doc, 'besokare')
  const ekonomi = zoneCorner(doc, 'ekonomi')
  const theme = buildThemeRecord({
    id: createShapeId('theme-kvall'),
    x: besokare.x + 32,
    y: besokare.y + 120,
    title: 'Kvällar och de yngsta',
    w: 448,
    h: 268,
  })
  const records = readRecords(doc)
  const members = ['shape:n1', 'shape:n2'].map((id, i) => ({
    ...(records.get(id) as TLRecord & object),
    parentId: theme.id,
    x: 16 + i * 216,
    y: 52,
  }))
  const commitments = [
    buildCommitmentRecord({
      id: createShapeId('c-oppet'),
      x: besokare.x + 330,
      y: besokare.y + 120,
      text: 'Öppet till 21 på fem filialer',
      owner: 'Anna Lind',
      ownerId: 'user-anna',
      due: '2027-06-30',
      indicator: 'Besök per kvällstimme',
      sources: [
        { id: theme.id, kind: 'theme', text: 'Kvällar och de yngsta', votes: 2 },
        { id: 'shape:n1', kind: 'note', text: 'Fler besökare på kvällstid', votes: 1 },
      ],
    }),
    buildCommitmentRecord({
      id: createShapeId('c-eu'),
      x: ekonomi.x + 330,
      y: ekonomi.y + 120,
      text: 'Ansök om EU-medel för meröppet',
      owner: 'Ekonomienheten',
      due: 'VT 2027',
      indicator: '',
      sources: [{ id: 'shape:n3', kind: 'note', text: 'Sök EU-medel\nför meröppna filialer', votes: 0 }],
    }),
  ]
  if (options.followUp) {
    commitments.push(
      buildCommitmentRecord({
        id: createShapeId('c-carried'),
        x: besokare.x + 340,
        y: besokare.y + 180,
        text: 'Prioritera de allra yngsta barnen, 0–2 år',
        owner: 'Barnavdelningen',
        due: '2026',
        carried: true,
        status: 'ongoing',
        statusComment: 'Babyrytmik på tre av fem filialer',
      }),
    )
  }
  doc.transact(() => {
    setRecords(doc, [theme, ...members, ...commitments] as TLRecord[])
    const round = { id: 'round-1', active: true, votesPerPerson: 3, areas: null, anonymous: false, startedAt: 0, endedAt: null }
    castVote(doc, round, { voterKey: 'anna', voterName: 'anna', noteId: theme.id, delta: 1 })
    if (options.followUp) writeBoardMeta(doc, { continues: { boardId: 'board-0', name: 'Planeringsdag 2026' } })
  })
  return doc
}
