import { FilterBuilder, type FilterRow } from '@comptoir/core/web'
import { fireEvent, screen } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import { fields, renderWithSession } from './harness'

const all = Object.values(fields)

function setup(value: FilterRow[] = []) {
  const onApply = vi.fn()
  renderWithSession(() => <FilterBuilder fields={all} value={value} onApply={onApply} />)
  return onApply
}

function select(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } })
}

describe('FilterBuilder', () => {
  it('offers the operators of the chosen field, in French', () => {
    setup()
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un filtre' }))
    const ops = () =>
      [...(screen.getByLabelText('Opérateur du filtre 1') as HTMLSelectElement).options].map((o) => o.text)
    expect(ops()).toContain('contient')
    select('Champ du filtre 1', 'type')
    expect(ops()).toEqual(['est égal à', 'est différent de', 'parmi', 'vide'])
  })

  it('turns a French amount range into an API between filter', () => {
    const onApply = setup()
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un filtre' }))
    select('Champ du filtre 1', 'annualRevenue')
    select('Opérateur du filtre 1', 'between')
    fireEvent.input(screen.getByLabelText(/Chiffre d’affaires\), de$/), { target: { value: '1 000,5' } })
    fireEvent.input(screen.getByLabelText(/Chiffre d’affaires\), à$/), { target: { value: '25000' } })
    fireEvent.click(screen.getByRole('button', { name: 'Appliquer' }))
    expect(onApply).toHaveBeenCalledWith([
      { field: 'annualRevenue', op: 'between', value: ['1000.5', '25000'] },
    ])
  })

  it('uses option checkboxes for "parmi" on a select field and drops incomplete rows', () => {
    const onApply = setup()
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un filtre' }))
    select('Champ du filtre 1', 'type')
    select('Opérateur du filtre 1', 'in')
    fireEvent.click(screen.getByRole('checkbox', { name: 'Prospect' }))
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un filtre' }))
    fireEvent.click(screen.getByRole('button', { name: 'Appliquer' }))
    expect(onApply).toHaveBeenCalledWith([{ field: 'type', op: 'in', value: ['prospect'] }])
  })

  it('asks "vide / n’est pas vide" for isNull', () => {
    const onApply = setup()
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un filtre' }))
    select('Opérateur du filtre 1', 'isNull')
    select(/^Valeur du filtre 1/, 'false')
    fireEvent.click(screen.getByRole('button', { name: 'Appliquer' }))
    expect(onApply).toHaveBeenCalledWith([{ field: 'name', op: 'isNull', value: false }])
  })

  it('shows the applied filters, removes one and clears them all', () => {
    const onApply = setup([{ field: 'name', op: 'contains', value: 'dupont' }])
    expect((screen.getByLabelText(/^Valeur du filtre 1/) as HTMLInputElement).value).toBe('dupont')
    fireEvent.click(screen.getByRole('button', { name: 'Effacer les filtres' }))
    expect(onApply).toHaveBeenLastCalledWith([])
    fireEvent.click(screen.getByRole('button', { name: 'Retirer le filtre 1' }))
    expect(screen.getByText('Aucun filtre.')).toBeTruthy()
  })
})
