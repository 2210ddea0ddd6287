import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { answerFromIndex, readCommandIndex } from '../dist/testing.js'
import { BIN, cli, ROOT } from './helpers.ts'

const index = readCommandIndex(new URL('../dist/commands.json', import.meta.url))!

async function quick(argv: string[]): Promise<{ code: number | undefined; stdout: string }> {
  let stdout = ''
  const sink = new Writable({ write(chunk, _enc, done) { stdout += chunk.toString(); done() } })
  return { code: await answerFromIndex(argv, index, sink, ROOT), stdout }
}

/** Every shape the index answers: the tool's help and version, each command's, group's and tool command's help, the scripts, completions. */
function quickShapes(): string[][] {
  const shapes: string[][] = [['--help'], ['-h'], ['help'], ['--version'], ['-v'], ['completion', 'bash'], ['completion', 'zsh'], ['completion', 'fish']]
  for (const c of index.commands) {
    for (const name of [c.name, ...c.aliases]) shapes.push([...name.split(' '), '--help'], ['help', ...name.split(' ')], [...name.split(' '), '-h'])
  }
  for (const word of [...Object.keys(index.groups), ...Object.keys(index.tools)]) shapes.push([word, '--help'], ['help', word])
  for (const words of [[''], ['mod'], ['db', ''], ['module', 'x', '--'], ['page', 'm', '--area', ''], ['completion', ''], ['help', ''], ['data-entity', 'm', 'e', '--field', ''], ['data-entity', 'm', 'e', '--field', 'plate:'], ['data-entity', 'm', 'e', '--field', 'plate:text:'], ['nope', '']]) shapes.push(['__complete', ...words])
  return shapes
}

describe('start-up from the command index', () => {
  it('answers --help, --version, help <command>, the completion scripts and completions exactly as the full path does', async () => {
    for (const argv of quickShapes()) {
      const fast = await quick(argv)
      assert.equal(fast.code, 0, `the index answers ${argv.join(' ')}`)
      const full = await cli(argv)
      assert.equal(full.code, 0, `${argv.join(' ')}: ${full.stderr}`)
      assert.equal(fast.stdout, full.stdout, argv.join(' '))
    }
  })

  it('leaves every other shape to the full path, which checks the flags', async () => {
    for (const argv of [[], ['module'], ['module', 'x', '--help'], ['--quiet', '--help'], ['help', 'nope'], ['help', 'help'], ['module', '--help', '--bogus'], ['completion', 'tcsh'], ['completion', 'bash', '--bogus'], ['--version', '--json']]) {
      assert.equal((await quick(argv)).code, undefined, argv.join(' '))
    }
  })

  it('the binary answers --help, --version and a completion loading only small files: no action, zod or parser', () => {
    // records every module file the process loads
    const hook = 'data:text/javascript,import{registerHooks}from"node:module";registerHooks({load(u,c,n){process.stderr.write("LOADED "+u+"\\n");return n(u,c)}})'
    for (const argv of [['--help'], ['--version'], ['__complete', 'mod'], ['help', 'db', 'migrate']]) {
      const r = spawnSync(process.execPath, ['--import', hook, BIN, ...argv], { encoding: 'utf8' })
      assert.equal(r.status, 0, r.stderr)
      const files = [...r.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => fileURLToPath(m[1]!))
      const ours = files.filter((f) => f.startsWith(join(ROOT, 'dist')))
      assert.ok(ours.includes(join(ROOT, 'dist', 'cli.js')), `${argv.join(' ')} ran the bundle: ${files.join(', ')}`)
      const bytes = ours.reduce((sum, f) => sum + statSync(f).size, 0)
      assert.ok(bytes < 32_000, `${argv.join(' ')} loaded ${bytes} bytes of dist: ${ours.join(', ')}`)
      assert.deepEqual(files.filter((f) => f.includes('node_modules')), [], argv.join(' '))
    }
  })
})
