/**
 * The import wizard of an entity's list, in four steps: choose a CSV file (formats detected, header and
 * first rows shown), map its columns, run a dry run (what would be created, updated, skipped, and every
 * refused row), then import for real with progress, a stop button and, once done, an undo button while
 * undo is allowed. The file stays in the browser's memory, so the real run sends the same bytes the dry
 * run read. The last import stays at hand (in the dialog, and in the browser's storage across reloads),
 * so it can be followed or undone when the dialog is opened again.
 * @module
 */
import { createSignal, For, type JSX, Match, Show, Switch } from 'solid-js'
import {
  type ImportChoices,
  type ImportFormats,
  type ImportPreview,
  type ImportStatus,
  imports,
  isFinished,
} from '../api/import-api'
import { useI18n } from '../app/i18n-context'
import type { MessageKey } from '../i18n/translator'
import { Modal } from '../ui/modal'
import { errorText, Loading } from '../ui/states'
import { FileStep } from './file-step'
import { initialPlan, type MappingPlan, mappingOf, planProblems } from './import-plan'
import { JobProgress } from './job-progress'
import { JobReport } from './job-report'
import { MappingStep } from './mapping-step'
import { UndoPart } from './undo-part'
import { useJobStatus } from './use-job-status'

type Step = 'file' | 'mapping' | 'dryRun' | 'run'
const STEPS: Step[] = ['file', 'mapping', 'dryRun', 'run']

export interface ImportWizardProps {
  entity: string
  /** The entity's name in the plural, for the title. */
  label: string
  open: boolean
  onClose: () => void
  /** Records were written or undone: the list should load again. */
  onChanged: () => void
}

