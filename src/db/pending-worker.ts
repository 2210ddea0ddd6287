import { parentPort, workerData } from 'node:worker_threads'
import { createNodeFileSystem } from '../services/fs'
import { checkPending } from './pending'

// The menus' pending-migrations check on its own thread (see tui/background.ts): opening MikroORM and
// the embedded database takes seconds of CPU that would otherwise hold every key and the exit.
parentPort!.postMessage(await checkPending((workerData as { appRoot: string }).appRoot, createNodeFileSystem()))
