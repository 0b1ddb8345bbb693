/** Runs `fn` over `items` with at most `limit` calls in flight, in order of start. */
export async function forEachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await fn(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, worker),
  );
}
