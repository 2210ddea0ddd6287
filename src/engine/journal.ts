import { createHash } from 'node:crypto'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { z } from 'zod'
import type { FileSystem } from '../services/types'
import { containedPath } from './contained'
import { CACHE_FILE } from '../paths'

/** Hash of text as stored: the same bytes always give the same hash (see services/text-bytes). */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * The intent of an apply, written before its first write and removed after its last one, so an
 * apply cut short (a kill, a power cut) is rolled back, or forward when it had in fact finished,
 * by the next run of any command.
 */
export interface Journal {
  version: 1
  pid: number
  action: string
  root: string
  writes: Array<{ path: string; before: string | null; beforeMode: number | null; afterHash: string | null; temp: string | null }>
  /** Folders the apply will create, parents first; removed again on rollback when left empty. */
  createdDirs: string[]
}

export const JOURNAL = 'journal.json'
export const journalPath = (mercatoDir: string) => join(mercatoDir, JOURNAL)

const hashOf = (text: string | null) => (text === null ? null : sha256(text))

/**
 * Puts back every file the apply wrote, and only those: a file is restored or removed only when
 * it holds exactly what this apply wrote there. Returns the paths left alone because something
 * else changed them.
 */
export async function rollBack(journal: Journal, fs: FileSystem): Promise<string[]> {
  const left: string[] = []
  const touched = new Set<string>()
  for (const write of [...journal.writes].reverse()) {
    // a temp file holds the new content in full once written, or nothing when the process died
    // between creating and writing it (one write call); one that holds anything else is not ours to delete
    const held = write.temp ? await fs.readText(write.temp) : null
    if (write.temp && held !== null && (held === '' || hashOf(held) === write.afterHash)) await fs.removeFile(write.temp)
    const now = hashOf(await fs.readText(write.path))
    const present = (await fs.entry(write.path))?.kind === 'file'
    const before = hashOf(write.before)
    if (now === before && (present || write.before === null)) continue
    const ours = write.afterHash === null ? !present : now === write.afterHash
    if (!ours) {
      left.push(relative(journal.root, write.path).split(sep).join('/'))
      continue
    }
    if (write.before === null) await fs.removeFile(write.path)
    else {
      const temp = join(dirname(write.path), `.${basename(write.path)}.rollback.tmp`)
      await fs.removeFile(temp)
      await fs.writeNew(temp, write.before, write.beforeMode ?? undefined)
      await fs.sync(temp)
      await fs.rename(temp, write.path)
    }
    touched.add(dirname(write.path))
  }
  // what was put back reaches the disk before the caller removes the journal that could redo it
  for (const dir of touched) await fs.sync(dir)
  for (const dir of [...journal.createdDirs].reverse()) await fs.removeEmptyDir(dir)
  return left
}

/** True when every write of the journal is on disk: the apply finished and only its journal remained. */
export async function completed(journal: Journal, fs: FileSystem): Promise<boolean> {
  for (const write of journal.writes) {
    if (write.temp && (await fs.entry(write.temp))) return false
    if (hashOf(await fs.readText(write.path)) !== write.afterHash) return false
  }
  return true
}

const journalSchema = z.object({
  version: z.literal(1),
  pid: z.number().int(),
  action: z.string(),
  root: z.string(),
  writes: z.array(z.object({
    path: z.string(),
    before: z.string().nullable(),
    beforeMode: z.number().int().nullable(),
    afterHash: z.string().nullable(),
    temp: z.string().nullable(),
  })),
  createdDirs: z.array(z.string()),
})

function parse(text: string): Journal | null {
  try {
    const result = journalSchema.safeParse(JSON.parse(text))
    return result.success ? result.data : null
  } catch {
    return null
  }
}

/** A temp name as the apply makes them (services/fs tempNameFor): beside its file, hidden, random. */
const isTempOf = (temp: string, path: string) =>
  dirname(temp) === dirname(path) && basename(temp).startsWith(`.${basename(path)}.`) && /\.[0-9a-f]{8}\.tmp$/.test(basename(temp))

