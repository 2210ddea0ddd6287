import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, tempDir } from './helpers.ts'
import { PAGE, writeMonorepo, writeStandalone } from './fixtures/monorepo.ts'

const SHOP_PAGE = "import { label } from '../../../lib/label'\nimport type { Meta } from './types'\n\nexport default function Page() {\n  return label\n}\n"

function shop(t: import('node:test').TestContext, srcMirror: boolean) {
  const { app } = writeStandalone(tempDir(t), {
    srcMirror,
    packages: { '@acme/shop': [{ id: 'catalog', pages: 1, apis: 1, files: { 'backend/catalog/list/page.tsx': SHOP_PAGE, 'lib/label.ts': "export const label = 'Catalog'\n" } }] },
    modulesTs: "export const enabledModules = [{ id: 'catalog', from: '@acme/shop' }]\n",
  })
  return app
}

async function pageFile(app: string, url: string) {
  const list = JSON.parse((await cli(['list', '--json', '--cwd', app])).stdout).data
  return (list.pages as Array<{ url: string; file: string; overrides?: string }>).find((p) => p.url === url)
}

describe('override', () => {
  for (const srcMirror of [false, true]) {
    it(`copies a page of an installed package (${srcMirror ? 'src mirror' : 'dist only'}) so list serves the app's file at the same URL; undo falls back`, async (t) => {
      const app = shop(t, srcMirror)
      assert.equal((await cli(['generate', '--cwd', app, '--quiet'])).code, 0)
      const before = hashTree(app)
      const ext = srcMirror ? 'tsx' : 'js'
      const pkgFile = `node_modules/@acme/shop/${srcMirror ? 'src' : 'dist'}/modules/catalog/backend/catalog/list/page.${ext}`
      assert.equal((await pageFile(app, '/backend/catalog/list'))?.file, pkgFile)

      const r = await cli(['override', 'catalog', 'backend/catalog/list/page', '--cwd', app])
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stderr, /app overrides package: src\/modules\/catalog\/backend\/catalog\/list\/page\.(js|tsx) replaces .*, served at \/backend\/catalog\/list/)
      const copy = readFileSync(join(app, `src/modules/catalog/backend/catalog/list/page.${ext}`), 'utf8')
      assert.equal(copy, readFileSync(join(app, pkgFile), 'utf8')
        .replace("'../../../lib/label'", "'@acme/shop/modules/catalog/lib/label'")
        .replace("'./types'", "'@acme/shop/modules/catalog/backend/catalog/list/types'"), 'relative imports name the package; every other byte is the package\'s')
      const served = await pageFile(app, '/backend/catalog/list')
      assert.deepEqual([served?.file, served?.overrides], [`src/modules/catalog/backend/catalog/list/page.${ext}`, pkgFile])
      assert.match((await cli(['list', '--cwd', app])).stdout, /\/backend\/catalog\/list\s+.*src\/modules\/catalog\/backend\/catalog\/list\/page\.(js|tsx) \(app overrides package\)/)
      assert.match((await cli(['override', 'catalog', 'backend/catalog/list/page', '--cwd', app])).stdout, /nothing to change/)

      assert.equal((await cli(['undo', '--yes', '--cwd', app])).code, 0)
      assert.equal(hashTree(app), before)
      assert.equal((await pageFile(app, '/backend/catalog/list'))?.file, pkgFile)
    })
  }

  it('in the monorepo: copies from packages/<pkg>/src/modules and overrides an API route too', async (t) => {
    const repo = writeMonorepo(tempDir(t))
    const before = hashTree(repo.app)
    let r = await cli(['override', 'auth', 'backend/auth/p0/page.tsx', '--no-generate', '--cwd', repo.app])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(readFileSync(join(repo.app, 'src/modules/auth/backend/auth/p0/page.tsx'), 'utf8'), PAGE)
    r = await cli(['override', 'auth', 'api/r0/route.ts', '--no-generate', '--cwd', repo.app])
    assert.equal(r.code, 0, r.stderr)
    const data = JSON.parse((await cli(['list', '--json', '--cwd', repo.app])).stdout).data
    assert.equal(data.pages.find((p: { url: string }) => p.url === '/backend/auth/p0').file, 'src/modules/auth/backend/auth/p0/page.tsx')
    assert.ok(data.api.some((a: { file: string; overrides?: string }) => a.file === 'src/modules/auth/api/r0/route.ts' && a.overrides === '../../packages/core/src/modules/auth/api/r0/route.ts'))
    await cli(['undo', '--yes', '--no-generate', '--cwd', repo.app])
    await cli(['undo', '--yes', '--no-generate', '--cwd', repo.app])
    assert.equal(hashTree(repo.app), before)
  })

  it('refuses what it cannot override in one line, exit 2, nothing changed', async (t) => {
    const app = shop(t, false)
    const before = hashTree(app)
    for (const [args, message] of [
      [['override', 'catalog', 'backend/nope/page.tsx'], /backend\/nope\/page\.tsx is not a file of catalog in node_modules\/@acme\/shop\/dist\/modules\/catalog; files there include backend\/catalog/],
      [['override', 'catalog', '../index.js'], /must not contain "\." or "\.\." segments/],
      [['override', 'ghost', 'index.js'], /module "ghost" is not enabled/],
    ] as const) {
      const r = await cli([...args, '--cwd', app])
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, message)
      assert.equal(hashTree(app), before)
    }
  })
})
