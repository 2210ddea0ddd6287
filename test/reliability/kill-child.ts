/**
 * The CLI in a child process that kills itself with a real SIGKILL right before its Nth call to
 * node:fs that changes the disk (CMM_KILL_AT; unset: never, and CMM_KILL_COUNT gets the number of
 * such calls; CMM_KILL_ON=writeSync:3 dies before the third writeSync instead). Every writer of the tool goes through node:fs, the lock and the cache included, so
 * this is a kill at every point a crash can leave the disk in.
 */
import { createRequire, enableCompileCache, syncBuiltinESMExports } from 'node:module'

const require = createRequire(import.meta.url)
const fs = require('node:fs') as Record<string, (...args: unknown[]) => unknown>
// no fsyncSync: a process killed before an fsync leaves the disk as one killed after the call before it
const MUTATING = ['writeFileSync', 'appendFileSync', 'renameSync', 'rmSync', 'unlinkSync', 'mkdirSync', 'rmdirSync', 'chmodSync', 'copyFileSync', 'symlinkSync', 'openSync', 'writeSync', 'ftruncateSync']
const killAt = Number(process.env.CMM_KILL_AT ?? Number.POSITIVE_INFINITY)
const [killOn, killOnNth] = (process.env.CMM_KILL_ON ?? '').split(':')
let onCalls = 0
const writeCount = fs.writeFileSync!
let calls = 0
for (const name of MUTATING) {
  const real = fs[name]
  if (!real) continue
  fs[name] = function (this: unknown, ...args: unknown[]) {
    // opening to read changes nothing
    if (name === 'openSync' && !/[wa+]/.test(String(args[1] ?? 'r'))) return real.apply(this, args)
    calls += 1
    if (name === killOn) onCalls += 1
    if (calls >= killAt || (name === killOn && onCalls >= Number(killOnNth ?? 1))) process.kill(process.pid, 'SIGKILL')
    return real.apply(this, args)
  }
}
syncBuiltinESMExports()
process.on('exit', () => {
  if (process.env.CMM_KILL_COUNT) writeCount(process.env.CMM_KILL_COUNT, String(calls))
})
// as the bin does: each kill point is a new process, and most of its life is compiling the bundle
enableCompileCache()
const { main } = await import('../../dist/index.js')
const clock = { now: () => new Date('2026-01-02T03:04:05.000Z') }
process.exitCode = await main(JSON.parse(process.env.CMM_KILL_ARGS!) as string[], { stdout: process.stdout, stderr: process.stderr, isTTY: false, overrides: { clock } })
