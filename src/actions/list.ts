import { z } from 'zod'
import { discover, missingLine, type AppModel } from '../generator/discover'
import { defineAction } from './spec'

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '  (none)'
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd()
  return [line(headers), ...rows.map(line)].join('\n')
}

const guard = (auth: boolean, features: string[], roles: string[] = []) =>
  [auth ? 'auth' : 'public', ...(features.length ? [`features: ${features.join(',')}`] : []), ...(roles.length ? [`roles: ${roles.join(',')}`] : [])].join('; ')

/** What the app serves, as plain data: the same model the generator writes from. */
export function listing(model: AppModel) {
  return {
    modules: model.modules.map((m) => ({ id: m.id, from: m.from, roots: m.roots, pages: m.pages.length, api: m.api.length, subscribers: m.subscribers.length, workers: m.workers.length })),
    missing: model.missing,
    pages: model.modules.flatMap((m) => m.pages).map((p) => ({ url: p.url, area: p.area, module: p.moduleId, file: p.file, ...p.guards })),
    api: model.modules.flatMap((m) => m.api).flatMap((r) => r.methods.map((method) => ({
      method, url: `/api${r.path}`, module: r.moduleId, file: r.file, ...r.guards[method]!,
    }))),
    subscribers: model.modules.flatMap((m) => m.subscribers).map((s) => ({ event: s.event, id: s.id, module: s.moduleId, persistent: s.persistent, sync: s.sync, file: s.file })),
    warnings: model.warnings,
  }
}

export function formatListing(l: ReturnType<typeof listing>): string {
  return [
    'Modules',
    table(['id', 'from', 'pages', 'api', 'subscribers', 'workers'], l.modules.map((m) => [m.id, m.from, String(m.pages), String(m.api), String(m.subscribers), String(m.workers)])),
    ...l.missing.map((m) => `missing: ${missingLine(m)}`),
    '',
    'Pages',
    table(['url', 'guards', 'file'], l.pages.map((p) => [p.url, guard(p.requireAuth, p.requireFeatures, p.requireRoles), p.file])),
    '',
    'API routes',
    table(['method', 'url', 'guards', 'file'], l.api.map((r) => [r.method, r.url, guard(r.requireAuth, r.requireFeatures), r.file])),
    '',
    'Subscribers',
    table(['event', 'id', 'mode', 'file'], l.subscribers.map((s) => [s.event || '(none)', s.id, s.sync ? 'sync' : s.persistent ? 'persistent' : 'inline', s.file])),
    ...l.warnings.map((w) => `warning: ${w}`),
  ].join('\n')
}

export const listAction = defineAction({
  name: 'list',
  summary: 'list modules, pages, API routes and subscribers of the app (tables, or --json)',
  positionals: [],
  input: z.object({}),
  needsApp: true,
  examples: ['list', 'list --json'],
  async plan() {
    return { summary: 'list changes nothing' }
  },
  async report(_input, { tree }) {
    const data = listing(await discover(tree, { lenient: true }))
    return { text: formatListing(data), data }
  },
})
