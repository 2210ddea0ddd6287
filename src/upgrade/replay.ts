import type { PlanAction, PlanContext } from '../actions/spec'
import type { Manifest } from '../engine/manifest'
import type { Tree } from '../services/tree'
import { commit, sandbox, type Sandbox } from './sandbox'

export interface Replay {
  /** The files as the manifests' actions leave them, replayed in order. */
  state: Sandbox
  /** Manifests whose action could not run again, with why; what they write is not in `state`. */
  failed: Map<Manifest, string>
}

/**
 * Runs the actions of `manifests` again, oldest first, with their recorded inputs, on a sandbox
 * over `below` whose files start as `preset` says. Each runs with --force (its own earlier output
 * is in the way by design) on a sandbox of its own, kept only if it succeeds, so one action that no
 * longer accepts its inputs leaves the others' output whole.
 */
export async function replay(
  manifests: Manifest[],
  below: Tree,
  preset: ReadonlyMap<string, string | null>,
  specs: ReadonlyMap<string, PlanAction>,
  ctx: Omit<PlanContext, 'tree' | 'force' | 'dryRun'>,
): Promise<Replay> {
  const state = sandbox(below, preset)
  const failed = new Map<Manifest, string>()
  for (const manifest of manifests) {
    const spec = specs.get(manifest.action)!
    // inputs recorded by an older version lack fields added since: the schema fills their defaults
    const parsed = spec.input.safeParse(manifest.input)
    const child = sandbox(state)
    try {
      await spec.plan(parsed.success ? parsed.data : manifest.input, { ...ctx, tree: child, force: true, dryRun: true })
      await commit(child, state)
    } catch (error) {
      failed.set(manifest, error instanceof Error ? error.message : String(error))
    }
  }
  return { state, failed }
}
