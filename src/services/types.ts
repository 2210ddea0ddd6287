/** The side effects the tool performs, each behind a service so tests can swap one (see services/container.ts). */

export interface FileSystem {
  readText(path: string): Promise<string | null>
  isDirectory(path: string): Promise<boolean>
  /** Entries of a folder with whether each is a folder (a link to one too, with `followLinks`); empty for a missing one. */
  readDir(path: string, options?: { followLinks?: boolean }): Promise<Array<{ name: string; isDirectory: boolean }>>
  /** Write through a temp file in the same folder and rename it (keeping the file's mode), so a reader never sees half a file. */
  writeAtomic(path: string, content: string): Promise<void>
  /** Creates a file that must not exist yet (a temp file), with `mode` exactly when given. */
  writeNew(path: string, content: string, mode?: number): Promise<void>
  rename(from: string, to: string): Promise<void>
  /**
   * Creates `path` holding `content` only if nothing is there, in one step (a reader never sees it
   * empty or half written); false when something is there. For locks.
   */
  createExclusive(path: string, content: string): Promise<boolean>
  /** Flushes a file's content, or a folder's entries (after a rename or delete in it), to the disk, so a power cut keeps them. */
  sync(path: string): Promise<void>
  /** Creates missing folders; returns the top-most folder it created, if any. */
  mkdirp(path: string): Promise<string | undefined>
  /** Removes a file or a whole folder. */
  remove(path: string): Promise<void>
  /** Removes one file (never a folder); a missing one is fine. */
  removeFile(path: string): Promise<void>
  /** Removes a folder only when it is empty; says whether it did. */
  removeEmptyDir(path: string): Promise<boolean>
  /** What is at `path` itself (a link is not followed), or null. */
  entry(path: string): Promise<{ kind: 'file' | 'dir' | 'link' | 'other'; mode: number; target?: string } | null>
  /** Size and modification time of what is at `path` (links followed), or null: a file's fingerprint without reading it. */
  stat(path: string): Promise<{ size: number; mtimeMs: number } | null>
  /** The path with every link resolved, or null when it does not exist. */
  realPath(path: string): Promise<string | null>
  /** False for a folder or file marked read-only, even when running as root. */
  isWritable(path: string): Promise<boolean>
  /** Calls `onChange` with the path (relative to `root`) of whatever changes under it, until the returned function is called. */
  watch(root: string, onChange: (path: string) => void): () => void
}

export interface TemplateRenderer {
  /** Renders `templates/<name>` (or the app's `.mercato/templates/<name>` override) with Handlebars and plop's helpers. */
  render(name: string, data: Record<string, unknown>, appRoot?: string): Promise<string>
  /** The text `render` would use for `name`, and whether it is the app's override. */
  source(name: string, appRoot?: string): Promise<{ text: string; overridden: boolean }>
  /** Every built-in template, as its path under templates/ ("page/page.tsx.hbs"), sorted. */
  builtIns(): Promise<string[]>
  /** The package's templates as release `version` shipped them, without the app's overrides. */
  asOf(version: string): TemplateRenderer
  /** The earlier releases whose templates the package keeps (for asOf), oldest first. */
  releases(): Promise<string[]>
}

export interface RunResult { exitCode: number; stdout: string; stderr: string }
export interface Runner {
  /** `onLine` receives each output line as it comes, for progress; `signal` kills the child when aborted. */
  run(file: string, args: string[], options: { cwd: string; env?: Record<string, string>; onLine?: (line: string) => void; signal?: AbortSignal }): Promise<RunResult>
}

export interface Prompter {
  readonly interactive: boolean
  /** Yes or no; an unclear answer is asked again. Ctrl+C rejects with an InterruptedError. */
  confirm(question: string): Promise<boolean>
  /** A typed answer (the word a destructive command asks for). */
  ask?(question: string): Promise<string>
}

/** A step that may take a while: `update` with its latest output line, `done` to clear it. */
export interface Progress {
  update(line: string): void
  done(): void
}

export interface Reporter {
  /** Results: stdout. */
  out(text: string): void
  /** Progress and notes: stderr, silenced by --quiet. */
  info(text: string): void
  warn(text: string): void
  error(text: string): void
  /** A spinner for a slow step, on stderr; silenced by --quiet. Reporters that cannot draw leave it out. */
  progress?(label: string): Progress
}

export interface Clock { now(): Date }

export interface Services {
  fs: FileSystem
  templates: TemplateRenderer
  runner: Runner
  prompter: Prompter
  reporter: Reporter
  clock: Clock
}
