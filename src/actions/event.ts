import { z } from 'zod'
import { appModules } from '../app/pickers'
import { requireAppModule } from '../app/app-modules'
import { UsageError } from '../errors'
import { names } from '../naming'
import { moduleId } from '../validation/names'
import { declareEvents, EVENT_CATEGORIES } from './events-file'
import { defineAction } from './spec'

const EVENT = /^(?:[a-z][a-z0-9_]*\.)?[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/
const CRUD_ACTIONS = new Set(['created', 'updated', 'deleted'])

const input = z.object({
  module: moduleId.describe('the module that emits the event'),
  event: z.string().regex(EVENT, 'write the event as entity.action (e.g. order.shipped) or module.entity.action')
    .describe('entity.action, e.g. order.shipped; the id becomes <module>.<entity>.<action>'),
  label: z.string().trim().min(1).optional().describe('human readable label (default: from the id, "Order shipped")'),
  category: z.enum(EVENT_CATEGORIES).optional().describe('crud, lifecycle, system or custom (default: crud for created/updated/deleted, else custom)'),
  description: z.string().trim().min(1).optional().describe('what the event means, for the workflow and subscriber pickers').meta({ examples: ['An invoice was sent to the customer'] }),
  clientBroadcast: z.boolean().default(false).describe('bridge the event to the browser (DOM Event Bridge)'),
})

export const eventAction = defineAction({
  kind: 'plan',
  name: 'event',
  summary: 'declare an event (<module>.<entity>.<action>) in the module\'s events.ts (created or merged)',
  positionals: ['module', 'event'],
  input,
  needsApp: true,
  generates: true,
  pickers: { module: appModules },
  examples: ['event billing invoice.sent', 'event billing invoice.created --client-broadcast', 'event billing invoice.overdue --category lifecycle --label "Invoice overdue"'],
  async plan(i, { tree, templates, app }) {
    const dir = await requireAppModule(tree, i.module)
    const parts = i.event.split('.')
    if (parts.length === 3 && parts[0] !== i.module) {
      throw new UsageError(`"${i.event}" names module "${parts[0]}", but events of ${i.module} start with "${i.module}."; write ${parts.slice(1).join('.')}`)
    }
    const [entity, action] = parts.slice(-2) as [string, string]
    const id = `${i.module}.${entity}.${action}`
    const added = await declareEvents(tree, templates, app!.root, i.module, [{
      id,
      label: i.label ?? names(`${entity} ${action}`).sentence,
      entity,
      category: i.category ?? (CRUD_ACTIONS.has(action) ? 'crud' : 'custom'),
      description: i.description,
      clientBroadcast: i.clientBroadcast,
    }])
    const notes = names(entity).singular !== entity ? [`event ids name a singular entity (${i.module}.${names(entity).singular}.${action}), as Open Mercato's do`] : []
    if (added.length === 0) return { summary: `event ${id} is already declared in ${dir}/events.ts`, notes }
    return { summary: `event ${id} declared in ${dir}/events.ts`, notes }
  },
})
