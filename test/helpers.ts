import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { Writable } from 'node:stream'
import type { TestContext } from 'node:test'
import { main } from '../dist/index.js'

export const ROOT = join(import.meta.dirname, '..')
export const BIN = join(ROOT, 'bin', 'create-mercato-module.js')

export function tempDir(t: TestContext, prefix = 'cmm-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

class Capture extends Writable {
  text = ''
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString()
    done()
  }
}

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs the CLI in-process (the same `main` the binary runs), off a terminal; `overrides` swap services. */
export async function cli(args: string[], overrides?: Parameters<typeof main>[1]['overrides']): Promise<CliResult> {
  const stdout = new Capture()
  const stderr = new Capture()
  const code = await main(args, { stdout, stderr, isTTY: false, overrides })
  return { code, stdout: stdout.text, stderr: stderr.text }
}

/** Runs the real binary in a child process. */
export function spawnCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, encoding: 'utf8' })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** A fresh starter app in a temp folder; node_modules points at ours so the real tsc can resolve types. */
export async function starterApp(t: TestContext, name = 'shop'): Promise<string> {
  const parent = tempDir(t)
  const result = await cli(['new-app', name, '--cwd', parent, '--quiet', '--no-install'])
  if (result.code !== 0) throw new Error(`new-app failed: ${result.stderr}`)
  const app = join(parent, name)
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir')
  return app
}

/** The real TypeScript compiler on the app. */
export function typecheck(app: string): { ok: boolean; output: string } {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', app], { encoding: 'utf8' })
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` }
}

/**
 * A hash of every file under dir (path, mode and content), node_modules and the generator's
 * .mercato/cache excluded: a memo of the last run (safe to delete), not content of the app.
 */
export function hashTree(dir: string, options: { withCache?: boolean } = {}): string {
  const hash = createHash('sha256')
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name)
      if (name === 'node_modules' || (!options.withCache && name === 'cache' && d.endsWith('.mercato'))) continue
      const info = statSync(path)
      hash.update(`${relative(dir, path)}:${info.mode}\n`)
      if (info.isDirectory()) walk(path)
      else hash.update(readFileSync(path))
    }
  }
  walk(dir)
  return hash.digest('hex')
}

export const read = (...parts: string[]) => readFileSync(join(...parts), 'utf8')

/**
 * An app with Open Mercato's `mercato` CLI installed: a stand-in whose shell `body` runs in place of it
 * (by default it records its arguments in `mercato-called` and prints one line).
 */
export function appWithMercato(t: TestContext, body?: (dir: string) => string): string {
  const dir = tempDir(t)
  writeFileSync(join(dir, 'package.json'), '{"name":"om"}')
  mkdirSync(join(dir, 'src/modules/a'), { recursive: true })
  writeFileSync(join(dir, 'src/modules.ts'), "export const enabledModules = [{ id: 'a', from: '@app' }]\n")
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true })
  const bin = join(dir, 'node_modules/.bin/mercato')
  writeFileSync(bin, `#!/bin/sh\n${body ? body(dir) : `echo "$@" > "${join(dir, 'mercato-called')}"\necho "mercato generated 1 module"\n`}`)
  chmodSync(bin, 0o755)
  return dir
}

/** The error contract: one `error:` line, then at most one `try:` line saying what to do about it. */
export function assertOneError(stderr: string) {
  const lines = stderr.trimEnd().split('\n')
  assert.ok(lines[0]!.startsWith('error: ') && (lines.length === 1 || (lines.length === 2 && lines[1]!.startsWith('try: '))), `one error line, and at most a try line: ${stderr}`)
}
