import type { Tree } from '../services/tree'
import type { TemplateRenderer } from '../services/types'
import type { FieldSpec } from '../validation/field-spec'
import { moduleDir } from '../paths'
import { names } from '../naming'
import { tsLiteral } from '../quote'
import type { ArrayExpression } from '@babel/types'
import { UsageError } from '../errors'
import { findArray, findConst, listOf, objectsOf, parseSource, propertyNamed, stringProp, type ParsedSource } from '../source-edit/find'
import { appendToList } from '../source-edit/list'
import { indentAt } from '../source-edit/source'
import { addTranslations } from '../source-edit/i18n'
import { listKey, propertyOf, propertyParts } from './data-types'
import { writeScaffold } from './scaffold'

/** What `data-entity --crud` knows about the entity when it writes the slice around it. */
export interface SliceSpec {
  module: string
  name: string
  table: string
  fields: FieldSpec[]
  events: boolean
  search: boolean
}

/** The names every file of one slice agrees on: ids, files, i18n prefixes. */
export function sliceNames(s: Pick<SliceSpec, 'module' | 'name' | 'table'>) {
  const entity = names(s.name).snake
  const path = s.table.replace(/_/g, '-')
  return {
    entity,
    entityId: `${s.module}:${entity}`,
    constant: names(s.name).constantName,
    camel: names(s.name).propertyName,
    /** api/<path>/route.ts, commands/<path>.ts, backend/<path>/ */
    path,
    commandPrefix: `${s.module}.${s.table}`,
    resourceKind: `${s.module}.${entity}`,
    i18n: `${s.module}.${s.table}`,
    viewFeature: `${s.module}.${entity}.view`,
    manageFeature: `${s.module}.${entity}.manage`,
    createSchema: `${names(s.name).propertyName}CreateSchema`,
    updateSchema: `${names(s.name).propertyName}UpdateSchema`,
    listSchema: `${names(s.name).propertyName}ListQuerySchema`,
    singular: names(s.name).sentence.toLowerCase(),
    plural: names(s.table).sentence.toLowerCase(),
    title: names(s.name).sentence,
    pluralName: names(s.table).className,
  }
}

/** Columns every entity has, as the list selects them, and the property each becomes in the answer. */
const STANDARD_COLUMNS: Array<[string, string]> = [['tenant_id', 'tenantId'], ['organization_id', 'organizationId'], ['is_active', 'isActive'], ['created_at', 'createdAt'], ['updated_at', 'updatedAt']]

/** The field a search word and a list's title use: the first text field that is not personal data. */
export const labelField = (fields: FieldSpec[]) =>
  fields.find((f) => ['string', 'text'].includes(f.kind) && !f.flags.includes('pii'))

/** Whether the module's ce.ts declares custom fields for the entity (then the route lists them). */
async function declaresCustomFields(tree: Tree, module: string, entityId: string): Promise<boolean> {
  const path = `${moduleDir(module)}/ce.ts`
  const text = await tree.read(path)
  if (text === null) return false
  const found = findArray(parseSource(text, path), 'entities', path)
  return Boolean(found && objectsOf(found.array).some((o) => stringProp(o, 'id') === entityId))
}

/**
 * The back half of the slice: commands (create, update, delete, each undoable), the route built with
 * makeCrudRoute over them, and by flag search.ts and the encryption map of `:pii` fields. Returns notes.
 */
