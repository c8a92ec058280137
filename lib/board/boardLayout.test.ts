import { describe, expect, it } from 'vitest'
import { AREAS, AREA_IDS, type AreaId } from '../planning/planningModel'
import { arrangeBoard, layoutTemplate, spotForNewNote, spotNear, type LayoutItem } from './boardLayout'
import { mapBounds, type MapRects } from './mapFlow'
import { NOTE_GAP, NOTE_SIZE, ZONE_HEADER, rectsOverlap, type Rect } from './templateLayout'

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] }
}

const inside = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x - 0.01 &&
  inner.y >= outer.y - 0.01 &&
  inner.x + inner.w <= outer.x + outer.w + 0.01 &&
  inner.y + inner.h <= outer.y + outer.h + 0.01

function mapShapes(map: MapRects): [string, Rect][] {
  return [
    ...AREAS.map((a): [string, Rect] => [a.id, map.areas[a.id]]),
    ['step 1', map.steps[1]],
    ['step 2', map.steps[2]],
    ['step 3', map.steps[3]],
    ['loop', map.loop],
    ['tray', map.tray],
  ]
}

/** Every broken rule of the layout, as readable lines (empty when all hold). */
function problems(map: MapRects, items: readonly LayoutItem[]): string[] {
  const found: string[] = []
  const shapes = mapShapes(map)
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      if (rectsOverlap(shapes[i][1], shapes[j][1])) found.push(`${shapes[i][0]} overlaps ${shapes[j][0]}`)
    }
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (rectsOverlap(items[i], items[j])) found.push(`${items[i].id} overlaps ${items[j].id}`)
    }
  }
  for (const item of items) {
    if (item.areaId) {
      const zone = map.areas[item.areaId]
      if (!inside(zone, item)) found.push(`${item.id} outside ${item.areaId}`)
      else if (item.y < zone.y + ZONE_HEADER - 0.01) found.push(`${item.id} on the header of ${item.areaId}`)
    } else if (!inside(map.tray, item)) {
      for (const [name, rect] of shapes) if (rectsOverlap(rect, item)) found.push(`stray ${item.id} covers ${name}`)
    }
  }
  return found
}

function apply(items: LayoutItem[], map: MapRects, pinned?: ReadonlySet<string>) {
  const result = arrangeBoard(map, items, { pinned })
  const next = items.map((item) => ({ ...item, ...(result.moves.get(item.id) ?? {}) }))
  return { map: result.map, items: next, result }
}

const emptyMap = (): MapRects => {
  const { notes: _notes, ...map } = layoutTemplate()
  return map
}

