import { dirname, join, relative, sep } from 'node:path'
import { z } from 'zod'
import { UsageError } from '../errors'
import { MERCATO_DIR, TEMPLATES_DIR } from '../paths'
import type { Clock, TemplateRenderer } from '../services/types'
import { TOOL_VERSION } from '../version'
import { sha256 } from './journal'
import type { Plan } from './plan'
import type { FileChange } from '../services/tree'

/**
 * The record of one applied change in `.mercato/history`: what undo reverses and what upgrade
 * re-renders. Version 2 (tool 0.2.0 on) keeps the tool version, the templates the plan rendered
 * (name → hash of the text used, and whether it was the app's override) and the content each file
 * was left with, so the scaffold's own output is known exactly later. Version 1 (0.1.0) kept only
 * the contents before and the hashes after: its scaffolds' output can be rebuilt only by rendering
 * 0.1.0's templates again and checking the result against those hashes.
 */
export const MANIFEST_VERSION = 2
/** The one release that wrote version 1 manifests. */
export const V1_TOOL_VERSION = '0.1.0'

export interface ManifestChange {
  /** Relative to the app the manifest belongs to (the folder holding .mercato/history). */
  path: string
  kind: FileChange['kind']
  beforeHash: string | null
  afterHash: string | null
  before: string | null
  /** What the change left in the file; undefined where the manifest did not keep it (version 1). */
  after?: string | null
}

export interface TemplateUse { hash: string; overridden: boolean }

/** What an upgrade merged a file from: the templates' output (the next upgrade's base) and the hash of the file it left. */
export interface Rebase { rendered: string | null; hash: string | null }

export interface Manifest {
  version: 1 | 2
  /** The tool version that applied it; version 1 manifests say nothing, and are 0.1.0's. */
  toolVersion: string
  action: string
  input: Record<string, unknown>
  appliedAt: string
  /** Templates the plan rendered; empty for version 1. */
  templates: Record<string, TemplateUse>
  changes: ManifestChange[]
  /** Written by upgrade only, for every file it re-based. */
  rebased?: Record<string, Rebase>
}

/** The manifest of an applied plan: file name and body. */
export function manifestFor(plan: Plan, historyDir: string, clock: Clock): { name: string; body: Manifest } {
  const appliedAt = clock.now().toISOString()
  const appRoot = dirname(dirname(historyDir))
  return {
    name: `${appliedAt.replace(/[:.]/g, '-')}-${plan.action}.json`,
    body: {
      version: MANIFEST_VERSION,
      toolVersion: TOOL_VERSION,
      action: plan.action,
      input: plan.input,
      appliedAt,
      templates: plan.templates ?? {},
      ...(plan.rebased ? { rebased: plan.rebased } : {}),
      // the regenerated registry is not the user's change: undo regenerates it instead
      changes: plan.changes.filter((c) => !c.generated).map((c) => ({
        path: relative(appRoot, join(plan.root, c.path)).split(sep).join('/'),
        kind: c.kind,
        beforeHash: c.before === null ? null : sha256(c.before),
        afterHash: c.after === null ? null : sha256(c.after),
        before: c.before,
        after: c.after,
      })),
    },
  }
}

// a path a manifest may name: relative, inside the app, and never the tool's own state under
// .mercato/ (history, journal, lock, cache); ejected templates there are the user's files
const appPath = z.string().refine(
  (p) => p !== '' && !p.startsWith('/') && !p.includes('\\') && !p.includes('\0') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..') && (!p.startsWith(`${MERCATO_DIR}/`) || p.startsWith(`${TEMPLATES_DIR}/`)),
  'is not a path inside the app',
)
const hashMatches = (text: string | null | undefined, hash: string | null) => text === undefined || (text === null ? hash === null : sha256(text) === hash)
const change = (after: z.ZodType<string | null | undefined>) => z.object({
  path: appPath,
  kind: z.enum(['create', 'edit', 'delete']),
  beforeHash: z.string().nullable(),
  afterHash: z.string().nullable(),
  before: z.string().nullable(),
  after,
}).refine((c) => hashMatches(c.before, c.beforeHash), 'its "before" does not match its beforeHash')
  .refine((c) => hashMatches(c.after, c.afterHash), 'its "after" does not match its afterHash')
  .refine((c) => (c.kind === 'create') === (c.before === null) && (c.kind === 'delete') === (c.afterHash === null), 'its kind does not match its contents')
const common = { action: z.string().min(1), input: z.record(z.string(), z.unknown()), appliedAt: z.string().min(1) }
const v1Schema = z.object({ version: z.literal(1), ...common, changes: z.array(change(z.undefined().optional())) })
const v2Schema = z.object({
  version: z.literal(2),
  toolVersion: z.string().min(1),
  ...common,
  templates: z.record(z.string(), z.object({ hash: z.string(), overridden: z.boolean() })),
  changes: z.array(change(z.string().nullable().optional())),
  rebased: z.record(appPath, z.object({ rendered: z.string().nullable(), hash: z.string().nullable() })).optional(),
})
const manifestSchema = z.discriminatedUnion('version', [v1Schema, v2Schema])

/**
 * A manifest undo and upgrade can trust, in the version 2 shape whichever version it was written
 * in, or a refusal naming what is wrong with it (nothing is touched).
 */
export function readManifest(path: string, text: string | null, command: string): Manifest {
  const refuse = (why: string) => new UsageError(`refused: ${path} ${why}; nothing was changed; remove it and run ${command} again`)
  let data: unknown
  try {
    data = JSON.parse(text ?? '')
  } catch {
    throw refuse('is not a readable manifest (not JSON)')
  }
  const version = (data as { version?: unknown } | null)?.version
  if (typeof version === 'number' && version > MANIFEST_VERSION) {
    throw new UsageError(`refused: ${path} was written by a newer create-mercato-module (manifest version ${version}); nothing was changed; run that version or a later one`)
  }
  const result = manifestSchema.safeParse(data)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
    throw refuse(`is not a valid manifest${where}: ${issue.message}`)
  }
  const paths = result.data.changes.map((c) => c.path)
  const twice = paths.find((p, i) => paths.indexOf(p) !== i)
  if (twice) throw refuse(`is not a valid manifest: ${twice} appears twice`)
  const m = result.data
  return m.version === 1
    ? { ...m, toolVersion: V1_TOOL_VERSION, templates: {} }
    : m
}

/** Whether a manifest tells what each file it wrote held, so its base needs no old templates. */
export const keepsContent = (manifest: Manifest) => manifest.changes.every((c) => c.after !== undefined)

/**
 * The renderer a plan uses: the same templates, and a record of which it rendered (with the hash of
 * the text used) for the plan's manifest.
 */
export function recordingTemplates(inner: TemplateRenderer): { templates: TemplateRenderer; used: Record<string, TemplateUse> } {
  const used: Record<string, TemplateUse> = {}
  return {
    used,
    templates: {
      source: inner.source,
      builtIns: inner.builtIns,
      asOf: inner.asOf,
      releases: inner.releases,
      async render(name, data, appRoot) {
        const { text, overridden } = await inner.source(name, appRoot)
        used[name] = { hash: sha256(text), overridden }
        return inner.render(name, data, appRoot)
      },
    },
  }
}
