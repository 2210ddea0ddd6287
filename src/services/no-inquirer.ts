/**
 * node-plop imports inquirer for plop's own prompts, which this tool never shows: values come from
 * the action specs (flags or the ink form). The bundle maps `inquirer` here, which keeps about a
 * megabyte of inquirer and rxjs out of every scaffolding run.
 */
const notUsed = () => {
  throw new Error('plop prompts are not used by create-mercato-module')
}

export default { registerPrompt: notUsed, prompt: Object.assign(notUsed, { prompts: {} }), createPromptModule: notUsed }
