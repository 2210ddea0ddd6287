import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, read, starterApp, typecheck } from './helpers.ts'

const HAND_CE = `// Custom entities of the fleet module.
// Keep ids stable: they are stored with every record.
import type { CustomEntitySpec } from './types-local'

export const entities = [
  {
    id: 'fleet:vehicle',   label: 'Vehicle',
    /* sidebar: decided by ops */
    showInSidebar: true,
    fields: [
      { key: 'plate', kind: 'text', required: true }, // the registration plate
      {
        key: 'fuel',
        kind: 'select',
        options: ['diesel', 'electric'],
      }
    ]
  },
  { id: 'fleet:driver', label: 'Driver' },
] satisfies CustomEntitySpec[]

export default entities
`

const HAND_ACL = `/* ACL of the fleet module */
export const features = [
    { id: 'fleet.view',   title: 'View fleet',   module: 'fleet' },   // everyone
    // managers only:
    { id: 'fleet.manage', title: 'Manage fleet', module: 'fleet' }
]

export default features
`

describe('merging into hand-written files keeps every other byte', () => {
  it('ce.ts: adds fields to an entity, fields to an entity without any, and a new entity', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'fleet', '--cwd', app])
    const m = join(app, 'src/modules/fleet')
    writeFileSync(join(m, 'types-local.ts'), 'export type CustomEntitySpec = { id: string; label?: string; showInSidebar?: boolean; fields?: ReadonlyArray<Record<string, unknown>> }\n')
    writeFileSync(join(m, 'ce.ts'), HAND_CE)

    const steps = [
      ['entity', 'fleet', 'vehicle', '--field', 'vin:text:indexed', '--field', 'plate:text'],
      ['entity', 'fleet', 'driver', '--field', 'license:text:required'],
      ['entity', 'fleet', 'trip', '--field', 'km:float', '--label', 'Trip log'],
    ]
    for (const args of steps) {
      const r = await cli([...args, '--cwd', app])
      assert.equal(r.code, 0, r.stderr)
    }
    const expected = HAND_CE
      .replace(
        "        options: ['diesel', 'electric'],\n      }\n    ]",
        "        options: ['diesel', 'electric'],\n      },\n      { key: 'vin', kind: 'text', label: 'Vin', indexed: true },\n    ]",
      )
      .replace(
        "  { id: 'fleet:driver', label: 'Driver' },\n",
        "  { id: 'fleet:driver', label: 'Driver', fields: [\n    { key: 'license', kind: 'text', label: 'License', required: true },\n  ] },\n"
          + "  {\n    id: 'fleet:trip',\n    label: 'Trip log',\n    showInSidebar: false,\n    fields: [\n      { key: 'km', kind: 'float', label: 'Km' },\n    ],\n  },\n",
      )
    assert.equal(read(m, 'ce.ts'), expected)
    assert.ok(typecheck(app).ok, typecheck(app).output)
  })

  it('acl.ts: a feature a scaffold needs is appended; comments and formatting stay', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'fleet', '--cwd', app])
    const m = join(app, 'src/modules/fleet')
    writeFileSync(join(m, 'acl.ts'), HAND_ACL)
    const r = await cli(['api', 'fleet', 'trips', '--methods', 'GET,POST', '--require-features', 'fleet.trips.manage', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(read(m, 'acl.ts'), HAND_ACL.replace(
      "    { id: 'fleet.manage', title: 'Manage fleet', module: 'fleet' }\n]",
      "    { id: 'fleet.manage', title: 'Manage fleet', module: 'fleet' },\n    { id: 'fleet.trips.manage', title: 'Fleet trips manage', module: 'fleet' },\n]",
    ))
    assert.match(r.stderr, /declared fleet.trips.manage in src\/modules\/fleet\/acl.ts/)
  })

  it('validators.ts: new schemas are appended after hand-written code, and the zod import added if missing', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'fleet', '--cwd', app])
    const m = join(app, 'src/modules/fleet')
    mkdirSync(join(m, 'data'))
    const hand = "import * as zod from 'zod'\n\n// shared bits\nexport const idSchema = zod.string()   // odd spacing kept\n"
    writeFileSync(join(m, 'data/validators.ts'), hand)
    assert.equal((await cli(['api', 'fleet', 'ping', '--cwd', app])).code, 0)
    const text = read(m, 'data/validators.ts')
    assert.ok(text.startsWith(`import { z } from 'zod'\n${hand}\nexport const fleetPingQuerySchema = z.object({}).catchall(z.string())\n`), text)
    assert.ok(typecheck(app).ok)
  })

  it('several items at once go in one edit, each laid out like the list it joins', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'fleet', '--cwd', app])
    const m = join(app, 'src/modules/fleet')
    writeFileSync(join(m, 'types-local.ts'), 'export type CustomEntitySpec = { id: string; label?: string; fields?: ReadonlyArray<Record<string, unknown>> }\n')
    const hand = "import type { CustomEntitySpec } from './types-local'\n\nexport const entities = [\n  { id: 'fleet:trip', label: 'Trip', fields: [{ key: 'km', kind: 'float' }] },\n  {\n    id: 'fleet:stop',\n    fields: [\n      { key: 'at', kind: 'text' }, // when\n    ],\n  },\n] satisfies CustomEntitySpec[]\n"
    writeFileSync(join(m, 'ce.ts'), hand)
    for (const args of [['fleet', 'trip', '--field', 'from:text', '--field', 'to:text'], ['fleet', 'stop', '--field', 'lat:float', '--field', 'lng:float']]) {
      const r = await cli(['entity', ...args, '--cwd', app])
      assert.equal(r.code, 0, r.stderr)
    }
    assert.equal(read(m, 'ce.ts'), hand
      .replace("fields: [{ key: 'km', kind: 'float' }]", "fields: [{ key: 'km', kind: 'float' }, { key: 'from', kind: 'text', label: 'From' }, { key: 'to', kind: 'text', label: 'To' }]")
      .replace("      { key: 'at', kind: 'text' }, // when\n", "      { key: 'at', kind: 'text' }, // when\n      { key: 'lat', kind: 'float', label: 'Lat' },\n      { key: 'lng', kind: 'float', label: 'Lng' },\n"))
    assert.ok(typecheck(app).ok, typecheck(app).output)

    writeFileSync(join(m, 'acl.ts'), HAND_ACL)
    const r = await cli(['api', 'fleet', 'trips', '--methods', 'GET,POST', '--require-features', 'fleet.trips.view,fleet.trips.manage', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(read(m, 'acl.ts'), HAND_ACL.replace(
      "    { id: 'fleet.manage', title: 'Manage fleet', module: 'fleet' }\n]",
      "    { id: 'fleet.manage', title: 'Manage fleet', module: 'fleet' },\n    { id: 'fleet.trips.view', title: 'Fleet trips view', module: 'fleet' },\n    { id: 'fleet.trips.manage', title: 'Fleet trips manage', module: 'fleet' },\n]",
    ))
  })
})
