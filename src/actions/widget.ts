import { z } from 'zod'
import { appModules } from '../app/pickers'
import { requireAppModule } from '../app/app-modules'
import { UsageError } from '../errors'
import { names } from '../naming'
import { tsLiteral } from '../quote'
import { ensureFeatures } from '../source-edit/acl'
import { addInjection } from '../source-edit/injection-table'
import { featureId, fileName, moduleId } from '../validation/names'
import { featureTitle, writeScaffold } from './scaffold'
import { planDashboardWidget } from './dashboard-widget'
import { defineAction, list } from './spec'

const input = z.object({
  module: moduleId.describe('the module the widget belongs to'),
  name: fileName.describe('widget folder name, e.g. sales-summary'),
  kind: z.enum(['dashboard', 'injection']).describe('dashboard (a tile users add to their dashboard) or injection (rendered into another screen\'s spot)'),
  spot: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:*/-]*$/, 'spot ids look like "crud-form:sales.order" or "menu:sidebar:main"').optional()
    .describe('injection only: the spot id to render in; adds the widget to widgets/injection-table.ts'),
  priority: z.coerce.number().int().optional().describe('injection only: order among the widgets of the spot'),
  title: z.string().trim().min(1).optional().describe('widget title (default: from the name)').meta({ examples: ['Revenue'] }),
  features: list(featureId).optional().describe('features required to see the widget (default: dashboards.view and <module>.widgets.<name> for a dashboard widget, <module>.view for an injection one); the module\'s own missing ones are added to acl.ts').meta({ examples: ['billing.view'] }),
})

export const widgetAction = defineAction({
  kind: 'plan',
  name: 'widget',
  summary: 'add a dashboard widget (widgets/dashboard/<name>/: widget.ts, a lazy widget.client.tsx, config.ts) or an injection widget (widgets/injection/<name>/widget.tsx) and its injection-table.ts entry',
  positionals: ['module', 'name'],
  input,
  needsApp: true,
  generates: true,
  pickers: { module: appModules },
  examples: ['widget billing revenue --kind dashboard', 'widget billing order-notes --kind injection --spot crud-form:sales.order --priority 10'],
  async plan(i, { tree, templates, force, app }) {
    if (i.kind === 'dashboard' && (i.spot !== undefined || i.priority !== undefined)) {
      throw new UsageError('--spot and --priority place injection widgets; a dashboard widget is added by users on their dashboard')
    }
    const dir = await requireAppModule(tree, i.module)
    const id = `${i.module}.${i.kind}.${i.name}`
    const title = i.title ?? names(i.name).title
    const notes: string[] = []
    let features: string[]
    if (i.kind === 'dashboard') {
      const planned = await planDashboardWidget(i, { tree, templates, force, appRoot: app!.root, dir, id, title })
      features = planned.features
      notes.push(...planned.notes)
    } else {
      features = i.features ?? [`${i.module}.view`]
      const data = { id, title, features, component: `${names(i.name).className}Widget` }
      await writeScaffold(tree, `${dir}/widgets/injection/${i.name}/widget.tsx`, await templates.render('widget/injection-widget.tsx.hbs', data, app!.root), force)
    }
    if (i.spot) {
      const table = `${dir}/widgets/injection-table.ts`
      const slot = tsLiteral(i.priority === undefined ? id : { widgetId: id, priority: i.priority })
      const source = await tree.read(table)
      if (source === null) await tree.write(table, await templates.render('widget/injection-table.ts.hbs', { spot: i.spot, slot }, app!.root))
      else {
        const merged = addInjection(source, table, i.spot, id, slot)
        if (merged.changed) await tree.write(table, merged.text)
      }
      notes.push(`renders in spot ${i.spot}`)
    } else if (i.kind === 'injection') {
      notes.push(`no --spot: add ${id} to widgets/injection-table.ts to place it`)
    }
    // a feature of another module (dashboards.view) is that module's to declare
    const own = features.filter((f) => f.startsWith(`${i.module}.`))
    const added = await ensureFeatures(tree, i.module, own.map((f) => ({ id: f, title: featureTitle(f) })), { templates, appRoot: app!.root })
    if (added.length > 0) notes.push(`declared ${added.join(', ')} in ${dir}/acl.ts`)
    return { summary: `${i.kind} widget ${id}`, notes }
  },
})
