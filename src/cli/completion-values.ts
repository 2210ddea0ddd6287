import { findAction } from '../actions'
import { findApp } from '../app/detect'
import { createNodeFileSystem } from '../services/fs'
import { createTree } from '../services/tree'

/** The values of one field that the app supplies, through the action's picker (the TUI's pickers). */
export async function appValues(command: string, key: string, given: Record<string, unknown>, cwd: string): Promise<string[]> {
  const picker = findAction(...command.split(' '))?.pickers?.[key]
  if (!picker) return []
  const fs = createNodeFileSystem()
  const app = await findApp(cwd, fs)
  return app ? picker.options(createTree(app.root, fs), given) : []
}
