import { ApiError, createFormatter } from '@comptoir/core/web'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, describe, expect, it, vi } from 'vitest'
import fr from '../i18n/fr.json'
import { PipelineBoard } from './pipeline-board'
import { type Deal, movedDeal, type Stage } from './pipeline-data'
import { pipelineText } from './pipeline-text'

// fr-FR money: narrow no-break space between thousands, no-break space before the euro sign.
const euros = (s: string) => s.replace(/ /g, '\u202f').replace(/\u202f€$/, '\u00a0€')

const stages: Stage[] = [
  { id: 's-won', name: 'Gagnée', position: 50, kind: 'won' },
  { id: 's-prop', name: 'Proposition', position: 30, kind: 'open' },
  { id: 's-lost', name: 'Perdue', position: 60, kind: 'lost' },
  { id: 's-neg', name: 'Négociation', position: 40, kind: 'open' },
]
const deals: Deal[] = [
  {
    id: 'd1',
    version: 1,
    name: 'Refonte du site',
    stage: { id: 's-prop' },
    account: { id: 'a1', title: 'Atelier Numérique' },
    amount: '12000.00',
    closeDate: '2026-12-15',
  },
  {
    id: 'd2',
    version: 3,
    name: 'Formation des équipes',
    stage: { id: 's-prop' },
    account: { id: 'a2', title: 'Garage des Alpes' },
    amount: '500.50',
    closeDate: '2026-11-30',
  },
  {
    id: 'd3',
    version: 1,
    name: 'Audit énergétique',
    stage: { id: 's-neg' },
    amount: '7250.00',
    closeDate: null,
  },
]

afterEach(cleanup)

const fmt = createFormatter('fr')
const t = pipelineText((key) => (fr as Record<string, string>)[key.replace(/^deals:/, '')], 'fr')
const saved = (deal: Deal, stage: Stage, extra: { lostReason?: string }) =>
  Promise.resolve({ ...movedDeal(deal, stage, extra), version: deal.version + 1 })

function board(onMove = vi.fn(saved), movable: boolean | ((d: Deal) => boolean) = true) {
  render(() => (
    <PipelineBoard
      movable={movable}
      stages={stages}
      deals={deals}
      money={fmt.money}
      date={fmt.date}
      t={t}
      dealHref={(d) => `/m/deals/deal/${d.id}`}
      onMove={onMove}
    />
  ))
  return onMove
}

const column = (name: string) => screen.getByRole('region', { name })
const cardNames = (name: string) =>
  within(column(name))
    .queryAllByRole('link')
    .map((a) => a.textContent)
const figures = (name: string) =>
  column(name)
    .querySelector('.pipeline-column-figures')!
    .textContent!.replace(/(affaires?)/, '$1|')

