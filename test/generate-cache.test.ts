import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { writeMonorepo } from './fixtures/monorepo.ts'
import { cli, tempDir } from './helpers.ts'

/**
 * The no-op cache is keyed by what discovery consulted, not by every file under the module folders:
 * Open Mercato's modules are mostly tests, lib code and migrations that no registry depends on.
 */
describe('generate: the no-op cache follows what discovery consulted', () => {
  it('a test or lib file nothing imports changes nothing; a lib constant a page.meta imports, a new page and a new subscriber do', async (t) => {
    const repo = writeMonorepo(tempDir(t), {
      packages: {
        core: [{
          id: 'auth',
          pages: 1,
          apis: 1,
          files: {
            'backend/auth/p0/page.meta.ts': "import { FEATURE } from '../../../lib/features'\n\nexport const metadata = {\n  requireAuth: true,\n  requireFeatures: [FEATURE],\n}\n",
            'lib/features.ts': "export const FEATURE = 'auth.view'\n",
            'lib/unused.ts': 'export const unused = 1\n',
            '__tests__/auth.test.ts': "import { FEATURE } from '../lib/features'\nvoid FEATURE\n",
          },
        }],
      },
      appModules: [],
    })
    const gen = async () => {
      const r = await cli(['generate', '--engine', 'bundled', '--cwd', repo.app])
      assert.equal(r.code, 0, r.stderr)
      return r.stdout
    }
    const backend = () => readFileSync(join(repo.app, '.mercato/generated/backend-routes.generated.ts'), 'utf8')
    assert.match(await gen(), /^done: generate/)
    assert.match(backend(), /'auth\.view'/)
    assert.match(await gen(), /^nothing to change/)

    const pkg = join(repo.root, 'packages/core/src/modules/auth')
    writeFileSync(join(pkg, '__tests__/auth.test.ts'), '// rewritten test\n')
    writeFileSync(join(pkg, '__tests__/more.test.ts'), '// a new test\n')
    writeFileSync(join(pkg, 'lib/unused.ts'), 'export const unused = 2\n')
    assert.match(await gen(), /^nothing to change/, 'files discovery never consults are not part of the key')

    writeFileSync(join(pkg, 'lib/features.ts'), "export const FEATURE = 'auth.see'\n")
    assert.match(await gen(), /^done: generate/, 'a file a metadata value imports was read, so it counts')
    assert.match(backend(), /'auth\.see'/)

    mkdirSync(join(pkg, 'subscribers'))
    writeFileSync(join(pkg, 'subscribers/late.ts'), "export const metadata = { event: 'auth.late', persistent: false }\n\nexport default async function handle() {}\n")
    assert.match(await gen(), /^done: generate/, 'a new file in a folder discovery lists counts')
    assert.match(readFileSync(join(repo.app, '.mercato/generated/modules.runtime.generated.ts'), 'utf8'), /auth\.late/)
    assert.match(await gen(), /^nothing to change/)
  })
})
