/**
 * The raw repro.yml types are derived from the schema data (src/config/schema.ts RawOf), not restated by
 * hand. These checks fail to type-check (tsc, and vitest's typecheck of expectTypeOf) if the derivation
 * loses a field or widens it, and at run time the validator's output for a real config has that shape.
 */
import { expect, expectTypeOf, test } from 'vitest';
import { parseDocument, LineCounter, type Node } from 'yaml';
import { configSchema, type RawConfig } from '../../src/config/schema.js';
import { Validator } from '../../src/config/validate.js';

type Step = NonNullable<RawConfig['steps']>[number];

test('the derived types keep required, optional, enum, duration, command and map fields', () => {
  expectTypeOf<Step['name']>().toEqualTypeOf<string>();
  expectTypeOf<Step['gpus']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<Step['timeout']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<Step['command']>().toEqualTypeOf<string[] | undefined>();
  expectTypeOf<Step['env']>().toEqualTypeOf<Record<string, string> | undefined>();
  expectTypeOf<NonNullable<RawConfig['push']>['when']>().toEqualTypeOf<'auto' | 'always' | 'never' | undefined>();
  expectTypeOf<NonNullable<RawConfig['lint']>['level']>().toEqualTypeOf<'warn' | 'error' | 'off' | undefined>();
  expectTypeOf<NonNullable<RawConfig['images']>[string]['build-args']>().toEqualTypeOf<
    Record<string, string> | undefined
  >();
});

test('the validator returns that shape: shorthands expanded, durations in seconds, commands split', () => {
  const text =
    'images: { app: Dockerfile }\nsteps:\n  - name: train\n    command: python train.py\n    timeout: 30m\nlint: error\n';
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const raw = new Validator('repro.yml', lines).validate(doc.contents as Node, configSchema, '') as RawConfig;
  expect(raw.images?.app).toEqual({ dockerfile: 'Dockerfile' });
  expect(raw.steps?.[0]).toEqual({ name: 'train', command: ['python', 'train.py'], timeout: 1800 });
  expect(raw.lint).toEqual({ level: 'error' });
});
