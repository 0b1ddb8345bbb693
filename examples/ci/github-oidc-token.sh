#!/bin/sh
# Prints a GitHub Actions OIDC token for the audience $1, for the portal to
# verify against GitHub's JWKS (docs/ci.md). Needs `permissions: id-token: write`
# in the workflow, curl and jq. A token is short-lived: get one per call, and
# mask it (`echo "::add-mask::$token"`) in the step that uses it.
set -eu
audience=${1:?usage: $0 <audience>}
: "${ACTIONS_ID_TOKEN_REQUEST_URL:?not in GitHub Actions, or the job lacks id-token: write}"
token=$(curl --silent --show-error --fail \
  --header "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" \
  "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=$audience" | jq -r '.value')
echo "$token"
