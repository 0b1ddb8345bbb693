import type { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { assignKeys } from './assignKeys';
import type { ResolvedEntry } from './resolveEntries';

const PREFIX = 'group:default/team-a|sandbox/shop-dev';

/** Stored schedules by key, each named by its content. */
function stored(contents: string[]): Map<string, Schedule> {
  return new Map(
    contents.map((content, index) => [
      `${PREFIX}|${index}`,
      { id: `id-${content}`, title: content } as Schedule,
    ]),
  );
}

function entries(contents: string[]): ResolvedEntry[] {
  return contents.map(
    (content, index) =>
      ({
        key: `${PREFIX}|${index}`,
        title: content,
      } as unknown as ResolvedEntry),
  );
}

const same = (schedule: Schedule, entry: ResolvedEntry) =>
  schedule.title === (entry as unknown as { title: string }).title;

describe('assignKeys', () => {
  it('moves nothing when every entry is where it was', () => {
    expect(assignKeys(stored(['a', 'b']), entries(['a', 'b']), same)).toEqual(
      [],
    );
  });

  it('swaps the keys of swapped entries', () => {
    expect(assignKeys(stored(['a', 'b']), entries(['b', 'a']), same)).toEqual([
      { id: 'id-b', from: `${PREFIX}|1`, to: `${PREFIX}|0` },
      { id: 'id-a', from: `${PREFIX}|0`, to: `${PREFIX}|1` },
    ]);
  });

  it('keeps an edited entry on the schedule at its position', () => {
    expect(assignKeys(stored(['a', 'b']), entries(['a2', 'b']), same)).toEqual(
      [],
    );
  });

  it('moves a kept entry to its new position, and the removed one out of its way', () => {
    expect(assignKeys(stored(['a', 'b']), entries(['b']), same)).toEqual([
      { id: 'id-b', from: `${PREFIX}|1`, to: `${PREFIX}|0` },
      {
        id: 'id-a',
        from: `${PREFIX}|0`,
        to: `${PREFIX}|0|unwanted:id-a`,
      },
    ]);
  });

  it('leaves a removed entry where it is, to be deleted', () => {
    expect(assignKeys(stored(['a', 'b']), entries(['a']), same)).toEqual([]);
  });
});
