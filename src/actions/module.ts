import { z } from 'zod'
import { UsageError } from '../errors'
import { addModuleEntry } from '../modules-file/edit'
import { readModulesFile } from '../modules-file/read'
import { locale, moduleId, semver } from '../validation/names'
import { jsonFile, titleFromId, tsString } from './literals'
import { defineAction, list } from './spec'

const input = z.object({
  id: moduleId.describe('module id: snake_case, plural by convention (e.g. visits, sales_orders)'),
  title: z.string().trim().min(1).optional().describe('human readable title (default: from the id, "Sales Orders")'),
  description: z.string().default('').describe('one-line description for index.ts'),
  version: semver.default('0.1.0').describe('module version'),
  author: z.string().default('').describe('author for index.ts'),
  license: z.string().default('MIT').describe('license for index.ts'),
  requires: list(moduleId).default([]).describe('module ids this module needs, comma-separated'),
  locales: list(locale).refine((l) => l.length > 0, 'give at least one locale').default(['en']).describe('i18n locales, comma-separated'),
  withPage: z.boolean().default(false).describe('also scaffold a backend page at /backend/<id> with page.meta.ts'),
})

export type ModuleInput = z.infer<typeof input>

export const moduleAction = defineAction({
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
    const dir = `src/modules/${i.id}`
    const title = i.title ?? titleFromId(i.id)
    const data = {
      ...i,
      title,
      lit: {
        id: tsString(i.id),
        title: tsString(title),
        version: tsString(i.version),
        description: tsString(i.description),
        author: tsString(i.author),
        license: tsString(i.license),
        requires: i.requires.map(tsString).join(', '),
        viewTitle: tsString(`View ${title}`),
        manageTitle: tsString(`Manage ${title}`),
        pageDescription: tsString(`${title}: start building here.`),
      },
    }
    const files: Array<[string, string]> = [
      ['index.ts', 'module/index.ts.hbs'],
      ['di.ts', 'module/di.ts.hbs'],
      ['acl.ts', 'module/acl.ts.hbs'],
      ['setup.ts', 'module/setup.ts.hbs'],
    ]
    if (i.withPage) files.push(['backend/page.tsx', 'module/backend/page.tsx.hbs'], ['backend/page.meta.ts', 'module/backend/page.meta.ts.hbs'])

    const existed = await tree.isDirectory(dir)
    for (const [path, template] of files) await tree.write(`${dir}/${path}`, await templates.render(template, data, root))
    const dictionary: Record<string, string> = { [`${i.id}.module.title`]: title }
    if (i.withPage) Object.assign(dictionary, { [`${i.id}.page.title`]: title, [`${i.id}.page.description`]: `${title}: start building here.` })
    for (const loc of i.locales) await tree.write(`${dir}/i18n/${loc}.json`, jsonFile(dictionary))

    if (existed && !force) {
      const differing = tree.changes().filter((c) => c.path.startsWith(`${dir}/`) && c.kind === 'edit')
      if (differing.length > 0) {
        throw new UsageError(`${dir} already exists and ${differing[0]!.path.slice(dir.length + 1)} differs from the scaffold; use --force to overwrite, or pick another id`)
      }
    }

    const modules = readModulesFile((await tree.read('src/modules.ts'))!)
    await tree.write('src/modules.ts', addModuleEntry(modules, { id: i.id, from: '@app' }).text)

    const missing = i.requires.filter((r) => !modules.entries.some((e) => e.id === r && e.active))
    const notes = missing.length > 0 ? [`requires ${missing.join(', ')}, not enabled yet: run "enable <id>" for each before generating`] : []
    return { summary: `module ${i.id}: ${title}`, notes }
  },
})
