import { join, resolve } from 'node:path'
import { z } from 'zod'
import { appEnv } from '../app/env'
import { resolvePackage } from '../app/packages'
import { installFailure, PACKAGE_MANAGERS, type PackageManager } from '../app/tool-source'
import { applyAction, planAction } from '../dispatch/execute'
import { FailureError, UsageError } from '../errors'
import { addModuleEntry } from '../modules-file/edit'
import { readModulesFile } from '../modules-file/read'
import type { FileSystem, Runner } from '../services/types'
import { moduleId } from '../validation/names'
import { defineAction } from './spec'
import { MODULES_FILE } from '../paths'

/** Module ids a package ships: folders under `dist/modules` or `src/modules` (Open Mercato's two layouts). */
async function modulesInFolder(fs: FileSystem, dir: string): Promise<string[]> {
  const ids = new Set<string>()
  for (const base of ['dist/modules', 'src/modules']) {
    const path = join(dir, base)
    // a linked module folder counts: isDirectory follows the link, as the package manager does
    for (const { name } of await fs.readDir(path)) if (await fs.isDirectory(join(path, name))) ids.add(name)
  }
  return [...ids].sort()
}

/** Whether anything is at `path`, following links. */
const exists = async (fs: FileSystem, path: string) => (await fs.realPath(path)) !== null

const TAKES = 'add takes a package name, a folder with a package.json, or a .tgz'

/** A local package's name from its package.json text; `where` names the file in the message. */
function manifestName(text: string, where: string): string {
  let name: unknown
  try {
    name = JSON.parse(text).name
  } catch {
    throw new UsageError(`${where} is not valid JSON; fix it, or ${TAKES}`)
  }
  if (typeof name !== 'string') throw new UsageError(`${where} has no name`)
  return name
}

/** The name and modules of a local folder or tarball, read before anything is installed. */
async function inspectLocal(path: string, { fs, runner }: { fs: FileSystem; runner: Runner }, cwd: string): Promise<{ name: string; modules: string[] }> {
  if (!(await exists(fs, path))) throw new UsageError(`${path} does not exist; ${TAKES}`)
  if (await fs.isDirectory(path)) {
    const manifest = join(path, 'package.json')
    const text = await fs.readText(manifest)
    if (text === null) throw new UsageError(`${path} has no package.json: ${TAKES}`)
    return { name: manifestName(text, manifest), modules: await modulesInFolder(fs, path) }
  }
  const listing = await runner.run('tar', ['-tzf', path], { cwd })
  const manifest = await runner.run('tar', ['-xzOf', path, 'package/package.json'], { cwd })
  if (listing.exitCode !== 0 || manifest.exitCode !== 0) throw new UsageError(`${path} is not a package tarball (npm pack makes one)`)
  const modules = new Set<string>()
  for (const line of listing.stdout.split('\n')) {
    const m = /^package\/(?:dist|src)\/modules\/([^/]+)\/./.exec(line.trim())
    if (m) modules.add(m[1]!)
  }
  return { name: manifestName(manifest.stdout, `${path}: package/package.json`), modules: [...modules].sort() }
}

/** `@scope/name@^1` → `@scope/name` */
const nameOf = (spec: string) => (spec.startsWith('@') ? `@${spec.slice(1).split('@')[0]}` : spec.split('@')[0]!)

async function packageManagerOf(fs: FileSystem, root: string): Promise<PackageManager> {
  if (await exists(fs, join(root, 'pnpm-lock.yaml'))) return 'pnpm'
  if (await exists(fs, join(root, 'yarn.lock'))) return 'yarn'
  return 'npm'
}

/** Enables the modules of an installed package in src/modules.ts: the plan `add` applies (and `undo` reverses). */
const enableShipped = defineAction({
  kind: 'plan',
  name: 'add',
  summary: 'enable the modules a package ships',
  positionals: [],
  input: z.object({ ids: z.array(z.string()), from: z.string() }),
  needsApp: true,
  generates: true,
  examples: [],
  async plan({ ids, from }, { tree }) {
    let text = (await tree.read(MODULES_FILE))!
    const env = await appEnv(tree)
    for (const id of ids) text = addModuleEntry(readModulesFile(text, env), { id, from }).text
    await tree.write(MODULES_FILE, text)
    return { summary: `enable ${ids.join(', ')} from ${from}` }
  },
})

