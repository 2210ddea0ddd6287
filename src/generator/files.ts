import type { ModuleSource } from './source'

const SKIPPED_DIRS = new Set(['__tests__', '__mocks__'])
const TEST_FILE = /\.(test|spec)\.[jt]sx?$/

/** Every file under `dir`, relative to it, skipping __tests__, __mocks__ and test files (conventions §1). */
export async function walkFiles(tree: Pick<ModuleSource, 'list' | 'isDirectory'>, dir: string): Promise<string[]> {
  const result: string[] = []
  const visit = async (rel: string) => {
    for (const name of (await tree.list(rel ? `${dir}/${rel}` : dir)).sort()) {
      const path = rel ? `${rel}/${name}` : name
      if (await tree.isDirectory(`${dir}/${path}`)) {
        if (!SKIPPED_DIRS.has(name)) await visit(path)
      } else if (!TEST_FILE.test(name)) {
        result.push(path)
      }
    }
  }
  await visit('')
  return result
}
