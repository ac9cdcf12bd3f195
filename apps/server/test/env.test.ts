import { describe, expect, it } from 'vitest'
import { readEnv } from '../src/env'

describe('environment configuration', () => {
  it('has working defaults', () => {
    const env = readEnv({}, '/srv/comptoir')
    expect(env).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/comptoir/.comptoir',
      demo: true,
      publicUrl: 'http://localhost:3000',
      fileLimit: 10 * 1024 * 1024,
      importLimit: 64 * 1024 * 1024,
    })
    expect(env.databaseUrl).toBeUndefined()
  })

  it.each([
    ['PORT', 'abc', /Invalid PORT/],
    ['PORT', '70000', /Invalid PORT/],
    ['DATABASE_URL', 'mysql://x', /Invalid DATABASE_URL/],
    ['COMPTOIR_ADMIN_EMAIL', 'not-an-email', /Invalid COMPTOIR_ADMIN_EMAIL/],
    ['COMPTOIR_ADMIN_PASSWORD', 'short', /Invalid COMPTOIR_ADMIN_PASSWORD/],
    ['COMPTOIR_DEMO', 'maybe', /Invalid COMPTOIR_DEMO/],
    ['COMPTOIR_PLATFORM_TOKEN', 'tiny', /Invalid COMPTOIR_PLATFORM_TOKEN/],
    ['COMPTOIR_PLUGINS', 'a b', /Invalid COMPTOIR_PLUGINS/],
    ['COMPTOIR_MAX_FILE_MB', '0', /Invalid COMPTOIR_MAX_FILE_MB/],
    ['COMPTOIR_MAX_FILE_MB', '2.5', /Invalid COMPTOIR_MAX_FILE_MB/],
    ['COMPTOIR_MAX_IMPORT_MB', '2000', /Invalid COMPTOIR_MAX_IMPORT_MB/],
    ['COMPTOIR_IMPORT_UNDO_DAYS', '0', /Invalid COMPTOIR_IMPORT_UNDO_DAYS/],
    ['COMPTOIR_IMPORT_UNDO_DAYS', 'une semaine', /Invalid COMPTOIR_IMPORT_UNDO_DAYS/],
  ])('stops on an invalid %s, naming it', (name, value, message) => {
    expect(() => readEnv({ [name]: value })).toThrow(message)
  })

  it('reads every variable', () => {
    const env = readEnv({
      PORT: '8080',
      HOST: '0.0.0.0',
      COMPTOIR_DATA_DIR: '/data',
      DATABASE_URL: 'postgres://u:p@db:5432/crm',
      COMPTOIR_ADMIN_EMAIL: 'me@example.fr',
      COMPTOIR_ADMIN_PASSWORD: 'a-long-password',
      COMPTOIR_DEMO: '0',
      COMPTOIR_PLATFORM_TOKEN: 'x'.repeat(32),
      COMPTOIR_PLUGINS: '@comptoir/plugin-accounts, ./plugins/mine',
      COMPTOIR_MAX_FILE_MB: '25',
      COMPTOIR_MAX_IMPORT_MB: '200',
      COMPTOIR_IMPORT_UNDO_DAYS: '30',
    })
    expect(env).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/data',
      databaseUrl: 'postgres://u:p@db:5432/crm',
      adminEmail: 'me@example.fr',
      adminPassword: 'a-long-password',
      demo: false,
      platformToken: 'x'.repeat(32),
      plugins: ['@comptoir/plugin-accounts', './plugins/mine'],
      fileLimit: 25 * 1024 * 1024,
      importLimit: 200 * 1024 * 1024,
      importUndoDays: 30,
    })
  })
})
