/**
 * Names that compile in a regular expression's eyes but not in the code they end up in:
 * JavaScript's reserved words, the names the generated files import, and the limits of
 * PostgreSQL identifiers and of file names.
 */

/** Problems are phrased to follow the name they are about: `"class" is a reserved word…`. */

/** Reserved (or strict-mode-reserved) words, and the globals a class of the same name would shadow. */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'arguments',
  'eval', 'undefined', 'NaN', 'Infinity',
])

/** Properties every object already has: a field named so is a syntax error or corrupts the prototype. */
const OBJECT_MEMBERS = new Set(['constructor', 'prototype', '__proto__'])

/**
 * Keys every custom entity record already has: Open Mercato's records API drops `id` and the
 * timestamps from a form's values, and its data engine drops `entity_id`, so a custom field named so
 * could never be saved.
 */
const RECORD_KEYS = new Set(['id', 'entity_id', 'entityId', 'created_at', 'createdAt', 'updated_at', 'updatedAt', 'deleted_at', 'deletedAt'])

/** What data/entities.ts and validators.ts import or use as globals: an entity class named so would shadow it. */
const TAKEN_CLASS_NAMES = new Set([
  'Entity', 'Property', 'PrimaryKey', 'Index', 'Unique', 'Enum', 'ManyToOne', 'OneToMany', 'ManyToMany', 'OneToOne',
  'OptionalProps', 'Opt', 'z', 'Object', 'Function', 'Promise', 'Array', 'String', 'Number', 'Boolean', 'Symbol',
  'Date', 'Error', 'Map', 'Set', 'JSON', 'Math', 'BigInt', 'RegExp',
])

/** PostgreSQL cuts longer identifiers silently, so two long names could become one table or column. */
export const PG_IDENTIFIER_BYTES = 63

/**
 * Open Mercato keeps a module's applied migrations in `mikro_orm_migrations_<id>`; a longer id would be
 * cut by PostgreSQL, and two modules could share one migrations table. Ids are ASCII, so bytes are characters.
 */
export const MODULE_ID_MAX = PG_IDENTIFIER_BYTES - 'mikro_orm_migrations_'.length

/** The file system's 255 bytes per name, less room for the extension a generated file adds. */
export const NAME_BYTES = 250

export const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

export function classNameProblem(name: string): string | null {
  if (TAKEN_CLASS_NAMES.has(name)) return `is a name the generated entities file already uses (an import or a global); pick another class name`
  if (RESERVED.has(name)) return `is a reserved word in JavaScript; pick another class name`
  return null
}

export function propertyNameProblem(name: string): string | null {
  if (OBJECT_MEMBERS.has(name)) return `is a property every JavaScript object has; pick another field name`
  if (RESERVED.has(name)) return `is a reserved word in JavaScript; pick another field name`
  return null
}

/** ce.ts writes keys as strings, so a reserved word compiles there; what breaks is a key an object or a record already has. */
export function customFieldKeyProblem(key: string): string | null {
  if (OBJECT_MEMBERS.has(key)) return `is a property every JavaScript object has; pick another field key`
  if (RECORD_KEYS.has(key)) return `is a key every custom entity record has (Open Mercato drops it from the values saved); pick another field key`
  return null
}

export function pgIdentifierProblem(what: string, name: string): string | null {
  const n = bytes(name)
  return n > PG_IDENTIFIER_BYTES ? `${what} "${name}" is ${n} bytes; PostgreSQL keeps only ${PG_IDENTIFIER_BYTES}` : null
}

export function fileNameProblem(name: string): string | null {
  const n = bytes(name)
  return n > NAME_BYTES ? `"${name.slice(0, 20)}…" is ${n} bytes; a file or folder name can have at most ${NAME_BYTES}` : null
}
