/**
 * Contract 1 for the tool's own state: a journal, whatever it says, acts only inside the app. A
 * journal can come with a cloned repository, so every path in it is checked like user input, and a
 * linked `.mercato` is refused before the lock or anything else is written through it.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe } from 'node:test'
import { cli, hashTree } from '../helpers.ts'
import { arena, attack, refused, type Arena } from './contract.ts'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const VICTIM = 'a file of the user, outside the app\n'

interface Write { path: string; before: string | null; beforeMode: number | null; afterHash: string | null; temp: string | null }
const journalOf = (a: Arena, writes: Write[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ version: 1, pid: 1, action: 'module', root: a.app, writes, createdDirs: [], ...extra })

const plant = (a: Arena, text: string) => {
  mkdirSync(join(a.app, '.mercato'), { recursive: true })
  writeFileSync(join(a.app, '.mercato/journal.json'), text)
}

const rejected = (a: Arena) => readdirSync(join(a.app, '.mercato')).filter((n) => /^journal\.rejected-.*\.json$/.test(n))

/**
 * Runs `args` on an app with `text` planted as its journal: the command does its own job (exit 0),
 * warns once that the journal was ignored, touches nothing outside, and keeps the journal aside.
 */
async function ignored(a: Arena, text: string, args: string[], why: RegExp) {
  plant(a, text)
  const outside = hashTree(a.outside)
  const result = await cli([...args, '--cwd', a.app])
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`)
  assert.match(result.stderr, /ignored .*journal\.json: /)
  assert.match(result.stderr, why)
  assert.match(result.stderr, /nothing was rolled back/)
  assert.equal(hashTree(a.outside), outside, 'nothing outside the app changed')
  assert.equal(readFileSync(join(a.outside, 'victim.txt'), 'utf8'), VICTIM)
  assert.equal(existsSync(join(a.app, '.mercato/journal.json')), false)
  const kept = rejected(a)
  assert.equal(kept.length, 1, 'the journal is kept aside')
  assert.equal(readFileSync(join(a.app, '.mercato', kept[0]!), 'utf8'), text)
}

describe('1b. a planted journal acts only inside the app', () => {
  for (const args of [['list'], ['doctor'], ['templates', 'list'], ['generate', '--check'], ['module', 'visits', '--dry-run']]) {
    attack(`the issue's journal (temp and path a file outside) with ${args.join(' ')}: the file outside survives`, async (t) => {
      const a = await arena(t)
      const victim = join(a.outside, 'victim.txt')
      await ignored(a, journalOf(a, [{ path: victim, before: null, beforeMode: null, afterHash: 'x', temp: victim }]), args, /outside the app/)
    })
  }

  attack('a path outside with chosen "before" text and the hash of what is there: not overwritten', async (t) => {
    const a = await arena(t)
    const victim = join(a.outside, 'victim.txt')
    await ignored(a, journalOf(a, [{ path: victim, before: 'owned\n', beforeMode: 0o644, afterHash: sha(VICTIM), temp: null }]), ['list'], /outside the app/)
  })

  attack('a relative ../ path: not deleted', async (t) => {
    const a = await arena(t)
    await ignored(a, journalOf(a, [{ path: '../outside/victim.txt', before: null, beforeMode: null, afterHash: sha(VICTIM), temp: null }]), ['list'], /outside the app/)
  })

  attack('createdDirs outside: an empty folder outside is not removed', async (t) => {
    const a = await arena(t)
    mkdirSync(join(a.outside, 'empty'))
    await ignored(a, journalOf(a, [], { createdDirs: [join(a.outside, 'empty'), '/tmp'] }), ['list'], /the folder .* outside the app/)
    assert.ok(existsSync(join(a.outside, 'empty')))
  })

  attack('a path inside the app that goes through a link to outside: not deleted', async (t) => {
    const a = await arena(t)
    symlinkSync(a.outside, join(a.app, 'src/elsewhere'))
    const through = join(a.app, 'src/elsewhere/victim.txt')
    await ignored(a, journalOf(a, [{ path: through, before: null, beforeMode: null, afterHash: sha(VICTIM), temp: null }]), ['list'], /outside the app/)
  })

  attack('a journal of another folder (root elsewhere): not acted on', async (t) => {
    const a = await arena(t)
    const victim = join(a.outside, 'victim.txt')
    await ignored(a, journalOf(a, [{ path: victim, before: null, beforeMode: null, afterHash: sha(VICTIM), temp: null }], { root: a.outside }), ['list'], /another folder/)
  })

  attack('a temp that is a file of the user inside the app (not a temp name of ours): kept', async (t) => {
    const a = await arena(t)
    const file = join(a.app, 'src/modules.ts')
    const before = readFileSync(file, 'utf8')
    await ignored(a, journalOf(a, [{ path: join(a.app, 'src/new.ts'), before: null, beforeMode: null, afterHash: 'x', temp: file }]), ['list'], /temp file .* is not one this tool makes/)
    assert.equal(readFileSync(file, 'utf8'), before)
  })

  attack('a journal that does not parse: kept aside with its text, not deleted', async (t) => {
    const a = await arena(t)
    await ignored(a, '{"version":1,"writes":[{"path":', ['list'], /does not parse/)
  })

  attack('a journal with fields of the wrong type: not acted on', async (t) => {
    const a = await arena(t)
    await ignored(a, JSON.stringify({ version: 1, pid: 1, action: 'module', root: a.app, writes: [{ path: 7 }], createdDirs: 'x' }), ['list'], /does not parse/)
  })

  attack('a temp with our name inside the app but other content than the journal says: kept', async (t) => {
    const a = await arena(t)
    const path = join(a.app, 'src/new.ts')
    const temp = join(a.app, 'src/.new.ts.0123abcd.tmp')
    writeFileSync(temp, 'not what the journal wrote\n')
    plant(a, journalOf(a, [{ path, before: null, beforeMode: null, afterHash: sha('what it wrote\n'), temp }]))
    const result = await cli(['list', '--cwd', a.app])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stderr, /was rolled back/)
    assert.equal(readFileSync(temp, 'utf8'), 'not what the journal wrote\n')
  })
})

