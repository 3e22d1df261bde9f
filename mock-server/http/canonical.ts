/** Text to emit as it is (punctuation, keys), as opposed to a value still to be written. */
class Literal {
  constructor(readonly text: string) {}
}

/**
 * A canonical JSON text: object keys sorted, no whitespace, so two bodies that differ only
 * in key order or spacing have the same fingerprint. Own `__proto__` keys are kept.
 *
 * Written with an explicit stack, not recursion: a body nested 100,000 levels deep (which
 * `JSON.parse` accepts) costs its size and nothing more, and never overflows the call stack.
 *
 * @example
 * ```ts
 * canonicalJson({ b: [1, { d: 1, c: 2 }], a: 'x' }); // '{"a":"x","b":[1,{"c":2,"d":1}]}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Work still to do, last first: a Literal is written out, anything else is a value.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Literal) {
      out.push(item.text);
    } else if (Array.isArray(item)) {
      stack.push(new Literal(']'));
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i]);
        if (i > 0) stack.push(new Literal(','));
      }
      out.push('[');
    } else if (typeof item === 'object' && item !== null) {
      const record = item as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      stack.push(new Literal('}'));
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push(record[key]);
        stack.push(new Literal(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`));
      }
      out.push('{');
    } else {
      out.push(JSON.stringify(item) ?? 'null');
    }
  }
  return out.join('');
}
