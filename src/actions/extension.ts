import { z } from 'zod'
import { appModules } from '../app/pickers'
import { requireAppModule } from '../app/app-modules'
import { UsageError } from '../errors'
import { discover } from '../generator/discover'
import { names } from '../naming'
import { addExtension } from '../source-edit/extensions'
import { moduleId } from '../validation/names'
import { dataEntityAction, entityClassName, entityFields } from './data-entity'
import { propertyOf } from './data-types'
import { defineAction } from './spec'

const CARDINALITIES = ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many'] as const

const input = z.object({
  module: moduleId.describe('the module that extends (it owns the extension entity)'),
  name: entityClassName.describe('extension entity class name, PascalCase, e.g. CustomerLoyalty'),
  base: z.string().regex(/^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$/, 'name the base entity as <module>:<entity>, e.g. customers:customer')
    .describe('the entity extended, as <module>:<entity> (e.g. customers:customer)'),
  cardinality: z.enum(CARDINALITIES).default('one-to-one').describe('base records to extension records'),
  required: z.boolean().default(false).describe('every base record has an extension record'),
  description: z.string().trim().min(1).optional().describe('what the link means').meta({ examples: ['Loyalty points of a customer'] }),
  field: entityFields.default([])
    .describe('more properties of the extension entity, as data-entity --field takes them'),
})

export const extensionAction = defineAction({
  kind: 'plan',
  name: 'extension',
  summary: 'extend another module\'s entity the isolated way: an extension entity with <base>_id and a data/extensions.ts link',
  positionals: ['module', 'name'],
  input,
  needsApp: true,
  generates: true,
  pickers: { module: appModules },
  examples: [
    'extension loyalty CustomerLoyalty --base customers:customer --field points:integer:required',
    'extension crm_notes CustomerNote --base customers:customer --cardinality one-to-many',
  ],
  async plan(i, ctx) {
    const { tree, templates, app } = ctx
    const dir = await requireAppModule(tree, i.module)
    const [baseModule, baseEntity] = i.base.split(':') as [string, string]
    if (baseModule === i.module) throw new UsageError(`${i.base} belongs to ${i.module} itself; relate entities of one module directly (data-entity), extensions link across modules`)
    const key = `${baseEntity}_id`
    const link = { key, kind: 'uuid', flags: ['required', 'indexed', ...(i.cardinality === 'one-to-one' ? ['unique=global'] : [])] }
    if (i.field.some((f) => propertyOf(f) === propertyOf(link))) throw new UsageError(`${key} is the link column the extension gets anyway; drop that --field`)
    const entity = { ...dataEntityAction.input.parse({ module: i.module, name: i.name }), field: [link, ...i.field] }
    const planned = await dataEntityAction.plan(entity, ctx)

    const extension = `${i.module}:${names(i.name).snake}`
    const entry = (await templates.render('extension/entry.ts.hbs', {
      base: i.base, extension, extensionKey: key, cardinality: i.cardinality, required: i.required,
      description: i.description ?? `${names(i.name).sentence}: data of ${i.module} for ${i.base}, joined on ${key}`,
    }, app!.root)).trimEnd()
    const path = `${dir}/data/extensions.ts`
    const source = await tree.read(path)
    if (source === null) await tree.write(path, await templates.render('extension/extensions.ts.hbs', { entry: entry.replace(/\n/g, '\n  ') }, app!.root))
    else {
      const merged = addExtension(source, path, i.base, extension, entry)
      if (merged.changed) await tree.write(path, merged.text)
    }
    const { modules } = await discover(tree, { lenient: true })
    const notes = [...(planned.notes ?? [])]
    if (!modules.some((m) => m.id === baseModule)) notes.push(`module ${baseModule} is not enabled here; enable it before the link can resolve`)
    return { summary: `extension ${extension} of ${i.base} (${i.cardinality}, ${key})`, notes }
  },
})
