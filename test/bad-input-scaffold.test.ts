import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { assertOneError, cli, hashTree } from './helpers.ts'

interface Case { args: string[]; message: RegExp; arrange?: (app: string) => void }

/** At least five bad inputs per scaffolding action; each must leave the app untouched. */
const CASES: Record<string, Case[]> = {
  page: [
    { args: ['page', 'nope', 'reports'], message: /unknown module "nope" \(modules here: clients, my_sales\); create it with: module nope/ },
    { args: ['page', 'my_sales', '../etc'], message: /invalid <path>: must not contain "\." or "\.\." segments/ },
    { args: ['page', 'my_sales', 'Reports'], message: /invalid <path>: segment "Reports" is neither lowercase text nor a parameter/ },
    { args: ['page', 'my_sales', '[...all]/more'], message: /catch-all "\[\.\.\.all\]" must be the last segment/ },
    { args: ['page', 'my_sales', 'a//b'], message: /must not contain empty segments/ },
    { args: ['page', 'my_sales', 'x', '--area', 'admin'], message: /invalid --area/ },
    { args: ['page', 'my_sales', 'x', '--order', 'first'], message: /invalid --order/ },
    { args: ['page', 'my_sales', 'x', '--require-features', 'View'], message: /invalid --require-features: "View" is not a feature id/ },
    {
      args: ['page', 'my_sales', '', '--area', 'frontend'],
      arrange: (app) => {
        mkdirSync(join(app, 'src/modules/clients/frontend'), { recursive: true })
        writeFileSync(join(app, 'src/modules/clients/frontend/page.tsx'), 'export default function Home() { return null }\n')
      },
      message: /^error: \/ is already served by src\/modules\/clients\/frontend\/page.tsx; choose another path/,
    },
    { args: ['page', 'clients', '', '--title', 'Buyers'], message: /src\/modules\/clients\/backend\/page.tsx, src\/modules\/clients\/backend\/page.meta.ts already exist and differ from the scaffold\ntry: pick another name: src\/modules\/clients\/backend\/page\.tsx is what module wrote, and overwriting it would replace that \(undo reverses that module\)/ },
    {
      args: ['page', 'my_sales', 'clients/list'],
      arrange: (app) => {
        mkdirSync(join(app, 'src/modules/clients/backend/my_sales/clients/list'), { recursive: true })
        writeFileSync(join(app, 'src/modules/clients/backend/my_sales/clients/list/page.tsx'), 'export default function P() { return null }\n')
      },
      message: /\/backend\/my_sales\/clients\/list is already served by src\/modules\/clients\/backend\/my_sales\/clients\/list\/page.tsx/,
    },
  ],
  api: [
    { args: ['api', 'nope', 'stats'], message: /unknown module "nope"/ },
    { args: ['api', 'my_sales', 'stats', '--methods', 'FETCH'], message: /invalid --methods: "FETCH" is not one of GET, POST, PUT, PATCH, DELETE/ },
    { args: ['api', 'my_sales', 'stats', '--methods', 'GET,GET'], message: /invalid --methods: a method is listed twice/ },
    { args: ['api', 'my_sales', 'a/../b'], message: /invalid <path>/ },
    { args: ['api', 'my_sales', 'x', '--require-features', 'my_sales'], message: /invalid --require-features: "my_sales" is not a feature id/ },
    {
      args: ['api', 'my_sales', 'legacy'],
      arrange: (app) => {
        mkdirSync(join(app, 'src/modules/my_sales/api/get'), { recursive: true })
        writeFileSync(join(app, 'src/modules/my_sales/api/get/legacy.ts'), 'export default async function handler() { return new Response() }\n')
      },
      message: /GET \/api\/my_sales\/legacy is already handled by src\/modules\/my_sales\/api\/get\/legacy.ts/,
    },
    {
      args: ['api', 'my_sales', 'ping'],
      arrange: (app) => {
        mkdirSync(join(app, 'src/modules/my_sales/api'), { recursive: true })
        writeFileSync(join(app, 'src/modules/my_sales/api/ping.ts'), 'export async function GET() { return new Response() }\n')
      },
      message: /GET \/api\/my_sales\/ping is already handled by src\/modules\/my_sales\/api\/ping.ts/,
    },
  ],
  subscriber: [
    { args: ['subscriber', 'my_sales', 'notify', '--event', 'created'], message: /invalid --event: "created" is not an event id of the form module.entity.action/ },
    { args: ['subscriber', 'my_sales', 'notify'], message: /missing --event/ },
    { args: ['subscriber', 'my_sales', '../notify', '--event', 'my_sales.order.created'], message: /invalid <name>: must not contain "\.\."/ },
    { args: ['subscriber', 'my_sales', 'Notify', '--event', 'my_sales.order.created'], message: /invalid <name>: "Notify" is not a file name/ },
    { args: ['subscriber', 'ghost', 'notify', '--event', 'my_sales.order.created'], message: /unknown module "ghost"/ },
    { args: ['subscriber', 'my_sales', 'notify', '--event', 'my_sales.order.created', '--priority', 'high'], message: /invalid --priority/ },
    { args: ['subscriber', 'my_sales', 'notify', '--event', 'my_sales.order.created', '--id', 'Bad Id'], message: /invalid --id: subscriber ids look like "module:name"/ },
  ],
  entity: [
    { args: ['entity', 'my_sales', 'Note'], message: /invalid <name>: "Note" is not a snake_case entity name/ },
    { args: ['entity', 'my_sales', 'note', '--field', 'title'], message: /invalid --field: "title": write it as key:kind\[:flags\]/ },
    { args: ['entity', 'my_sales', 'note', '--field', 'title:string'], message: /invalid --field: "title:string": unknown kind "string"; kinds are text, multiline/ },
    { args: ['entity', 'my_sales', 'note', '--field', 'title:text:mandatory'], message: /unknown flag "mandatory"; flags are required, indexed/ },
    { args: ['entity', 'my_sales', 'note', '--field', 'state:select'], message: /"state": a select needs options/ },
    { args: ['entity', 'my_sales', 'note', '--field', 'a:text', '--field', 'a:integer'], message: /invalid --field: a field key is given twice/ },
    { args: ['entity', 'ghost', 'note'], message: /unknown module "ghost"/ },
    {
      args: ['entity', 'my_sales', 'note', '--field', 'a:text'],
      arrange: (app) => writeFileSync(join(app, 'src/modules/my_sales/ce.ts'), 'export const entities = [\n  { id: "my_sales:note" \n'),
      message: /src\/modules\/my_sales\/ce.ts:\d+:\d+ does not parse/,
    },
    {
      args: ['entity', 'my_sales', 'note', '--field', 'a:text'],
      arrange: (app) => writeFileSync(join(app, 'src/modules/my_sales/ce.ts'), 'export const entities = build()\n'),
      message: /ce.ts:1: entities must be an array literal/,
    },
  ],
  'data-entity': [
    { args: ['data-entity', 'my_sales', 'order'], message: /invalid <name>: "order" is not a PascalCase class name/ },
    { args: ['data-entity', 'my_sales', 'Order', '--field', 'total:money'], message: /unknown kind "money"/ },
    { args: ['data-entity', 'my_sales', 'Order', '--field', 'customer:ref'], message: /"customer": a reference names <module>.<Entity>/ },
    { args: ['data-entity', 'my_sales', 'Order', '--field', 'tenantId:uuid'], message: /"tenantId" is one of the standard columns/ },
    { args: ['data-entity', 'my_sales', 'Order', '--field', 'Total:float'], message: /"Total" is not a field name/ },
    { args: ['data-entity', 'ghost', 'Order'], message: /unknown module "ghost"/ },
    {
      args: ['data-entity', 'my_sales', 'Order', '--field', 'x:text'],
      arrange: (app) => { mkdirSync(join(app, 'src/modules/my_sales/data')); writeFileSync(join(app, 'src/modules/my_sales/data/entities.ts'), 'export class Order {\n  x = \n') },
      message: /data\/entities.ts:\d+:\d+ does not parse/,
    },
  ],
}

describe('bad input to the scaffolders: one clear line, exit code 2, nothing changed', () => {
  let template = ''
  before(async () => {
    template = mkdtempSync(join(tmpdir(), 'cmm-bad-'))
    await cli(['new-app', 'shop', '--cwd', template, '--quiet', '--no-install'])
    await cli(['module', 'my_sales', '--cwd', join(template, 'shop'), '--quiet'])
    await cli(['module', 'clients', '--with-page', '--cwd', join(template, 'shop'), '--quiet'])
  })

  for (const [action, cases] of Object.entries(CASES)) {
    describe(action, () => {
      for (const c of cases) {
        it(c.args.slice(1).join(' '), async (t) => {
          const app = mkdtempSync(join(tmpdir(), 'cmm-case-'))
          t.after(() => rmSync(app, { recursive: true, force: true }))
          cpSync(join(template, 'shop'), app, { recursive: true })
          c.arrange?.(app)
          const before = hashTree(app)
          const r = await cli([...c.args, '--cwd', app])
          assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`)
          assert.match(r.stderr, c.message)
          assertOneError(r.stderr)
          assert.equal(hashTree(app), before)
        })
      }
    })
  }
})
