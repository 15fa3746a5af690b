/**
 * The import client over a fake worker: a MessageChannel in node with a Comlink-exposed
 * object on the far end, so the real Comlink protocol runs (calls, thrown errors, the
 * progress proxy). A fresh fake per createWorker() call, like a fresh Worker.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkImportSize, createImportClient, IMPORT_LIMITS, ImportCancelledError, ImportWorkerError, isImportCancelled, type WorkerLike } from '../../src/workers/importClient';

interface FakeWorker extends WorkerLike {
  terminated: boolean;
  fail(message: string): void;
}

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

function fakeWorker(api: object): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(api, port2);
  const errors = new EventTarget();
  const w = {
    terminated: false,
    postMessage: (msg: unknown, transfer?: Transferable[]) => {
      if (!w.terminated) port1.postMessage(msg, (transfer ?? []) as never);
    },
    addEventListener: (type: string, l: EventListener) => (type === 'message' ? port1.addEventListener('message', l as never) : errors.addEventListener(type, l)),
    removeEventListener: (type: string, l: EventListener) => (type === 'message' ? port1.removeEventListener('message', l as never) : errors.removeEventListener(type, l)),
    start: () => port1.start(),
    terminate: () => {
      w.terminated = true;
      port1.close();
      port2.close();
    },
    fail: (message: string) => errors.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message })),
  };
  return w as unknown as FakeWorker;
}

/** A worker api that remembers what was parsed, like the real one. */
function statefulApi() {
  let parsed: string | null = null;
  return {
    async parseFile(file: string, _opts: unknown, onProgress?: (f: number) => void) {
      await onProgress?.(0.5);
      parsed = file;
      return { ok: true, value: { rowCount: file.split('\n').length - 1 } };
    },
    validate() {
      if (parsed === null) throw new Error('No file has been parsed yet: call parseFile first.');
      return { stores: [], rejected: [], summary: { parsed } };
    },
    preview: () => [],
    hang: () => new Promise(() => undefined),
  };
}

function clientWith(make: () => object = statefulApi) {
  const workers: FakeWorker[] = [];
  const createWorker = vi.fn(() => {
    const w = fakeWorker(make());
    workers.push(w);
    return w;
  });
  return { client: createImportClient({ createWorker, limits: { maxBytes: 1000, maxRows: 10 } }), createWorker, workers };
}

describe('checkImportSize', () => {
  it('refuses an empty file and one over the byte limit with a message naming both sizes', () => {
    expect(checkImportSize({ size: 0, name: 'a.csv' })).toMatchObject({ ok: false, reason: 'empty-file' });
    const big = checkImportSize({ size: 300 * 1024 * 1024, name: 'crm.csv' });
    expect(checkImportSize({ size: 250 * 1024 * 1024 + 1, name: 'crm.csv' })).toMatchObject({ ok: false, reason: 'file-too-large' });
    expect(big).toMatchObject({ ok: false, reason: 'file-too-large' });
    expect(!big.ok && big.message).toBe(
      'crm.csv is 300 MB; the import handles files up to 250 MB (about 1,000,000 stores). Split the file or remove columns you do not need.',
    );
    expect(checkImportSize({ size: IMPORT_LIMITS.maxBytes, name: 'ok.csv' })).toEqual({ ok: true, value: true });
  });
});

describe('createImportClient', () => {
  it('refuses a too-large file before any worker exists (nothing is read)', async () => {
    const { client, createWorker } = clientWith();
    const file = { name: 'huge.csv', size: 5000 } as File;
    const res = await client.parseFile(file);
    expect(res).toMatchObject({ ok: false, reason: 'file-too-large' });
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('parses in the worker, reports progress through a Comlink proxy, and keeps state there', async () => {
    const { client, createWorker } = clientWith();
    const progress: number[] = [];
    const res = await client.parseFile('a,b\n1,2\n', {}, (f) => progress.push(f));
    expect(res).toEqual({ ok: true, value: { rowCount: 2 } });
    expect(progress).toEqual([0.5]);
    expect(await client.validate({} as never, {} as never)).toMatchObject({ summary: { parsed: 'a,b\n1,2\n' } });
    expect(createWorker).toHaveBeenCalledTimes(1);
  });

  it('cancel rejects the running call at once, terminates the worker and leaves no state behind', async () => {
    const { client, createWorker, workers } = clientWith();
    await client.parseFile('a\n1\n');
    const running = client.validate({} as never, {} as never);
    expect(client.busy).toBe(true);
    client.cancel(); // before the worker's answer arrives
    await expect(running).rejects.toBeInstanceOf(ImportCancelledError);
    expect(workers[0]!.terminated).toBe(true);
    expect(client.busy).toBe(false);

    // The next call gets a fresh worker that knows nothing of the cancelled file.
    await expect(client.validate({} as never, {} as never)).rejects.toThrow(/No file has been parsed/);
    expect(createWorker).toHaveBeenCalledTimes(2);
  });

  it('a worker that never answers is still cancelled instantly', async () => {
    const { client, workers } = clientWith(() => ({ parseFile: () => new Promise(() => undefined) }));
    const pending = client.parseFile('a\n1\n');
    await new Promise((r) => setTimeout(r, 10));
    const t0 = performance.now();
    client.cancel();
    const err = await pending.catch((e: unknown) => e);
    expect(isImportCancelled(err)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(workers[0]!.terminated).toBe(true);
  });

  it('a crashed worker (error event) fails the running call with a clear message, and the next call starts afresh', async () => {
    const { client, createWorker, workers } = clientWith(() => ({ parseFile: () => new Promise(() => undefined) }));
    const pending = client.parseFile('a\n1\n');
    await new Promise((r) => setTimeout(r, 10));
    workers[0]!.fail('Out of memory');
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportWorkerError);
    expect((err as Error).message).toMatch(/stopped unexpectedly \(Out of memory\)/);
    expect(workers[0]!.terminated).toBe(true);
    void client.parseFile('a\n1\n').catch(() => undefined);
    expect(createWorker).toHaveBeenCalledTimes(2);
    client.dispose();
  });

  it('errors thrown in the worker reach the caller as errors, without ending the worker', async () => {
    const { client, createWorker } = clientWith();
    await expect(client.validate({} as never, {} as never)).rejects.toThrow(/No file has been parsed/);
    await client.parseFile('a\n1\n');
    expect(createWorker).toHaveBeenCalledTimes(1);
  });
});
