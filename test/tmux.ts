import { execFileSync, spawnSync } from 'node:child_process'
import type { TestContext } from 'node:test'

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' })

/** The TUI in a detached tmux session of the given size. */
export function terminal(t: TestContext, name: string, size: { columns: number; rows: number }, command: string) {
  const session = `${name}-${process.pid}`
  tmux('new-session', '-d', '-s', session, '-x', String(size.columns), '-y', String(size.rows), command)
  t.after(() => spawnSync('tmux', ['kill-session', '-t', session]))
  const screen = () => tmux('capture-pane', '-p', '-t', session)
  return {
    screen,
    /** The screen with its attributes as escape sequences. */
    styled: () => tmux('capture-pane', '-p', '-e', '-t', session),
    /** The screen and everything that scrolled off it. */
    history: () => tmux('capture-pane', '-p', '-S', '-', '-t', session),
    keys: (...k: string[]) => tmux('send-keys', '-t', session, ...k),
    resize: (columns: number, rows: number) => tmux('resize-window', '-t', session, '-x', String(columns), '-y', String(rows)),
    paste: (text: string) => {
      tmux('set-buffer', '-b', session, text)
      tmux('paste-buffer', '-d', '-b', session, '-t', session)
    },
    /** Until the screen passes `test` (a minute at most), with no settling pause after. */
    async waitUntil(test: (screen: string) => boolean, what: string) {
      const until = Date.now() + 60000
      while (!test(screen())) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}; screen:\n${screen()}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    async waitFor(pattern: RegExp) {
      const until = Date.now() + 20000
      while (!pattern.test(screen())) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; screen:\n${screen()}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      await new Promise((r) => setTimeout(r, 150))
    },
  }
}

