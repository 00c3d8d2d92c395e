import { checkSchema, type SchemaNode } from '../config/schema-check.js';
import type { FormField } from '../store/state.js';

interface PropertySchema {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
}

function fieldType(p: PropertySchema): FormField['type'] {
  const t = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
  if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') return t;
  return 'json';
}

function asText(value: unknown, type: FormField['type']): string {
  if (value === undefined) return '';
  if (type === 'json') return JSON.stringify(value);
  return String(value);
}

/** One field per top-level property of the tool's JSON schema, filled with the proposed arguments. */
export function formFromSchema(schema: Record<string, unknown>, args: unknown): FormField[] {
  const props = (schema.properties ?? {}) as Record<string, PropertySchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const given = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  const names = [...new Set([...Object.keys(props), ...Object.keys(given)])];
  return names.map((name) => {
    const p = props[name] ?? {};
    const type = fieldType(p);
    return {
      name,
      label: name,
      type,
      value: asText(given[name], type),
      required: required.has(name),
      ...(p.enum ? { enum: p.enum.map(String) } : {}),
      ...(p.description ? { description: p.description } : {}),
    };
  });
}

/** Parses the form back into arguments and validates them against the schema. */
export function argsFromForm(schema: Record<string, unknown>, fields: FormField[], values: Record<string, string>): { args: Record<string, unknown> } | { error: string } {
  const args: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = values[f.name] ?? '';
    if (raw.trim() === '') {
      if (f.required) return { error: `${f.label} is required.` };
      continue;
    }
    switch (f.type) {
      case 'string':
        args[f.name] = raw;
        break;
      case 'number':
      case 'integer': {
        const n = Number(raw);
        if (!Number.isFinite(n) || (f.type === 'integer' && !Number.isInteger(n))) return { error: `${f.label} must be ${f.type === 'integer' ? 'a whole number' : 'a number'}.` };
        args[f.name] = n;
        break;
      }
      case 'boolean':
        if (!/^(true|false|yes|no)$/i.test(raw.trim())) return { error: `${f.label} must be true or false.` };
        args[f.name] = /^(true|yes)$/i.test(raw.trim());
        break;
      case 'json':
        try {
          args[f.name] = JSON.parse(raw);
        } catch {
          return { error: `${f.label} must be valid JSON.` };
        }
    }
  }
  const problems = checkSchema(schema as SchemaNode, args);
  if (problems.length > 0) return { error: problems.slice(0, 3).map((p) => `${p.path} ${p.message}`).join('; ') };
  return { args };
}
