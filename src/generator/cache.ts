import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { TOOL_VERSION } from '../version'
import type { LocatedModule } from './discover'
import { z } from 'zod'
import { CACHE_FILE, GENERATED_DIR } from '../paths'
import { packageName } from '../validation/names'

// The generator's output is a pure function of the enabled modules, where they are, and the files
// under their roots. A stat walk (names, sizes, mtimes) of those roots is far cheaper than reading
// and parsing them, so a run whose stat walk matches the last one, with the registry on disk still
// as that run wrote it, has nothing to do. The cache is
// written to disk directly (not through a plan): it holds no app content and is safe to delete.


/**
 * The inputs' fingerprint and the md5 of each file the generator wrote from them; and the enabled
 * modules with the fingerprint of what decides them (src/modules.ts, .env, the variables it reads).
 */
export interface CacheEntry {
  key: string
  outputs: Record<string, string>
  warnings: string[]
  modulesKey: string
  enabled: Array<{ id: string; from: string }>
}

export const md5 = (text: string) => createHash('md5').update(text).digest('hex')

function walk(hash: ReturnType<typeof createHash>, dir: string, rel: string): void {
  let entries
  try {
    entries = readdirSync(rel ? `${dir}/${rel}` : dir, { withFileTypes: true })
  } catch {
    return
  }
  // String paths, not path.join: this runs once per file of every enabled module.
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = rel ? `${rel}/${e.name}` : e.name
    if (e.isDirectory()) {
      walk(hash, dir, path)
      continue
    }
    const info = statSync(`${dir}/${path}`, { throwIfNoEntry: false })
    if (info?.isDirectory()) walk(hash, dir, path)
    else if (info) hash.update(`${path}\0${info.size}\0${info.mtimeMs}\n`)
  }
}

const ENV_READ = /process\.env(?:\.([A-Za-z_$][\w$]*)|\[\s*['"]([^'"]+)['"]\s*\])/g

/**
 * What decides the enabled modules: the text of src/modules.ts and the values of the variables it
 * reads (`process.env.X` and `process.env['X']`, the only forms Open Mercato's reader evaluates).
 */
export async function modulesKey(text: string | null, env: () => Promise<Record<string, string | undefined>>): Promise<string> {
  const hash = createHash('md5').update(text ?? '\0none')
  if (text !== null && text.includes('process.env')) {
    const values = await env()
    for (const m of text.matchAll(ENV_READ)) {
      const name = m[1] ?? m[2]!
      hash.update(`\0${name}=${values[name] ?? '\0unset'}`)
    }
  }
  return hash.digest('hex')
}

/** A fingerprint of everything the bundled generator reads: the enabled modules, their roots, and every file under them. */
export function inputKey(appRoot: string, modules: LocatedModule[]): string {
  const hash = createHash('md5').update(`${TOOL_VERSION}\n`)
  for (const m of modules) {
    hash.update(`module ${m.id} ${m.from}\n`)
    for (const root of m.roots) {
      hash.update(`root ${root.path} ${root.importBase}\n`)
      walk(hash, join(appRoot, root.path), '')
    }
  }
  return hash.digest('hex')
}

// The cache can come with a cloned repository: every path it names must be one the generator
// itself would write or read. Output names are registry files; a module is a folder name of
// src/modules read from the app or a package. Anything else makes it no cache (a slower run).
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/
const outputPath = z.string().refine((p) => p.startsWith(`${GENERATED_DIR}/`) && p.slice(GENERATED_DIR.length + 1).split('/').every((s) => SEGMENT.test(s)))
const cacheSchema = z.object({
  key: z.string(),
  outputs: z.record(outputPath, z.string()),
  warnings: z.array(z.string()),
  modulesKey: z.string(),
  enabled: z.array(z.object({ id: z.string().regex(/^[A-Za-z0-9_-]+$/), from: packageName })),
})

export function readCache(appRoot: string): CacheEntry | null {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(join(appRoot, CACHE_FILE), 'utf8'))
  } catch {
    return null
  }
  const entry = cacheSchema.safeParse(data)
  return entry.success ? entry.data : null
}

export function writeCache(appRoot: string, entry: CacheEntry): void {
  const path = join(appRoot, CACHE_FILE)
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(`${path}.tmp`, JSON.stringify(entry))
    renameSync(`${path}.tmp`, path)
  } catch {
    // a cache that cannot be written only makes the next run slower
  }
}
