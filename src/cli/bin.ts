/** The command's name, as users type it and as help and the completion scripts print it. */
export const BIN = 'create-mercato-module'
