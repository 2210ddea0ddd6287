import { z } from 'zod'
import { appModules, dataEntities } from '../app/pickers'
import { listAppModules, requireAppModule } from '../app/app-modules'
import { UsageError } from '../errors'
import type { Tree } from '../services/tree'
import { ensureFeatures } from '../source-edit/acl'
import { classesOf, findConst, listOf, parseSource, propertyNamed } from '../source-edit/find'
import { appendToList } from '../source-edit/list'
import { ensureNamedImport } from '../source-edit/imports'
import { indentAt } from '../source-edit/source'
import { ensureSchemas } from '../source-edit/validators'
import type { FieldSpec } from '../validation/field-spec'
import { declaredTables } from '../db/tables'
import { className, moduleId } from '../validation/names'
import { classNameProblem, pgIdentifierProblem, propertyNameProblem } from '../validation/identifiers'
import { names } from '../naming'
import { sample } from '../text'
import { closest } from '../validation/suggest'
import { featureTitle } from './scaffold'
import { writeSliceBackend } from './crud-slice'
import { writeSlicePages } from './crud-pages'
import { defineAction, repeated } from './spec'

import { declareEvents } from './events-file'
import { DATA_FLAGS, DATA_TYPES, dataField, propertyImports, propertyOf, propertyParts, uniqueParts, zodParts } from './data-types'
import { moduleDir } from '../paths'
import { entityClassesOf, readEnabled, type EnabledModule } from '../generator/discover'

const snake = (s: string) => names(s).snake

/** The name of an entity class in data/entities.ts (data-entity, extension): one that compiles there. */
export const entityClassName = className.superRefine((name, ctx) => {
  const problem = classNameProblem(name)
  if (problem) ctx.addIssue({ code: 'custom', message: `"${name}" ${problem}` })
})

/** The --field list of an entity class (data-entity, extension): properties that compile, fit a column, and are not one property twice. */
export const entityFields = repeated(dataField).superRefine((fields, ctx) => {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', message })
  const seen = new Map<string, string>()
  for (const f of fields) {
    const property = propertyOf(f)
    const reserved = propertyNameProblem(f.key) ?? propertyNameProblem(property)
    if (reserved) return issue(`"${f.key}" ${reserved}`)
    const tooLong = pgIdentifierProblem('its column', snake(property))
    if (tooLong) return issue(`"${f.key}": ${tooLong}`)
    const twin = seen.get(property)
    if (twin !== undefined) return issue(twin === f.key ? 'a field name is given twice' : `"${twin}" and "${f.key}" both become the property ${property}`)
    seen.set(property, f.key)
  }
})

const input = z.object({
  module: moduleId.describe('the module that owns the entity'),
  name: entityClassName.describe('entity class name, PascalCase, e.g. ServiceVisit'),
  field: entityFields.default([])
    .describe(`a property as name:type[:flags]; types ${DATA_TYPES.join(', ')} (decimal=p,s, enum=a|b, select(a|b), ref=<module>.<Entity>); flags ${DATA_FLAGS.join(', ')} (unique is per tenant and organization; pii is encrypted at rest); snake_case names become camelCase properties`),
  crud: z.boolean().default(false).describe('also write the CRUD slice: undoable commands, a makeCrudRoute route under api/<table>/route.ts, list, create and edit pages, i18n, <module>.<entity>.view|manage features granted in setup.ts'),
  events: z.boolean().default(false).describe('also declare <module>.<entity>.created, .updated and .deleted in events.ts (emitted by the CRUD factory with --crud)'),
  search: z.boolean().default(false).describe('with --crud, also write search.ts indexing the entity for Open Mercato search'),
  table: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a table name is lower-case letters, digits and _').max(63).optional()
    .describe("the entity's table (default: its name, plural, in snake_case); it must not be another module's table"),
})

