import { basename } from 'node:path'
import { z } from 'zod'
import { UsageError } from '../errors'
import { appDirName } from '../validation/names'
import { defineAction } from './spec'
import { TOOL_VERSION, MIKRO_ORM_VERSION } from '../version'

const FILES: Array<[string, string]> = [
  ['package.json', 'new-app/package.json.hbs'],
  ['tsconfig.json', 'new-app/tsconfig.json.hbs'],
  ['.gitignore', 'new-app/gitignore.hbs'],
  ['README.md', 'new-app/README.md.hbs'],
  ['mikro-orm.config.ts', 'new-app/mikro-orm.config.ts.hbs'],
  ['src/modules.ts', 'new-app/src/modules.ts.hbs'],
  ['types/open-mercato/shared/modules/registry.d.ts', 'new-app/types/open-mercato/shared/modules/registry.d.ts.hbs'],
  ['types/open-mercato/shared/modules/setup.d.ts', 'new-app/types/open-mercato/shared/modules/setup.d.ts.hbs'],
  ['types/open-mercato/shared/lib/di/container.d.ts', 'new-app/types/open-mercato/shared/lib/di/container.d.ts.hbs'],
  ['types/open-mercato/shared/lib/i18n/server.d.ts', 'new-app/types/open-mercato/shared/lib/i18n/server.d.ts.hbs'],
  ['types/open-mercato/shared/lib/openapi/index.d.ts', 'new-app/types/open-mercato/shared/lib/openapi/index.d.ts.hbs'],
  ['types/open-mercato/shared/lib/auth/server.d.ts', 'new-app/types/open-mercato/shared/lib/auth/server.d.ts.hbs'],
]

const input = z.object({
  dir: appDirName.describe('folder to create the app in (its name becomes the package name)'),
})

export const newAppAction = defineAction({
  name: 'new-app',
  summary: 'create a minimal standalone app (src/modules.ts, tsconfig, MikroORM on embedded PGlite)',
  positionals: ['dir'],
  input,
  needsApp: false,
  examples: ['new-app my-shop', 'new-app apps/backoffice --dry-run'],
  async plan({ dir }, { tree, templates, force, cwd }) {
    const target = dir.replace(/[\\/]+$/, '')
    const name = basename(target)
    const data = { name, toolVersion: TOOL_VERSION, mikroOrmVersion: MIKRO_ORM_VERSION }
    const hadFiles = (await tree.list(target)).length > 0
    for (const [path, template] of FILES) await tree.write(`${target}/${path}`, await templates.render(template, data))
    if (hadFiles && !force && tree.changes().length > 0) {
      throw new UsageError(`${target} already exists and is not empty; pick a new folder or use --force to write the starter files into it`)
    }
    return {
      summary: `new app ${name} in ${target}`,
      root: cwd,
      historyDir: `${cwd}/${target}/.mercato/history`,
      notes: [`next: cd ${target} && npx create-mercato-module module <id>`],
    }
  },
})
