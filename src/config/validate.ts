/**
 * Walks a parsed YAML document against the schema, collecting every problem with its line and column,
 * and returns plain normalized values (shorthands expanded, durations in seconds, commands as word lists).
 */
import { isMap, isScalar, isSeq, LineCounter, type Node } from 'yaml';
import type { ConfigProblem } from '../errors.js';
import { didYouMean, MAX_DURATION_S, parseDuration, splitCommand } from '../util/text.js';
import type { Schema } from './schema.js';

export type Plain = string | number | boolean | string[] | Plain[] | { [key: string]: Plain } | undefined;

export class Validator {
  readonly problems: ConfigProblem[] = [];
  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  problem(node: Node | null | undefined, path: string, message: string, fix?: string): void {
    const offset = node?.range?.[0];
    const pos = offset === undefined ? undefined : this.lines.linePos(offset);
    this.problems.push({ location: { file: this.file, line: pos?.line, column: pos?.col }, path, message, fix });
  }

  validate(node: Node | null | undefined, schema: Schema, path: string): Plain {
    switch (schema.kind) {
      case 'string':
        return this.string(node, schema, path);
      case 'number': {
        const v = this.scalarValue(node, path, 'a number', 'write a number such as `0.9`');
        if (v === undefined) return undefined;
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          this.problem(
            node,
            path,
            `expected a number, got ${describe(v)}.`,
            'write a number such as `0.9` (no quotes).',
          );
          return undefined;
        }
        return v;
      }
      case 'boolean': {
        const v = this.scalarValue(node, path, 'true or false', 'write `true` or `false`');
        if (v !== undefined && typeof v !== 'boolean') {
          this.problem(node, path, `expected true or false, got ${describe(v)}.`, 'write `true` or `false`.');
          return undefined;
        }
        return v as boolean | undefined;
      }
      case 'scalar': {
        const v = this.scalarValue(node, path, 'a value', 'write a string, number or boolean');
        if (v === undefined) return undefined;
        if (v === null) {
          this.problem(node, path, 'has no value.', 'write a value, or quote an empty one as `""`.');
          return undefined;
        }
        // Keep numbers and booleans as written: `PYTHON_VERSION: 3.10` is "3.10", not "3.1".
        return typeof v !== 'string' && isScalar(node) && node.source !== undefined ? node.source : String(v);
      }
      case 'duration': {
        const v = this.scalarValue(node, path, 'a duration', 'write a duration such as `30m`');
        if (v === undefined) return undefined;
        const seconds = typeof v === 'number' || typeof v === 'string' ? parseDuration(v) : undefined;
        if (seconds === undefined) {
          this.problem(
            node,
            path,
            `${describe(v)} is not a duration.`,
            'write seconds as a number, or a duration such as `90s`, `30m` or `1h30m`.',
          );
        } else if (seconds > MAX_DURATION_S) {
          // Node's timers take at most 2^31 - 1 ms: a longer one fires at once.
          this.problem(
            node,
            path,
            `is ${seconds} s, longer than the longest time repro-ci can wait (${MAX_DURATION_S} s, 24 days).`,
            'write a shorter limit, e.g. `72h`.',
          );
          return undefined;
        }
        return seconds;
      }
      case 'command':
        return this.command(node, path);
      case 'list':
        return this.list(node, schema.items, path);
      case 'map':
        return this.map(node, schema, path);
      case 'object':
        return this.object(node, schema, path);
    }
  }

  private scalarValue(node: Node | null | undefined, path: string, what: string, fix: string): unknown {
    if (!isScalar(node)) {
      this.problem(node, path, `expected ${what}, got ${kindOf(node)}.`, `${fix}.`);
      return undefined;
    }
    return node.value;
  }

  private string(
    node: Node | null | undefined,
    schema: Extract<Schema, { kind: 'string' }>,
    path: string,
  ): string | undefined {
    const v = this.scalarValue(node, path, 'a string', 'write a plain string');
    if (v === undefined) return undefined;
    if (v === null || typeof v === 'boolean' || typeof v === 'object') {
      this.problem(
        node,
        path,
        `expected a string, got ${describe(v)}.`,
        schema.enum ? `use one of: ${schema.enum.join(', ')}.` : 'write a string (quote it if needed).',
      );
      return undefined;
    }
    const s = String(v);
    if (schema.enum && !schema.enum.includes(s)) {
      this.problem(node, path, `"${s}" is not allowed.`, `${capitalize(didYouMean(s, schema.enum))}`);
      return undefined;
    }
    if (schema.pattern && !schema.pattern.test(s)) {
      this.problem(
        node,
        path,
        `"${s}" is not valid.`,
        `${capitalize(schema.patternHint ?? 'see the config reference')}.`,
      );
      return undefined;
    }
    return s;
  }

  private command(node: Node | null | undefined, path: string): string[] | undefined {
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
      try {
        return splitCommand(String(node.value));
      } catch (e) {
        this.problem(
          node,
          path,
          `cannot be split into words: ${(e as Error).message}.`,
          'close the quote, or write the command as a list: `["python", "train.py"]`.',
        );
        return undefined;
      }
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        if (isScalar(item) && item.value !== null && typeof item.value !== 'object') return String(item.value);
        this.problem(
          item as Node,
          `${path}[${i}]`,
          `expected a word, got ${kindOf(item as Node)}.`,
          'write each word of the command as a string.',
        );
        return '';
      });
    }
    this.problem(
      node,
      path,
      `expected a command, got ${kindOf(node)}.`,
      'write a list such as `["python", "train.py"]` or a string such as `python train.py`.',
    );
    return undefined;
  }

  private list(node: Node | null | undefined, items: Schema, path: string): Plain[] | undefined {
    if (!isSeq(node)) {
      this.problem(node, path, `expected a list, got ${kindOf(node)}.`, 'write a YAML list, one `- item` per line.');
      return undefined;
    }
    return node.items.map((item, i) => this.validate(item as Node, items, `${path}[${i}]`));
  }

  private map(
    node: Node | null | undefined,
    schema: Extract<Schema, { kind: 'map' }>,
    path: string,
  ): Record<string, Plain> | undefined {
    if (!isMap(node)) {
      this.problem(
        node,
        path,
        `expected a mapping of names to values, got ${kindOf(node)}.`,
        'write `NAME: value` lines, indented under the key.',
      );
      return undefined;
    }
    const out: Record<string, Plain> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const keyNode = pair.key as Node;
      if (key === undefined) {
        this.problem(keyNode, path, 'has a key that is not a plain name.', 'use plain names as keys.');
        continue;
      }
      const sub = path ? `${path}.${key}` : key;
      if (schema.keyPattern && !schema.keyPattern.test(key)) {
        this.problem(keyNode, sub, `"${key}" is not a valid name.`, `Use ${schema.keyHint ?? 'a simple name'}.`);
        continue;
      }
      out[key] = this.validate(pair.value as Node, schema.values, sub);
    }
    return out;
  }

  private object(
    node: Node | null | undefined,
    schema: Extract<Schema, { kind: 'object' }>,
    path: string,
  ): Record<string, Plain> | undefined {
    if (schema.shorthand && isScalar(node)) {
      return { [schema.shorthand.field]: this.validate(node, schema.shorthand.schema, path) };
    }
    if (!isMap(node)) {
      const fix = schema.shorthand
        ? `write the ${schema.shorthand.field} as a string, or a mapping with the keys: ${Object.keys(schema.fields).join(', ')}.`
        : `write a mapping with the keys: ${Object.keys(schema.fields).join(', ')}.`;
      this.problem(node, path, `expected a mapping, got ${kindOf(node)}.`, fix);
      return undefined;
    }
    const known = Object.keys(schema.fields);
    const out: Record<string, Plain> = {};
    for (const pair of node.items) {
      const keyNode = pair.key as Node;
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const sub = path ? `${path}.${key}` : key;
      const field = schema.fields[key];
      if (!field) {
        this.problem(keyNode, sub, `unknown key "${key}".`, `${capitalize(didYouMean(key, known))}`);
        continue;
      }
      out[key] = this.validate(pair.value as Node, field.schema, sub);
    }
    for (const [name, field] of Object.entries(schema.fields)) {
      if (field.required && !node.has(name)) {
        this.problem(
          node,
          path ? `${path}.${name}` : name,
          'is required but missing.',
          `add \`${name}:\` (${field.doc.replace(/\.$/, '')}).`,
        );
      }
    }
    return out;
  }
}

function kindOf(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return describe(node.value);
  return 'something else';
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (an empty value)';
  if (typeof v === 'string') return `the string "${v}"`;
  return `${typeof v} ${String(v)}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
