import {
  formatDuration,
  type ImportPreview,
  initialPlan,
  type MappingPlan,
  MappingStep,
  mappingOf,
  planProblems,
} from '@comptoir/core/web'
import { fireEvent, screen } from '@solidjs/testing-library'
import { createSignal } from 'solid-js'
import { describe, expect, it } from 'vitest'
import { renderWithSession } from './harness'

const preview: ImportPreview = {
  encoding: 'utf-8',
  delimiter: ';',
  decimal: ',',
  dateFormat: 'dd/mm/yyyy',
  headers: ['Nom', 'Courriel', 'Société', 'Divers'],
  rows: [['Durand', 'durand@exemple.fr', 'Fromagerie Vasseur', 'x']],
  total: 1,
  columns: [
    { column: 'Nom', field: 'lastName' },
    { column: 'Courriel', field: null },
    { column: 'Société', field: null },
    { column: 'Divers', field: null },
  ],
  ignoredColumns: ['Courriel', 'Société', 'Divers'],
  fields: [
    { key: 'id', label: 'id', kind: 'id', required: false },
    { key: 'lastName', label: 'Nom', kind: 'value', required: true },
    { key: 'email', label: 'E-mail', kind: 'value', required: false },
    { key: 'account', label: 'Compte', kind: 'ref', required: false },
  ],
  keys: [
    { key: 'id', label: 'id' },
    { key: 'email', label: 'E-mail' },
  ],
}

function setup(): () => MappingPlan {
  const [plan, setPlan] = createSignal(initialPlan(preview))
  renderWithSession(() => (
    <MappingStep preview={preview} plan={plan()} onChange={(p) => setPlan({ ...plan(), ...p })} />
  ))
  return plan
}

const fieldOf = (column: string) => screen.getByLabelText(`Champ pour la colonne « ${column} »`)
const choose = (column: string, key: string) => fireEvent.change(fieldOf(column), { target: { value: key } })
const problems = () => screen.queryByRole('alert')?.textContent ?? ''

describe('the mapping step of the import wizard', () => {
  it('starts from the proposed mapping and sends every column, ignored ones as null', () => {
    const plan = setup()
    expect((fieldOf('Nom') as HTMLSelectElement).value).toBe('lastName')
    expect((fieldOf('Courriel') as HTMLSelectElement).value).toBe('')
    choose('Courriel', 'email')
    expect(mappingOf(preview.headers, plan())).toEqual({
      Nom: 'lastName',
      Courriel: 'email',
      Société: null,
      Divers: null,
    })
    expect(problems()).toBe('')
  })

  it('asks for the key column in update mode and refuses a field chosen twice', () => {
    const plan = setup()
    fireEvent.click(screen.getByRole('radio', { name: 'Créer ou mettre à jour' }))
    expect(plan().mode).toBe('upsert')
    fireEvent.change(screen.getByLabelText('Reconnaître les fiches existantes par'), {
      target: { value: 'email' },
    })
    expect(problems()).toContain('Associez une colonne au champ «\u00a0E-mail\u00a0»')
    choose('Courriel', 'email')
    expect(problems()).toBe('')
    choose('Divers', 'email')
    expect(problems()).toBe('Le champ «\u00a0E-mail\u00a0» est choisi pour plusieurs colonnes.')
    expect(planProblems(plan())).toEqual([{ code: 'twice', field: 'email' }])
  })

  it('offers to create missing linked records only when a column fills a relation', () => {
    const plan = setup()
    const createMissing = () =>
      screen.queryByRole('checkbox', { name: /Créer les fiches liées introuvables/ })
    expect(createMissing()).toBeNull()
    choose('Société', 'account')
    fireEvent.click(createMissing()!)
    expect(plan().createMissing).toBe(true)
    choose('Nom', '')
    choose('Société', '')
    expect(problems()).toBe('Associez au moins une colonne à un champ.')
  })
})

describe('figures of a running import', () => {
  it('writes the time left in seconds, minutes and hours', () => {
    expect([formatDuration(42), formatDuration(200), formatDuration(7500)]).toEqual([
      '42\u00a0s',
      '3\u00a0min 20\u00a0s',
      '2\u00a0h 05\u00a0min',
    ])
  })

  it('proposes the first key the file fills for update and upsert', () => {
    expect(initialPlan(preview).key).toBe('id')
    const withEmail = {
      ...preview,
      columns: [...preview.columns.slice(0, 1), { column: 'Courriel', field: 'email' }],
    }
    expect(initialPlan(withEmail).key).toBe('email')
  })
})
