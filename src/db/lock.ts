import { FailureError } from '../errors'
import type { FileSystem } from '../services/types'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A lock file holding its owner's pid, created exclusively. A lock whose pid is dead is taken over;
 * a live one is waited for up to `waitMs`, then refused with one line naming the holder.
 */
export async function lockFile(fs: Pick<FileSystem, 'createExclusive' | 'readText' | 'removeFile'>, path: string, what: string, waitMs = 60_000, onWait?: (pid: number) => void): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs
  let told = false
  for (;;) {
    // written whole, then linked in: a reader never sees the file without its pid
    if (await fs.createExclusive(path, `${process.pid}\n`)) return () => fs.removeFile(path)
    const pid = Number(((await fs.readText(path).catch(() => null)) ?? '').trim())
    if (!pid || !alive(pid)) {
      // a holder that died (or an empty file from a crash mid-write) leaves a stale lock
      await fs.removeFile(path)
      continue
    }
    if (Date.now() > deadline) throw new FailureError(`${what} is in use by another process (pid ${pid}, ${path}); try again when it has finished`)
    if (!told) onWait?.(pid)
    told = true
    await sleep(100)
  }
}