export function ImportWizard(props: ImportWizardProps) {
  const { t } = useI18n()
  const [step, setStep] = createSignal<Step>('file')
  const [file, setFile] = createSignal<{ name: string; bytes: Blob }>()
  const [formats, setFormats] = createSignal<Partial<ImportFormats>>({})
  const [preview, setPreview] = createSignal<ImportPreview>()
  const [plan, setPlan] = createSignal<MappingPlan>()
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')
  const [dryRunId, setDryRunId] = createSignal<string>()
  const [runId, setRunId] = createSignal<string>()
  const [undoId, setUndoId] = createSignal<string>()
  const dryRun = useJobStatus(dryRunId, imports.status)
  const run = useJobStatus(runId, (id) =>
    imports.status(id).then((s) => {
      if (isFinished(s) && run.status()?.status !== s.status) props.onChanged()
      return s
    }),
  )
  const undo = useJobStatus(undoId, (id) =>
    imports.undoStatus(id).then((s) => {
      if (isFinished(s) && undo.status()?.status !== s.status) {
        props.onChanged()
        run.refresh()
      }
      return s
    }),
  )

  // The last real import of this entity is remembered in the browser, so that it can still be followed
  // or undone after the page was left or reloaded.
  const storageKey = `comptoir.import.${props.entity}`
  const stored = globalThis.localStorage?.getItem(storageKey)
  if (stored) {
    imports.status(stored).then(
      (s) => {
        if (!isFinished(s) || s.undoableUntil) {
          setRunId(stored)
          setStep('run')
        } else globalThis.localStorage?.removeItem(storageKey)
      },
      () => globalThis.localStorage?.removeItem(storageKey),
    )
  }

  const fail = (e: unknown) => setError(errorText(e, t('error.generic')))
  const readFile = async (bytes: Blob, over: Partial<ImportFormats>) => {
    setBusy(true)
    setError('')
    try {
      const p = await imports.preview(props.entity, bytes, over)
      setPreview(p)
      setPlan(initialPlan(p))
    } catch (e) {
      setPreview(undefined)
      fail(e)
    } finally {
      setBusy(false)
    }
  }
  const chooseFile = async (f: File) => {
    // Read once into memory: the dry run and the real run send exactly these bytes.
    const bytes = new Blob([await f.arrayBuffer()], { type: 'text/csv' })
    setFile({ name: f.name, bytes })
    setFormats({})
    await readFile(bytes, {})
  }
  const changeFormat = (patch: Partial<ImportFormats>) => {
    const next = { ...formats(), ...patch }
    setFormats(next)
    const f = file()
    if (f) void readFile(f.bytes, next)
  }
  const choices = (): ImportChoices => {
    const p = preview()!
    const m = plan()!
    return {
      mode: m.mode,
      key: m.mode === 'create' ? undefined : m.key,
      createMissing: m.createMissing,
      mapping: mappingOf(p.headers, m),
      encoding: p.encoding,
      delimiter: p.delimiter,
      decimal: p.decimal,
      dateFormat: p.dateFormat,
    }
  }
  const start = async (dry: boolean) => {
    setBusy(true)
    setError('')
    try {
      const { id } = await imports.start(props.entity, file()!.bytes, choices(), dry)
      if (dry) {
        setDryRunId(id)
        setStep('dryRun')
      } else {
        setRunId(id)
        globalThis.localStorage?.setItem(storageKey, id)
        setStep('run')
      }
    } catch (e) {
      fail(e)
    } finally {
      setBusy(false)
    }
  }
  const act = async (fn: () => Promise<unknown>, after: () => void) => {
    setError('')
    try {
      await fn()
      after()
    } catch (e) {
      fail(e)
    }
  }
  const restart = () => {
    setStep('file')
    setFile(undefined)
    setPreview(undefined)
    setPlan(undefined)
    setDryRunId(undefined)
    setRunId(undefined)
    setUndoId(undefined)
    setError('')
    globalThis.localStorage?.removeItem(storageKey)
  }

  const footer = (): JSX.Element => (
    <Switch>
      <Match when={step() === 'file'}>
        <button
          type="button"
          class="button button-primary"
          disabled={!preview() || busy()}
          onClick={() => setStep('mapping')}
        >
          {t('import.next')}
        </button>
      </Match>
      <Match when={step() === 'mapping'}>
        <button type="button" class="button" onClick={() => setStep('file')}>
          {t('import.back')}
        </button>
        <button
          type="button"
          class="button button-primary"
          disabled={busy() || planProblems(plan()!).length > 0}
          onClick={() => start(true)}
        >
          {t('import.dryRun')}
        </button>
      </Match>
      <Match when={step() === 'dryRun'}>
        <button type="button" class="button" onClick={() => setStep('mapping')}>
          {t('import.back')}
        </button>
        <button
          type="button"
          class="button button-primary"
          disabled={busy() || dryRun.status()?.status !== 'done'}
          onClick={() => start(false)}
        >
          {t('import.run')}
        </button>
      </Match>
      <Match when={step() === 'run' && run.status() && isFinished(run.status()!)}>
        <button type="button" class="button" onClick={restart}>
          {t('import.new')}
        </button>
      </Match>
    </Switch>
  )

  return (
    <Modal
      open={props.open}
      onOpenChange={(o) => !o && props.onClose()}
      title={t('import.title', { entity: props.label })}
      size="large"
      footer={footer()}
    >
      <div class="form-stack">
        <ol
          class="chips"
          aria-label={t('import.steps')}
          style={{ 'list-style': 'none', padding: 0, margin: 0 }}
        >
          <For each={STEPS}>
            {(s, i) => (
              <li
                class={s === step() ? 'chip' : 'chip chip-muted'}
                aria-current={s === step() ? 'step' : undefined}
              >
                {i() + 1}. {t(`import.step.${s}` as MessageKey)}
              </li>
            )}
          </For>
        </ol>
        <Switch>
          <Match when={step() === 'file'}>
            <FileStep
              fileName={file()?.name ?? ''}
              busy={busy()}
              preview={preview()}
              error={error()}
              onFile={(f) => void chooseFile(f)}
              onFormat={changeFormat}
            />
          </Match>
          <Match when={step() === 'mapping'}>
            <MappingStep
              preview={preview()!}
              plan={plan()!}
              onChange={(patch) => setPlan({ ...plan()!, ...patch })}
            />
          </Match>
          <Match when={step() === 'dryRun'}>
            <p class="muted">{t('import.dryRunHint')}</p>
            <JobView watch={dryRun.status()} label={t('import.dryRunRunning')} />
          </Match>
          <Match when={step() === 'run'}>
            <JobView
              watch={run.status()}
              label={t('import.running')}
              onCancel={() => act(() => imports.cancel(runId()!), run.refresh)}
            />
            <Show when={run.status()}>
              {(s) => (
                <>
                  <Show when={s().status === 'done'}>
                    <p role="status">{t('import.done')}</p>
                  </Show>
                  <Show when={s().status === 'cancelled'}>
                    <p role="status">{t('import.cancelled')}</p>
                  </Show>
                  <Show when={s().status === 'failed'}>
                    <p class="form-error" role="alert">
                      {t('import.failed')}
                    </p>
                  </Show>
                  <UndoPart
                    status={s()}
                    undo={undo.status()}
                    onUndo={() =>
                      act(
                        () => imports.undo(s().id).then((u) => setUndoId(u.id)),
                        () => undefined,
                      )
                    }
                  />
                </>
              )}
            </Show>
          </Match>
        </Switch>
        <Show when={step() !== 'file' && error()}>
          <p class="form-error" role="alert">
            {error()}
          </p>
        </Show>
      </div>
    </Modal>
  )
}

function JobView(props: { watch: ImportStatus | undefined; label: string; onCancel?: () => void }) {
  return (
    <Show when={props.watch} fallback={<Loading />}>
      {(s) => (
        <Show
          when={isFinished(s())}
          fallback={<JobProgress status={s()} label={props.label} onCancel={props.onCancel} />}
        >
          <JobReport status={s()} />
        </Show>
      )}
    </Show>
  )
}
