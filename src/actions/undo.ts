import { z } from 'zod'
import { sha256, type Manifest } from '../engine/apply'
import { undoEffects } from '../db/orphans'
import { UsageError } from '../errors'
import { defineAction } from './spec'
import { HISTORY_DIR, MERCATO_DIR, TEMPLATES_DIR } from '../app/paths'


// a path undo may touch: relative, inside the app, and never the tool's own state under .mercato/
// (history, journal, lock, cache); ejected templates there are the user's files
const appPath = z.string().refine(
  (p) => p !== '' && !p.startsWith('/') && !p.includes('\\') && !p.includes('\0') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..') && (!p.startsWith(`${MERCATO_DIR}/`) || p.startsWith(`${TEMPLATES_DIR}/`)),
  'is not a path inside the app',
)
const manifestSchema = z.object({
  version: z.literal(1),
  action: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  appliedAt: z.string().min(1),
  changes: z.array(z.object({
    path: appPath,
    kind: z.enum(['create', 'edit', 'delete']),
    beforeHash: z.string().nullable(),
    afterHash: z.string().nullable(),
    before: z.string().nullable(),
  }).refine((c) => (c.before === null ? c.beforeHash === null : sha256(c.before) === c.beforeHash), 'its "before" does not match its beforeHash')
    .refine((c) => (c.kind === 'create') === (c.before === null) && (c.kind === 'delete') === (c.afterHash === null), 'its kind does not match its contents')),
})

/** A manifest undo can trust, or a refusal naming what is wrong with it (nothing is touched). */
function readManifest(path: string, text: string | null): Manifest {
  let data: unknown
  try {
    data = JSON.parse(text ?? '')
  } catch {
    throw new UsageError(`refused: ${path} is not a readable manifest (not JSON); nothing was changed; remove it and run undo again`)
  }
  const result = manifestSchema.safeParse(data)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
    throw new UsageError(`refused: ${path} is not a valid manifest${where}: ${issue.message}; nothing was changed; remove it and run undo again`)
  }
  const paths = result.data.changes.map((c) => c.path)
  const twice = paths.find((p, i) => paths.indexOf(p) !== i)
  if (twice) throw new UsageError(`refused: ${path} is not a valid manifest: ${twice} appears twice; nothing was changed; remove it and run undo again`)
  return result.data as Manifest
}

/**
 * Reverses the latest applied change from its manifest, as a plan like any other (so it can be
 * previewed and is all-or-nothing): created files are deleted, edited files get their old content
 * back, and the manifest itself goes. A file changed since then is left alone unless --force.
 */
export const undoAction = defineAction({
  kind: 'plan',
  name: 'undo',
  summary: 'reverse the latest scaffold or edit from its manifest in .mercato/history',
  positionals: [],
  input: z.object({}),
  needsApp: true,
  generates: true,
  examples: ['undo --dry-run --diff', 'undo', 'undo --force'],
  async plan(_input, { tree, force, dryRun }) {
    const latest = (await tree.list(HISTORY_DIR)).filter((n) => n.endsWith('.json')).sort().at(-1)
    if (!latest) throw new UsageError(`nothing to undo: ${HISTORY_DIR} has no manifests`)
    const manifestPath = `${HISTORY_DIR}/${latest}`
    const manifest = readManifest(manifestPath, await tree.read(manifestPath))
    if (manifest.action === 'new-app') throw new UsageError('the latest change created this app; to undo it, delete the app folder')
    const notes: string[] = []
    // files come back, migrations (and the database) do not: say what follows, and ask for --force
    const effects = await undoEffects(tree, manifest)
    if (effects.length > 0 && !force) throw new UsageError(`${effects.join('; ')}; nothing was changed`, { text: 'undo anyway', set: { force: true } })
    notes.push(...effects)
    for (const change of [...manifest.changes].reverse()) {
      const current = await tree.read(change.path)
      const untouched = (current === null ? null : sha256(current)) === change.afterHash
      if (!untouched && !force) {
        throw new UsageError(`${change.path} changed after "${manifest.action}" was applied; undo would lose that, so nothing was changed`, { text: 'undo anyway, losing that change', set: { force: true } })
      }
      if (change.before === null) {
        if (current !== null) await tree.remove(change.path)
      } else {
        await tree.write(change.path, change.before)
      }
      if (!untouched) notes.push(`${change.path} had changed since; --force ${dryRun ? 'would revert' : 'reverted'} it anyway`)
    }
    await tree.remove(manifestPath)
    return { summary: `undo ${manifest.action} applied at ${manifest.appliedAt}`, notes, historyDir: null }
  },
})
