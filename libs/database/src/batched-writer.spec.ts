import { BatchedWriter } from './batched-writer';

/** A write that waits until released, recording what each call wrote. */
function gatedWrites(refuse = new Set<number>()) {
  const calls: number[][] = [];
  const gates: (() => void)[] = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push(items);
      gates.push(() =>
        items.some((item) => refuse.has(item)) ? reject(new Error('refused')) : resolve(),
      );
    });
  const release = async () => {
    for (let open = 0; open < 20; open += 1) {
      gates.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { calls, write, release };
}

describe('BatchedWriter', () => {
  it('writes a lone item at once, and everything that arrived meanwhile in the next write', async () => {
    const { calls, write, release } = gatedWrites();
    const writer = new BatchedWriter(write);
    const first = writer.add(1);
    const later = [writer.add(2), writer.add(3), writer.add(4)];
    expect(calls).toEqual([[1]]);
    await release();
    await Promise.all([first, ...later]);
    expect(calls).toEqual([[1], [2, 3, 4]]);
  });

  it('settles a caller only once its item is written, and fails only the item that was refused', async () => {
    const { calls, write, release } = gatedWrites(new Set([3]));
    const writer = new BatchedWriter(write);
    let firstDone = false;
    const first = writer.add(1).then(() => (firstDone = true));
    const outcomes = [2, 3, 4].map((item) =>
      writer.add(item).then(
        () => 'written',
        () => 'failed',
      ),
    );
    expect(firstDone).toBe(false);
    await release();
    await first;
    expect(await Promise.all(outcomes)).toEqual(['written', 'failed', 'written']);
    // The batch [2, 3, 4] failed as a whole, then each item was written on its own.
    expect(calls).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('splits a long queue into batches of at most the maximum', async () => {
    const { calls, write, release } = gatedWrites();
    const writer = new BatchedWriter(write, 2);
    const all = [1, 2, 3, 4, 5].map((item) => writer.add(item));
    await release();
    await Promise.all(all);
    expect(calls).toEqual([[1], [2, 3], [4, 5]]);
  });
});
