// A synthetic app of N modules with about 40 files each, for the generator benchmark.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const PAGE = (name) => `export default function ${name}() {\n  return null\n}\n`
const META = (id, title) => `export const metadata = {\n  requireAuth: true,\n  requireFeatures: ['${id}.view'],\n  pageTitle: '${title}',\n}\n`
const ROUTE = (id) => `export const metadata = {\n  GET: { requireAuth: true, requireFeatures: ['${id}.view'] },\n  POST: { requireAuth: true, requireFeatures: ['${id}.manage'] },\n}\n\nexport async function GET(req: Request) {\n  return Response.json({ ok: true, url: req.url })\n}\n\nexport async function POST(req: Request) {\n  return Response.json(await req.json(), { status: 201 })\n}\n`
const SUBSCRIBER = (id, n) => `export const metadata = { event: '${id}.item.event${n}', persistent: ${n % 2 === 0} }\n\nexport default async function handle(payload: { id?: string }) {\n  void payload\n}\n`

/** Writes the app into `dir` and returns how many module files it has. */
export function writeSyntheticApp(dir, modules) {
  let count = 0
  const write = (path, content) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
    if (path.startsWith('src/modules/')) count++
  }
  write('package.json', '{"name":"synthetic","private":true,"type":"module"}\n')
  const ids = Array.from({ length: modules }, (_, i) => `mod_${i}`)
  write('src/modules.ts', `export const enabledModules = [\n${ids.map((id) => `  { id: '${id}', from: '@app' },`).join('\n')}\n]\n`)
  for (const id of ids) {
    const m = `src/modules/${id}`
    write(`${m}/index.ts`, `export const metadata = { name: '${id}', title: '${id}', version: '0.1.0' }\n`)
    write(`${m}/acl.ts`, `export const features = [\n  { id: '${id}.view', title: 'View', module: '${id}' },\n  { id: '${id}.manage', title: 'Manage', module: '${id}' },\n]\n`)
    write(`${m}/di.ts`, 'export function register(container: unknown): void {\n  void container\n}\n')
    write(`${m}/setup.ts`, `export const setup = { defaultRoleFeatures: { admin: ['${id}.*'] } }\n`)
    write(`${m}/ce.ts`, `export const entities = [{ id: '${id}:note', fields: [{ key: 'title', kind: 'text' }] }]\n`)
    write(`${m}/cli.ts`, 'export default [{ command: "seed", run: async () => {} }]\n')
    for (const locale of ['en', 'pl']) write(`${m}/i18n/${locale}.json`, `{\n  "${id}.title": "${id}"\n}\n`)
    write(`${m}/data/entities.ts`, `export class Item${id.replace('mod_', '')} {\n  id!: string\n}\n`)
    write(`${m}/data/validators.ts`, "import { z } from 'zod'\n\nexport const itemSchema = z.object({ title: z.string() })\n")
    write(`${m}/backend/page.tsx`, PAGE('Home'))
    write(`${m}/backend/page.meta.ts`, META(id, 'Home'))
    for (let k = 0; k < 8; k++) {
      write(`${m}/backend/${id}/p${k}/page.tsx`, PAGE(`P${k}`))
      write(`${m}/backend/${id}/p${k}/page.meta.ts`, META(id, `Page ${k}`))
    }
    write(`${m}/frontend/${id}/page.tsx`, PAGE('Public'))
    for (let k = 0; k < 6; k++) write(`${m}/api/r${k}/route.ts`, ROUTE(id))
    for (let k = 0; k < 4; k++) write(`${m}/subscribers/s${k}.ts`, SUBSCRIBER(id, k))
    write(`${m}/workers/sync.ts`, `export const metadata = { queue: '${id}' }\n\nexport default async function work() {}\n`)
  }
  return count
}