describe('1c. a linked .mercato is refused by every command, before the lock', () => {
  const linkMercato = (a: Arena) => {
    mkdirSync(join(a.app, '.mercato'), { recursive: true })
    renameSync(join(a.app, '.mercato'), join(a.outside, 'mercato'))
    symlinkSync(join(a.outside, 'mercato'), join(a.app, '.mercato'))
  }
  for (const args of [['list'], ['doctor'], ['templates', 'list'], ['generate', '--check'], ['module', 'visits'], ['module', 'visits', '--dry-run'], ['undo']]) {
    attack(`${args.join(' ')} with .mercato linked outside: exit 2, no lock written there`, async (t) => {
      const a = await arena(t)
      linkMercato(a)
      const victim = join(a.outside, 'victim.txt')
      writeFileSync(join(a.outside, 'mercato/journal.json'), journalOf(a, [{ path: victim, before: null, beforeMode: null, afterHash: sha(VICTIM), temp: null }]))
      await refused(a, args, 2, /refused: \.mercato is a link to .*outside\/mercato, outside the app; nothing was changed/)
      assert.equal(existsSync(join(a.outside, 'mercato/lock')), false)
      assert.equal(readFileSync(victim, 'utf8'), VICTIM)
    })
  }

  for (const name of ['journal.json', 'history', 'lock']) {
    attack(`.mercato/${name} linked outside: refused by list and by a scaffold`, async (t) => {
      const a = await arena(t)
      mkdirSync(join(a.app, '.mercato'), { recursive: true })
      mkdirSync(join(a.outside, 'target'))
      const target = name === 'history' ? join(a.outside, 'target') : join(a.outside, 'target', name)
      if (name !== 'history') writeFileSync(target, name === 'lock' ? '{"pid":1}\n' : journalOf(a, []))
      rmSync(join(a.app, '.mercato', name), { recursive: true, force: true })
      symlinkSync(target, join(a.app, '.mercato', name))
      await refused(a, ['list'], 2, new RegExp(`refused: \\.mercato/${name.replace('.', '\\.')} is a link to .*, outside the app`))
      await refused(a, ['module', 'visits'], 2, new RegExp(`refused: \\.mercato/${name.replace('.', '\\.')} is a link to .*, outside the app`))
    })
  }
})