const isLocalSpec = (spec: string) => /^(\.|\/|~)/.test(spec) || /\.(tgz|tar\.gz)$/.test(spec)

// anything else would reach the package manager as arguments of its own (`add "Bad Package"`)
const packageSpec = z.string().trim().min(1).refine(
  (spec) => isLocalSpec(spec) || /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*(@\S+)?$/.test(spec),
  'is not a package name with an optional version (@acme/loyalty, @acme/loyalty@^2), a folder (./loyalty) or a .tgz',
)

export const addAction = defineAction({
  kind: 'task',
  name: 'add',
  summary: 'install a package that ships modules with the app\'s package manager, enable its modules and regenerate',
  positionals: ['package'],
  input: z.object({
    package: packageSpec.describe('the package: a name (@acme/loyalty, @acme/loyalty@^2), a folder or a .tgz'),
    module: moduleId.optional().describe('enable only this module of the package (default: every module it ships)'),
    packageManager: z.enum(PACKAGE_MANAGERS).optional().describe('package manager (default: from the app\'s lockfile, else npm)'),
  }),
  needsApp: true,
  examples: ['add @acme/loyalty', 'add ../loyalty --module loyalty', 'add ./acme-loyalty-1.0.0.tgz --package-manager pnpm'],
  traits: { openWorld: true },
  async run(i, ctx) {
    const root = ctx.app!.root
    const { runner } = ctx.services
    const localPath = isLocalSpec(i.package) ? resolve(ctx.cwd, i.package) : null
    // a local package is read first, so one that ships no modules changes nothing at all
    const local = localPath ? await inspectLocal(localPath, ctx.services, ctx.cwd) : null
    const check = (name: string, modules: string[], fail: (message: string) => Error) => {
      if (modules.length === 0) throw fail(`${name} ships no modules (no dist/modules/<id> or src/modules/<id>)`)
      if (i.module && !modules.includes(i.module)) throw fail(`${name} has no module "${i.module}"; it ships ${modules.join(', ')}`)
    }
    if (local) check(local.name, local.modules, (m) => new UsageError(`${m}; nothing was installed or changed`))

    const pm = i.packageManager ?? (await packageManagerOf(ctx.services.fs, root))
    const spec = localPath ?? i.package
    const args = pm === 'npm' ? ['install', spec, '--no-audit', '--no-fund'] : ['add', spec]
    ctx.progress({ level: 'info', text: `${pm} ${args.join(' ')}` })
    const installed = await runner.run(pm, args, { cwd: root, onLine: (line) => ctx.progress({ level: 'info', text: line }) })
    if (installed.exitCode !== 0) {
      throw new FailureError(`${pm} could not install ${i.package}: ${installFailure(installed, 'no output')}; src/modules.ts is unchanged`)
    }
    const name = local?.name ?? nameOf(i.package)
    const dir = resolvePackage(root, name)
    const shipped = local?.modules ?? (dir ? await modulesInFolder(ctx.services.fs, dir) : [])
    check(name, shipped, (m) => new FailureError(`${m}: installed, but src/modules.ts is unchanged; remove it with: ${pm} remove ${name}`))

    const ids = i.module ? [i.module] : shipped
    const plan = await planAction(enableShipped, { ids, from: name }, ctx.services, { cwd: root })
    if (plan.changes.length === 0) return { text: `${name}: ${ids.join(', ')} already enabled`, data: { package: name, modules: ids, packageManager: pm, enabled: [] } }
    await applyAction(plan, ctx.services)
    return {
      text: `added ${name} with ${pm}: enabled ${ids.join(', ')} in src/modules.ts and regenerated (undo disables them; ${pm} remove ${name} uninstalls)`,
      data: { package: name, modules: ids, packageManager: pm, enabled: ids },
    }
  },
})
