/** Polls until `check` passes, for up to `withinMs`: for effects the gateway makes off the request path. */
export async function eventually(check: () => Promise<void>, withinMs = 5000): Promise<void> {
  const until = performance.now() + withinMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (performance.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
