import { basename, join } from 'node:path'
import { GENERATED_DIR } from '../paths'
import { findApp } from '../app/detect'
import { createTree } from '../services/tree'
import { resolveEngine } from '../generator/engine'
import { writeRegistry } from '../generator/registry'
import { enabledModules, readModulesFile } from '../modules-file/read'
import type { PendingCheck } from '../db/pending'
import { count } from '../text'
import type { Services } from '../services/types'

export interface AppSummary {
  root: string
  name: string
  /** Enabled modules in src/modules.ts; null when the file cannot be read statically. */
  modules: number | null
  registry: 'up to date' | 'stale' | 'made by mercato' | 'not generated' | 'unknown'
}

/** The home screen's line about the app: cheap reads only (the registry check is a dry generate). */
export async function appSummary(cwd: string, services: Services): Promise<AppSummary | null> {
  const app = await findApp(cwd, services.fs)
  if (!app) return null
  let name = basename(app.root)
  try {
    name = JSON.parse((await services.fs.readText(`${app.root}/package.json`)) ?? '{}').name ?? name
  } catch {
    // a broken package.json still has a folder name
  }
  let modules: number | null = null
  try {
    modules = enabledModules(readModulesFile((await services.fs.readText(app.modulesFile)) ?? '')).length
  } catch {
    // computed module lists are for the generator to report, not the home screen
  }
  let registry: AppSummary['registry'] = 'unknown'
  try {
    // Open Mercato's registry is its CLI's to judge; whether there is one at all is ours to say
    if ((await resolveEngine(app.root, services.fs, 'auto')) === 'mercato') registry = (await services.fs.isDirectory(join(app.root, GENERATED_DIR))) ? 'made by mercato' : 'not generated'
    else {
      const tree = createTree(app.root, services.fs)
      await writeRegistry(tree, { replaceForeign: true, remember: false })
      registry = tree.changes().length === 0 ? 'up to date' : 'stale'
    }
  } catch {
    // a discovery error shows up when generate runs; here it is just not known
  }
  return { root: app.root, name, modules, registry }
}

/** The home screen's words for the pending-migrations check (null: still asking). */
export function pendingLine(check: PendingCheck | null, spinner = '…'): string {
  if (check === null) return `migrations: checking ${spinner}`
  if (check.state === 'unknown') return `migrations: unknown (${check.reason})`
  // a line for a glance: a real app can have pending migrations in dozens of modules
  const some = (ids: string[]) => (ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', '))
  const pending = check.pending.length === 0
    ? 'no pending migrations'
    : `${count(check.pending.reduce((n, p) => n + p.files.length, 0), 'pending migration')} (${some(check.pending.map((p) => p.id))})`
  return check.ungenerated.length === 0 ? pending : `${pending} · no migration yet in ${some(check.ungenerated)}: db generate`
}
