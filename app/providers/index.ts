/** The providers' public surface. SDKs are loaded lazily by the drivers, never by importing this. */
export * from './types.js';
export { listProviders, providerById, providerIds, effectiveBaseUrl, type ProviderInfo, type ProviderKind } from './registry.js';
export {
  createProviderClient,
  testConnection,
  resolveTarget,
  DEFAULT_IDLE_TIMEOUT_MS,
  MAX_AUTO_RETRY_AFTER_MS,
  type ClientOptions,
  type ConnectionTest,
} from './client.js';
export { preloadSdk } from './sdk-loader.js';