export async function writeSliceBackend(tree: Tree, templates: TemplateRenderer, appRoot: string, s: SliceSpec, force: boolean): Promise<string[]> {
  const n = sliceNames(s)
  const dir = moduleDir(s.module)
  const render = async (template: string, data: Record<string, unknown>) => templates.render(template, { ...n, ...data }, appRoot)
  const properties = s.fields.map(propertyOf)
  const dateFields = s.fields.filter((f) => propertyParts(f, s.table).type === 'Date').map(propertyOf)
  const columns = Object.fromEntries([['id', 'id'], ...s.fields.map((f) => [listKey(f), propertyOf(f)]), ...STANDARD_COLUMNS])
  const label = labelField(s.fields)
  const notes: string[] = []

  await writeScaffold(tree, `${dir}/commands/${n.path}.ts`, await render('data-entity/commands.ts.hbs', {
    name: s.name, module: s.module, events: s.events, fields: tsLiteral(properties), dateFields: tsLiteral(dateFields),
  }), force)
  const ce = await declaresCustomFields(tree, s.module, n.entityId)
  await writeScaffold(tree, `${dir}/api/${n.path}/route.ts`, await render('data-entity/crud-route.ts.hbs', {
    name: s.name, module: s.module, events: s.events, ce, commandsFile: n.path, moduleTitle: names(s.module).title,
    columns: tsLiteral(columns), label: label ? listKey(label) : undefined,
  }), force)
  if (ce) notes.push(`the list and the forms carry the custom fields ce.ts declares for ${n.entityId}`)
  // the audit log's action labels, which the commands translate
  await addTranslations(tree, dir, Object.fromEntries(['create', 'update', 'delete'].map((a) => [`${n.i18n}.audit.${a}`, `${names(a).title} ${n.singular}`])))

  if (s.search) {
    const lines = s.fields.filter((f) => !f.flags.includes('pii') && !['json'].includes(f.kind)).map((f) => [names(f.key).sentence, listKey(f)])
    const entity = (await render('data-entity/search-entity.ts.hbs', {
      lines: tsLiteral(lines), titleColumn: label ? listKey(label) : 'id', icon: 'file-text', pagePath: `${s.module}/${n.path}`,
    })).trimEnd()
    await addEntityEntry(tree, `${dir}/search.ts`, n.entityId, entity, (parsed) => {
      const config = findConst(parsed, 'searchConfig')?.init
      const list = config?.type === 'ObjectExpression' ? propertyNamed(config, 'entities')?.value : undefined
      return list?.type === 'ArrayExpression' ? list : null
    }, async () => render('data-entity/search.ts.hbs', { entity: entity.replace(/^(?=.)/gm, '    ') }))
  }
  const pii = s.fields.filter((f) => f.flags.includes('pii')).map(listKey)
  if (pii.length > 0) {
    const entry = (await render('data-entity/encryption-entry.ts.hbs', { fields: pii })).trimEnd()
    await addEntityEntry(tree, `${dir}/encryption.ts`, n.entityId, entry, (parsed) => findArray(parsed, 'defaultEncryptionMaps', `${dir}/encryption.ts`)?.array ?? null,
      async () => render('data-entity/encryption.ts.hbs', { entry: entry.replace(/^(?=.)/gm, '  ') }))
    notes.push(`${pii.join(', ')} encrypted at rest (encryption.ts): a list cannot search or sort by ${pii.length > 1 ? 'them' : 'it'}`)
  }
  return notes
}

/**
 * One entity's entry in a module-wide list (search.ts entities, encryption.ts maps): the file is
 * created when absent; otherwise the entry is appended through the parser unless the list already has
 * one for the entity (which stays as it is, edited or not).
 */
async function addEntityEntry(tree: Tree, path: string, entityId: string, entry: string, listIn: (parsed: ParsedSource) => ArrayExpression | null, create: () => Promise<string>) {
  const text = await tree.read(path)
  if (text === null) return tree.write(path, await create())
  const parsed = parseSource(text, path)
  const list = listIn(parsed)
  if (!list) throw new UsageError(`${path}: its list of entities is not an array literal; add ${entityId} by hand`)
  if (objectsOf(list).some((o) => stringProp(o, 'entityId') === entityId)) return
  await tree.write(path, appendToList(text, listOf(list), parsed.comments, [entry], { outerIndent: indentAt(text, list.start!) }))
}
