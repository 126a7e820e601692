import { describe, expect, it, vi } from 'vitest';
import { ManagerState } from '../../src/resolvers/manager-state.ts';

describe('ManagerState', () => {
  it('reads the release again once the interval has passed, without blocking, and notices an upgrade', async () => {
    let now = 0;
    const state = new ManagerState('26.1.0', 1000, () => now);
    const read = vi.fn(async () => '26.3.0');
    state.refreshIfStale(read);
    expect(read).not.toHaveBeenCalled();
    now = 1500;
    state.refreshIfStale(read);
    state.refreshIfStale(read);
    expect(read).toHaveBeenCalledTimes(1);
    expect(state.capabilities.restImageApi).toBe(false);
    await vi.waitFor(() => expect(state.capabilities.restImageApi).toBe(true));
    expect(state.capabilities.release).toBe('26.3.0');
  });

  it('keeps what it knew when the manager cannot be read', async () => {
    let now = 0;
    const state = new ManagerState('26.3.0', 1000, () => now);
    now = 2000;
    state.refreshIfStale(async () => {
      throw new Error('down');
    });
    await vi.waitFor(() => expect(state.lastChecked.getTime()).toBe(2000));
    expect(state.capabilities.release).toBe('26.3.0');
  });
});
