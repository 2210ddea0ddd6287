import type { Tree } from '../services/tree'
import type { TemplateRenderer } from '../services/types'
import { names } from '../naming'
import { addTranslations } from '../source-edit/i18n'
import { grantRoleFeatures } from '../source-edit/setup'
import { writeScaffold } from './scaffold'

interface DashboardWidgetInput { module: string; name: string; features?: string[] }
interface Context { tree: Tree; templates: TemplateRenderer; force: boolean; appRoot: string; dir: string; id: string; title: string }

/**
 * A dashboard widget split as Open Mercato's are: widget.ts (metadata, settings hydration, and the
 * component loaded lazily, so the dashboard's list of widgets does not pull in every widget's UI),
 * widget.client.tsx (the component, strings through useT) and config.ts (the settings type, defaults,
 * hydration). Its strings go into every locale file of the module; its own feature is granted in setup.ts.
 */
export async function planDashboardWidget(i: DashboardWidgetInput, c: Context): Promise<{ features: string[]; notes: string[] }> {
  const n = names(i.name)
  // the widget's feature and the stem of its i18n keys, as Open Mercato names both
  const feature = `${i.module}.widgets.${n.snake}`
  const features = i.features ?? ['dashboards.view', feature]
  const strings = { label: 'Message', empty: 'Nothing to show yet. Open the widget settings to write a message.' }
  const keys = { label: `${feature}.settings.message`, empty: `${feature}.empty` }
  const data = {
    id: c.id, title: c.title, features, strings, keys,
    component: `${n.className}WidgetClient`, settings: `${n.className}Settings`, inputId: `${i.module}-${n.kebab}-message`,
  }
  const folder = `${c.dir}/widgets/dashboard/${i.name}`
  for (const [file, template] of [['widget.ts', 'dashboard-widget.ts.hbs'], ['widget.client.tsx', 'dashboard-widget.client.tsx.hbs'], ['config.ts', 'dashboard-config.ts.hbs']] as const) {
    await writeScaffold(c.tree, `${folder}/${file}`, await c.templates.render(`widget/${template}`, data, c.appRoot), c.force)
  }
  await addTranslations(c.tree, c.dir, { [keys.label]: strings.label, [keys.empty]: strings.empty })
  const notes: string[] = []
  const locales = (await c.tree.list(`${c.dir}/i18n`)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort()
  const untranslated = locales.filter((l) => l !== 'en')
  if (untranslated.length > 0) notes.push(`i18n: ${untranslated.join(', ')} got the widget's English strings; translate them there`)
  if (features.includes(feature)) {
    const granted = await grantRoleFeatures(c.tree, `${c.dir}/setup.ts`, { superadmin: [feature], admin: [feature], employee: [feature] })
    if (granted.length > 0) notes.push(`setup.ts grants ${granted.join(', ')}`)
  }
  return { features, notes }
}
