import { z } from 'zod'
import { appModules } from '../app/pickers'
import { requireAppModule } from '../app/app-modules'
import { joinUrl, paramsOf, refuseWholeUrl, routeKey } from '../app/routes'
import { UsageError } from '../errors'
import { discover } from '../generator/discover'
import { ensureFeatures } from '../source-edit/acl'
import { addTranslations } from '../source-edit/i18n'
import type { TemplateRenderer } from '../services/types'
import type { Tree } from '../services/tree'
import { featureId, iconName, moduleId, roleName, routePath } from '../validation/names'
import { names } from '../naming'
import { featureTitle, writeScaffold } from './scaffold'
import { defineAction, list } from './spec'

export const pageInput = z.object({
  module: moduleId.describe('the module the page belongs to'),
  path: routePath.default('').describe('URL path below the module, e.g. "reports" or "orders/[id]"; a leading "/" is allowed (empty: the module root)'),
  area: z.enum(['backend', 'frontend']).default('backend').describe('backend (admin, under /backend) or frontend (public site)'),
  title: z.string().trim().min(1).optional().describe('page title (default: from the last path segment)'),
  group: z.string().trim().min(1).optional().describe('navigation group'),
  order: z.coerce.number().int().optional().describe('position in the navigation'),
  icon: iconName.optional().describe('icon name').meta({ examples: ['calendar'] }),
  requireAuth: z.boolean().optional().describe('require a signed-in user (default: yes for backend, no for frontend)'),
  requireRoles: list(roleName).default([]).describe('roles allowed (deprecated in Open Mercato; prefer features)').meta({ examples: ['admin'] }),
  requireFeatures: list(featureId).optional().describe('features required (default for backend: <module>.view); missing ones are added to acl.ts'),
  navHidden: z.boolean().default(false).describe('hide the page from the admin navigation'),
})

export type PageInput = z.infer<typeof pageInput>

const keyPart = (segment: string) => segment.replace(/[[\].]/g, '').replace(/[-_](\w)/g, (_, c: string) => c.toUpperCase())

/** Where a page goes and what URL it serves: backend pages nest under backend/<module>/ (conventions §3). */
export function placePage(moduleId: string, area: 'backend' | 'frontend', path: string): { dir: string; url: string } {
  const segs = path ? path.split('/') : []
  if (area === 'frontend') return { dir: ['frontend', ...segs].join('/'), url: joinUrl(...segs) }
  if (segs.length === 0) return { dir: 'backend', url: `/backend/${moduleId}` }
  const nested = segs[0] === moduleId ? segs : [moduleId, ...segs]
  return { dir: ['backend', ...nested].join('/'), url: joinUrl('backend', ...nested) }
}

/** Plans page.tsx + page.meta.ts, their i18n keys and ACL features; shared by `page` and `module --with-page`. */
export async function planPage(i: PageInput, ctx: { tree: Tree; templates: TemplateRenderer; force: boolean; appRoot: string }): Promise<{ url: string; notes: string[] }> {
  const { tree, templates, force } = ctx
  if (i.area === 'backend') refuseWholeUrl(i.path, 'backend', i.module)
  const moduleDir = await requireAppModule(tree, i.module)
  const { dir, url } = placePage(i.module, i.area, i.path)
  const file = `${moduleDir}/${dir}/page.tsx`

  const { modules } = await discover(tree, { alsoAppModules: [i.module], lenient: true })
  const conflict = modules.flatMap((m) => m.pages).find((p) => routeKey(p.url) === routeKey(url) && p.file !== file)
  if (conflict) throw new UsageError(`${url} is already served by ${conflict.file}; choose another path`)

  const segs = i.path ? i.path.split('/') : []
  const lastStatic = [...segs].reverse().find((s) => !s.startsWith('['))
  const title = i.title ?? names(lastStatic ?? i.module).title
  const base = i.area === 'backend' ? `${i.module}.page` : `${i.module}.frontend`
  const keyPath = segs.filter((s) => s !== i.module || i.area === 'frontend').map(keyPart)
  const titleKey = [base, ...keyPath, 'title'].join('.')
  const groupKey = i.group ? `${i.module}.nav.${keyPart(i.group.toLowerCase().replace(/\s+/g, '_'))}` : ''
  const requireFeatures = i.requireFeatures ?? (i.area === 'backend' ? [`${i.module}.view`] : [])
  const params = paramsOf(i.path)
  const data = {
    ...i,
    title,
    requireAuth: i.requireAuth ?? i.area === 'backend',
    requireFeatures,
    hasOrder: i.order !== undefined,
    params,
    paramsType: params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.catchAll ? 'string[]' : 'string'}`).join('; '),
    component: `${names(`${i.module} ${dir.replace(/^(backend|frontend)\/?/, '').replace(new RegExp(`^${i.module}/?`), '')}`).className}Page`,
    titleKey,
    groupKey,
  }
  await writeScaffold(tree, file, await templates.render('page/page.tsx.hbs', data, ctx.appRoot), force)
  await writeScaffold(tree, `${moduleDir}/${dir}/page.meta.ts`, await templates.render('page/page.meta.ts.hbs', data, ctx.appRoot), force)
  await addTranslations(tree, moduleDir, { [titleKey]: title, ...(i.group ? { [groupKey]: i.group } : {}) })
  const added = await ensureFeatures(tree, i.module, requireFeatures.map((id) => ({ id, title: featureTitle(id) })), { templates, appRoot: ctx.appRoot })
  return { url, notes: added.length > 0 ? [`declared ${added.join(', ')} in ${moduleDir}/acl.ts`] : [] }
}

export const pageAction = defineAction({
  kind: 'plan',
  name: 'page',
  summary: 'add a backend or frontend page with page.meta.ts to a module',
  positionals: ['module', 'path'],
  input: pageInput,
  needsApp: true,
  generates: true,
  pickers: { module: appModules },
  examples: [
    'page billing reports --title "Billing reports" --group Billing --order 20',
    'page billing "invoices/[id]" --require-features billing.invoices.view',
    'page shop "products/[...slug]" --area frontend',
  ],
  async plan(i, { tree, templates, force, app }) {
    const { url, notes } = await planPage(i, { tree, templates, force, appRoot: app!.root })
    return { summary: `page ${url} in module ${i.module}`, notes: [`serves ${url}`, ...notes], next: ['npx create-mercato-module list'] }
  },
})