/**
 * Why a journal must not be acted on, or null: it names another app, or a path, temp or folder that
 * leaves this one (a journal can come with a cloned repository, so it is checked like user input).
 */
async function distrust(journal: Journal, fs: FileSystem, appRoot: string): Promise<string | null> {
  if (resolve(journal.root) !== resolve(appRoot)) return `it belongs to another folder (${journal.root})`
  for (const write of journal.writes) {
    if ((await containedPath(fs, appRoot, write.path)) !== resolve(write.path)) return `it names ${write.path}, outside the app`
    if (write.temp !== null && ((await containedPath(fs, appRoot, write.temp)) !== resolve(write.temp) || !isTempOf(write.temp, write.path))) return `its temp file ${write.temp} is not one this tool makes for ${write.path}`
  }
  for (const dir of journal.createdDirs) {
    if ((await containedPath(fs, appRoot, dir)) !== resolve(dir)) return `it names the folder ${dir}, outside the app`
  }
  return null
}

/** Moves a journal that cannot be trusted aside, where it is kept for the user to read, and says so. */
async function setAside(fs: FileSystem, path: string, why: string, clock: () => Date): Promise<string> {
  const aside = join(dirname(path), `journal.rejected-${clock().toISOString().replace(/[:.]/g, '-')}.json`)
  await fs.rename(path, aside)
  return `ignored ${path}: ${why}; nothing was rolled back and nothing outside it was touched; it is kept as ${aside} (read it, then delete it; if one of your own applies was interrupted, check the files it names, e.g. with git status)`
}

/**
 * Stray temp files of the tool's own state: the journal's and the generator cache's (a run killed
 * between writing one and renaming it). Only a run holding the lock writes either, so none is in use.
 */
async function removeStateTemps(fs: FileSystem, appRoot: string, mercatoDir: string): Promise<void> {
  for (const entry of await fs.readDir(mercatoDir)) {
    if (!entry.isDirectory && entry.name.startsWith(`.${JOURNAL}.`) && entry.name.endsWith('.tmp')) await fs.removeFile(join(mercatoDir, entry.name))
  }
  const cache = join(appRoot, dirname(CACHE_FILE))
  if ((await fs.entry(cache))?.kind !== 'dir') return
  for (const entry of await fs.readDir(cache)) {
    if (!entry.isDirectory && entry.name.endsWith('.tmp')) await fs.removeFile(join(cache, entry.name))
  }
}

/**
 * Finishes the story of an interrupted apply in `mercatoDir`, if there is one: rolled forward when
 * every write had landed, else rolled back. Returns the one line to tell the user, or null.
 * The caller holds the app's lock, so the journal's writer is gone.
 */
export async function recover(fs: FileSystem, appRoot: string, mercatoDir: string, clock: () => Date = () => new Date()): Promise<string | null> {
  await removeStateTemps(fs, appRoot, mercatoDir)
  const path = journalPath(mercatoDir)
  const text = await fs.readText(path)
  if (text === null) return null
  const journal = parse(text)
  // written atomically (temp + rename), so a journal that does not parse is not one of ours
  if (!journal) return setAside(fs, path, 'it is not a journal this tool wrote (it does not parse as one)', clock)
  const why = await distrust(journal, fs, appRoot)
  if (why) return setAside(fs, path, why, clock)
  if (await completed(journal, fs)) {
    // the last step of an apply that deletes: folders its deletes left empty go
    for (const write of journal.writes.filter((w) => w.afterHash === null)) {
      // a folder already gone (the run died while pruning) does not stop the climb
      for (let dir = dirname(write.path); dir.startsWith(journal.root + sep) && (!(await fs.entry(dir)) || (await fs.removeEmptyDir(dir))); dir = dirname(dir));
    }
    await fs.removeFile(path)
    return `an interrupted "${journal.action}" had written every file; it is complete`
  }
  const left = await rollBack(journal, fs)
  await fs.removeFile(path)
  const kept = left.length === 0 ? '' : `; left alone, changed by something else since: ${left.join(', ')}`
  return `an interrupted "${journal.action}" was rolled back${kept}`
}
