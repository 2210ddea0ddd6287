import { dirname, join, resolve } from 'node:path'
import { UsageError } from '../errors'
import { MODULES_FILE } from '../paths'
import type { FileSystem } from '../services/types'

export interface AppInfo {
  root: string
  modulesFile: string
}

/** The app root is the nearest folder, from `start` up, holding both package.json and src/modules.ts. */
export async function findApp(start: string, fs: FileSystem): Promise<AppInfo | null> {
  let dir = resolve(start)
  for (;;) {
    const modulesFile = join(dir, MODULES_FILE)
    if ((await fs.readText(join(dir, 'package.json'))) !== null && (await fs.readText(modulesFile)) !== null) {
      return { root: dir, modulesFile }
    }
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

export async function requireApp(start: string, fs: FileSystem): Promise<AppInfo> {
  if (!(await fs.isDirectory(start))) throw new UsageError(`${start} does not exist or is not a folder`)
  const app = await findApp(start, fs)
  if (!app) {
    throw new UsageError(`no Open Mercato app at ${resolve(start)} or above (no package.json with src/modules.ts); create one with: npx create-mercato-module new-app <dir>`)
  }
  return app
}
