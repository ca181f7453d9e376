import type { Command } from 'commander'
import { createApiToken, getAccountByEmail, revokeApiTokens } from '../staff/index.js'
import { withAccountsDb as withDb } from './user.command.js'

/** `nashra token add|revoke`: admin API tokens (`Authorization: Bearer <token>`). Only a hash is stored. */
export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('manage admin API tokens')

  token
    .command('add')
    .description('create an admin API token for an account; the token is printed alone on the last line')
    .requiredOption('--email <email>', 'the account the token acts as')
    .option('--label <label>', 'a note to tell tokens apart', '')
    .action(async (options: { email: string; label: string }) => {
      const created = await withDb((db) => createApiToken(db, { email: options.email, label: options.label }, new Date()))
      console.log(`admin API token for ${created.account.email} (${created.account.role}); it is shown only now:`)
      console.log(created.token)
    })

  token
    .command('revoke')
    .description("revoke every admin API token of an account")
    .requiredOption('--email <email>', 'the account')
    .action(async (options: { email: string }) => {
      const count = await withDb(async (db) => revokeApiTokens(db, (await getAccountByEmail(db, options.email)).id))
      console.log(`revoked ${count} token${count === 1 ? '' : 's'} of ${options.email.trim().toLowerCase()}`)
    })
}