/** Columns every entity has that a field may not set: the key and the tenant scope. */
const SCOPE = new Set(['id', 'tenantId', 'organizationId'])
/** Fields that mean a column every entity already has: declared once, as the standard one. */
const STANDARD_PROPERTIES = ['id', 'tenantId', 'organizationId', 'isActive', 'createdAt', 'updatedAt', 'deletedAt']
const SAME_AS_STANDARD: Record<string, string> = { active: 'isActive', isActive: 'isActive', createdAt: 'createdAt', updatedAt: 'updatedAt', deletedAt: 'deletedAt' }
const lowerFirst = (s: string) => names(s).propertyName

const IMPORT = "import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy'\n"

export const dataEntityAction = defineAction({
  kind: 'plan',
  name: 'data-entity',
  summary: 'add a MikroORM entity to data/entities.ts with zod validators (with --crud its whole CRUD feature: commands, API route, admin pages); add fields to an existing one',
  positionals: ['module', 'name'],
  input,
  needsApp: true,
  generates: true,
  pickers: { module: appModules, name: dataEntities },
  examples: [
    'data-entity fleet Vehicle --field plate:text:required,unique --field mileage:integer --crud',
    'data-entity fleet Vehicle --field owner:ref=customers.Customer:indexed --events',
  ],
  async plan(i, { tree, templates, force, app }) {
    const dir = await requireAppModule(tree, i.module)
    const path = `${dir}/data/entities.ts`
    const table = i.table ?? names(i.name).plural
    const tooLong = pgIdentifierProblem('its table', table)
    if (tooLong) throw new UsageError(`invalid <name>: ${tooLong}; pick a shorter name`, { text: 'name the table yourself', field: 'table' })
    const notes: string[] = []
    const clash = i.field.find((f) => SCOPE.has(propertyOf(f)))
    if (clash) throw new UsageError(`"${propertyOf(clash)}" is one of the standard columns every entity has; pick another field name`)
    const standard = i.field.filter((f) => SAME_AS_STANDARD[propertyOf(f)])
    for (const f of standard) notes.push(`${f.key} is the ${SAME_AS_STANDARD[propertyOf(f)]} column every entity has: declared once, not twice`)
    const fields = i.field.filter((f) => !SAME_AS_STANDARD[propertyOf(f)])

    const modules = await listAppModules(tree)
    const enabled = await readEnabled(tree)
    const refs = fields.filter((x) => x.kind === 'ref')
    for (const f of refs) {
      const target = f.option!.split('.')[0]!
      if (target !== i.module && !enabled.some((m) => m.id === target)) {
        throw new UsageError(`invalid --field: ${f.key}:ref=${f.option} points at module "${target}", which src/modules.ts does not enable; a ref holds the id of a record of an enabled module`, { text: `enable ${target} first (enable ${target}), or store a plain id (--field ${f.key}:uuid)` })
      }
      notes.push(`${f.key} → ${f.option} (${target === i.module ? 'this module' : `module ${target}`}) is stored as the plain id column ${snake(propertyOf(f))}: entities never reference another module's classes`)
    }

    const source = await tree.read(path)
    const parsed = source === null ? null : parseSource(source, path)
    const existing = parsed ? classesOf(parsed).find((c) => c.id!.name === i.name) : undefined

    const render = async (template: string, data: Record<string, unknown>) => (await templates.render(template, data, app!.root)).trimEnd()
    const propertyCodes = new Map<string, string>()
    const zodCodes = new Map<string, string>()
    for (const f of fields) {
      propertyCodes.set(f.key, await render('data-entity/property.ts.hbs', propertyParts(f, table)))
      zodCodes.set(f.key, await render('data-entity/zod-property.ts.hbs', zodParts(f)))
    }
    const propertyCode = (f: FieldSpec) => propertyCodes.get(f.key)!

    let added = fields
    if (!existing) {
      await refuseForeignTable(tree, modules, i.module, table)
      const classCode = await templates.render('data-entity/entity.ts.hbs', {
        name: i.name, table, properties: fields.map((f) => propertyCode(f).replace(/^(?=.)/gm, '  ')),
        uniques: fields.map((f) => uniqueParts(f, table)).filter(Boolean),
      }, app!.root)
      const base = source === null ? IMPORT : source.includes('@mikro-orm/decorators/legacy') ? source : IMPORT + source
      await tree.write(path, `${base.replace(/\n*$/, '\n')}\n${classCode}`)
    } else {
      const members = new Map(existing.body.body.map((m) => [m.type === 'ClassProperty' && m.key.type === 'Identifier' ? m.key.name : '', m]))
      added = fields.filter((f) => {
        const member = members.get(propertyOf(f))
        if (!member) return true
        const current = source!.slice(member.start!, member.end!).replace(/\s+/g, ' ')
        if (current === propertyCode(f).replace(/\s+/g, ' ')) return false
        throw new UsageError(`${i.name}.${propertyOf(f)} already exists in ${path}; change it by hand or pick another name`)
      })
      if (added.length > 0) {
        let text = appendToList(source!, listOf(existing.body), parsed!.comments, added.map(propertyCode), { outerIndent: indentAt(source!, existing.start!), separator: '', blankLineBefore: true })
        const uniques = added.map((f) => uniqueParts(f, table)).filter((u) => u !== undefined)
        // after the class's last decorator (@Entity or an earlier @Unique); the body's edit is further on, so this offset holds
        const last = existing.decorators?.at(-1)
        if (uniques.length > 0 && !last) throw new UsageError(`${path}: ${i.name} has no @Entity decorator; add the unique constraint by hand`)
        for (const u of uniques.reverse()) text = `${text.slice(0, last!.end!)}\n${await render('data-entity/unique.ts.hbs', u)}${text.slice(last!.end!)}`
        await tree.write(path, text)
      }
    }
    for (const [decorator, wanted] of [['Enum', added.some((f) => propertyParts(f, table).decorator === 'Enum')], ['Unique', added.some((f) => uniqueParts(f, table))]] as const) {
      if (wanted) await tree.write(path, ensureNamedImport((await tree.read(path))!, path, '@mikro-orm/decorators/legacy', decorator))
    }
    for (const { from, name } of new Map(added.flatMap(propertyImports).map((m) => [m.name, m])).values()) {
      await tree.write(path, ensureNamedImport((await tree.read(path))!, path, from, name))
    }

    const createSchema = `${lowerFirst(i.name)}CreateSchema`
    await ensureSchemas(tree, dir, [{
      name: createSchema,
      code: await render('data-entity/validators.ts.hbs', {
        name: i.name, createSchema, updateSchema: `${lowerFirst(i.name)}UpdateSchema`, listSchema: `${lowerFirst(i.name)}ListQuerySchema`, properties: fields.map((f) => zodCodes.get(f.key)!),
      }),
    }])
    await addZodProperties(tree, `${dir}/data/validators.ts`, createSchema, added, (f) => zodCodes.get(f.key)!)

    if (i.search && !i.crud) throw new UsageError('--search indexes the CRUD slice: add --crud', { text: 'add --crud', set: { crud: true } })
    if (i.crud) {
      // the slice is written from the fields given: properties declared earlier and not given again are not in it
      const given = new Set([...fields.map(propertyOf), ...STANDARD_PROPERTIES])
      const left = existing ? existing.body.body.flatMap((m) => (m.type === 'ClassProperty' && m.key.type === 'Identifier' && !given.has(m.key.name) ? [m.key.name] : [])) : []
      if (left.length > 0) notes.push(`${i.name} also has ${left.join(', ')}, which this run does not give: the commands, route and pages leave ${left.length > 1 ? 'them' : 'it'} out (give every --field to include ${left.length > 1 ? 'them' : 'it'})`)
      const slice = { module: i.module, name: i.name, table, fields, events: i.events, search: i.search }
      notes.push(...(await writeSliceBackend(tree, templates, app!.root, slice, force)))
      notes.push(...(await writeSlicePages(tree, templates, app!.root, slice, force)))
      const declared = await ensureFeatures(tree, i.module, entityFeatures(i.module, i.name).map((id) => ({ id, title: featureTitle(id) })), { templates, appRoot: app!.root })
      if (declared.length > 0) notes.push(`declared ${declared.join(', ')} in ${dir}/acl.ts`)
    }
    if (i.events) {
      const entity = names(i.name).snake
      const declared = await declareEvents(tree, templates, app!.root, i.module, ['created', 'updated', 'deleted'].map((action) => ({
        id: `${i.module}.${entity}.${action}`, label: `${names(i.name).sentence} ${action}`, entity, category: 'crud' as const,
      })))
      if (declared.length > 0) notes.push(`declared ${declared.join(', ')} in ${dir}/events.ts`)
    }
    notes.push(...(await unknownRefTargets(tree, refs, i.module, enabled)))
    const what = existing ? `added ${added.map((f) => f.key).join(', ') || 'nothing'}` : `table ${table}`
    return { summary: `data entity ${i.name} in module ${i.module}: ${what}`, notes, next: ['npx create-mercato-module db generate && npx create-mercato-module db migrate'] }
  },
})

