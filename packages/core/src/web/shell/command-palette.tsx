/**
 * The command palette: Ctrl+K / ⌘K anywhere, type to search every entity the user may read
 * (`GET /api/v1/search?q=`), results grouped by module, arrows to move, Enter to open.
 * @module
 */
import { useNavigate } from '@solidjs/router'
import { Dialog } from '@kobalte/core/dialog'
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { recordPath } from '../fields/field-def'
import { IconSearch } from '../ui/icons'

interface SearchGroup {
  entity: string
  items: { id: string; title: string; score?: number }[]
}

const [open, setOpen] = createSignal(false)

export function openCommandPalette(): void {
  setOpen(true)
}

export function CommandPalette() {
  const { t } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  const [query, setQuery] = createSignal('')
  const [groups, setGroups] = createSignal<SearchGroup[]>([])
  const [active, setActive] = createSignal(0)
  const [state, setState] = createSignal<'idle' | 'loading' | 'done' | 'error'>('idle')
  const flat = createMemo(() =>
    groups().flatMap((g) => g.items.map((item) => ({ entity: g.entity, ...item }))),
  )
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  const onGlobalKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
      e.preventDefault()
      setOpen(true)
    }
  }
  onMount(() => document.addEventListener('keydown', onGlobalKey))
  onCleanup(() => {
    document.removeEventListener('keydown', onGlobalKey)
    clearTimeout(timer)
  })

  const search = (q: string) => {
    setQuery(q)
    clearTimeout(timer)
    const mine = ++seq
    if (q.trim().length < 2) {
      setGroups([])
      setState('idle')
      return
    }
    setState('loading')
    timer = setTimeout(async () => {
      try {
        const res = await request<{ groups: SearchGroup[] }>('/search', { query: { q: q.trim() } })
        if (mine !== seq) return
        setGroups(res.groups.filter((g) => g.items.length > 0))
        setActive(0)
        setState('done')
      } catch {
        if (mine === seq) setState('error')
      }
    }, 180)
  }
  const go = (index: number) => {
    const item = flat()[index]
    if (!item) return
    setOpen(false)
    navigate(recordPath(item.entity, item.id))
  }
  const onKeyDown = (e: KeyboardEvent) => {
    const n = flat().length
    if (e.key === 'ArrowDown' && n) {
      e.preventDefault()
      setActive((i) => (i + 1) % n)
    } else if (e.key === 'ArrowUp' && n) {
      e.preventDefault()
      setActive((i) => (i <= 0 ? n - 1 : i - 1))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      go(active())
    }
  }
  const entityLabel = (ref: string) => {
    const meta = session.entity(ref)
    return meta ? session.labels().entityPlural(meta) : ref
  }
  const indexOf = (entity: string, id: string) => flat().findIndex((x) => x.entity === entity && x.id === id)

  return (
    <Dialog
      open={open()}
      onOpenChange={(o) => {
        setOpen(o)
        if (!o) search('')
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay class="modal-overlay" />
        <div class="modal-positioner modal-positioner-top">
          <Dialog.Content class="modal palette">
            <Dialog.Title class="visually-hidden">{t('search.title')}</Dialog.Title>
            <div class="palette-input">
              <IconSearch size={18} aria-hidden="true" />
              <input
                class="input-bare"
                type="text"
                role="combobox"
                autocomplete="off"
                aria-label={t('search.title')}
                aria-expanded={flat().length > 0}
                aria-controls="palette-results"
                aria-activedescendant={flat().length ? `palette-item-${active()}` : undefined}
                placeholder={t('search.placeholder')}
                value={query()}
                onInput={(e) => search(e.currentTarget.value)}
                onKeyDown={onKeyDown}
              />
            </div>
            <div id="palette-results" role="listbox" class="palette-results" aria-label={t('search.results')}>
              <For each={groups()}>
                {(group) => (
                  // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role=group, not fieldset
                  <div role="group" aria-labelledby={`palette-group-${group.entity}`}>
                    <div id={`palette-group-${group.entity}`} class="palette-group" role="presentation">
                      {entityLabel(group.entity)}
                    </div>
                    <For each={group.items}>
                      {(item) => {
                        const index = () => indexOf(group.entity, item.id)
                        return (
                          // biome-ignore lint/a11y/useKeyWithClickEvents: the search input drives the options (aria-activedescendant)
                          // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the input, as ARIA comboboxes require
                          <div
                            id={`palette-item-${index()}`}
                            role="option"
                            class="palette-item"
                            aria-selected={index() === active()}
                            onMouseMove={() => setActive(index())}
                            onClick={() => go(index())}
                          >
                            {item.title}
                          </div>
                        )
                      }}
                    </For>
                  </div>
                )}
              </For>
            </div>
            <p class="palette-status" role="status">
              <Show when={state() === 'loading'}>{t('common.loading')}</Show>
              <Show when={state() === 'done' && flat().length === 0}>{t('search.none', { q: query() })}</Show>
              <Show when={state() === 'done' && flat().length > 0}>
                {t('search.count', { n: flat().length })}
              </Show>
              <Show when={state() === 'error'}>{t('error.generic')}</Show>
              <Show when={state() === 'idle'}>{t('search.hint')}</Show>
            </p>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  )
}
