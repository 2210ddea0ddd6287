/**
 * The one static reader of values in source files: an expression as a value (`evaluate`, with a
 * scope saying what names, process.env and builtins mean) and a file's export followed through its
 * constants and imports (`StaticResolver`). modules.ts, page metadata, discovery and source edits
 * all read through it; nothing here runs the code it reads.
 */
export { evaluate, type Scope } from './evaluate'
export { StaticResolver, type TextSource } from './resolver'
export { literalMetadata } from './literal-text'
export { firstUnknown, isRecord, isUnknown, known, Unknown, type Resolved, type StaticValue } from './value'
