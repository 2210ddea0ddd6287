// Child processes of test:om: each command's output goes to its own log file (printed in part when it
// fails), long-lived ones run in their own process group so one signal stops them and their children.
import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'

export class CommandError extends Error {
  constructor(message, log) {
    super(message)
    this.log = log
  }
}

/** The last `lines` lines of a log file, for a failure message. */
export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return ''
  }
}

/** Runs a command to completion with its output in `log`; rejects with the log's tail on a non-zero exit. */
export function run(command, args, { cwd, env, log, timeoutMs = 60 * 60_000 }) {
  return new Promise((resolve, reject) => {
    const fd = openSync(log, 'a')
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd], detached: true })
    closeSync(fd)
    const timer = setTimeout(() => {
      stopGroup(child)
      reject(new CommandError(`${command} ${args.join(' ')} took longer than ${Math.round(timeoutMs / 60_000)} min`, log))
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new CommandError(`${command}: ${error.message}`, log))
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else reject(new CommandError(`${command} ${args.join(' ')} exited with ${code ?? signal}`, log))
    })
  })
}

/** Starts a long-lived command (a server) in its own process group; `stop()` ends the whole group. */
export function start(command, args, { cwd, env, log }) {
  const fd = openSync(log, 'a')
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd], detached: true })
  closeSync(fd)
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)))
  return {
    child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      stopGroup(child, 'SIGTERM')
      const late = setTimeout(() => stopGroup(child, 'SIGKILL'), 15_000)
      await exited
      clearTimeout(late)
      // children that outlived their parent (next's workers) share the group
      stopGroup(child, 'SIGKILL')
    },
  }
}

function stopGroup(child, signal = 'SIGKILL') {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // the group is gone already
  }
}

/** A TCP port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Polls `probe` until it returns a value (not undefined) or `timeoutMs` passes; then throws with what was last seen. */
export async function waitFor(what, probe, { timeoutMs, intervalMs = 2000 }) {
  const deadline = Date.now() + timeoutMs
  let last = 'nothing yet'
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (error) {
      last = error.message
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s (last: ${last})`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
