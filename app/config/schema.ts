/**
 * The JSON schema of `config.json`. One definition serves both readers: conf (ajv) validates every
 * write, and the start-up reader checks the same schema with the small checker in schema-check.ts
 * (ajv costs ~60 ms to load, more than the whole first-frame budget allows).
 */
export const CONFIG_VERSION = 1;

export const NAME_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';

export const configSchema = {
  version: { type: 'integer', minimum: 1, maximum: 1000 },
  theme: { type: 'string', pattern: NAME_PATTERN },
  provider: {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: {
      id: { type: 'string', pattern: NAME_PATTERN },
      model: { type: 'string', minLength: 1, maxLength: 200 },
      baseUrl: { type: 'string', pattern: '^https?://', maxLength: 2000 },
      contextTokens: { type: 'integer', minimum: 1024, maximum: 10000000 },
    },
  },
  vault: {
    type: 'object',
    additionalProperties: false,
    properties: {
      backend: { type: 'string', enum: ['keychain', 'file'] },
    },
  },
  ui: {
    type: 'object',
    additionalProperties: false,
    properties: {
      mouse: { type: 'boolean' },
    },
  },
} as const;

/** The whole document as a JSON schema (conf takes `properties` only; the checker takes this). */
export const configDocumentSchema = {
  type: 'object',
  additionalProperties: false,
  properties: configSchema,
} as const;

export interface PyraConfig {
  version?: number;
  theme?: string;
  provider?: { id: string; model?: string; baseUrl?: string; contextTokens?: number };
  vault?: { backend?: 'keychain' | 'file' };
  ui?: { mouse?: boolean };
}
