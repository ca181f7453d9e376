import type { Command } from 'commander'
import { AppError } from '../http/index.js'
import { changePassword, createAccount, endSessionsOf, findAccountByEmail, getAccountByEmail, isRole, isValidEmail, listAccounts, MIN_PASSWORD_LENGTH, normalizeEmail, ROLES } from '../staff/index.js'
import { CliError, openMigratedDb } from './main.js'
import { PasswordMismatch, readPassword } from './read-password.js'

/** English messages for the operator (the newsroom pages carry the Arabic ones). */
export function accountErrorMessage(err: AppError): string {
  switch (err.code) {
    case 'invalid_email':
      return 'invalid --email: expected an address like name@example.com'
    case 'invalid_role':
      return `invalid --role: expected one of ${ROLES.join(', ')}`
    case 'password_too_short':
      return `password too short: at least ${MIN_PASSWORD_LENGTH} characters`
    case 'account_exists':
      return 'an account with this email already exists'
    case 'account_not_found':
      return 'no account with this email'
    default:
      return `invalid ${err.field ? `--${err.field}` : 'input'} (${err.code})`
  }
}

/** Runs `fn` on the migrated database; account errors become operator messages. */
export async function withAccountsDb<T>(fn: (db: Awaited<ReturnType<typeof openMigratedDb>>['db']) => Promise<T>): Promise<T> {
  const { db } = await openMigratedDb()
  try {
    return await fn(db)
  } catch (err) {
    if (err instanceof AppError) throw new CliError(accountErrorMessage(err))
    throw err
  } finally {
    await db.destroy()
  }
}

async function passwordFromStdin(): Promise<string> {
  try {
    return await readPassword()
  } catch (err) {
    if (err instanceof PasswordMismatch) throw new CliError('the two passwords differ; nothing was changed')
    throw err
  }
}

/** `nashra user add|list|password`: newsroom accounts. Passwords come on stdin, never as arguments. */
export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('manage newsroom accounts')

  user
    .command('add')
    .description('create an account; reads the password as one line from stdin (no prompt when stdin is not a terminal)')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'name shown in the newsroom')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .action(async (options: { email: string; name: string; role: string }) => {
      // Arguments are checked before the password is asked for.
      if (!isValidEmail(normalizeEmail(options.email))) throw new CliError(accountErrorMessage(new AppError('invalid_email')))
      if (!isRole(options.role)) throw new CliError(accountErrorMessage(new AppError('invalid_role')))
      if (!options.name.trim() || options.name.trim().length > 100) throw new CliError('invalid --name: 1 to 100 characters')
      const account = await withAccountsDb(async (db) => {
        // Before the password is asked for: nobody types one only to hear the account exists.
        if (await findAccountByEmail(db, options.email)) throw new AppError('account_exists')
        const password = await passwordFromStdin()
        return createAccount(db, { ...options, password }, new Date())
      })
      console.log(`created ${account.role} account ${account.email} (id ${account.id})`)
    })

  user
    .command('password')
    .description('set a new password (one line from stdin) and sign the account out everywhere')
    .requiredOption('--email <email>', 'sign-in email')
    .action(async (options: { email: string }) => {
      const password = await passwordFromStdin()
      await withAccountsDb(async (db) => {
        const account = await getAccountByEmail(db, options.email)
        await changePassword(db, account.id, password, new Date())
        await endSessionsOf(db, account.id)
      })
      console.log(`password changed for ${normalizeEmail(options.email)}; its sessions were ended`)
    })

  user
    .command('list')
    .description('list accounts')
    .action(async () => {
      const accounts = await withAccountsDb((db) => listAccounts(db))
      for (const a of accounts) console.log(`${a.id}\t${a.email}\t${a.role}${a.disabled ? '\tdisabled' : ''}\t${a.name}`)
    })
}
