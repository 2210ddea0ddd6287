import { noteClash } from '../dispatch/scaffold-clash'
import { names } from '../naming'
import type { Tree } from '../services/tree'

/**
 * Writes a scaffolded file. The same content again is a no-op; different content over an existing
 * file is refused unless --force, so a user's edits are never overwritten by accident. The refusal
 * comes when the plan is made, naming every such file, so its hint can weigh all that --force would replace.
 */
export async function writeScaffold(tree: Tree, path: string, content: string, force: boolean): Promise<void> {
  const existing = await tree.read(path)
  if (existing !== null && existing !== content && !force) return noteClash(tree, path)
  await tree.write(path, content)
}

/** "visits.reports.view" → "Visits reports view": a readable default title for a feature. */
export const featureTitle = (id: string) => names(id).sentence
