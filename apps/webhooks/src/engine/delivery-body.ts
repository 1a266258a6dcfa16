/** Spec §6 / `004_*`: `{id, action, date, data}`; `id` is the event id, `date` when it happened. */
export function deliveryBody(eventId: string, action: string, date: string, data: unknown): string {
  return JSON.stringify({ id: eventId, action, date, data });
}
