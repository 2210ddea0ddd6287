import { posix } from 'node:path'
import type { FileSystem } from './types'
import { collate } from '../collate'

type Node = { kind: 'file'; text: string; mode: number; mtimeMs: number } | { kind: 'dir'; mode: number }

/**
 * A FileSystem held in memory, for unit tests of plans and applies (as Nx devkit tests run
 * generators on an in-memory tree): nothing touches the disk, and a test reads back what was written.
 * Paths are absolute POSIX paths; `files` seeds it, folders being made for each file's parents.
 */
export interface MemoryFileSystem extends FileSystem {
  /** Every file and its text, by absolute path, sorted. */
  files(): Record<string, string>
}

const missing = (path: string, code = 'ENOENT') => Object.assign(new Error(`${code}: ${path}`), { code })

export function createMemoryFileSystem(files: Record<string, string> = {}): MemoryFileSystem {
  const nodes = new Map<string, Node>([['/', { kind: 'dir', mode: 0o755 }]])
  const key = (path: string) => posix.resolve('/', path)
  const parentOf = (path: string) => posix.dirname(key(path))
  const mkdirp = (path: string): string | undefined => {
    const at = key(path)
    if (nodes.get(at)?.kind === 'dir') return undefined
    if (nodes.has(at)) throw missing(at, 'EEXIST')
    const top = mkdirp(posix.dirname(at))
    nodes.set(at, { kind: 'dir', mode: 0o755 })
    return top ?? at
  }
  const children = (path: string) => {
    const prefix = key(path) === '/' ? '/' : `${key(path)}/`
    return [...nodes.keys()].filter((p) => p !== '/' && p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
  }
  let clock = 0
  const watchers = new Set<{ root: string; onChange: (path: string) => void }>()
  const changed = (path: string) => {
    for (const w of watchers) if (key(path).startsWith(`${w.root}/`)) w.onChange(key(path).slice(w.root.length + 1))
  }
  const writeFile = (path: string, text: string, mode: number) => {
    const dir = nodes.get(parentOf(path))
    if (dir?.kind !== 'dir') throw missing(path)
    if (nodes.get(key(path))?.kind === 'dir') throw missing(path, 'EISDIR')
    // a write moves the clock on, so a fingerprint (size and mtime) sees every change
    nodes.set(key(path), { kind: 'file', text, mode, mtimeMs: ++clock })
    changed(path)
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirp(parentOf(path))
    writeFile(path, text, 0o644)
  }

  return {
    files: () => Object.fromEntries([...nodes].flatMap(([p, n]) => (n.kind === 'file' ? [[p, n.text] as const] : [])).sort(([a], [b]) => collate(a, b))),
    async readText(path) {
      const node = nodes.get(key(path))
      return node?.kind === 'file' ? node.text : null
    },
    async isDirectory(path) {
      return nodes.get(key(path))?.kind === 'dir'
    },
    async readDir(path) {
      return children(path).map((p) => ({ name: posix.basename(p), isDirectory: nodes.get(p)!.kind === 'dir' }))
    },
    async writeAtomic(path, content) {
      const before = nodes.get(key(path))
      writeFile(path, content, before?.kind === 'file' ? before.mode : 0o644)
    },
    async writeNew(path, content, mode) {
      if (nodes.has(key(path))) throw missing(path, 'EEXIST')
      writeFile(path, content, mode ?? 0o644)
    },
    async rename(from, to) {
      const moved = [...nodes].filter(([p]) => p === key(from) || p.startsWith(`${key(from)}/`))
      if (moved.length === 0) throw missing(from)
      if (nodes.get(parentOf(to))?.kind !== 'dir') throw missing(to)
      for (const [p] of moved) nodes.delete(p)
      for (const [p, node] of moved) nodes.set(key(to) + p.slice(key(from).length), node)
      changed(from)
      changed(to)
    },
    async createExclusive(path, content) {
      if (nodes.has(key(path))) return false
      writeFile(path, content, 0o644)
      return true
    },
    async sync(path) {
      if (!nodes.has(key(path))) throw missing(path)
    },
    async mkdirp(path) {
      return mkdirp(path)
    },
    async remove(path) {
      for (const p of [...nodes.keys()]) if (p !== '/' && (p === key(path) || p.startsWith(`${key(path)}/`))) nodes.delete(p)
      changed(path)
    },
    async removeFile(path) {
      const node = nodes.get(key(path))
      if (node?.kind === 'dir') throw missing(path, 'EISDIR')
      nodes.delete(key(path))
      changed(path)
    },
    async removeEmptyDir(path) {
      if (nodes.get(key(path))?.kind !== 'dir' || children(path).length > 0) return false
      nodes.delete(key(path))
      return true
    },
    async entry(path) {
      const node = nodes.get(key(path))
      return node ? { kind: node.kind, mode: node.mode } : null
    },
    async stat(path) {
      const node = nodes.get(key(path))
      if (!node) return null
      return node.kind === 'file' ? { size: Buffer.byteLength(node.text), mtimeMs: node.mtimeMs } : { size: 0, mtimeMs: 0 }
    },
    async realPath(path) {
      return nodes.has(key(path)) ? key(path) : null
    },
    async isWritable(path) {
      const node = nodes.get(key(path))
      return node !== undefined && (node.mode & 0o222) !== 0
    },
    watch(root, onChange) {
      const watcher = { root: key(root), onChange }
      watchers.add(watcher)
      return () => void watchers.delete(watcher)
    },
  }
}
