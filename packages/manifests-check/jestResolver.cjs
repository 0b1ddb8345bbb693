/*
 * kubernetes-models and the @kubernetes-models packages are ESM-only: their
 * package.json "exports" offer only the "import" condition, which Jest's
 * CommonJS resolver does not use. For those packages alone, resolve with the
 * "import" condition too; Jest's swc transform then turns them into CommonJS.
 */
const ESM_ONLY = /^(?:kubernetes-models|@kubernetes-models\/[^/]+)(?:\/|$)/;

module.exports = (request, options) =>
  options.defaultResolver(
    request,
    ESM_ONLY.test(request)
      ? { ...options, conditions: [...(options.conditions ?? []), 'import'] }
      : options,
  );

// package.json gives this project its own jest "id": the Backstage CLI derives
// one id from the transforms alone, and Jest's workers reuse one resolver per
// id, so without it a worker that ran another package first resolves without
// this file.
