import { z } from 'zod'
import { moduleSource } from '../generator/source'
import type { Tree } from '../services/tree'
import { discover, missingLine, warningText, type AppModel } from '../generator/discover'
import { overridesOf } from '../generator/overrides'
import { cliCommandsOf } from '../source-edit/cli'
import { declaredEventIds } from '../source-edit/events'
import { defineAction } from './spec'

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '  (none)'
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd()
  return [line(headers), ...rows.map(line)].join('\n')
}

const guard = (auth: boolean, features: string[], roles: string[] = []) =>
  [auth ? 'auth' : 'public', ...(features.length ? [`features: ${features.join(',')}`] : []), ...(roles.length ? [`roles: ${roles.join(',')}`] : [])].join('; ')

/** What modules declare in events.ts and cli.ts, read statically from the files discovery found. */
async function declarations(tree: Tree, model: AppModel) {
  const events: Array<{ id: string; module: string; file: string }> = []
  const cli: Array<{ command: string; module: string; file: string }> = []
  // package modules' files sit outside the app (../../packages/... in the monorepo)
  const source = moduleSource(tree)
  for (const m of model.modules) {
    const { events: e, cli: c } = m.files
    if (e) for (const id of declaredEventIds((await source.read(e.file)) ?? '', e.file)) events.push({ id, module: m.id, file: e.file })
    if (c) for (const command of cliCommandsOf((await source.read(c.file)) ?? '', c.file)) cli.push({ command: `${m.id} ${command}`, module: m.id, file: c.file })
  }
  return { events, cli, overrides: await overridesOf(tree, model) }
}

/** What the app serves, as plain data: the same model the generator writes from. */
export function listing(model: AppModel, declared: Awaited<ReturnType<typeof declarations>> = { events: [], cli: [], overrides: [] }) {
  const overridden = (file: string) => {
    const hit = declared.overrides.find((o) => o.file === file)
    return hit ? { overrides: hit.replaces } : {}
  }
  return {
    modules: model.modules.map((m) => ({ id: m.id, from: m.from, roots: m.roots, pages: m.pages.length, api: m.api.length, subscribers: m.subscribers.length, workers: m.workers.length })),
    missing: model.missing,
    pages: model.modules.flatMap((m) => m.pages).map((p) => ({ url: p.url, area: p.area, module: p.moduleId, file: p.file, ...p.guards, ...overridden(p.file) })),
    api: model.modules.flatMap((m) => m.api).flatMap((r) => r.methods.map((method) => ({
      method, url: `/api${r.path}`, module: r.moduleId, file: r.file, ...r.guards[method]!, ...overridden(r.file),
    }))),
    subscribers: model.modules.flatMap((m) => m.subscribers).map((s) => ({ event: s.event, id: s.id, module: s.moduleId, persistent: s.persistent, sync: s.sync, file: s.file })),
    workers: model.modules.flatMap((m) => m.workers).map((w) => ({ queue: w.queue, id: w.id, module: w.moduleId, concurrency: w.concurrency, file: w.file })),
    widgets: model.modules.flatMap((m) => (['dashboard', 'injection'] as const).flatMap((kind) => m.widgets[kind].map((w) => ({
      kind, key: w.key, ...(w.widgetId ? { widgetId: w.widgetId } : {}), module: m.id, file: w.file,
    })))),
    events: declared.events,
    cli: declared.cli,
    overrides: declared.overrides,
    warnings: model.warnings.map(warningText),
  }
}

const marked = (entry: { file: string; overrides?: string }) => (entry.overrides ? `${entry.file} (app overrides package)` : entry.file)

export function formatListing(l: ReturnType<typeof listing>): string {
  return [
    'Modules',
    table(['id', 'from', 'pages', 'api', 'subscribers', 'workers'], l.modules.map((m) => [m.id, m.from, String(m.pages), String(m.api), String(m.subscribers), String(m.workers)])),
    ...l.missing.map((m) => `missing: ${missingLine(m)}`),
    '',
    'Pages',
    table(['url', 'guards', 'file'], l.pages.map((p) => [p.url, guard(p.requireAuth, p.requireFeatures, p.requireRoles), marked(p)])),
    '',
    'API routes',
    table(['method', 'url', 'guards', 'file'], l.api.map((r) => [r.method, r.url, guard(r.requireAuth, r.requireFeatures), marked(r)])),
    '',
    'Subscribers',
    table(['event', 'id', 'mode', 'file'], l.subscribers.map((s) => [s.event || '(none)', s.id, s.sync ? 'sync' : s.persistent ? 'persistent' : 'inline', s.file])),
    '',
    'Workers',
    table(['queue', 'id', 'concurrency', 'file'], l.workers.map((w) => [w.queue, w.id, String(w.concurrency), w.file])),
    '',
    'Widgets',
    table(['kind', 'key', 'file'], l.widgets.map((w) => [w.kind, w.widgetId ?? w.key, w.file])),
    '',
    'Events',
    table(['event', 'file'], l.events.map((e) => [e.id, e.file])),
    '',
    'CLI commands',
    table(['command', 'file'], l.cli.map((c) => [`mercato ${c.command}`, c.file])),
    '',
    'Overrides',
    table(['file', 'replaces'], l.overrides.map((o) => [`${o.file} (app overrides package)`, o.replaces])),
    ...l.warnings.map((w) => `warning: ${w}`),
  ].join('\n')
}

export const listAction = defineAction({
  kind: 'report',
  name: 'list',
  summary: 'list modules, pages, API routes, subscribers, workers, widgets, events and CLI commands of the app (tables, or --json)',
  positionals: [],
  input: z.object({}),
  needsApp: true,
  examples: ['list', 'list --json'],
  async report(_input, { tree }) {
    const model = await discover(tree, { lenient: true })
    const data = listing(model, await declarations(tree, model))
    return { text: formatListing(data), data, table: true }
  },
})
