import { homedir } from 'node:os'
import { basename, isAbsolute, relative, resolve } from 'node:path'
import { z } from 'zod'
import { PACKAGE_MANAGERS, runTool, startedWith, toolDependency } from '../app/tool-source'
import { UsageError } from '../errors'
import { appDirName } from '../validation/names'
import { defineAction } from './spec'
import { TOOL_VERSION, MIKRO_ORM_VERSION } from '../version'
import { HISTORY_DIR, MODULES_FILE } from '../paths'
import { sample } from '../text'

const FILES: Array<[string, string]> = [
  ['package.json', 'new-app/package.json.hbs'],
  ['tsconfig.json', 'new-app/tsconfig.json.hbs'],
  ['.gitignore', 'new-app/gitignore.hbs'],
  ['README.md', 'new-app/README.md.hbs'],
  ['mikro-orm.config.ts', 'new-app/mikro-orm.config.ts.hbs'],
  [MODULES_FILE, 'new-app/src/modules.ts.hbs'],
  ...[
    'modules/registry', 'modules/setup', 'modules/entities', 'modules/events', 'modules/search',
    'modules/notifications/types', 'modules/widgets/injection', 'modules/dashboard/widgets',
    'lib/di/container', 'lib/i18n/server', 'lib/i18n/context', 'lib/openapi/index', 'lib/auth/server', 'modules/encryption',
    'lib/crud/factory', 'lib/crud/types', 'lib/crud/errors', 'lib/crud/custom-fields', 'lib/crud/optimistic-lock-command', 'lib/commands/index', 'lib/commands/helpers', 'lib/data/engine',
  ].map((d): [string, string] => [`types/open-mercato/shared/${d}.d.ts`, `new-app/types/open-mercato/shared/${d}.d.ts.hbs`]),
  ...['events', 'queue'].map((pkg): [string, string] => [`types/open-mercato/${pkg}/index.d.ts`, `new-app/types/open-mercato/${pkg}/index.d.ts.hbs`]),
  ...['backend/Page', 'backend/DataTable', 'backend/RowActions', 'backend/CrudForm', 'backend/FlashMessages', 'backend/confirm-dialog/index', 'backend/utils/apiCall', 'backend/utils/crud', 'primitives/button']
    .map((d): [string, string] => [`types/open-mercato/ui/${d}.d.ts`, `new-app/types/open-mercato/ui/${d}.d.ts.hbs`]),
  ['types/lucide-react/index.d.ts', 'new-app/types/lucide-react/index.d.ts.hbs'],
]

const input = z.object({
  dir: appDirName.describe('folder to create the app in: a name, a relative, absolute or ~ path (its last segment becomes the package name)'),
  install: z.boolean().default(true).describe('install the app\'s dependencies afterwards (--no-install to skip)'),
  packageManager: z.enum(PACKAGE_MANAGERS).optional().describe('package manager for the install (default: the one this tool was started with, else npm)'),
})

/** `~` is the shell's; a path reaching us quoted, or from the TUI or an agent, still means home. */
const expandHome = (dir: string) => (dir === '~' || dir.startsWith('~/') ? homedir() + dir.slice(1) : dir)

/** How to reach the app from where the user stands: relative when it is below, else absolute. */
function shown(root: string): string {
  const rel = relative(process.cwd(), root)
  const path = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? root : rel
  return /[^\w@%+=:,./-]/.test(path) ? `'${path.replace(/'/g, `'\\''`)}'` : path
}

export const newAppAction = defineAction({
  kind: 'plan',
  name: 'new-app',
  summary: 'create a minimal standalone app (src/modules.ts, tsconfig, MikroORM on embedded PGlite) and install it',
  positionals: ['dir'],
  input,
  needsApp: false,
  // a new app's registry is generated with it, so it is up to date from the start (generate --check passes)
  generates: true,
  examples: ['new-app my-shop', 'new-app ~/code/shop --package-manager pnpm', 'new-app ../backoffice --no-install --dry-run'],
  // its install fetches the dependencies from a registry
  traits: { openWorld: true },
  root: ({ dir }, cwd) => resolve(cwd, expandHome(dir)),
  async plan({ install, packageManager }, { tree, templates, force }) {
    const name = basename(tree.root)
    const pm = packageManager ?? startedWith()
    const data = { name, toolDependency: toolDependency(TOOL_VERSION), mikroOrmVersion: MIKRO_ORM_VERSION }
    const where = shown(tree.root)
    if ((await tree.exists('.')) && !(await tree.isDirectory('.'))) throw new UsageError(`${where} is a file; pick a folder for the app`)
    // --force may fill a non-empty folder, never rewrite an app: its src/modules.ts holds the user's registrations
    if ((await tree.exists('package.json')) && (await tree.exists(MODULES_FILE))) {
      throw new UsageError(`${where} already holds an app (package.json and src/modules.ts); pick a new folder`)
    }
    const hadFiles = (await tree.list('.')).length > 0
    for (const [path, template] of FILES) await tree.write(path, await templates.render(template, data))
    if (hadFiles && !force && tree.changes().length > 0) {
      // --force is offered only where it adds files: over one of the user's it would replace their work
      const overwritten = tree.changes().filter((c) => c.before !== null).map((c) => c.path)
      if (overwritten.length > 0) throw new UsageError(`${where} already exists and holds ${sample(overwritten)}, which the starter would overwrite; pick a new folder`)
      const kept = (await tree.list('.')).filter((n) => !tree.changes().some((c) => c.path === n || c.path.startsWith(`${n}/`)))
      throw new UsageError(`${where} already exists and is not empty; pick a new folder`, { text: `write the starter files into it (${kept.length === 0 ? 'the files there stay as they are' : kept.length === 1 ? `${kept[0]} stays as it is` : `${sample(kept)} stay as they are`})`, set: { force: true } })
    }
    const tool = runTool(pm)
    return {
      summary: `new app ${name} in ${where}`,
      historyDir: `${tree.root}/${HISTORY_DIR}`,
      followUps: install ? [{ kind: 'install', packageManager: pm }] : [],
      next: [install ? `cd ${where} && ${tool} module <id>` : `cd ${where} && ${pm} install && ${tool} module <id>`],
    }
  },
})
