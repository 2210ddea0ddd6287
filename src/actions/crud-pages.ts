import type { Tree } from '../services/tree'
import type { TemplateRenderer } from '../services/types'
import type { FieldSpec } from '../validation/field-spec'
import { moduleDir } from '../paths'
import { names } from '../naming'
import { addTranslations } from '../source-edit/i18n'
import { grantRoleFeatures } from '../source-edit/setup'
import { formParts, listParts } from './data-types'
import { sliceNames, type SliceSpec } from './crud-slice'
import { writeScaffold } from './scaffold'

const label = (s: string) => names(s).sentence

/** Every string the pages show, by i18n key: labels, columns, options, empty state, flashes, confirm. */
function pageStrings(s: SliceSpec, fields: FieldSpec[]): Record<string, string> {
  const n = sliceNames(s)
  const p = n.i18n
  const entries: Array<[string, string]> = [
    [`${s.module}.nav.group`, names(s.module).title],
    [`${p}.page.title`, names(s.table).title],
    [`${p}.page.create`, `New ${n.singular}`],
    [`${p}.page.edit`, `Edit ${n.singular}`],
    [`${p}.list.search`, `Search ${n.plural}`],
    [`${p}.list.empty`, `No ${n.plural} yet`],
    [`${p}.list.error`, `Could not load the ${n.plural}`],
    [`${p}.actions.create`, `New ${n.singular}`],
    [`${p}.actions.edit`, 'Edit'],
    [`${p}.actions.delete`, 'Delete'],
    [`${p}.confirm.delete.title`, `Delete this ${n.singular}?`],
    [`${p}.confirm.delete.text`, `The ${n.singular} leaves the list; undo brings it back.`],
    [`${p}.flash.created`, `${n.title} created`],
    [`${p}.flash.saved`, `${n.title} saved`],
    [`${p}.flash.deleted`, `${n.title} deleted`],
    [`${p}.flash.deleteFailed`, `Could not delete the ${n.singular}`],
    [`${p}.form.create`, 'Create'],
    [`${p}.form.save`, 'Save'],
    [`${p}.form.loading`, `Loading the ${n.singular}…`],
    [`${p}.form.notFound`, `This ${n.singular} does not exist (or was deleted)`],
    [`${p}.form.loadFailed`, `Could not load the ${n.singular}`],
    [`${p}.values.yes`, 'Yes'],
    [`${p}.values.no`, 'No'],
  ]
  for (const f of fields) {
    const form = formParts(f)
    entries.push([`${p}.fields.${form.id}`, label(f.key)])
    for (const o of form.options ?? []) entries.push([`${p}.fields.${form.id}.options.${o}`, label(o)])
  }
  return Object.fromEntries(entries)
}

/**
 * The front half of the slice: list, create and edit pages with their page.meta.ts, the form's fields
 * shared by both forms, the strings in every locale file of the module, and the roles' grants in
 * setup.ts. Returns notes (which locales need translating, what the form leaves out).
 */
export async function writeSlicePages(tree: Tree, templates: TemplateRenderer, appRoot: string, s: SliceSpec, force: boolean): Promise<string[]> {
  const n = sliceNames(s)
  const dir = moduleDir(s.module)
  const render = async (template: string, data: Record<string, unknown>) => templates.render(`data-entity/pages/${template}`, { ...n, i18n: n.i18n, ...data }, appRoot)
  const fragment = async (template: string, data: Record<string, unknown>) => (await render(template, data)).trimEnd()
  // under the module's own folder, as core's modules nest theirs: a module page at /backend/<module> stays its own
  const listHref = `/backend/${s.module}/${n.path}`
  const shared = { name: s.name, listHref, apiPath: `${s.module}/${n.path}`, tableId: `${s.module}.${n.path}` }
  const notes: string[] = []

  const inForm = s.fields.filter((f) => f.kind !== 'json')
  const left = s.fields.filter((f) => f.kind === 'json').map((f) => f.key)
  if (left.length > 0) notes.push(`the form leaves out ${left.join(', ')} (json): edit ${left.length > 1 ? 'them' : 'it'} through the API or add a custom field component`)
  const fields = []
  for (const f of inForm) fields.push(await fragment('form-field.ts.hbs', { ...formParts(f), i18n: n.i18n }))
  const component = `${n.path}-form`
  await writeScaffold(tree, `${dir}/components/${component}.ts`, await render('form.ts.hbs', { ...shared, fields }), force)

  const columns = []
  for (const f of s.fields) {
    const c = listParts(f)
    if (!c) continue
    const form = formParts(f)
    columns.push(await fragment('column.tsx.hbs', { property: c.property, [c.cell]: true, options: form.options }))
  }
  const pages: Array<[file: string, template: string, meta: Record<string, unknown>]> = [
    ['page', 'list.tsx.hbs', { feature: n.viewFeature, title: names(s.table).title, titleKey: `${n.i18n}.page.title`, order: 100, icon: 'list', crumbs: [] }],
    ['create/page', 'create.tsx.hbs', { feature: n.manageFeature, title: `New ${n.singular}`, titleKey: `${n.i18n}.page.create`, order: 101, icon: 'plus', navHidden: true, crumbs: [`${n.i18n}.page.create`] }],
    ['[id]/page', 'edit.tsx.hbs', { feature: n.manageFeature, title: `Edit ${n.singular}`, titleKey: `${n.i18n}.page.edit`, order: 102, icon: 'pencil', navHidden: true, crumbs: [`${n.i18n}.page.edit`] }],
  ]
  const strings = pageStrings(s, inForm)
  for (const [file, template, meta] of pages) {
    const depth = file.split('/').length + 2
    const componentsImport = `${'../'.repeat(depth)}components/${component}`
    await writeScaffold(tree, `${dir}/backend/${s.module}/${n.path}/${file}.tsx`, await render(template, { ...shared, columns, componentsImport }), force)
    const crumbs = meta.crumbs as string[]
    const breadcrumb = [
      { label: names(s.table).title, labelKey: `${n.i18n}.page.title`, ...(crumbs.length > 0 ? { href: listHref } : {}) },
      ...crumbs.map((key) => ({ label: strings[key], labelKey: key })),
    ]
    await writeScaffold(tree, `${dir}/backend/${s.module}/${n.path}/${file}.meta.ts`, await render('page.meta.ts.hbs', {
      ...meta, group: names(s.module).title, groupKey: `${s.module}.nav.group`, breadcrumb,
    }), force)
  }

  await addTranslations(tree, dir, strings)
  const locales = (await tree.list(`${dir}/i18n`)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort()
  const untranslated = locales.filter((l) => l !== 'en')
  if (untranslated.length > 0) notes.push(`i18n: ${untranslated.join(', ')} got the English strings of the pages; translate ${Object.keys(strings).length} keys there`)

  const granted = await grantRoleFeatures(tree, `${dir}/setup.ts`, { superadmin: [n.viewFeature, n.manageFeature], admin: [n.viewFeature, n.manageFeature], employee: [n.viewFeature] })
  if (granted.length > 0) notes.push(`setup.ts grants ${granted.join(', ')}`)
  return notes
}
