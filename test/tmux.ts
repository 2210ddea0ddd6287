import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { TestContext } from 'node:test'
import { waitUntil } from './wait.ts'

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' })

/** The TUI in a detached tmux session of the given size. */
export function terminal(t: TestContext, name: string, size: { columns: number; rows: number }, command: string) {
  const session = `${name}-${process.pid}`
  tmux('new-session', '-d', '-s', session, '-x', String(size.columns), '-y', String(size.rows), command)
  t.after(() => spawnSync('tmux', ['kill-session', '-t', session]))
  const screen = () => tmux('capture-pane', '-p', '-t', session)
  const panePid = Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim())
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
    /** Until the screen passes `test`, with no settling pause after. */
    async waitUntil(test: (screen: string) => boolean, what: string) {
      await waitUntil(() => test(screen()), what, screen)
    },
    /** Until the screen matches, then until the program waits for input (its keys are read by the frame shown). */
    async waitFor(pattern: RegExp) {
      await waitUntil(() => pattern.test(screen()), String(pattern), screen)
      await settled(panePid, screen)
    },
  }
}

/** The processes under `pid` (the pane's shell: the program and whatever it runs). */
function descendants(pid: number): number[] {
  let children: number[] = []
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
  return children.flatMap((c) => [c, ...descendants(c)])
}

/** R (running or waiting for a core) or D (in a disk wait): the process has work it has not done. */
function busy(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return /[RD]/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3))
  } catch {
    return false
  }
}

/**
 * A frame is on screen a moment before its key handlers attach (they do in effects after the
 * render), so keys sent at the first match can land on the frame before. The program is ready for
 * keys once it sleeps waiting for input: every process in the pane asleep, twice in a row. On a
 * busy machine that takes as long as it takes, with no pause guessed for it.
 */
async function settled(panePid: number, screen: () => string): Promise<void> {
  let quiet = 0
  await waitUntil(() => {
    quiet = [panePid, ...descendants(panePid)].some(busy) ? 0 : quiet + 1
    return quiet >= 2
  }, 'the program to wait for input', screen)
}
