import { z } from 'zod'
import { addModuleEntry } from '../modules-file/edit'
import { readModulesFile } from '../modules-file/read'
import { appEnv } from '../app/env'
import { UsageError } from '../errors'
import { anotherId, locale, moduleId, newModuleId, semver } from '../validation/names'
import { ensureFeatures } from '../source-edit/acl'
import { grantRoleFeatures } from '../source-edit/setup'
import { addTranslations, alignLocales } from '../source-edit/i18n'
import { count } from '../text'
import { names } from '../naming'
import { pageInput, planPage } from './page'
import { writeScaffold } from './scaffold'
import { defineAction, list } from './spec'
import { MODULES_FILE, moduleDir } from '../paths'

const input = z.object({
  id: newModuleId.describe('module id: snake_case, plural by convention (e.g. visits, sales_orders)'),
  name: z.string().trim().min(1).optional().describe('metadata name (default: the id)').meta({ examples: ['billing'] }),
  title: z.string().trim().min(1).optional().describe('human readable title (default: from the id, "Sales Orders")'),
  description: z.string().default('').describe('one-line description for index.ts').meta({ examples: ['Invoices and payments'] }),
  version: semver.default('0.1.0').describe('module version').meta({ examples: ['0.2.0'] }),
  author: z.string().default('').describe('author for index.ts').meta({ examples: ['Acme Ltd'] }),
  license: z.string().default('MIT').describe('license for index.ts').meta({ examples: ['Apache-2.0'] }),
  requires: list(moduleId).default([]).describe('module ids this module needs, comma-separated'),
  locales: list(locale).refine((l) => l.length > 0, 'give at least one locale').default(['en']).describe('i18n locales, comma-separated'),
  withPage: z.boolean().default(false).describe('also scaffold a backend page at /backend/<id> with page.meta.ts'),
})

export type ModuleInput = z.infer<typeof input>

export const moduleAction = defineAction({
  kind: 'plan',
  name: 'module',
  aliases: ['init'],
  summary: 'scaffold a module under src/modules/<id> and enable it in src/modules.ts',
  positionals: ['id'],
  input,
  needsApp: true,
  generates: true,
  examples: [
    'module visits',
    'module sales_orders --title "Sales orders" --locales en,pl --with-page',
    'module invoices --requires sales_orders --dry-run --diff',
  ],
  async plan(i, { tree, app, templates, force }) {
    const root = app!.root
    const modules = readModulesFile((await tree.read(MODULES_FILE))!, await appEnv(tree))
    const packaged = modules.entries.find((e) => e.id === i.id && e.from !== '@app')
    if (packaged) {
      throw new UsageError(`module "${i.id}" is registered from ${packaged.from} (${MODULES_FILE}:${packaged.line}); a module of the app with that id would clash with it, so pick another id (e.g. "${anotherId(i.id)}"), or copy one of its files into the app with "override ${i.id} <path>"`)
    }
    const dir = moduleDir(i.id)
    const title = i.title ?? names(i.id).title
    const data = { ...i, name: i.name ?? i.id, title, viewTitle: `View ${title}`, manageTitle: `Manage ${title}` }
    const files: Array<[string, string]> = [
      ['index.ts', 'module/index.ts.hbs'],
      ['di.ts', 'module/di.ts.hbs'],
    ]
    for (const [path, template] of files) await writeScaffold(tree, `${dir}/${path}`, await templates.render(template, data, root), force)
    // data-entity --crud grants its features in setup.ts, so an existing one is merged into, never replaced
    const setup = `${dir}/setup.ts`
    if ((await tree.read(setup)) === null) await tree.write(setup, await templates.render('module/setup.ts.hbs', data, root))
    else await grantRoleFeatures(tree, setup, { superadmin: [`${i.id}.*`], admin: [`${i.id}.view`, `${i.id}.manage`], employee: [`${i.id}.view`] })
    // other scaffolds add features to acl.ts, so an existing one is merged into, never replaced
    const acl = `${dir}/acl.ts`
    if ((await tree.read(acl)) === null) await tree.write(acl, await templates.render('module/acl.ts.hbs', data, root))
    else await ensureFeatures(tree, i.id, [{ id: `${i.id}.view`, title: `View ${title}` }, { id: `${i.id}.manage`, title: `Manage ${title}` }], { templates, appRoot: root })
    // a locale added to a module that has others starts with all their keys, in their text
    const seeded = await alignLocales(tree, dir, i.locales)
    for (const loc of i.locales) await addTranslations(tree, dir, { [`${i.id}.module.title`]: title }, loc)
    if (i.withPage) await planPage(pageInput.parse({ module: i.id, title }), { tree, templates, force, appRoot: root })

    await tree.write(MODULES_FILE, addModuleEntry(modules, { id: i.id, from: '@app' }).text)

    const missing = i.requires.filter((r) => !modules.entries.some((e) => e.id === r && e.active))
    const notes = missing.length > 0 ? [`requires ${missing.join(', ')}, not enabled yet: run "enable <id>" for each before generating`] : []
    if (seeded.length > 0) {
      notes.push(`${seeded.map((s) => `${s.locale}.json seeded with ${count(s.added, 'key')}`).join(', ')} the module's other locales have, in their text: translate ${seeded.map((s) => s.locale).join(', ')}`)
    }
    return { summary: `module ${i.id}: ${title}`, notes, next: [`npx create-mercato-module data-entity ${i.id} <Name> --field name:text:required`] }
  },
})