describe('arrangeBoard', () => {
  it('gets through a flood of 2,600 notes with no area and notes of absurd size, leaving the absurd ones alone', () => {
    const map = emptyMap()
    // Every stray dropped on one spot over the step cards, as one hostile client might.
    const strays: LayoutItem[] = Array.from({ length: 2600 }, (_, i) => ({
      id: `s${i}`,
      areaId: null,
      x: map.steps[1].x,
      y: map.steps[1].y,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: i,
    }))
    const zone = map.areas.ekonomi
    const giant: LayoutItem = { id: 'giant', areaId: 'ekonomi', x: zone.x + 16, y: zone.y + ZONE_HEADER, w: NOTE_SIZE, h: 1e9, order: 0 }
    const wide: LayoutItem = { id: 'wide', areaId: 'ekonomi', x: zone.x + 16, y: zone.y + ZONE_HEADER, w: 1e12, h: NOTE_SIZE, order: 1 }
    const ideas: LayoutItem[] = Array.from({ length: 30 }, (_, i) => ({
      id: `e${i}`,
      areaId: 'ekonomi',
      x: zone.x,
      y: zone.y,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: 10 + i,
    }))
    const { map: after, items, result } = apply([...strays, giant, wide, ...ideas], map)
    expect(result.moves.has('giant')).toBe(false)
    expect(result.moves.has('wide')).toBe(false)
    // The zone holds its ideas at a size the layout would make, not a billion units tall.
    const placed = items.filter((item) => item.id.startsWith('e'))
    expect(problems(after, placed)).toEqual([])
    expect(after.areas.ekonomi.h).toBeLessThan(10 * NOTE_SIZE)
    // The tray takes strays up to its limit; none is left on the step cards or the map.
    const inTray = items.filter((item) => item.id.startsWith('s') && inside(after.tray, item))
    expect(inTray.length).toBeGreaterThan(1000)
    expect(problems(after, inTray)).toEqual([])
  })

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('keeps every rule through random additions, deletions, long texts and moves (seed %i)', (seed) => {
    const rnd = random(seed)
    let map = emptyMap()
    let items: LayoutItem[] = []
    let serial = 0
    for (let step = 0; step < 160; step++) {
      const roll = rnd.next()
      if (roll < 0.55 || items.length === 0) {
        const areaId = rnd.pick(AREA_IDS)
        const zone = map.areas[areaId]
        const how = rnd.int(3)
        // As the browser places it, dropped on another note, or anywhere at all.
        const at =
          how === 0
            ? spotForNewNote(zone, items)
            : how === 1 && items.length > 0
              ? { x: rnd.pick(items).x + 10, y: rnd.pick(items).y + 10 }
              : { x: rnd.int(6000) - 1000, y: rnd.int(5000) - 1000 }
        items.push({ id: `n${++serial}`, areaId, ...at, w: NOTE_SIZE, h: NOTE_SIZE, order: step })
      } else if (roll < 0.65) {
        items.splice(rnd.int(items.length), 1)
      } else if (roll < 0.75) {
        const item = rnd.pick(items)
        item.h = NOTE_SIZE + rnd.int(700)
      } else {
        // A person drags a note into another zone (it takes that area) or out of every zone.
        const item = rnd.pick(items)
        const into = rnd.next() < 0.8 ? rnd.pick(AREA_IDS) : null
        const target = into ? map.areas[into] : { x: -3000, y: rnd.int(3000), w: 1, h: 1 }
        item.areaId = into
        item.x = target.x + rnd.int(Math.max(1, target.w - NOTE_SIZE))
        item.y = target.y + rnd.int(Math.max(1, target.h - NOTE_SIZE))
      }
      const areasBefore = new Map(items.map((item) => [item.id, item.areaId]))
      ;({ map, items } = apply(items, map))
      expect(problems(map, items), `seed ${seed}, step ${step}`).toEqual([])
      expect(items.every((item) => areasBefore.get(item.id) === item.areaId)).toBe(true)
    }
    // Arranging what is already arranged changes nothing.
    const again = arrangeBoard(map, items)
    expect(again.moves.size).toBe(0)
    expect(again.mapChanged).toBe(false)
  })

  it('gives the same result in any order of applying concurrent additions', () => {
    const rnd = random(42)
    const map = emptyMap()
    const base: LayoutItem[] = Array.from({ length: 40 }, (_, i) => ({
      id: `b${i}`,
      areaId: rnd.pick(AREA_IDS),
      x: 0,
      y: 0,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: i,
    }))
    const settled = apply(base, map)
    // Two people add to the same zone at once: both their browsers pick the same free cell.
    const spot = spotForNewNote(settled.map.areas.framtid, settled.items)
    const added: LayoutItem[] = ['x-anna', 'x-bo', 'x-cilla'].map((id) => ({
      id,
      areaId: 'framtid',
      ...spot,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: 100,
    }))
    const one = apply([...settled.items, ...added], settled.map)
    const other = apply([...added].reverse().concat([...settled.items].reverse()), settled.map)
    expect(problems(one.map, one.items)).toEqual([])
    expect(one.map).toEqual(other.map)
    expect(Object.fromEntries(one.result.moves)).toEqual(Object.fromEntries(other.result.moves))
    const positions = new Set(one.items.map((item) => `${item.x},${item.y}`))
    expect(positions.size).toBe(one.items.length)
  })

  it('leaves a pinned note where it is, moves nothing from under it, and moves the later one once it is let go', () => {
    const map = emptyMap()
    const zone = map.areas.uppdrag
    const older: LayoutItem = {
      id: 'older',
      areaId: 'uppdrag',
      x: zone.x + 32,
      y: zone.y + ZONE_HEADER,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: 1,
    }
    const dragged: LayoutItem = { ...older, id: 'dragged', x: older.x + 20, order: 2 }
    expect(arrangeBoard(map, [older, dragged], { pinned: new Set(['dragged']) }).moves.size).toBe(0)
    const { moves } = arrangeBoard(map, [older, dragged])
    expect([...moves.keys()]).toEqual(['dragged'])
  })

  it('moves a pinned note not even with its zone when the map re-flows, and brings it along once let go', () => {
    // Uppdrag full: it grows, and the map re-centres, moving Uppdrag itself. The note its author
    // is typing in stays put (a write to it could win over their keys); the others go along.
    const map = emptyMap()
    const zone = map.areas.uppdrag
    const notes: LayoutItem[] = Array.from({ length: 40 }, (_, i) => ({
      id: `n${i}`,
      areaId: 'uppdrag',
      x: zone.x + 20,
      y: zone.y + ZONE_HEADER + 20,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: i,
    }))
    const settled = apply(notes, map)
    expect(problems(settled.map, settled.items)).toEqual([])
    const typing: LayoutItem = {
      id: 'typing',
      areaId: 'uppdrag',
      x: settled.map.areas.uppdrag.x + 16,
      y: settled.map.areas.uppdrag.y + settled.map.areas.uppdrag.h - 10,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: 99,
    }
    const more: LayoutItem[] = Array.from({ length: 30 }, (_, i) => ({ ...typing, id: `m${i}`, order: 100 + i }))
    const busy = arrangeBoard(settled.map, [...settled.items, typing, ...more], { pinned: new Set(['typing']) })
    expect(busy.map.areas.uppdrag).not.toEqual(settled.map.areas.uppdrag)
    expect(busy.moves.has('typing')).toBe(false)
    expect(busy.moves.has('n0')).toBe(true)
    const after = [...settled.items, typing, ...more].map((item) => ({ ...item, ...(busy.moves.get(item.id) ?? {}) }))
    const { map: final, items } = apply(after, busy.map)
    expect(problems(final, items)).toEqual([])
  })

  it('keeps a block (a theme) whole and in its zone, and moves no note onto it', () => {
    const map = emptyMap()
    const zone = map.areas.personal
    const theme: LayoutItem = { id: 'theme', areaId: 'personal', x: zone.x + 32, y: zone.y + ZONE_HEADER, w: 520, h: 420, order: 0 }
    const notes: LayoutItem[] = Array.from({ length: 12 }, (_, i) => ({
      id: `n${i}`,
      areaId: 'personal',
      x: zone.x + 40,
      y: zone.y + 300,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: i + 1,
    }))
    const { map: next, items } = apply([theme, ...notes], map)
    expect(problems(next, items)).toEqual([])
    const moved = items.find((item) => item.id === 'theme')!
    expect({ w: moved.w, h: moved.h }).toEqual({ w: 520, h: 420 })
  })

  it('puts a stray that covers the map into the tray, and leaves one in the open alone', () => {
    const map = emptyMap()
    const onHeader: LayoutItem = {
      id: 'header',
      areaId: null,
      x: map.areas.personal.x - 50,
      y: map.areas.personal.y + 10,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: 0,
    }
    const open: LayoutItem = { id: 'open', areaId: null, x: -5000, y: -5000, w: NOTE_SIZE, h: NOTE_SIZE, order: 1 }
    const { map: next, items } = apply([onHeader, open], map)
    expect(inside(next.tray, items[0])).toBe(true)
    expect(items[1]).toEqual(open)
  })

  it('tidies a 60-note zone into a compact grid in the given order, every note keeping its area', () => {
    const map = emptyMap()
    const zone = map.areas.ekonomi
    const notes: LayoutItem[] = Array.from({ length: 60 }, (_, i) => ({
      id: `n${String(i).padStart(2, '0')}`,
      areaId: 'ekonomi' as AreaId,
      x: zone.x + (i % 5) * 7,
      y: zone.y + 250 + (i % 3) * 9,
      w: NOTE_SIZE,
      h: i % 9 === 0 ? 420 : NOTE_SIZE,
      order: 60 - i,
    }))
    const result = arrangeBoard(map, notes, { tidy: new Set<AreaId>(['ekonomi']) })
    const items = notes.map((n) => ({ ...n, ...(result.moves.get(n.id) ?? {}) }))
    expect(problems(result.map, items)).toEqual([])
    const tidied = result.map.areas.ekonomi
    expect(tidied.h).toBeLessThanOrEqual(tidied.w)
    // Reading order follows `order`: the last note given comes first.
    const reading = [...items].sort((a, b) => a.y - b.y || a.x - b.x).map((n) => n.id)
    expect(reading[0]).toBe('n59')
    expect(reading.at(-1)).toBe('n00')
  })

  it('keeps a 500-note board (60 in the busiest area) to a shape a screen can show', () => {
    const counts: Partial<Record<AreaId, number>> = { ekonomi: 60, uppdrag: 60 }
    const notes: { areaId: AreaId; height: number }[] = []
    for (const area of AREAS)
      for (let i = 0; i < (counts[area.id] ?? 64); i++) notes.push({ areaId: area.id, height: i % 7 === 0 ? 330 : NOTE_SIZE })
    expect(notes.length).toBeGreaterThanOrEqual(500)
    const layout = layoutTemplate(notes)
    const bounds = mapBounds(layout)
    const zoom = Math.min(1366 / bounds.w, 700 / bounds.h)
    expect(bounds.w / bounds.h).toBeGreaterThan(1)
    expect(bounds.w / bounds.h).toBeLessThan(2.6)
    // tldraw's smallest zoom is 5 %; fit-to-screen must stay well above it.
    expect(zoom).toBeGreaterThan(0.1)
  })
})

