import { AccessUsed, validatePayload } from '@platform/contracts';
import { AccessUseRecorder, NOTE_EVERY_MS, type AccessUseEvent } from './access-use-recorder';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('AccessUseRecorder (002_*: the last activity of each access)', () => {
  it('notes an access at most once a minute and hands the uses over as valid access.used', async () => {
    const sent: AccessUseEvent[][] = [];
    const recorder = new AccessUseRecorder(async (events) => void sent.push(events));
    const t = Date.now();
    recorder.note(id(1), t);
    recorder.note(id(1), t + 1_000);
    recorder.note(id(2), t + 2_000);
    recorder.note(id(1), t + NOTE_EVERY_MS - 1);
    await recorder.flush();
    expect(sent).toHaveLength(1);
    const [event] = sent[0]!;
    expect(event!.type).toBe(AccessUsed.type);
    expect(validatePayload(AccessUsed, event!.data).uses).toEqual([
      { id: id(1), at: new Date(t).toISOString() },
      { id: id(2), at: new Date(t + 2_000).toISOString() },
    ]);
    // Nothing new: nothing sent. A minute later the same access is noted again.
    await recorder.flush();
    recorder.note(id(1), t + NOTE_EVERY_MS - 1);
    await recorder.flush();
    expect(sent).toHaveLength(1);
    recorder.note(id(1), t + NOTE_EVERY_MS);
    await recorder.flush();
    expect(sent[1]![0]!.data.uses).toEqual([
      { id: id(1), at: new Date(t + NOTE_EVERY_MS).toISOString() },
    ]);
  });

  it('writes a busy minute as a few events of at most 500 uses, in one hand-over', async () => {
    const sent: AccessUseEvent[][] = [];
    const recorder = new AccessUseRecorder(async (events) => void sent.push(events));
    for (let n = 0; n < 1_200; n++) recorder.note(id(n), Date.now());
    await recorder.flush();
    expect(sent.map((batch) => batch.map((e) => e.data.uses.length))).toEqual([[500, 500, 200]]);
  });

  it('keeps the uses of a failed hand-over for the next one', async () => {
    let fail = true;
    const sent: AccessUseEvent[] = [];
    const recorder = new AccessUseRecorder(async (events) => {
      if (fail) throw new Error('database down');
      sent.push(...events);
    });
    recorder.note(id(7), Date.now());
    await recorder.flush();
    fail = false;
    await recorder.flush();
    expect(sent.flatMap((e) => e.data.uses.map((u) => u.id))).toEqual([id(7)]);
  });
});
