import type { Progress, Reporter } from './types'

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
/** Steps quicker than this never show a spinner, so fast commands print nothing extra. */
const DELAY_MS = 200

/**
 * A one-line spinner on a terminal's stderr with the elapsed seconds and the latest output line of
 * the step; it starts only after DELAY_MS and erases itself when done. Off a terminal the label is
 * printed once, so logs still say what ran.
 */
export function createProgress(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, label: string): Progress {
  if (!stream.isTTY) {
    stream.write(`${label}…\n`)
    return { update() {}, done() {} }
  }
  const started = Date.now()
  let detail = ''
  let frame = 0
  let drawn = false
  const draw = () => {
    const seconds = Math.floor((Date.now() - started) / 1000)
    const text = `${FRAMES[frame++ % FRAMES.length]} ${label}${seconds ? ` (${seconds}s)` : ''}${detail ? `  ${detail}` : ''}`
    stream.write(`\r\x1b[2K${text.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`)
    drawn = true
  }
  let timer: NodeJS.Timeout | undefined
  const delay = setTimeout(() => {
    draw()
    timer = setInterval(draw, 80)
  }, DELAY_MS)
  return {
    update(line) {
      const clean = line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim()
      if (clean) detail = clean
    },
    done() {
      clearTimeout(delay)
      clearInterval(timer)
      if (drawn) stream.write('\r\x1b[2K')
    },
  }
}

/** Progress through any reporter: one that cannot draw (the TUI's, a test's) gets the label as a note. */
export function startProgress(reporter: Reporter, label: string): Progress {
  if (reporter.progress) return reporter.progress(label)
  reporter.info(`${label}…`)
  return { update() {}, done() {} }
}

/**
 * One line of a terminal that each progress message replaces, erased at the end: per-module progress
 * stays visible while the work runs, and the results are then printed once.
 */
export function createLiveLine(stream: NodeJS.WritableStream & { columns?: number }) {
  let shown = false
  return {
    show(text: string) {
      stream.write(`\r\x1b[2K${text.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`)
      shown = true
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K')
      shown = false
    },
  }
}
