import type { Command } from 'commander'

export function registerImportCommands(program: Command): void {
  program.command('import').description('import content')
}
