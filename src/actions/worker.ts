import { z } from 'zod'
import { appModules } from '../app/pickers'
import { requireAppModule } from '../app/app-modules'
import { names } from '../naming'
import { fileName, moduleId } from '../validation/names'
import { writeScaffold } from './scaffold'
import { defineAction } from './spec'

const input = z.object({
  module: moduleId.describe('the module the worker belongs to'),
  name: fileName.describe('file name under workers/, e.g. send-reminders'),
  queue: z.string().regex(/^[a-z][a-z0-9_-]*(?:[:.][a-z0-9_-]+)*$/, 'queue names are lowercase words joined by "-", "_", ":" or "." (e.g. "billing-sync")')
    .describe('the queue whose jobs the worker processes'),
  concurrency: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').default(1).describe('jobs processed at once'),
  id: z.string().regex(/^[a-z][a-z0-9_]*(?::[a-z0-9][a-z0-9_-]*)+$/, 'worker ids look like "module:name"').optional()
    .describe('worker id (default: <module>:<name>)').meta({ examples: ['billing:sync-invoices'] }),
})

export const workerAction = defineAction({
  kind: 'plan',
  name: 'worker',
  summary: 'add a queue worker (workers/<name>.ts) with metadata and a typed handler to a module',
  positionals: ['module', 'name'],
  input,
  needsApp: true,
  generates: true,
  pickers: { module: appModules },
  examples: ['worker billing sync-invoices --queue billing-sync', 'worker billing send-reminders --queue billing-reminders --concurrency 4'],
  async plan(i, { tree, templates, force, app }) {
    const dir = await requireAppModule(tree, i.module)
    const id = i.id ?? `${i.module}:${i.name}`
    const data = { ...i, id, payloadType: `${names(i.name).className}Job` }
    await writeScaffold(tree, `${dir}/workers/${i.name}.ts`, await templates.render('worker/worker.ts.hbs', data, app!.root), force)
    return { summary: `worker ${id} on queue ${i.queue} (concurrency ${i.concurrency})` }
  },
})