/** `<module>.<entity>.view` and `.manage`, as Open Mercato names an entity's features. */
export const entityFeatures = (module: string, name: string) => ['view', 'manage'].map((a) => `${module}.${names(name).snake}.${a}`)

/**
 * Refs to a class the target module does not declare, as notes: the column is a plain id either way,
 * but a misspelt class is worth a look. Read after this plan's own write, so a ref to a class it adds
 * counts. A module found nowhere is not checked (generate names it).
 */
async function unknownRefTargets(tree: Tree, refs: FieldSpec[], own: string, enabled: EnabledModule[]): Promise<string[]> {
  const notes: string[] = []
  for (const f of refs) {
    const [target, name] = f.option!.split('.') as [string, string]
    const classes = await entityClassesOf(tree, enabled.find((m) => m.id === target) ?? { id: own, from: '@app' })
    if (classes && !classes.includes(name)) {
      const guess = closest(name, classes)
      const declared = guess ? `did you mean ${guess}?` : classes.length > 0 ? `it declares ${sample(classes)}` : 'it declares no entities'
      notes.push(`${f.key} → ${f.option}: module ${target} has no entity class ${name} (${declared}); check the name`)
    }
  }
  return notes
}

/** A table belongs to one module: a second module declaring it would break the other's migrations. */
async function refuseForeignTable(tree: Tree, modules: string[], module: string, table: string) {
  const others = modules.filter((m) => m !== module).map((m) => ({ id: m, entities: `${moduleDir(m)}/data/entities.ts` }))
  const owner = (await declaredTables(tree, others)).find((d) => d.table === table)
  if (owner) throw new UsageError(`table "${table}" already belongs to module ${owner.module} (${owner.file}:${owner.line}); module ${module} cannot declare it too`, { text: 'pick another table', field: 'table' })
}

/** Adds the zod properties of new fields to `<name>CreateSchema = z.object({...})`, through the parser. */
async function addZodProperties(tree: Tree, path: string, schema: string, fields: FieldSpec[], zodProperty: (f: FieldSpec) => string) {
  const text = (await tree.read(path))!
  const parsed = parseSource(text, path)
  const init = findConst(parsed, schema)?.init
  const shape = init?.type === 'CallExpression' ? init.arguments[0] : undefined
  if (shape?.type !== 'ObjectExpression') throw new UsageError(`${path}: ${schema} is not a z.object({...}) literal; add ${fields.map(propertyOf).join(', ')} to it by hand`)
  const fresh = fields.filter((f) => !propertyNamed(shape, propertyOf(f)))
  if (fresh.length > 0) await tree.write(path, appendToList(text, listOf(shape), parsed.comments, fresh.map(zodProperty), { outerIndent: indentAt(text, init!.start!) }))
}
