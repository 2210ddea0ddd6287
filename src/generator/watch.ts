import { createHash } from 'node:crypto'
import type { Services } from '../services/types'
import { MERCATO_DIR } from '../paths'

export interface WatchOptions {
  appRoot: string
  /** Regenerates once; returns a one-line summary. */
  generate: () => Promise<string>
  /** Every file that feeds the generator (src/modules.ts and module files), for the content fingerprint. */
  inputs: () => Promise<string[]>
  debounceMs?: number
  signal?: AbortSignal
}

/**
 * Regenerates on change until aborted (Ctrl+C). File events are debounced and then confirmed
 * by a fingerprint of the inputs' content, so a touch or an editor's save of the same bytes does nothing.
 */
export async function watchAndGenerate(services: Services, options: WatchOptions): Promise<number> {
  const { reporter, fs } = services
  const fingerprint = async () => {
    const hash = createHash('md5')
    for (const file of (await options.inputs()).sort()) hash.update(`${file}\0${(await fs.readText(`${options.appRoot}/${file}`)) ?? ''}\0`)
    return hash.digest('hex')
  }
  reporter.out(await options.generate())
  let last = await fingerprint()
  reporter.info('watching for changes (Ctrl+C to stop)')

  return new Promise<number>((resolve) => {
    let timer: NodeJS.Timeout | undefined
    let running = Promise.resolve()
    const check = () => {
      running = running.then(async () => {
        const now = await fingerprint()
        if (now === last) return
        last = now
        try {
          reporter.out(await options.generate())
        } catch (error) {
          reporter.error((error as Error).message)
        }
      })
    }
    const close = fs.watch(options.appRoot, (name) => {
      if (name.startsWith(MERCATO_DIR) || name.startsWith('node_modules') || name.startsWith('.git')) return
      clearTimeout(timer)
      timer = setTimeout(check, options.debounceMs ?? 200)
    })
    const stop = () => {
      clearTimeout(timer)
      close()
      void running.then(() => resolve(0))
    }
    options.signal?.addEventListener('abort', stop, { once: true })
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}
