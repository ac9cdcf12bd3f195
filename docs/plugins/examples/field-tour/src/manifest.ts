/**
 * The field tour: one entity with a field of each type, for the reference and its tests.
 * @module
 */
import { definePlugin } from '@comptoir/core'
import { sample } from './entities/sample'
import en from './i18n/en.json'
import fr from './i18n/fr.json'

export const manifest = definePlugin({
  id: 'field-tour',
  version: '0.1.0',
  core: '^0.1.0',
  entities: [sample],
  i18n: { fr, en },
})