describe('pipeline board', () => {
  it('shows one column per stage in pipeline order, with its count and the sum of its amounts', () => {
    board()
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Proposition',
      'Négociation',
      'Gagnée',
      'Perdue',
    ])
    expect(figures('Proposition')).toBe(`2 affaires|${euros('12 500,50 €')}`)
    expect(figures('Négociation')).toBe(`1 affaire|${euros('7 250,00 €')}`)
    expect(figures('Gagnée')).toBe(`0 affaire|${euros('0,00 €')}`)
  })

  it('shows each deal with its account, amount and close date, soonest first', () => {
    board()
    expect(cardNames('Proposition')).toEqual(['Formation des équipes', 'Refonte du site'])
    const card = screen.getByRole('article', { name: 'Refonte du site' })
    expect(within(card).getByRole('link').getAttribute('href')).toBe('/m/deals/deal/d1')
    expect(card.textContent).toContain('Atelier Numérique')
    expect(card.textContent).toContain(euros('12 000,00 €'))
    expect(card.textContent).toContain('15/12/2026')
  })

  it('moves a deal from its “move to” menu and updates both columns', async () => {
    const onMove = board()
    const menu = screen.getByRole('combobox', {
      name: 'Déplacer «\u202fRefonte du site\u202f» vers une autre étape',
    })
    fireEvent.change(menu, { target: { value: 's-neg' } })
    expect(onMove).toHaveBeenCalledWith(deals[0], stages[3], {})
    await waitFor(() => expect(cardNames('Négociation')).toEqual(['Refonte du site', 'Audit énergétique']))
    expect(figures('Proposition')).toBe(`1 affaire|${euros('500,50 €')}`)
    expect(figures('Négociation')).toBe(`2 affaires|${euros('19 250,00 €')}`)
  })

  it('moves a deal dropped on another column', async () => {
    const onMove = board()
    fireEvent.dragStart(screen.getByRole('article', { name: 'Formation des équipes' }))
    fireEvent.dragOver(column('Gagnée'))
    fireEvent.drop(column('Gagnée'))
    expect(onMove).toHaveBeenCalledWith(deals[1], stages[0], {})
    await waitFor(() => expect(cardNames('Gagnée')).toEqual(['Formation des équipes']))
    expect(figures('Gagnée')).toBe(`1 affaire|${euros('500,50 €')}`)
  })

  it('asks why before moving a deal to a lost stage, and moves nothing when cancelled', async () => {
    const onMove = board()
    fireEvent.dragStart(screen.getByRole('article', { name: 'Refonte du site' }))
    fireEvent.drop(column('Perdue'))
    const dialog = await screen.findByRole('dialog')
    expect(dialog.textContent).toContain(
      'Pourquoi l’affaire «\u202fRefonte du site\u202f» est-elle perdue\u202f?',
    )
    const confirm = within(dialog).getByRole('button', { name: 'Marquer comme perdue' }) as HTMLButtonElement
    expect(confirm.disabled).toBe(true)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(onMove).not.toHaveBeenCalled()
    expect(cardNames('Perdue')).toEqual([])

    fireEvent.change(screen.getByRole('combobox', { name: /Refonte du site/ }), {
      target: { value: 's-lost' },
    })
    const again = await screen.findByRole('dialog')
    fireEvent.input(within(again).getByRole('textbox', { name: 'Raison de la perte' }), {
      target: { value: 'Concurrent retenu' },
    })
    fireEvent.click(within(again).getByRole('button', { name: 'Marquer comme perdue' }))
    expect(onMove).toHaveBeenCalledWith(deals[0], stages[2], { lostReason: 'Concurrent retenu' })
    await waitFor(() => expect(cardNames('Perdue')).toEqual(['Refonte du site']))
  })

  it('puts the card back and shows the server’s refusal', async () => {
    let refuse!: (e: unknown) => void
    const onMove = vi.fn(() => new Promise<Deal>((_, reject) => (refuse = reject)))
    board(onMove)
    fireEvent.change(screen.getByRole('combobox', { name: /Audit énergétique/ }), {
      target: { value: 's-won' },
    })
    await waitFor(() => expect(cardNames('Gagnée')).toEqual(['Audit énergétique']))
    refuse(
      new ApiError({
        status: 422,
        title: 'Certaines valeurs sont invalides.',
        errors: [
          { path: 'stage', code: 'reference_not_found', message: 'L’enregistrement lié est introuvable.' },
        ],
      }),
    )
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Certaines valeurs sont invalides. L’enregistrement lié est introuvable.',
    )
    expect(cardNames('Gagnée')).toEqual([])
    expect(cardNames('Négociation')).toEqual(['Audit énergétique'])
    expect(figures('Négociation')).toBe(`1 affaire|${euros('7 250,00 €')}`)
  })

  it('shows a refusal of rights the same way', async () => {
    board(vi.fn(() => Promise.reject(new ApiError({ status: 403, title: 'Action non autorisée.' }))))
    fireEvent.change(screen.getByRole('combobox', { name: /Formation/ }), { target: { value: 's-neg' } })
    expect((await screen.findByRole('alert')).textContent).toBe('Action non autorisée.')
    expect(cardNames('Proposition')).toEqual(['Formation des équipes', 'Refonte du site'])
  })

  it('offers no move to a user who may not change deals', () => {
    const onMove = board(vi.fn(saved), false)
    expect(screen.queryAllByRole('combobox')).toEqual([])
    fireEvent.dragStart(screen.getByRole('article', { name: 'Refonte du site' }))
    fireEvent.drop(column('Négociation'))
    expect(onMove).not.toHaveBeenCalled()
    expect(cardNames('Négociation')).toEqual(['Audit énergétique'])
  })

  it('lets a user limited to their own deals move only their cards', async () => {
    const onMove = board(vi.fn(saved), (d) => d.id === 'd2')
    const mine = screen.getByRole('article', { name: 'Formation des équipes' })
    const theirs = screen.getByRole('article', { name: 'Refonte du site' })
    expect(theirs.getAttribute('draggable')).toBe('false')
    expect(within(theirs).queryByRole('combobox')).toBeNull()
    expect(mine.getAttribute('draggable')).toBe('true')
    expect(within(mine).getByRole('combobox')).toBeTruthy()

    fireEvent.dragStart(theirs)
    fireEvent.drop(column('Négociation'))
    expect(onMove).not.toHaveBeenCalled()
    expect(cardNames('Négociation')).toEqual(['Audit énergétique'])

    fireEvent.dragStart(mine)
    fireEvent.drop(column('Négociation'))
    await waitFor(() => expect(onMove).toHaveBeenCalledTimes(1))
    expect(cardNames('Négociation')).toContain('Formation des équipes')
  })
})
