import { z } from 'zod'
import { sha256 } from '../engine/apply'
import { readManifest } from '../engine/manifest'
import { undoEffects } from '../db/orphans'
import { UsageError } from '../errors'
import { defineAction } from './spec'
import { HISTORY_DIR } from '../paths'

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
  // it deletes the files the change created
  traits: { destructive: true },
  async plan(_input, { tree, force, dryRun }) {
    const latest = (await tree.list(HISTORY_DIR)).filter((n) => n.endsWith('.json')).sort().at(-1)
    if (!latest) throw new UsageError(`nothing to undo: ${HISTORY_DIR} has no manifests`)
    const manifestPath = `${HISTORY_DIR}/${latest}`
    const manifest = readManifest(manifestPath, await tree.read(manifestPath), 'undo')
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
