import type { ArrayExpression, ObjectExpression } from '@babel/types'
import { z } from 'zod'
import { appModules, customEntities } from '../app/pickers'
import { requireAppModule } from '../app/app-modules'
import { UsageError } from '../errors'
import { findArray, listOf, objectsOf, parseSource, propertyNamed, stringProp } from '../source-edit/find'
import { appendToList } from '../source-edit/list'
import { indentAt } from '../source-edit/source'
import { fieldSpec, uniqueKeys, type FieldSpec } from '../validation/field-spec'
import { customFieldKeyProblem } from '../validation/identifiers'
import { entityName, moduleId } from '../validation/names'
import { names } from '../naming'
import { defineAction, repeated } from './spec'
import { count } from '../text'

export const CE_KINDS = ['text', 'multiline', 'integer', 'float', 'boolean', 'select', 'date'] as const
export const CE_FLAGS = ['required', 'indexed', 'filterable', 'formEditable', 'listVisible', 'multi'] as const

const ceField = fieldSpec(CE_KINDS, CE_FLAGS, 'title:text:required,filterable').superRefine((f, ctx) => {
  const clash = customFieldKeyProblem(f.key)
  if (clash) return ctx.addIssue({ code: 'custom', message: `"${f.key}" ${clash}` })
  if (f.kind === 'select' && !f.option) ctx.addIssue({ code: 'custom', message: `"${f.key}": a select needs options, e.g. ${f.key}:select=draft|published` })
  if (f.kind !== 'select' && f.option !== undefined) ctx.addIssue({ code: 'custom', message: `"${f.key}": only select takes options (kind=a|b)` })
})

const input = z.object({
  module: moduleId.describe('the module that declares the custom entity'),
  name: entityName.describe('entity name, snake_case; its id becomes <module>:<name>'),
  field: repeated(ceField).refine(uniqueKeys, 'a field key is given twice').default([])
    .describe(`a field as key:kind[:flags]; kinds ${CE_KINDS.join(', ')} (select=a|b); flags ${CE_FLAGS.join(', ')}`),
  label: z.string().trim().min(1).optional().describe('label shown in the admin (default: from the name)').meta({ examples: ['Notes'] }),
  showInSidebar: z.boolean().default(false).describe('list the entity in the admin sidebar'),
})

/** What templates/entity/field.ts.hbs writes for one field (a single-line literal, as Open Mercato's ce.ts files do). */
const fieldData = (f: FieldSpec) => ({ key: f.key, kind: f.kind, label: names(f.key).sentence, options: f.option?.split('|').filter(Boolean), flags: f.flags })

function fieldsArray(entity: ObjectExpression): ArrayExpression | null {
  const value = propertyNamed(entity, 'fields')?.value
  return value?.type === 'ArrayExpression' ? value : null
}


export const entityAction = defineAction({
  kind: 'plan',
  name: 'entity',
  summary: 'declare a custom entity with fields in the module\'s ce.ts (created or merged)',
  positionals: ['module', 'name'],
  input,
  needsApp: true,
  generates: true,
  pickers: { module: appModules, name: customEntities },
  examples: [
    "entity fleet vehicle --field plate:text:required,indexed,filterable --field 'fuel:select=diesel|electric' --show-in-sidebar",
    'entity fleet vehicle --field notes:multiline:formEditable',
  ],
  async plan(i, { tree, templates, app }) {
    const render = async (template: string, data: Record<string, unknown>) => (await templates.render(template, data, app!.root)).trimEnd()
    const fieldLiteral = (f: FieldSpec) => render('entity/field.ts.hbs', fieldData(f))
    const entityLiteral = async (id: string, label: string, showInSidebar: boolean, fields: FieldSpec[]) => {
      const literals = []
      for (const f of fields) literals.push(await fieldLiteral(f))
      return render('entity/entity.ts.hbs', { id, label, showInSidebar, fields: literals })
    }
    const dir = await requireAppModule(tree, i.module)
    const path = `${dir}/ce.ts`
    const id = `${i.module}:${i.name}`
    const label = i.label ?? names(i.name).title
    const source = await tree.read(path)
    if (source === null) {
      const indented = (await entityLiteral(id, label, i.showInSidebar, i.field)).replace(/^/gm, '  ')
      await tree.write(path, await templates.render('entity/ce.ts.hbs', { entity: indented }, app!.root))
      return { summary: `custom entity ${id} with ${count(i.field.length, 'field')} in new ${path}` }
    }

    const parsed = parseSource(source, path)
    const found = findArray(parsed, 'entities', path)
    if (!found) throw new UsageError(`${path} has no "export const entities = [...]"; add one so entities can be merged`)
    const entity = objectsOf(found.array).find((o) => stringProp(o, 'id') === id)
    if (!entity) {
      const text = appendToList(source, listOf(found.array), parsed.comments, [await entityLiteral(id, label, i.showInSidebar, i.field)], { outerIndent: indentAt(source, found.statementStart) })
      await tree.write(path, text)
      return { summary: `custom entity ${id} with ${count(i.field.length, 'field')} added to ${path}` }
    }

    const fieldsProp = propertyNamed(entity, 'fields')
    const notes: string[] = []
    if (fieldsProp && fieldsProp.value.type !== 'ArrayExpression') throw new UsageError(`${path}: fields of ${id} must be an array literal to be merged`)
    const current = fieldsArray(entity)
    const existingKeys = new Set(current ? objectsOf(current).map((o) => stringProp(o, 'key')) : [])
    const fresh = i.field.filter((f) => {
      if (!existingKeys.has(f.key)) return true
      notes.push(`field "${f.key}" already exists on ${id}; left as it is`)
      return false
    })
    if (fresh.length === 0) return { summary: `custom entity ${id}: nothing new`, notes }
    const literals = []
    for (const f of fresh) literals.push(await fieldLiteral(f))
    const text = current
      ? appendToList(source, listOf(current), parsed.comments, literals, { outerIndent: indentAt(source, current.start!) })
      : appendToList(source, listOf(entity), parsed.comments, [['fields: [', ...literals.map((l) => `  ${l},`), ']'].join('\n')], { outerIndent: indentAt(source, entity.start!) })
    await tree.write(path, text)
    return { summary: `custom entity ${id}: added ${fresh.map((f) => f.key).join(', ')}`, notes }
  },
})
