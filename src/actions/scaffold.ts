import { UsageError } from '../errors'
import { names } from '../naming'
import type { Tree } from '../services/tree'

/**
 * Writes a scaffolded file. The same content again is a no-op; different content over an existing
 * file is refused unless --force, so a user's edits are never overwritten by accident.
 */
export async function writeScaffold(tree: Tree, path: string, content: string, force: boolean): Promise<void> {
  const existing = await tree.read(path)
  if (existing !== null && existing !== content && !force) {
    throw new UsageError(`${path} already exists and differs from the scaffold`, { text: 'overwrite it, or pick another name', set: { force: true } })
  }
  await tree.write(path, content)
}

/** "visits.reports.view" → "Visits reports view": a readable default title for a feature. */
export const featureTitle = (id: string) => names(id).sentence
