/**
 * The account page's group panel: the head company, its subsidiaries level by level, and where the
 * account stands among them, each readable account a link. An account the user may not read shows as
 * "restricted", without its name.
 * @module
 */
import { recordPath, request, useSession } from '@comptoir/core/web'
import { createResource, For, Show } from 'solid-js'

export interface HierarchyNode {
  id: string
  parent: string | null
  depth: number
  title?: string
  number?: string | null
  city?: string | null
  restricted?: true
}

export interface Hierarchy {
  root: string
  focus: string
  nodes: HierarchyNode[]
  truncated: boolean
}

/** Children of each account, by name. */
export function childrenOf(nodes: HierarchyNode[]): Map<string | null, HierarchyNode[]> {
  const ids = new Set(nodes.map((n) => n.id))
  const out = new Map<string | null, HierarchyNode[]>()
  for (const n of nodes) {
    const parent = n.parent && ids.has(n.parent) ? n.parent : null
    out.set(parent, [...(out.get(parent) ?? []), n])
  }
  for (const list of out.values())
    list.sort((a, b) => (a.title ?? '\uffff').localeCompare(b.title ?? '\uffff', 'fr'))
  return out
}

function Branch(props: {
  node: HierarchyNode
  children: Map<string | null, HierarchyNode[]>
  focus: string
  msg: (key: string) => string
}) {
  const here = () => props.node.id === props.focus
  return (
    <li>
      <Show
        when={!props.node.restricted}
        fallback={<span class="muted">{props.msg('accounts:hierarchy.restricted')}</span>}
      >
        <Show when={!here()} fallback={<strong aria-current="page">{props.node.title}</strong>}>
          <a href={recordPath('accounts.account', props.node.id)}>{props.node.title}</a>
        </Show>
        <Show when={props.node.city}>
          <span class="muted"> · {props.node.city}</span>
        </Show>
      </Show>
      <Show when={props.children.get(props.node.id)?.length}>
        <ul>
          <For each={props.children.get(props.node.id)}>
            {(child) => <Branch node={child} children={props.children} focus={props.focus} msg={props.msg} />}
          </For>
        </ul>
      </Show>
    </li>
  )
}

export default function HierarchyPanel(props: { entity: string; record: { id: string } }) {
  const session = useSession()
  const msg = (key: string) => session.labels().msg(key)
  const [tree] = createResource(
    () => props.record.id,
    (id) => request<Hierarchy>(`/p/accounts/hierarchy/${id}`),
  )
  const title = () => msg('accounts:hierarchy.title')
  return (
    <section class="panel account-hierarchy" aria-label={title()}>
      <h2>{title()}</h2>
      <Show
        when={tree()}
        fallback={
          <Show when={tree.error}>
            <p>{msg('accounts:hierarchy.error')}</p>
          </Show>
        }
      >
        {(h) => (
          <Show when={h().nodes.length > 1} fallback={<p>{msg('accounts:hierarchy.alone')}</p>}>
            <ul class="tree">
              <For each={childrenOf(h().nodes).get(null)}>
                {(top) => <Branch node={top} children={childrenOf(h().nodes)} focus={h().focus} msg={msg} />}
              </For>
            </ul>
            <Show when={h().truncated}>
              <p class="muted">{msg('accounts:hierarchy.truncated')}</p>
            </Show>
          </Show>
        )}
      </Show>
    </section>
  )
}
