import { FieldInput } from '@comptoir/core/web'
import { fireEvent, screen, waitFor } from '@solidjs/testing-library'
import { createSignal } from 'solid-js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { field, fields, renderWithSession } from './harness'

afterEach(() => vi.unstubAllGlobals())

function widget(f: typeof fields.name, initial: unknown = null) {
  const [value, setValue] = createSignal<unknown>(initial)
  renderWithSession(() => (
    <>
      <label for="w">{f.name}</label>
      <FieldInput
        id="w"
        entity="accounts.account"
        field={f}
        label={f.name}
        value={value()}
        onChange={setValue}
      />
    </>
  ))
  return value
}

describe('field widgets', () => {
  it('formats money the French way when leaving the field, without floats', () => {
    const value = widget(fields.annualRevenue)
    const input = screen.getByLabelText('annualRevenue') as HTMLInputElement
    fireEvent.input(input, { target: { value: '1234567,5' } })
    fireEvent.blur(input)
    expect(value()).toBe('1\u202f234\u202f567,50')
    expect(screen.getByText('€')).toBeTruthy()
  })

  it('shows an API decimal with a French comma', () => {
    widget(fields.annualRevenue, '1234.5')
    expect((screen.getByLabelText('annualRevenue') as HTMLInputElement).value).toBe('1234,5')
  })

  it('labels select options from the bootstrap messages', () => {
    const value = widget(fields.type)
    const select = screen.getByLabelText('type') as HTMLSelectElement
    expect([...select.options].map((o) => o.text)).toEqual(['— Choisir —', 'Client', 'Prospect'])
    fireEvent.change(select, { target: { value: 'prospect' } })
    expect(value()).toBe('prospect')
  })

  it('edits each part of an address with its own label', () => {
    const value = widget(field('billingAddress', 'address'), { city: 'Lyon' })
    fireEvent.input(screen.getByLabelText('Code postal'), { target: { value: '69002' } })
    expect(value()).toEqual({ city: 'Lyon', postalCode: '69002' })
  })

  it('toggles multi-select options as checkboxes', () => {
    const value = widget(field('tags', 'multiSelect', { options: fields.type.options }), ['customer'])
    fireEvent.click(screen.getByRole('checkbox', { name: 'Prospect' }))
    fireEvent.click(screen.getByRole('checkbox', { name: 'Client' }))
    expect(value()).toEqual(['prospect'])
  })

  it('searches references as the user types and picks one with the keyboard', async () => {
    const fetch = vi.fn(async (url: string) => {
      expect(url).toContain('/api/v1/records/accounts.account?q=dup&limit=10')
      return new Response(
        JSON.stringify({
          data: [
            { id: '01900000-0000-7000-8000-000000000001', _title: 'Dupont SA' },
            { id: '01900000-0000-7000-8000-000000000002', _title: 'Dupuis SARL' },
          ],
          nextCursor: null,
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      )
    })
    vi.stubGlobal('fetch', fetch)
    const value = widget(fields.parentAccount)
    const input = screen.getByRole('combobox', { name: 'parentAccount' })
    fireEvent.input(input, { target: { value: 'dup' } })
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2))
    fireEvent.keyDown(input, { key: 'ArrowDown' })
    expect(input.getAttribute('aria-activedescendant')).toBe('w-listbox-1')
    fireEvent.keyDown(input, { key: 'Enter' })
    expect(value()).toEqual({ id: '01900000-0000-7000-8000-000000000002', title: 'Dupuis SARL' })
    expect((input as HTMLInputElement).value).toBe('Dupuis SARL')
  })

  it('checks a file’s size and type before sending it, then uploads it and shows it', async () => {
    const photo = field('photo', 'file', { accept: ['image/png', 'image/jpeg'], maxSize: 1000 })
    const fetch = vi.fn(async (url: string, init: RequestInit) => {
      expect(url).toBe('/api/v1/files')
      expect(init.method).toBe('POST')
      const sent = (init.body as FormData).get('file') as File
      return new Response(
        JSON.stringify({
          id: '01900000-0000-7000-8000-0000000000f1',
          name: sent.name,
          mime: sent.type,
          size: sent.size,
        }),
        { status: 201, headers: { 'content-type': 'application/json' } },
      )
    })
    vi.stubGlobal('fetch', fetch)
    const value = widget(photo)
    const input = screen.getByLabelText('photo') as HTMLInputElement
    expect(input.type).toBe('file')
    expect(input.accept).toBe('image/png,image/jpeg')
    expect(
      screen.getByText(/^Formats acceptés : image\/png, image\/jpeg ; 1\s000\so au plus\.$/),
    ).toBeTruthy()
    const choose = (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true })
      fireEvent.change(input)
    }
    choose(new File([new Uint8Array(2000)], 'grande.png', { type: 'image/png' }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Fichier trop volumineux'))
    choose(new File([new Uint8Array(10)], 'note.txt', { type: 'text/plain' }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Format non accepté'))
    expect(fetch).not.toHaveBeenCalled()
    expect(input.getAttribute('aria-invalid')).toBe('true')
    choose(new File([new Uint8Array(10)], 'portrait.png', { type: 'image/png' }))
    await waitFor(() => expect(value()).toMatchObject({ title: 'portrait.png', size: 10 }))
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('alert')).toBeNull()
    const link = screen.getByRole('link', { name: 'portrait.png' })
    expect(link.getAttribute('href')).toBe('/api/v1/files/01900000-0000-7000-8000-0000000000f1')
    fireEvent.click(screen.getByRole('button', { name: 'Effacer photo' }))
    expect(value()).toBeNull()
  })
})
