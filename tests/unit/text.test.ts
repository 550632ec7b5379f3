import { describe, expect, it } from 'vitest';
import {
  closest,
  didYouMean,
  editDistance,
  formatDuration,
  LineTail,
  parseDuration,
  splitCommand,
} from '../../src/util/text.js';

describe('splitCommand', () => {
  it.each<[string, string[]]>([
    ['python train.py', ['python', 'train.py']],
    ['  python   train.py  --epochs 3 ', ['python', 'train.py', '--epochs', '3']],
    ['', []],
    ['   ', []],
    ['python -c "print(1 + 2)"', ['python', '-c', 'print(1 + 2)']],
    ['python -c \'print("hi")\'', ['python', '-c', 'print("hi")']],
    ['echo "a \\"quoted\\" word"', ['echo', 'a "quoted" word']],
    ['echo "back\\\\slash"', ['echo', 'back\\slash']],
    // Inside double quotes only \" and \\ are escapes; other backslashes stay.
    ['echo "a\\nb"', ['echo', 'a\\nb']],
    // Single quotes keep everything literally.
    ["echo 'a\\\"b'", ['echo', 'a\\"b']],
    ['echo a\\ b', ['echo', 'a b']],
    ['echo \\"x\\"', ['echo', '"x"']],
    ['echo ""', ['echo', '']],
    ["echo ''", ['echo', '']],
    ['pre"mid dle"post', ['premid dlepost']],
    ["it'\"'s", ['it"s']],
    ['a\tb\nc', ['a', 'b', 'c']],
    // A trailing lone backslash is kept as is.
    ['echo a\\', ['echo', 'a\\']],
  ])('splits %j', (line, words) => {
    expect(splitCommand(line)).toEqual(words);
  });

  it.each<[string, string]>([
    ['python -c "print(1)', 'unclosed " quote'],
    ["echo 'oops", "unclosed ' quote"],
    ['echo "escaped \\"', 'unclosed " quote'],
  ])('throws on %j', (line, message) => {
    expect(() => splitCommand(line)).toThrow(message);
  });
});

describe('parseDuration', () => {
  it.each<[string | number, number | undefined]>([
    [90, 90],
    [1.5, 1.5],
    [0, undefined],
    [-5, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    ['90', 90],
    ['90s', 90],
    ['30m', 1800],
    ['2h', 7200],
    ['1h30m', 5400],
    ['1h30m15s', 5415],
    ['1h 30m', 5400],
    [' 45s ', 45],
    ['1m30', 90],
    ['0', undefined],
    ['0s', undefined],
    ['0h0m', undefined],
    ['', undefined],
    ['  ', undefined],
    ['ten minutes', undefined],
    ['10 minutes', undefined],
    ['1.5h', undefined],
    ['-5', undefined],
    ['1d', undefined],
    ['30m1h', undefined],
    ['h', undefined],
  ])('%j → %j', (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });
});

describe('editDistance', () => {
  it.each<[string, string, number]>([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['kitten', 'sitting', 3],
    ['dockerfiel', 'dockerfile', 2],
    ['stpes', 'steps', 2],
    ['flaw', 'lawn', 2],
    ['Steps', 'steps', 1],
  ])('%j vs %j = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closest / didYouMean', () => {
  const keys = ['version', 'name', 'images', 'steps', 'metrics', 'checks', 'push', 'results'];
  it.each<[string, readonly string[], string | undefined]>([
    ['stpes', keys, 'steps'],
    ['STEPS', keys, 'steps'],
    ['image', keys, 'images'],
    ['chekcs', keys, 'checks'],
    ['dockerfiel', ['dockerfile', 'context', 'target', 'build-args'], 'dockerfile'],
    ['xyz', keys, undefined],
    ['completely-unrelated', keys, undefined],
    ['a', [], undefined],
  ])('closest(%j) = %j', (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });

  it('suggests the closest candidate, or lists them all', () => {
    expect(didYouMean('stpes', keys)).toBe('did you mean "steps"?');
    expect(didYouMean('zzz', ['train', 'eval'])).toBe('expected one of: train, eval');
  });
});

describe('LineTail', () => {
  it('joins lines split across chunk boundaries', () => {
    const t = new LineTail(10);
    t.push('ab');
    t.push('c\nde');
    t.push('f\r\n');
    t.push('g');
    expect(t.get()).toEqual(['abc', 'def', 'g']);
  });

  it('handles a CRLF split between two chunks', () => {
    const t = new LineTail(10);
    t.push('one\r');
    t.push('\ntwo\n');
    expect(t.get()).toEqual(['one', 'two']);
  });

  it('keeps only the last `max` lines, counting the partial one', () => {
    const t = new LineTail(2);
    t.push('1\n2\n3\n');
    expect(t.get()).toEqual(['2', '3']);
    t.push('4');
    expect(t.get()).toEqual(['3', '4']);
    t.push('5\n6\n');
    expect(t.get()).toEqual(['45', '6']);
  });

  it('keeps empty lines and returns a copy', () => {
    const t = new LineTail(5);
    t.push('a\n\nb\n');
    const got = t.get();
    expect(got).toEqual(['a', '', 'b']);
    got.push('mutated');
    expect(t.get()).toEqual(['a', '', 'b']);
  });

  it('is empty before any input', () => {
    expect(new LineTail(3).get()).toEqual([]);
  });
});

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0.0s'],
    [1.23, '1.2s'],
    [59.94, '59.9s'],
    [59.96, '1m00s'],
    [60, '1m00s'],
    [64, '1m04s'],
    [125.4, '2m05s'],
    [3599, '59m59s'],
    [3599.6, '1h00m'],
    [3600, '1h00m'],
    [3661, '1h01m'],
    [5400, '1h30m'],
    [36000, '10h00m'],
  ])('%f → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
