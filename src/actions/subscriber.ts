import { z } from 'zod'
import { declaredEvents } from '../generator/events'
import { appModules } from '../app/pickers'
import { declaredEventPicker } from '../generator/events'
import { requireAppModule } from '../app/app-modules'
import { eventId, fileName, moduleId } from '../validation/names'
import { names } from '../naming'
import { writeScaffold } from './scaffold'
import { defineAction } from './spec'

const input = z.object({
  module: moduleId.describe('the module the subscriber belongs to'),
  name: fileName.describe('file name under subscribers/, e.g. send-welcome'),
  event: eventId.describe('event id to handle: module.entity.action, e.g. billing.invoice.created'),
  id: z.string().regex(/^[a-z][a-z0-9_]*(?::[a-z0-9][a-z0-9_-]*)+$/, 'subscriber ids look like "module:name"').optional()
    .describe('subscriber id (default: <module>:<name>)').meta({ examples: ['billing:notify-accounting'] }),
  persistent: z.boolean().default(false).describe('queue the event and retry the handler until it succeeds'),
  sync: z.boolean().default(false).describe('run as a synchronous CRUD hook'),
  priority: z.coerce.number().int().optional().describe('order among subscribers of the same event (lower runs first)'),
})

/** `<module>.<entity>.created|updated|deleted` (and the sync hooks' `creating|updating|deleting`): Open Mercato's CRUD events. */
const CRUD_EVENT = /^[a-z0-9_]+\.[a-z0-9_]+\.(creat|updat|delet)(ed|ing)$/

export const subscriberAction = defineAction({
  kind: 'plan',
  name: 'subscriber',
  summary: 'add an event subscriber (subscribers/<name>.ts) to a module',
  positionals: ['module', 'name'],
  input,
  needsApp: true,
  generates: true,
  pickers: { module: appModules, event: declaredEventPicker },
  examples: ['subscriber billing notify-accounting --event billing.invoice.created --persistent', 'subscriber billing audit --event billing.invoice.updated --sync --priority 10'],
  async plan(i, { tree, templates, force, app }) {
    const dir = await requireAppModule(tree, i.module)
    const id = i.id ?? `${i.module}:${i.name}`
    const data = {
      ...i,
      hasPriority: i.priority !== undefined,
      id,
      payloadType: `${names(i.event).className}Payload`,
      crud: CRUD_EVENT.test(i.event),
    }
    await writeScaffold(tree, `${dir}/subscribers/${i.name}.ts`, await templates.render('subscriber/subscriber.ts.hbs', data, app!.root), force)
    const declared = (await declaredEvents(tree)).some((e) => e.id === i.event)
    const [owner, ...rest] = i.event.split('.')
    const notes = declared ? [] : [`${i.event} is declared by no enabled module's events.ts; declare it with: event ${owner} ${rest.join('.')}`]
    return { summary: `subscriber ${id} on ${i.event}`, notes }
  },
})
