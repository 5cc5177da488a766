import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthingApiError } from '../../src/core/errors.js';
import { startPolling, type StatusCheck } from '../../src/clients/authentication/qrcode-polling.js';
import type { QrCodeStatus, QrCodeStatusValue } from '../../src/clients/authentication/qrcode-types.js';
import { renderQrCode } from '../../src/clients/authentication/qrcode-view.js';

const status = (value: QrCodeStatusValue, ticket: string | null = null): QrCodeStatus => ({
  random: 'r1',
  status: value,
  ticket,
  userInfo: value === 0 ? null : { nickname: 'Ann', photo: null },
});

/** A check answering the given statuses in turn (the last one repeats), counting calls and seeing each signal. */
function scripted(...answers: Array<QrCodeStatus | Error>) {
  const signals: AbortSignal[] = [];
  let calls = 0;
  const check: StatusCheck = async (signal) => {
    signals.push(signal);
    const answer = answers[Math.min(calls++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer as QrCodeStatus;
  };
  return { check, signals, calls: () => calls };
}

describe('QR-code polling (fake timers)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks once per interval, calls back in the official order and leaves no timer after success', async () => {
    const { check, calls } = scripted(status(0), status(1), status(1), status(2, 'T1'));
    const events: string[] = [];
    const polling = startPolling('r1', check, {
      interval: 100,
      onStart: () => events.push('start'),
      onResult: (s) => events.push(`result:${s.status}`),
      onScanned: (u) => events.push(`scanned:${u?.nickname}`),
      onSuccess: (u, t) => events.push(`success:${u?.nickname}:${t}`),
    });
    expect(events).toEqual(['start']);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(calls()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(await polling.done).toEqual({ kind: 'success', ticket: 'T1', userInfo: { nickname: 'Ann', photo: null } });
    expect(events).toEqual(['start', 'result:0', 'result:1', 'scanned:Ann', 'result:1', 'result:2', 'success:Ann:T1']);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls()).toBe(4);
  });

  it.each([
    [3, { kind: 'cancelled' }, 'cancel'],
    [-1, { kind: 'expired' }, 'expired'],
  ] as const)('ends on status %s with no timer left', async (value, outcome, event) => {
    const { check } = scripted(status(0), status(value));
    const events: string[] = [];
    const polling = startPolling('r1', check, { interval: 10, onCancel: () => events.push('cancel'), onExpired: () => events.push('expired') });
    await vi.advanceTimersByTimeAsync(50);
    expect(await polling.done).toEqual(outcome);
    expect(events).toEqual([event]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('treats a confirmed code without a ticket (exchanged elsewhere) as expired', async () => {
    const polling = startPolling('r1', scripted(status(2, null)).check, { interval: 10 });
    await vi.advanceTimersByTimeAsync(10);
    expect(await polling.done).toEqual({ kind: 'expired' });
  });

  it('hands a failed check to onError once and stops', async () => {
    const failure = new AuthingApiError({ code: 2241, message: '二维码不存在' });
    const { check, calls } = scripted(failure);
    const errors: unknown[] = [];
    const polling = startPolling('r1', check, { interval: 10, onError: (e) => errors.push(e) });
    await vi.advanceTimersByTimeAsync(100);
    expect(await polling.done).toEqual({ kind: 'error', error: failure });
    expect(errors).toEqual([failure]);
    expect(calls()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends with the error a callback throws, without calling onError', async () => {
    const boom = new Error('boom');
    const onError = vi.fn();
    const polling = startPolling('r1', scripted(status(1)).check, { interval: 10, onScanned: () => { throw boom; }, onError });
    await vi.advanceTimersByTimeAsync(10);
    expect(await polling.done).toEqual({ kind: 'error', error: boom });
    expect(onError).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() clears the timer, aborts a check in flight and silences its answer', async () => {
    let release: (s: QrCodeStatus) => void = () => undefined;
    const signals: AbortSignal[] = [];
    const check: StatusCheck = (signal) => {
      signals.push(signal);
      return new Promise((resolve) => (release = resolve));
    };
    const onResult = vi.fn();
    const polling = startPolling('r1', check, { interval: 10, onResult });
    await vi.advanceTimersByTimeAsync(10);
    expect(signals).toHaveLength(1);
    polling.stop();
    expect(signals[0]?.aborted).toBe(true);
    release(status(2, 'T'));
    expect(await polling.done).toEqual({ kind: 'stopped' });
    expect(onResult).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    polling.stop(); // a second stop is harmless
  });

  it('stops on the caller’s signal and removes its listener', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const { check, calls } = scripted(status(0));
    const polling = startPolling('r1', check, { interval: 10 }, controller.signal);
    await vi.advanceTimersByTimeAsync(25);
    controller.abort();
    expect(await polling.done).toEqual({ kind: 'stopped' });
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    const seen = calls();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls()).toBe(seen);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('can be stopped from onStart', async () => {
    const { check, calls } = scripted(status(0));
    const polling = startPolling('r1', check, { interval: 10, onStart: (p) => p.stop() });
    expect(await polling.done).toEqual({ kind: 'stopped' });
    await vi.advanceTimersByTimeAsync(50);
    expect(calls()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('QR-code view', () => {
  it('renders nothing without a DOM', () => {
    expect(renderQrCode('x', 'data:image/svg+xml;base64,AA==', { width: 1, height: 1 }, 'title')).toBeUndefined();
  });

  it('puts the image and a text line (never HTML) into the element, creating it when missing', () => {
    interface FakeElement { id?: string; src?: string; width?: number; height?: number; alt?: string; textContent?: string; tag: string; children: FakeElement[]; replaceChildren(...c: FakeElement[]): void }
    const element = (tag: string): FakeElement => ({ tag, children: [], replaceChildren(...c) { this.children = c; } });
    const appended: FakeElement[] = [];
    const fake = {
      body: { appendChild: (e: FakeElement) => appended.push(e) },
      getElementById: (id: string) => appended.find((e) => e.id === id) ?? null,
      createElement: element,
    };
    vi.stubGlobal('document', fake);
    try {
      const view = renderQrCode('qr', 'data:image/png;base64,AA==', { width: 200, height: 180 }, 'Scan <b>me</b>');
      expect(appended.map((e) => e.id)).toEqual(['qr']);
      const [image, tip] = appended[0]?.children ?? [];
      expect(image).toMatchObject({ tag: 'img', src: 'data:image/png;base64,AA==', width: 200, height: 180 });
      expect(tip).toMatchObject({ tag: 'p', textContent: 'Scan <b>me</b>' });
      view?.say('Scanned');
      expect(tip?.textContent).toBe('Scanned');
      // Rendering again reuses the element.
      renderQrCode('qr', 'data:image/png;base64,AB==', { width: 1, height: 1 }, 't');
      expect(appended).toHaveLength(1);
      expect(appended[0]?.children[0]?.src).toBe('data:image/png;base64,AB==');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
