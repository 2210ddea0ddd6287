import { constants } from 'node:fs'
import { access, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, basename } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { FileSystem } from './types'

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT'

export function createNodeFileSystem(): FileSystem {
  return {
    async readText(path) {
      try {
        return await readFile(path, 'utf8')
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return null
        throw error
      }
    },
    async isDirectory(path) {
      try {
        return (await stat(path)).isDirectory()
      } catch (error) {
        if (isMissing(error)) return false
        throw error
      }
    },
    async readDir(path) {
      try {
        return await readdir(path)
      } catch (error) {
        if (isMissing(error)) return []
        throw error
      }
    },
    async writeAtomic(path, content) {
      const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`)
      try {
        await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' })
        await rename(temp, path)
      } catch (error) {
        await rm(temp, { force: true })
        throw error
      }
    },
    async mkdirp(path) {
      return mkdir(path, { recursive: true })
    },
    async remove(path) {
      await rm(path, { recursive: true, force: true })
    },
    async isWritable(path) {
      try {
        const info = await stat(path)
        // root passes access(W_OK) on anything; the mode bits still say what the user meant.
        if ((info.mode & 0o222) === 0) return false
        await access(path, constants.W_OK)
        return true
      } catch {
        return false
      }
    },
  }
}
