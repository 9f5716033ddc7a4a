import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request, retryDelayMs } from '../src/api';

function reply(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

describe('retryDelayMs', () => {
  it('waits what Retry-After says, between 1 and 5 s', () => {
    expect(retryDelayMs('2')).toBe(2000);
    expect(retryDelayMs('60')).toBe(5000);
    expect(retryDelayMs(null)).toBe(1000);
    expect(retryDelayMs('soon')).toBe(1000);
    expect(retryDelayMs('0')).toBe(1000);
  });
});

describe('request on a busy server', () => {
  afterEach(() => { vi.unstubAllGlobals(); vi.useRealTimers(); });

  it('asks again for a read answered 503 and returns the later answer', async () => {
    vi.useFakeTimers();
    const fetchMock = vi.fn()
      .mockResolvedValueOnce(reply(503, { error: { code: 'busy', message: 'bận' } }, { 'Retry-After': '1' }))
      .mockResolvedValueOnce(reply(200, { total: 7 }));
    vi.stubGlobal('fetch', fetchMock);
    const p = request<{ total: number }>('GET', '/api/members?q=tuan');
    await vi.advanceTimersByTimeAsync(1000);
    await expect(p).resolves.toEqual({ total: 7 });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('gives up after three more tries with the busy error', async () => {
    vi.useFakeTimers();
    const fetchMock = vi.fn().mockImplementation(async () => reply(503, { error: { code: 'busy', message: 'bận' } }, { 'Retry-After': '1' }));
    vi.stubGlobal('fetch', fetchMock);
    const p = request('GET', '/api/members');
    const caught = p.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5000);
    const e = await caught;
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(503);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it('never repeats a write', async () => {
    const fetchMock = vi.fn().mockImplementation(async () => reply(503, { error: { code: 'busy', message: 'bận' } }, { 'Retry-After': '1' }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(request('POST', '/api/members', { full_name: 'x' })).rejects.toBeInstanceOf(ApiError);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
