// blessed's internal modules, imported only by blessed-modules-bundled.ts (@types/blessed covers the package entry).
declare module 'blessed/lib/*.js' {
  const mod: unknown;
  export default mod;
}