describe('1d. a planted manifest: undo acts only inside the app', () => {
  const manifestOf = (path: string, before: string | null) => JSON.stringify({
    version: 1, action: 'module', input: {}, appliedAt: '2026-01-01T00:00:00.000Z',
    changes: [{ path, kind: before === null ? 'create' : 'edit', beforeHash: before === null ? null : sha(before), afterHash: sha(VICTIM), before }],
  })
  const plantManifest = (a: Arena, text: string) => {
    mkdirSync(join(a.app, '.mercato/history'), { recursive: true })
    writeFileSync(join(a.app, '.mercato/history/9999-planted.json'), text)
  }
  const cases: Array<[string, string, string | null, RegExp]> = [
    ['a created file through a link to outside: not deleted', 'src/elsewhere/victim.txt', null, /refused: src\/elsewhere is a link to .*outside, outside the app; nothing was changed \(src\/elsewhere\/victim\.txt would be written there\)/],
    ['an edited file through a link to outside: not given the manifest\'s "before"', 'src/elsewhere/victim.txt', 'owned\n', /refused: src\/elsewhere is a link to .*outside, outside the app; nothing was changed \(src\/elsewhere\/victim\.txt would be written there\)/],
    ['a ../ path: not deleted', '../outside/victim.txt', null, /is not a valid manifest at changes\.0\.path: is not a path inside the app/],
  ]
  for (const [name, path, before, why] of cases) {
    for (const force of [false, true]) {
      attack(`${name}${force ? ' (--force)' : ''}`, async (t) => {
        const a = await arena(t)
        symlinkSync(a.outside, join(a.app, 'src/elsewhere'))
        plantManifest(a, manifestOf(path, before))
        await refused(a, ['undo', ...(force ? ['--force'] : [])], 2, why)
        assert.equal(readFileSync(join(a.outside, 'victim.txt'), 'utf8'), VICTIM)
        assert.equal(existsSync(join(a.app, '.mercato/history/9999-planted.json')), true, 'the manifest stays for the user to look at')
      })
    }
  }
})

describe('1e. a planted generator cache: its paths are checked, a bad one is only a slower run', () => {
  const md5 = (text: string) => createHash('md5').update(text).digest('hex')
  const cacheFile = (a: Arena) => join(a.app, '.mercato/cache/generate.json')
  const plants: Array<[string, (cache: { outputs: Record<string, string>; enabled: Array<{ id: string; from: string }> }) => void]> = [
    ['an enabled module id that climbs out of src/modules', (c) => { c.enabled.push({ id: '../../../outside', from: '@app' }) }],
    ['an enabled module from a path instead of a package', (c) => { c.enabled.push({ id: 'victim', from: '../../outside' }) }],
    ['an output outside the registry folder', (c) => { c.outputs['../outside/victim.txt'] = md5(VICTIM) }],
    ['an output that is an absolute path', (c) => { c.outputs['/etc/hostname'] = 'x' }],
  ]
  for (const [name, edit] of plants) {
    attack(`${name}: generate runs as without a cache, and --check agrees`, async (t) => {
      const a = await arena(t)
      const first = await cli(['generate', '--cwd', a.app])
      assert.equal(first.code, 0, first.stderr)
      const registry = hashTree(join(a.app, '.mercato/generated'))
      const cache = JSON.parse(readFileSync(cacheFile(a), 'utf8'))
      edit(cache)
      writeFileSync(cacheFile(a), JSON.stringify(cache))
      const outside = hashTree(a.outside)
      const again = await cli(['generate', '--cwd', a.app])
      assert.equal(again.code, 0, again.stderr)
      assert.equal(hashTree(join(a.app, '.mercato/generated')), registry, 'the registry is what a run without the cache writes')
      assert.equal(hashTree(a.outside), outside)
      const check = await cli(['generate', '--check', '--cwd', a.app])
      assert.equal(check.code, 0, check.stderr)
    })
  }
})
