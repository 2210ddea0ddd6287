import { createHash } from 'node:crypto'
import { dirname, join } from 'node:path'
import type { ModuleSource } from './source'
import type { FileSystem } from '../services/types'
import { TOOL_VERSION } from '../version'
import type { LocatedModule } from './discover'
import { z } from 'zod'
import { CACHE_FILE, GENERATED_DIR } from '../paths'
import { packageName } from '../validation/names'

// The generator's output is a pure function of the enabled modules, where they are, and what its
// discovery consulted under their roots: the files it read, the folders it listed, the paths it asked
// are folders. Each is fingerprinted as it is consulted (size and mtime of a file, taken before it is
// read; a folder's names), so a run that finds the same fingerprints, with the registry on disk still
// as that run wrote it, has nothing to do. Files it never consults (tests, lib code, migrations: most
// of an Open Mercato module) cost nothing, and a lib file a metadata value imports is read, so counted.
// The cache is written through the FileSystem but not through a plan: it holds no app content and is safe to delete.


/** What discovery consulted, by path relative to the app root (package files lead out of it). */
export interface Consulted { reads: string[]; lists: string[]; dirs: string[] }

/**
 * The inputs' fingerprint and the md5 of each file the generator wrote from them; and the enabled
 * modules with the fingerprint of what decides them (src/modules.ts, .env, the variables it reads).
 */
export interface CacheEntry {
  key: string
  consulted: Consulted
  outputs: Record<string, string>
  warnings: string[]
  modulesKey: string
  enabled: Array<{ id: string; from: string }>
}

export const md5 = (text: string) => createHash('md5').update(text).digest('hex')

// String paths, not path.join: these run once per consulted file of every enabled module.
const fileMark = async (source: ModuleSource, path: string) => {
  const info = await source.stat(path)
  return info ? `${info.size}:${info.mtimeMs}` : '-'
}
// a folder's names and a folder test are marked by the source's own answer, which every run asks alike
const listMark = (names: string[]) => names.join('/')
const dirMark = (dir: boolean) => (dir ? 'd' : '-')

type Marks = { reads: Map<string, string>; lists: Map<string, string>; dirs: Map<string, string> }

function keyOf(modules: LocatedModule[], marks: Marks): string {
  const hash = createHash('md5').update(`${TOOL_VERSION}\n`)
  for (const m of modules) {
    hash.update(`module ${m.id} ${m.from}\n`)
    for (const root of m.roots) hash.update(`root ${root.path} ${root.importBase}\n`)
  }
  for (const [kind, map] of [['r', marks.reads], ['l', marks.lists], ['d', marks.dirs]] as const) {
    for (const path of [...map.keys()].sort()) hash.update(`${kind} ${path}\0${map.get(path)}\n`)
  }
  return hash.digest('hex')
}

/** The fingerprint of what an earlier run consulted, as the source answers now. */
export async function consultedKey(source: ModuleSource, modules: LocatedModule[], consulted: Consulted): Promise<string> {
  const marks: Marks = { reads: new Map(), lists: new Map(), dirs: new Map() }
  for (const p of consulted.reads) marks.reads.set(p, await fileMark(source, p))
  for (const p of consulted.lists) marks.lists.set(p, listMark(await source.list(p)))
  for (const p of consulted.dirs) marks.dirs.set(p, dirMark(await source.isDirectory(p)))
  return keyOf(modules, marks)
}

/**
 * A module source that fingerprints each path as discovery first consults it (before reading it, so
 * a file changed during the run makes the next run differ), and the key and list of what it consulted.
 */
export function recording(source: ModuleSource): { source: ModuleSource; consulted(): Consulted; key(modules: LocatedModule[]): string } {
  const root = source.root
  const marks: Marks = { reads: new Map(), lists: new Map(), dirs: new Map() }
  const first = <T>(map: Map<string, string>, path: string, value: T, mark: (value: T) => string) => {
    if (!map.has(path)) map.set(path, mark(value))
    return value
  }
  return {
    source: {
      root,
      read: async (path) => {
        const mark = marks.reads.has(path) ? null : await fileMark(source, path)
        if (mark !== null && !marks.reads.has(path)) marks.reads.set(path, mark)
        return source.read(path)
      },
      stat: (path) => source.stat(path),
      list: async (path) => first(marks.lists, path, await source.list(path), listMark),
      isDirectory: async (path) => first(marks.dirs, path, await source.isDirectory(path), dirMark),
    },
    consulted: () => ({ reads: [...marks.reads.keys()], lists: [...marks.lists.keys()], dirs: [...marks.dirs.keys()] }),
    key: (modules) => keyOf(modules, marks),
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


// The cache can come with a cloned repository: every path it names must be one the generator
// itself would write or read. Output names are registry files; a module is a folder name of
// src/modules read from the app or a package. Anything else makes it no cache (a slower run).
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/
const outputPath = z.string().refine((p) => p.startsWith(`${GENERATED_DIR}/`) && p.slice(GENERATED_DIR.length + 1).split('/').every((s) => SEGMENT.test(s)))
// consulted paths are only stat'ed and listed, never read from the cache's word
const consultedPath = z.string().refine((p) => !p.includes('\0'))
const cacheSchema = z.object({
  key: z.string(),
  consulted: z.object({ reads: z.array(consultedPath), lists: z.array(consultedPath), dirs: z.array(consultedPath) }),
  outputs: z.record(outputPath, z.string()),
  warnings: z.array(z.string()),
  modulesKey: z.string(),
  enabled: z.array(z.object({ id: z.string().regex(/^[A-Za-z0-9_-]+$/), from: packageName })),
})

export async function readCache(fs: Pick<FileSystem, 'readText'>, appRoot: string): Promise<CacheEntry | null> {
  let data: unknown
  try {
    data = JSON.parse((await fs.readText(join(appRoot, CACHE_FILE))) ?? 'null')
  } catch {
    return null
  }
  const entry = cacheSchema.safeParse(data)
  return entry.success ? entry.data : null
}

export async function writeCache(fs: Pick<FileSystem, 'mkdirp' | 'writeAtomic'>, appRoot: string, entry: CacheEntry): Promise<void> {
  const path = join(appRoot, CACHE_FILE)
  try {
    await fs.mkdirp(dirname(path))
    // through a temp file beside it, which recovery removes if a kill leaves it (engine/journal.ts)
    await fs.writeAtomic(path, JSON.stringify(entry))
  } catch {
    // a cache that cannot be written only makes the next run slower
  }
}
