#!/usr/bin/env node
/**
 * The `comptoir` command: `serve`, `migrate`, `tenant:create`, `user:create`, `plugins:list`, `backup`,
 * `restore`, `plugin:new`. `--help` on each.
 */
import { StartupError } from '@comptoir/core/server'
import {
  backup,
  migrateCommand,
  pluginsList,
  restore,
  tenantCreate,
  UsageError,
  userCreate,
} from './commands'
import { pluginNew } from './plugin-new'
import { serve } from './serve'

const HELP: Record<string, string> = {
  serve:
    'comptoir serve [--migrate]\n  Serves the API and the web app. --migrate applies pending migrations first (npm start does).',
  migrate:
    'comptoir migrate\n  Applies pending migrations of core and every installed plugin, in dependency order.',
  'tenant:create':
    'comptoir tenant:create --name <name> --slug <slug> --admin-email <email> --admin-password <password> [--admin-name <name>] [--plan <plan>] [--locale fr|en]',
  'user:create':
    'comptoir user:create --tenant <slug> --email <email> --password <password> [--name <name>] [--role <template or name>] [--admin]',
  'plugins:list':
    'comptoir plugins:list\n  Lists the installed plugins, their versions, core ranges and dependencies.',
  backup:
    'comptoir backup [--out <file>]\n  Embedded database: a .tar.gz of its data. PostgreSQL: pg_dump (custom format).',
  restore:
    'comptoir restore --from <file>\n  Stop the server first. Embedded: replaces the database (the old one is kept aside). PostgreSQL: pg_restore.',
  'plugin:new':
    'comptoir plugin:new <id> [--dir <path>] [--entity <name>]\n  Writes a plugin package: packages/plugin-<id> in this repository by default, or a standalone package in --dir.',
}

function parseFlags(args: string[]): Record<string, string | true> {
  const flags: Record<string, string | true> = {}
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (!a.startsWith('--')) continue
    const eq = a.indexOf('=')
    if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1)
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith('--')) flags[a.slice(2)] = args[++i]
    else flags[a.slice(2)] = true
  }
  return flags
}

/** The options a command takes: the ones its help names. */
function knownFlags(command: string): Set<string> {
  return new Set(['help', ...[...HELP[command].matchAll(/--([a-z-]+)/g)].map((m) => m[1])])
}

async function main(argv: string[]): Promise<void> {
  const [command = 'help', ...rest] = argv
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(`Usage: comptoir <command> [options]\n\n${Object.values(HELP).join('\n\n')}`)
    return
  }
  if (!Object.hasOwn(HELP, command))
    throw new UsageError(`unknown command "${command}". Commands: ${Object.keys(HELP).join(', ')}.`)
  const flags = parseFlags(rest)
  if (flags.help) {
    console.log(HELP[command])
    return
  }
  const known = knownFlags(command)
  const unknown = Object.keys(flags).find((f) => !known.has(f))
  if (unknown)
    throw new UsageError(`unknown option --${unknown} for ${command}. Run "comptoir ${command} --help".`)
  switch (command) {
    case 'serve':
      return serve({ migrate: flags.migrate === true })
    case 'migrate':
      return migrateCommand()
    case 'tenant:create':
      return tenantCreate(flags)
    case 'user:create':
      return userCreate(flags)
    case 'plugins:list':
      return pluginsList()
    case 'backup':
      return backup(flags)
    case 'restore':
      return restore(flags)
    case 'plugin:new':
      return pluginNew(rest, flags)
  }
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof UsageError) {
    console.error(`comptoir: ${e.message}`)
    process.exit(2)
  }
  if (e instanceof StartupError || e?.name === 'StartupError') console.error(`comptoir: ${e.message}`)
  else if (e?.status && e?.code)
    console.error(`comptoir: ${e.detail ?? e.message}${e.errors ? ` ${JSON.stringify(e.errors)}` : ''}`)
  else console.error(e)
  process.exit(1)
})
