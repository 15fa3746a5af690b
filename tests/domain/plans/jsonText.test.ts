import { describe, expect, it } from 'vitest';
import { capText, copyWithoutUnsafeKeys, formatSize, parseJsonText } from '../../../src/domain/plans';

describe('parseJsonText', () => {
  it('parses JSON, ignoring a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a":[1]}', 100, 'file')).toEqual({ ok: true, value: { a: [1] } });
  });

  it('tells a cut-off file from one that is not JSON', () => {
    for (const t of ['{"a": [1,2', '{"a": "abc', '{"a": tru', '[{"a":1},', '{"a": 1.']) {
      expect(parseJsonText(t, 100, 'file')).toMatchObject({ ok: false, reason: 'truncated' });
    }
    for (const t of ['hello', '{"a": 1} x', "{'a': 1}", 'null x', '<html>']) {
      expect(parseJsonText(t, 100, 'file')).toMatchObject({ ok: false, reason: 'not-json' });
    }
  });

  it('checks the size before parsing', () => {
    expect(parseJsonText('x'.repeat(3_500_000), 1_000_000, 'plan file')).toEqual({
      ok: false,
      reason: 'too-large',
      message: 'This plan file is 3.5 MB; the limit is 1 MB. Check that it is the right file.',
    });
    expect(formatSize(512)).toBe('512 bytes');
  });
});

describe('copyWithoutUnsafeKeys', () => {
  it('drops __proto__, constructor and prototype at every depth, into fresh objects', () => {
    const parsed = JSON.parse('{"a":1,"__proto__":{"polluted":1},"b":[{"constructor":{"prototype":{"x":1}},"c":2}],"prototype":3}') as unknown;
    const copy = copyWithoutUnsafeKeys(parsed);
    expect(copy).toEqual({ value: { a: 1, b: [{ c: 2 }] } });
    expect(Object.keys(copy!.value as object)).toEqual(['a', 'b']);
    expect(copy!.value).not.toBe(parsed);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as unknown;
    expect(copyWithoutUnsafeKeys(deep, 64)).toBeNull();
    expect(copyWithoutUnsafeKeys([[[1]]], 3)).toEqual({ value: [[[1]]] });
  });
});

describe('capText', () => {
  it('cuts without splitting a surrogate pair', () => {
    expect(capText('abc', 5)).toBe('abc');
    expect(capText('abcdef', 3)).toBe('abc');
    expect(capText('ab🐾', 3)).toBe('ab');
    expect(capText('ab🐾', 4)).toBe('ab🐾');
  });
});
