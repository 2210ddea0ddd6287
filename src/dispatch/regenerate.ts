import { writeRegistry } from '../generator/registry'
import type { Services } from '../services/types'
import type { Plan } from '../engine/plan'
import { createTree } from '../services/tree'
import { applyAction, withApp } from './execute'

/**
 * The bundled generator end to end (plan, then apply what changed), for the places that run it
 * as a step: scaffolds' follow-up, --watch and db greenfield. The plan says what was written.
 * Read and written under one hold of the app's lock (the caller's, when it holds it already).
 */
export function regenerate(services: Services, appRoot: string): Promise<Plan> {
  return withApp(appRoot, 'generate', services, async () => {
    const tree = createTree(appRoot, services.fs)
    const { summary, warnings } = await writeRegistry(tree, { replaceForeign: false, remember: true })
    const plan: Plan = { action: 'generate', root: appRoot, summary, changes: tree.changes(), followUps: [], notes: warnings, next: [], input: {} }
    if (plan.changes.length > 0) await applyAction(plan, services)
    return plan
  })
}
