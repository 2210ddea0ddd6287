import { accessSync, chmodSync, closeSync, constants, fsyncSync, linkSync, lstatSync, openSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, watch, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { decodeText, encodeText } from './text-bytes'
import type { FileSystem } from './types'

const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException)?.code ?? '')

/** A temp name beside `path`, so the rename that publishes it stays on one file system. */
export const tempNameFor = (path: string) => join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`)

/**
 * The real file system. Calls are synchronous underneath: a generator run reads tens of thousands
 * of small files one after another, and a thread-pool round trip for each costs far more than the read.
 * Text goes through decodeText/encodeText, so bytes that are not UTF-8 survive a read-edit-write.
 */
export function createNodeFileSystem(): FileSystem {
  const writeNew = (path: string, content: string, mode?: number) => {
    try {
      writeFileSync(path, encodeText(content), { flag: 'wx', mode: mode ?? 0o666 })
      // the umask narrows the mode given at creation; a kept mode must come back exactly
      if (mode !== undefined) chmodSync(path, mode)
    } catch (error) {
      // created by this call (wx), so a half-written file (a full disk) is ours to remove
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(path, { force: true })
      throw error
    }
  }
  return {
    async readText(path) {
      try {
        return decodeText(readFileSync(path))
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return null
        throw error
      }
    },
    async isDirectory(path) {
      return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false
    },
    async readDir(path, options) {
      try {
        const linkedDir = (name: string) => statSync(join(path, name), { throwIfNoEntry: false })?.isDirectory() ?? false
        return readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() || (options?.followLinks === true && e.isSymbolicLink() && linkedDir(e.name)) }))
      } catch (error) {
        if (isMissing(error)) return []
        throw error
      }
    },
    async writeAtomic(path, content) {
      const temp = tempNameFor(path)
      const mode = statSync(path, { throwIfNoEntry: false })?.mode
      try {
        writeNew(temp, content, mode === undefined ? undefined : mode & 0o7777)
        renameSync(temp, path)
      } catch (error) {
        rmSync(temp, { force: true })
        throw error
      }
    },
    async writeNew(path, content, mode) {
      writeNew(path, content, mode)
    },
    async rename(from, to) {
      renameSync(from, to)
    },
    async createExclusive(path, content) {
      // written in full under a temp name, then linked in: the link fails when `path` exists. The
      // temp names its process, so one left by a kill is known to be stale (engine/lock)
      const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
      try {
        writeNew(temp, content)
        linkSync(temp, path)
        return true
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
        throw error
      } finally {
        rmSync(temp, { force: true })
      }
    },
    async sync(path) {
      const fd = openSync(path, 'r')
      try {
        fsyncSync(fd)
      } catch (error) {
        // file systems that cannot flush a folder (some network and FUSE ones) keep what they keep
        if (!['EINVAL', 'ENOTSUP', 'EISDIR', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error
      } finally {
        closeSync(fd)
      }
    },
    async mkdirp(path) {
      return mkdirSync(path, { recursive: true })
    },
    async remove(path) {
      rmSync(path, { recursive: true, force: true })
    },
    async removeFile(path) {
      try {
        unlinkSync(path)
      } catch (error) {
        if (!isMissing(error)) throw error
      }
    },
    async removeEmptyDir(path) {
      try {
        rmdirSync(path)
        return true
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? ''
        if (isMissing(error) || code === 'ENOTEMPTY' || code === 'EEXIST') return false
        throw error
      }
    },
    async entry(path) {
      const info = lstatSync(path, { throwIfNoEntry: false })
      if (!info) return null
      if (info.isSymbolicLink()) return { kind: 'link', mode: info.mode & 0o7777, target: resolve(dirname(path), readlinkSync(path)) }
      return { kind: info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other', mode: info.mode & 0o7777 }
    },
    async stat(path) {
      const info = statSync(path, { throwIfNoEntry: false })
      return info ? { size: info.size, mtimeMs: info.mtimeMs } : null
    },
    async realPath(path) {
      try {
        return realpathSync(path)
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
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
    watch(root, onChange) {
      const watcher = watch(root, { recursive: true }, (_event, file) => onChange(String(file ?? '')))
      return () => watcher.close()
    },
  }
}
