import { z } from 'zod'
import { FailureError, UsageError } from '../errors'
import { planUpgrade, type UpgradedFile } from '../upgrade/plan'
import { RENDERING_ACTIONS } from '../upgrade/history'
import { moduleId, semver } from '../validation/names'
import { TOOL_VERSION } from '../version'
import { apiAction } from './api'
import { cliAction } from './cli-command'
import { dataEntityAction } from './data-entity'
import { entityAction } from './entity'
import { eventAction } from './event'
import { extensionAction } from './extension'
import { moduleAction } from './module'
import { pageAction } from './page'
import { subscriberAction } from './subscriber'
import { widgetAction } from './widget'
import { workerAction } from './worker'
import { defineAction, list, type PlanAction } from './spec'

/** The scaffolds upgrade re-renders, by name (history.ts says why these). */
const SPECS = new Map(([moduleAction, pageAction, apiAction, subscriberAction, eventAction, workerAction, cliAction, widgetAction, entityAction, dataEntityAction, extensionAction] as unknown as PlanAction[]).map((s) => [s.name, s]))
for (const name of RENDERING_ACTIONS) if (!SPECS.has(name)) throw new Error(`upgrade has no spec for ${name}`)

const input = z.object({
  modules: list(moduleId).default([]).describe('only the scaffolds of these modules (default: every scaffold in .mercato/history)'),
  from: semver.optional().describe('the release whose templates made scaffolds recorded without their text (0.1.0 manifests; default: what the manifest says)').meta({ examples: ['0.1.0'] }),
  allowConflicts: z.boolean().default(false).describe('write files whose changes overlap with conflict markers, as git does (default: refuse, nothing written)'),
})

const STATUS_WORD = { replaced: 'replaced (unedited)', created: 'created (the templates make it now)', removed: 'removed (unedited; the templates no longer make it)', merged: 'merged' } as const

function describe(file: UpgradedFile): string | null {
  const o = file.outcome
  if (o.status === 'same') return null
  if (o.status === 'kept') return `${file.path}: ${o.why}`
  const word = o.status === 'merged' && o.conflicts > 0 ? `${o.conflicts} conflict${o.conflicts === 1 ? '' : 's'} marked` : STATUS_WORD[o.status]
  return `${file.path}: ${word}${file.how ? ` (base: ${file.how})` : ''}`
}

/**
 * Brings scaffolds made by an older version, or with older templates, up to the current templates
 * (or the app's overrides) without losing an edit: see src/upgrade/plan.ts for how each file is
 * decided, and docs/templates.md for what the user sees.
 */
export const upgradeAction = defineAction({
  kind: 'plan',
  name: 'upgrade',
  summary: 'merge the current templates into files scaffolded before, keeping every edit of yours',
  positionals: ['modules'],
  input,
  needsApp: true,
  generates: true,
  examples: ['upgrade --dry-run --diff', 'upgrade fleet', 'upgrade --allow-conflicts', 'upgrade --from 0.1.0'],
  async plan(i, { tree, app, templates, cwd }) {
    if (i.from && i.from !== TOOL_VERSION) {
      const known = await templates.releases()
      if (!known.includes(i.from)) throw new UsageError(`invalid --from: no templates of ${i.from} ship with this version (it has ${[...known, TOOL_VERSION].join(', ')})`)
    }
    const result = await planUpgrade(tree, SPECS, { app, templates, cwd }, { modules: i.modules, from: i.from })
    const conflicted = result.files.filter((f) => f.outcome.status === 'merged' && f.outcome.conflicts > 0).map((f) => f.path)
    if (conflicted.length > 0 && !i.allowConflicts) {
      throw new FailureError(`upgrade: your edits and the templates' change overlap in ${conflicted.join(', ')}; nothing was changed`, { text: 'write them with conflict markers to resolve by hand (preview first with a dry run and a diff)', set: { allowConflicts: true } })
    }
    for (const file of result.files) {
      const o = file.outcome
      if (o.status === 'replaced' || o.status === 'created' || o.status === 'merged') await tree.write(file.path, o.text)
      else if (o.status === 'removed') await tree.remove(file.path)
    }
    const lines = result.files.map(describe).filter((l): l is string => l !== null)
    const notes = [...lines, ...result.unrenderable.map((u) => `cannot be re-rendered: ${u}`)]
    if (conflicted.length > 0) notes.push(`resolve the conflict markers in ${conflicted.join(', ')}, then remove them`)
    const changed = result.files.filter((f) => ['replaced', 'created', 'merged', 'removed'].includes(f.outcome.status)).length
    const summary = changed === 0
      ? `upgrade: ${result.scaffolds} scaffold${result.scaffolds === 1 ? '' : 's'} re-rendered; every file is up to date with the templates`
      : `upgrade: ${changed} file${changed === 1 ? '' : 's'} brought up to the templates of ${TOOL_VERSION}${conflicted.length > 0 ? `, ${conflicted.length} with conflicts` : ''}`
    return { summary, notes, rebased: result.rebased }
  },
})
