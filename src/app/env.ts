import { parseDotEnv } from '../db/target'
import type { Tree } from '../engine/tree'

/**
 * The environment Open Mercato's CLI evaluates src/modules.ts with: the app's .env under the process
 * environment (which wins). Where .env is missing, Open Mercato copies .env.example to .env on its
 * first run outside production; we read .env.example as that copy would be, and write nothing.
 */
export async function appEnv(tree: Pick<Tree, 'read'>): Promise<Record<string, string | undefined>> {
  const text = (await tree.read('.env')) ?? (process.env.NODE_ENV === 'production' ? null : await tree.read('.env.example'))
  return { ...parseDotEnv(text ?? ''), ...process.env }
}