describe('a long note', () => {
  it('does not make its zone wider than the rest of its notes need', () => {
    const notes = Array.from({ length: 60 }, (_, i) => ({ areaId: 'ekonomi' as AreaId, height: i === 7 ? 2000 : NOTE_SIZE }))
    const withLong = layoutTemplate(notes).areas.ekonomi
    const without = layoutTemplate(notes.map((n) => ({ ...n, height: NOTE_SIZE }))).areas.ekonomi
    expect(withLong.w).toBeLessThanOrEqual(without.w)
  })
})

describe('spotNear (a note dropped with the note tool)', () => {
  const map = emptyMap()
  const size = { w: NOTE_SIZE, h: NOTE_SIZE }
  /** A 60-note zone tidied, with holes at three notes. */
  const settled = apply(
    Array.from({ length: 60 }, (_, i): LayoutItem => ({
      id: `n${i}`,
      areaId: 'ekonomi',
      x: map.areas.ekonomi.x,
      y: map.areas.ekonomi.y,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: i,
    })),
    map,
  )
  const zone = settled.map.areas.ekonomi
  const taken = settled.items.filter((item) => !['n7', 'n22', 'n41'].includes(item.id))

  it('leaves a note dropped in a free place where it is', () => {
    const hole = settled.items.find((item) => item.id === 'n22')!
    const at = { x: hole.x + 3, y: hole.y + 5 }
    expect(spotNear(zone, taken, at, size)).toEqual(at)
  })

  it('takes a note dropped on another to the free place nearest to it, inside the zone, covering nothing', () => {
    for (const hole of ['n7', 'n22', 'n41']) {
      const free = settled.items.find((item) => item.id === hole)!
      // Dropped half a note from the hole, on top of its neighbour.
      const at = { x: free.x + NOTE_SIZE / 2, y: free.y + 10 }
      const spot = spotNear(zone, taken, at, size)
      const rect = { ...spot, ...size }
      expect(taken.filter((item) => rectsOverlap(item, rect))).toEqual([])
      expect(inside(zone, rect)).toBe(true)
      expect(spot).toEqual({ x: free.x, y: free.y })
    }
  })

  it('takes a note dropped on the zone’s header below it, and one dropped on a full zone under its last row', () => {
    const empty = map.areas.uppdrag
    const spot = spotNear(empty, [], { x: empty.x + 40, y: empty.y + 10 }, size)
    expect(spot.y).toBeGreaterThanOrEqual(empty.y + ZONE_HEADER)
    expect(inside(empty, { ...spot, ...size })).toBe(true)

    const full: Rect[] = [...settled.items]
    for (let spot = spotForNewNote(zone, full); inside(zone, { ...spot, ...size }); spot = spotForNewNote(zone, full))
      full.push({ ...spot, ...size })
    const under = spotNear(zone, full, { x: full[0].x + 10, y: full[0].y + 10 }, size)
    expect(full.filter((item) => rectsOverlap(item, { ...under, ...size }))).toEqual([])
    expect(under.y).toBeGreaterThanOrEqual(Math.max(...full.map((item) => item.y + item.h)) + NOTE_GAP - 0.01)
  })
})

