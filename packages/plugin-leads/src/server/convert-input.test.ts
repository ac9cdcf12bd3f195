import { describe, expect, it } from 'vitest'
import { parseConvertInput, writableData } from './convert-input'

const id = '0193A1B2-C3D4-7E5F-8A9B-000000000001'

describe('parseConvertInput', () => {
  it('creates both the account and the contact by default', () => {
    expect(parseConvertInput(undefined)).toEqual({
      input: { account: { mode: 'create' }, contact: { mode: 'create' } },
      errors: [],
    })
  })

  it('reads existing records, typed values and the deal', () => {
    const body = {
      account: { mode: 'existing', id },
      contact: { mode: 'create', data: { title: 'Gérante' } },
      deal: { name: 'Atelier', amount: 1200, closeDate: '2026-12-27' },
    }
    expect(parseConvertInput(body)).toEqual({
      input: {
        account: { mode: 'existing', id: id.toLowerCase() },
        contact: { mode: 'create', data: { title: 'Gérante' } },
        deal: { name: 'Atelier', amount: 1200, closeDate: '2026-12-27' },
      },
      errors: [],
    })
  })

  it('names every invalid part of the body', () => {
    const { errors } = parseConvertInput({
      account: { mode: 'existing' },
      contact: { mode: 'merge' },
      deal: { name: 3, color: 'red' },
    })
    expect(errors).toEqual([
      { path: 'deal.color', code: 'unknown_field' },
      { path: 'deal.name', code: 'type_string' },
      { path: 'account.id', code: 'invalid_reference' },
      { path: 'contact.mode', code: 'invalid_option', params: { options: ['create', 'existing'] } },
    ])
  })

  it('names an id that cannot even be turned into text, instead of failing', () => {
    const id = Object.create(null)
    expect(parseConvertInput({ account: { mode: 'existing', id } }).errors).toEqual([
      { path: 'account.id', code: 'invalid_reference' },
    ])
  })

  it('refuses a body that is not an object', () => {
    expect(parseConvertInput([1]).errors).toEqual([{ path: '', code: 'type_object' }])
  })
})

describe('writableData', () => {
  it('keeps only the target’s own fields that a user may write', () => {
    const fields = { name: { readOnly: false }, number: { readOnly: true } }
    expect(writableData({ name: 'A', number: 'ACC-1', hack: true }, fields)).toEqual({ name: 'A' })
  })
})
