import { eventDefinitions } from '@platform/contracts';

/** Every type: alone in the list, a subscription receives every event of its audience. */
export const EVERY_TYPE = '*';

/** The most types one subscription may name (the catalogue has fewer; `*` covers them all). */
export const MAX_ACTIONS = 100;

/** What a subscription may name: a type of the event catalogue, or `*` for all of them. */
export const subscribableActions = (): string[] => [
  EVERY_TYPE,
  ...eventDefinitions()
    .map((d) => d.type)
    .sort((a, b) => a.localeCompare(b)),
];

/** The types a body names: `actions`, or the `004_*` single `action`, or both when they agree. */
export interface ActionsInput {
  action?: string;
  actions?: string[];
}

/** The stored list of a body's types (sorted, without repeats), or why the body is not valid. */
export function resolveActions(
  body: ActionsInput,
):
  | { actions: string[]; problem?: never }
  | { actions?: never; problem: { field: string; message: string } } {
  const { action, actions } = body;
  if (action === undefined && actions === undefined)
    return fail('actions', 'give the event types: actions (a list) or action (one type, or *)');
  if (
    action !== undefined &&
    actions !== undefined &&
    !(actions.length === 1 && actions[0] === action)
  )
    return fail(
      'actions',
      'action and actions disagree: give one of them (actions for several types)',
    );
  const list = [...new Set(actions ?? [action as string])].sort((a, b) => a.localeCompare(b));
  const known = new Set(subscribableActions());
  const unknown = list.filter((t) => !known.has(t));
  const field = actions === undefined ? 'action' : 'actions';
  if (unknown.length > 0)
    return fail(
      field,
      `unknown event type(s) ${unknown.map((t) => `'${t}'`).join(', ')}; known: ${[...known].join(', ')}`,
    );
  if (list.length > 1 && list.includes(EVERY_TYPE))
    return fail(field, `'*' already means every type: give it alone`);
  return { actions: list };
}

function fail(field: string, message: string): { problem: { field: string; message: string } } {
  return { problem: { field, message } };
}

/** The `004_*` single `action` of a subscription: its one type (or `*`); null with several. */
export const singleAction = (actions: string[]): string | null =>
  actions.length === 1 ? (actions[0] ?? null) : null;

/** The types as one text, for events whose `action` is a string: the type, `*`, or `a,b`. */
export const actionLabel = (actions: string[]): string => actions.join(',');
