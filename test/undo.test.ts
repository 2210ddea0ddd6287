import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, read, starterApp } from './helpers.ts'

describe('undo', () => {
  it('reverses the latest changes one by one, back to the files the app had', async (t) => {
    const app = await starterApp(t)
    const src = hashTree(join(app, 'src'))
    await cli(['module', 'my_sales', '--with-page', '--cwd', app])
    await cli(['entity', 'my_sales', 'note', '--field', 'title:text', '--cwd', app])
    const withModule = hashTree(join(app, 'src'))
    await cli(['entity', 'my_sales', 'note', '--field', 'body:multiline', '--cwd', app])

    const preview = await cli(['undo', '--dry-run', '--diff', '--cwd', app])
    assert.equal(preview.code, 0, preview.stderr)
    assert.match(preview.stdout, /undo entity applied at/)
    assert.match(preview.stdout, /-      \{ key: 'body', kind: 'multiline', label: 'Body' \},/)
    assert.match(read(app, 'src/modules/my_sales/ce.ts'), /body/, 'the preview wrote nothing')

    assert.equal((await cli(['undo', '--cwd', app])).code, 0)
    assert.doesNotMatch(read(app, 'src/modules/my_sales/ce.ts'), /body/)
    assert.equal((await cli(['undo', '--cwd', app])).code, 0)
    assert.equal(existsSync(join(app, 'src/modules/my_sales/ce.ts')), false)
    assert.notEqual(hashTree(join(app, 'src')), withModule)
    const last = await cli(['undo', '--cwd', app])
    assert.equal(last.code, 0, last.stderr)
    assert.match(last.stdout, /- delete src\/modules\/my_sales\/index.ts/)
    assert.equal(hashTree(join(app, 'src')), src, 'src/ is byte for byte what new-app wrote')
    assert.equal(existsSync(join(app, 'src/modules')), false, 'emptied folders go too')
    assert.doesNotMatch(read(app, '.mercato/generated/enabled-module-ids.generated.ts'), /my_sales/, 'the registry follows')

    const done = await cli(['undo', '--cwd', app])
    assert.equal(done.code, 2)
    assert.match(done.stderr, /the latest change created this app; to undo it, delete the app folder/)
  })

  it('leaves a file edited since alone (exit 2, nothing changed) unless --force', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app])
    writeFileSync(join(app, 'src/modules/my_sales/acl.ts'), 'export const features = []\n')
    const before = hashTree(app)
    const refused = await cli(['undo', '--cwd', app])
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /src\/modules\/my_sales\/acl.ts changed after "module" was applied; undo would lose that, so nothing was changed\ntry: --force to undo anyway, losing that change/)
    assert.equal(hashTree(app), before)
    const forced = await cli(['undo', '--force', '--cwd', app])
    assert.equal(forced.code, 0, forced.stderr)
    assert.match(forced.stderr, /note: src\/modules\/my_sales\/acl.ts had changed since; --force reverted it anyway/)
    assert.equal(existsSync(join(app, 'src/modules/my_sales')), false)
  })
})
