/**
 * The trust contract, one file per promise (docs/guarantees.md). Each attack states what is
 * tried, the exit code and message expected, and checks by tree hash that a refusal changed
 * nothing, inside the app or beside it. The counts are printed at the end.
 */
import { reportTally } from './contract.ts'
import './containment.ts'
import './state-files.ts'
import './read-only.ts'
import './read-only-all.ts'
import './linked-state.ts'
import './planted-fields.ts'
import './exit-codes.ts'
import './fidelity.ts'
import './flags.ts'
import './interruption.ts'
import './kill.ts'
import './concurrency.ts'
import './matrix.ts'
import './names.ts'

reportTally()
