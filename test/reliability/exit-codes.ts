/** Contract 5 and 6: the registry is part of the plan; exit 2 only when nothing changed; errors after an apply say what was applied. */
import assert from 'node:assert/strict'
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe } from 'node:test'
import { cli, hashTree } from '../helpers.ts'
import { arena, attack, ok, refused } from './contract.ts'

describe('5. the registry inside the plan', () => {
  attack('module --requires nope: refused before anything is written (exit 2), and the app keeps working', async (t) => {
    const a = await arena(t)
    await refused(a, ['module', 'foo', '--requires', 'nope'], 2,
      /refused: after this change the registry could not be generated: module "foo" requires "nope".*nothing was changed/)
    await ok(a, ['module', 'bar'])
  })

  attack('--dry-run lists the registry files as one line each; --diff shows them', async (t) => {
    const a = await arena(t)
    const before = a.snapshot()
    const dry = await ok(a, ['module', 'visits', '--dry-run'])
    assert.match(dry.stdout, /~ edit   \.mercato\/generated\/modules\.generated\.ts \(registry\)\n/)
    assert.doesNotMatch(dry.stdout, /^\+\+\+ /m)
    const diff = await ok(a, ['module', 'visits', '--dry-run', '--diff'])
    assert.match(diff.stdout, /\+\+\+ b\/\.mercato\/generated\/modules\.generated\.ts/)
    assert.deepEqual(a.snapshot(), before)
  })

  attack('the registry is applied in the same step: the manifest records only the action\'s own files', async (t) => {
    const a = await arena(t)
    const done = await ok(a, ['module', 'visits'])
    assert.match(done.stdout, /\.mercato\/generated\/modules\.generated\.ts/)
    assert.match(readFileSync(join(a.app, '.mercato/generated/modules.generated.ts'), 'utf8'), /visits/)
    await ok(a, ['undo'])
    assert.doesNotMatch(readFileSync(join(a.app, '.mercato/generated/modules.generated.ts'), 'utf8'), /visits/)
  })

  attack('with Open Mercato\'s CLI as engine, a failing generate after the apply: exit 1 naming what was applied', async (t) => {
    const a = await arena(t)
    rmSync(join(a.app, 'node_modules'))
    mkdirSync(join(a.app, 'node_modules/.bin'), { recursive: true })
    const bin = join(a.app, 'node_modules/.bin/mercato')
    writeFileSync(bin, '#!/bin/sh\necho "route conflict in sales" >&2\nexit 3\n')
    chmodSync(bin, 0o755)
    const result = await cli(['module', 'visits', '--cwd', a.app])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error: applied: src\/modules\.ts, src\/modules\/visits\/acl\.ts, .*; the registry was not regenerated: mercato generate failed \(exit 3\): route conflict in sales; fix it and run generate\ntry: regenerate with: generate --engine bundled\n$/m)
    assert.ok(existsSync(join(a.app, 'src/modules/visits/index.ts')), 'the apply stands')
  })
})

describe('6. exit codes that tell the truth', () => {
  attack('db status in an app whose engine is Open Mercato\'s CLI (which has no status command): answers (exit 0) and names the engine', async (t) => {
    const a = await arena(t)
    // installed above the app, as a workspace hoists it: the app keeps its own MikroORM
    const bin = join(dirname(a.app), 'node_modules/.bin/mercato')
    mkdirSync(dirname(bin), { recursive: true })
    writeFileSync(bin, '#!/bin/sh\nexit 3\n', { mode: 0o755 })
    const result = await cli(['db', 'status', '--cwd', a.app])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /\nengine: mercato \(Open Mercato's CLI\): nothing pending for mercato db migrate; /)
  })

  attack('undo refuses (exit 2) when a file changed since, and changes nothing', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits'])
    writeFileSync(join(a.app, 'src/modules/visits/acl.ts'), '// mine\n')
    await refused(a, ['undo'], 2, /src\/modules\/visits\/acl.ts changed after "module" was applied; .*nothing was changed/)
  })

  attack('undo with a registry that cannot be generated is refused before anything is touched', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits'])
    await ok(a, ['module', 'my_sales'])
    // the user breaks the app by hand: visits now requires a module that is not enabled
    const index = join(a.app, 'src/modules/visits/index.ts')
    writeFileSync(index, readFileSync(index, 'utf8').replace("version: '0.1.0',", "version: '0.1.0',\n  requires: ['nope'],"))
    await refused(a, ['undo'], 2, /refused: after this change the registry could not be generated: .*nope/)
  })

  attack('every exit 1 of an apply says what happened to the files', async (t) => {
    const a = await arena(t)
    const before = hashTree(a.app)
    const result = await cli(['module', 'visits', '--cwd', a.app], {
      fs: { ...(await import('../../dist/index.js')).createNodeFileSystem(), async rename() { throw new Error('EIO: i/o error') } },
    })
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error: apply failed: EIO: i\/o error; every file was restored\n$/)
    assert.equal(hashTree(a.app), before)
  })
})
