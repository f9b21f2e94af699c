// The ES module face of the vendored tus-js-client bundle (tus.min.js, a UMD
// build, left byte-for-byte as published). Run as a module in a browser the
// bundle sets globalThis.tus; under Node's CommonJS loader it sets
// module.exports, which arrives here as the default export.
const loaded = await import('./tus.min.js');
const tus = globalThis.tus ?? loaded.default;

export default tus;
export const {
  Upload, isSupported, canStoreURLs, defaultOptions, enableDebugLog, DefaultHttpStack, DetailedError,
} = tus;
