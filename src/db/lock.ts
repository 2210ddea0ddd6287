import { open, readFile, rm } from 'node:fs/promises'
import { FailureError } from '../errors'

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
export async function lockFile(path: string, what: string, waitMs = 60_000, onWait?: (pid: number) => void): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs
  let told = false
  for (;;) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(`${process.pid}\n`)
      await handle.close()
      return () => rm(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim())
    if (!pid || !alive(pid)) {
      // a holder that died (or an empty file from a crash mid-write) leaves a stale lock
      await rm(path, { force: true })
      continue
    }
    if (Date.now() > deadline) throw new FailureError(`${what} is in use by another process (pid ${pid}, ${path}); try again when it has finished`)
    if (!told) onWait?.(pid)
    told = true
    await sleep(100)
  }
}
