/**
 * A checker for the subset of JSON Schema that Pyra's own files use: type, properties, required,
 * additionalProperties (boolean), items, enum, pattern, minLength/maxLength, minimum/maximum.
 * It exists so start-up can validate without loading ajv; a unit test holds it to ajv's verdicts.
 */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Readonly<Record<string, SchemaNode>>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: SchemaNode;
  enum?: readonly unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface SchemaProblem {
  path: string;
  message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function matchesType(want: SchemaNode['type'], value: unknown): boolean {
  const got = typeOf(value);
  if (want === 'number') return got === 'number' || got === 'integer';
  return got === want;
}

export function checkSchema(schema: SchemaNode, value: unknown, path = ''): SchemaProblem[] {
  const at = path || '(top level)';
  if (schema.type && !matchesType(schema.type, value)) {
    return [{ path: at, message: `must be ${schema.type === 'integer' ? 'an integer' : `a ${schema.type}`}, found ${typeOf(value)}` }];
  }
  const problems: SchemaProblem[] = [];
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push({ path: at, message: `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}` });
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push({ path: at, message: `must be at least ${schema.minLength} characters` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push({ path: at, message: `must be at most ${schema.maxLength} characters` });
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) problems.push({ path: at, message: `must match ${schema.pattern}` });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push({ path: at, message: `must be >= ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) problems.push({ path: at, message: `must be <= ${schema.maximum}` });
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => problems.push(...checkSchema(schema.items!, item, `${path}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = schema.properties ?? {};
    for (const key of schema.required ?? []) {
      if (!(key in obj)) problems.push({ path: at, message: `is missing required key "${key}"` });
    }
    for (const [key, child] of Object.entries(obj)) {
      const childPath = path ? `${path}.${key}` : key;
      if (props[key]) problems.push(...checkSchema(props[key], child, childPath));
      else if (schema.additionalProperties === false) problems.push({ path: childPath, message: 'is not a known setting' });
    }
  }
  return problems;
}
