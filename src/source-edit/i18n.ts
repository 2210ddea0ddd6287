import { UsageError } from '../errors'
import type { Tree } from '../engine/tree'

/**
 * Adds keys missing from every locale file of a module (or only `locale`'s, created if absent;
 * i18n/en.json when the module has none), keeping existing keys, their order and the file's
 * indent. Existing translations are never replaced.
 */
export async function addTranslations(tree: Tree, moduleDir: string, entries: Record<string, string>, locale?: string): Promise<void> {
  const files = locale ? [`${locale}.json`] : (await tree.list(`${moduleDir}/i18n`)).filter((n) => n.endsWith('.json'))
  for (const name of files.length > 0 ? files : ['en.json']) {
    const path = `${moduleDir}/i18n/${name}`
    const text = await tree.read(path)
    let dictionary: Record<string, string> = {}
    if (text !== null) {
      try {
        dictionary = JSON.parse(text)
      } catch (error) {
        throw new UsageError(`${path} is not valid JSON (${(error as Error).message}); fix it and run again`)
      }
    }
    const missing = Object.entries(entries).filter(([key]) => !(key in dictionary))
    if (missing.length === 0) continue
    const indent = text ? (/\n([ \t]+)"/.exec(text)?.[1] ?? '  ') : '  '
    await tree.write(path, `${JSON.stringify({ ...dictionary, ...Object.fromEntries(missing) }, null, indent)}\n`)
  }
}
