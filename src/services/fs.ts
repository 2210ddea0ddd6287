import { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { FileSystem } from './types'

const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException)?.code ?? '')

/**
 * The real file system. Calls are synchronous underneath: a generator run reads tens of thousands
 * of small files one after another, and a thread-pool round trip for each costs far more than the read.
 */
export function createNodeFileSystem(): FileSystem {
  return {
    async readText(path) {
      try {
        return readFileSync(path, 'utf8')
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return null
        throw error
      }
    },
    async isDirectory(path) {
      return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false
    },
    async readDir(path) {
      try {
        return readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() }))
      } catch (error) {
        if (isMissing(error)) return []
        throw error
      }
    },
    async writeAtomic(path, content) {
      const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`)
      try {
        writeFileSync(temp, content, { encoding: 'utf8', flag: 'wx' })
        renameSync(temp, path)
      } catch (error) {
        rmSync(temp, { force: true })
        throw error
      }
    },
    async mkdirp(path) {
      return mkdirSync(path, { recursive: true })
    },
    async remove(path) {
      rmSync(path, { recursive: true, force: true })
    },
    async isWritable(path) {
      try {
        // root passes access(W_OK) on anything; the mode bits still say what the user meant.
        if ((statSync(path).mode & 0o222) === 0) return false
        accessSync(path, constants.W_OK)
        return true
      } catch {
        return false
      }
    },
  }
}
