import { createHash } from 'node:crypto'
import { basename, dirname, join, relative, sep } from 'node:path'
import type { FileSystem } from '../services/types'

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
  for (const write of [...journal.writes].reverse()) {
    if (write.temp) await fs.removeFile(write.temp)
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
      await fs.rename(temp, write.path)
    }
  }
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

function parse(text: string): Journal | null {
  try {
    const journal = JSON.parse(text) as Journal
    return journal?.version === 1 && Array.isArray(journal.writes) && Array.isArray(journal.createdDirs) ? journal : null
  } catch {
    return null
  }
}

/** Stray temp files of the journal itself (a run killed while writing it). */
async function removeJournalTemps(fs: FileSystem, mercatoDir: string): Promise<void> {
  for (const entry of await fs.readDir(mercatoDir)) {
    if (entry.name.startsWith(`.${JOURNAL}.`) && entry.name.endsWith('.tmp')) await fs.removeFile(join(mercatoDir, entry.name))
  }
}

/**
 * Finishes the story of an interrupted apply in `mercatoDir`, if there is one: rolled forward when
 * every write had landed, else rolled back. Returns the one line to tell the user, or null.
 * The caller holds the app's lock, so the journal's writer is gone.
 */
export async function recover(fs: FileSystem, mercatoDir: string): Promise<string | null> {
  await removeJournalTemps(fs, mercatoDir)
  const path = journalPath(mercatoDir)
  const text = await fs.readText(path)
  if (text === null) return null
  const journal = parse(text)
  if (!journal) {
    await fs.removeFile(path)
    return `removed an unreadable ${path} (an apply was interrupted while writing it, before changing any file)`
  }
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