describe('giving back room (shrink)', () => {
  const shrinking = (items: LayoutItem[], map: MapRects, pinned?: ReadonlySet<string>) => {
    const result = arrangeBoard(map, items, { pinned, shrink: true })
    return { map: result.map, items: items.map((item) => ({ ...item, ...(result.moves.get(item.id) ?? {}) })), result }
  }
  /** Each item's place within its zone: what trimming must not change. */
  const within = (map: MapRects, items: readonly LayoutItem[]) =>
    Object.fromEntries(
      items.map((item) => [item.id, item.areaId ? [item.x - map.areas[item.areaId].x, item.y - map.areas[item.areaId].y] : null]),
    )
  const flood = (map: MapRects, areaId: AreaId, count: number, from = 0): LayoutItem[] =>
    Array.from({ length: count }, (_, i) => ({
      id: `f${from + i}`,
      areaId,
      x: map.areas[areaId].x + 20,
      y: map.areas[areaId].y + ZONE_HEADER,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: from + i,
    }))

  it('shrinks a zone grown by 300 notes back to the map before them once 297 are gone, moving none of the three left', () => {
    const empty = emptyMap()
    const grown = shrinking(flood(empty, 'ekonomi', 300), empty)
    expect(problems(grown.map, grown.items)).toEqual([])
    expect(grown.map.areas.ekonomi.h).toBeGreaterThan(5 * empty.areas.ekonomi.h)
    expect(grown.map.areas.ekonomi.w).toBeGreaterThan(3 * empty.areas.ekonomi.w)

    const left = grown.items.filter((item) => ['f0', 'f1', 'f2'].includes(item.id))
    const after = shrinking(left, grown.map)
    expect(after.result.mapChanged).toBe(true)
    // The three fill the base zone's one row: the whole map is as it was before the flood.
    expect(after.map).toEqual(empty)
    expect(within(after.map, after.items)).toEqual(within(grown.map, left))
    expect(problems(after.map, after.items)).toEqual([])
    const again = arrangeBoard(after.map, after.items, { shrink: true })
    expect(again.moves.size).toBe(0)
    expect(again.mapChanged).toBe(false)
  })

  it('trims only what lies beyond the last note: one at the far end keeps its zone as it is', () => {
    const empty = emptyMap()
    const grown = shrinking(flood(empty, 'personal', 300), empty)
    const last = grown.items.reduce((a, b) => (b.y > a.y || (b.y === a.y && b.x > a.x) ? b : a))
    const left = grown.items.filter((item) => item.id === 'f0' || item.id === last.id)
    const after = shrinking(left, grown.map)
    // Nothing moves within the zone, so the zone must still reach the last note.
    expect(within(after.map, after.items)).toEqual(within(grown.map, left))
    const zone = after.map.areas.personal
    const moved = after.items.find((item) => item.id === last.id)!
    expect(moved.y + moved.h).toBeLessThanOrEqual(zone.y + zone.h + 0.01)
    expect(zone.h).toBe(grown.map.areas.personal.h)
    expect(problems(after.map, after.items)).toEqual([])
  })

  it('keeps the zone around a note someone is working on, and closes up once it is gone', () => {
    const empty = emptyMap()
    const grown = shrinking(flood(empty, 'motesplatser', 120), empty)
    const typing = grown.items.find((item) => item.id === 'f119')!
    const left = grown.items.filter((item) => item.id === 'f0' || item === typing)
    const busy = shrinking(left, grown.map, new Set([typing.id]))
    const zone = busy.map.areas.motesplatser
    expect(typing.y + typing.h).toBeLessThanOrEqual(zone.y + zone.h + 0.01)
    expect(busy.result.moves.has(typing.id)).toBe(false)
    const done = shrinking(
      busy.items.filter((item) => item.id === 'f0'),
      busy.map,
    )
    expect(done.map).toEqual(empty)
  })

  it.each([11, 12, 13, 14, 15, 16])(
    'never moves an item within its zone when trimming, and each pass is a fixed point (seed %i)',
    (seed) => {
      const rnd = random(seed)
      let map = emptyMap()
      let items: LayoutItem[] = []
      let serial = 0
      let trims = 0
      for (let step = 0; step < 60; step++) {
        const roll = rnd.next()
        if (roll < 0.5 || items.length < 10) {
          // A burst into one zone, as the browser places them (they land below a full zone).
          const areaId = rnd.pick(AREA_IDS)
          for (let i = rnd.int(40); i >= 0; i--) {
            const spot = spotForNewNote(map.areas[areaId], items)
            items.push({
              id: `n${++serial}`,
              areaId,
              ...spot,
              w: NOTE_SIZE,
              h: NOTE_SIZE + (rnd.next() < 0.1 ? rnd.int(300) : 0),
              order: serial,
            })
          }
        } else {
          // People delete notes, or a facilitator a whole burst.
          const gone = new Set(items.filter(() => rnd.next() < (roll < 0.8 ? 0.1 : 0.6)).map((item) => item.id))
          const before = within(map, items)
          items = items.filter((item) => !gone.has(item.id))
          const next = shrinking(items, map)
          const kept = Object.fromEntries(Object.entries(before).filter(([id]) => !gone.has(id)))
          expect(within(next.map, next.items), `seed ${seed}, step ${step}`).toEqual(kept)
          if (next.result.mapChanged) trims++
          ;({ map, items } = next)
        }
        ;({ map, items } = shrinking(items, map))
        expect(problems(map, items), `seed ${seed}, step ${step}`).toEqual([])
        const again = arrangeBoard(map, items, { shrink: true })
        expect(again.moves.size, `seed ${seed}, step ${step}`).toBe(0)
        expect(again.mapChanged, `seed ${seed}, step ${step}`).toBe(false)
      }
      expect(trims).toBeGreaterThan(3)
    },
  )

  it('gives the same map and moves in any order of the items', () => {
    const rnd = random(7)
    const empty = emptyMap()
    const grown = shrinking(
      AREA_IDS.flatMap((areaId, k) => flood(empty, areaId, 20 + 30 * k, 1000 * k)),
      empty,
    )
    // The later half of each zone's notes removed and every seventh of the rest, then a new note
    // for each zone (in a hole the removal left), all at once.
    const left = grown.items.filter((item) => {
      const k = Math.floor(item.order / 1000)
      const local = item.order % 1000
      return local < (20 + 30 * k) / 2 && local % 7 !== 3
    })
    const added = AREA_IDS.map((areaId, k) => ({
      ...flood(grown.map, areaId, 1, 90_000 + k)[0],
      ...spotForNewNote(grown.map.areas[areaId], left),
    }))
    const all = [...left, ...added]
    const shuffled = [...all].sort(() => rnd.next() - 0.5)
    const one = arrangeBoard(grown.map, all, { shrink: true })
    const other = arrangeBoard(grown.map, shuffled, { shrink: true })
    expect(one.map).toEqual(other.map)
    expect(Object.fromEntries(one.moves)).toEqual(Object.fromEntries(other.moves))
    expect(one.mapChanged).toBe(true)
  })

  it('gives back the tray’s room too', () => {
    const empty = emptyMap()
    const strays: LayoutItem[] = Array.from({ length: 60 }, (_, i) => ({
      id: `s${i}`,
      areaId: null,
      // Dropped on the step cards: they go to the tray.
      x: empty.steps[1].x,
      y: empty.steps[1].y,
      w: NOTE_SIZE,
      h: NOTE_SIZE,
      order: i,
    }))
    const grown = shrinking(strays, empty)
    expect(grown.map.tray.h).toBeGreaterThan(5 * empty.tray.h)
    const after = shrinking(grown.items.slice(0, 2), grown.map)
    expect(after.map).toEqual(empty)
    expect(after.result.moves.size).toBe(0)
  })
})
