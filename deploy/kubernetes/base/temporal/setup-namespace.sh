#!/bin/sh
# Makes a Temporal namespace ready for Schakel, idempotently, with the Temporal CLI of the
# temporalio/admin-tools image: waits for the frontend, creates the namespace if it is missing and
# registers every case search attribute that is missing (libs/temporal/src/search-attributes.ts; a test
# keeps the list below equal to it). Run by compose (temporal-setup) and by the Kubernetes Job
# temporal-namespace-setup; safe to run on every deployment. TLS or an API key (Temporal Cloud) come
# from the CLI's own variables: TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY, TEMPORAL_API_KEY.
set -eu

: "${TEMPORAL_ADDRESS:?set TEMPORAL_ADDRESS to host:port of the Temporal frontend}"
: "${TEMPORAL_NAMESPACE:?set TEMPORAL_NAMESPACE}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-30d}"

# Retries a command for up to a minute: a namespace created a moment ago takes a few seconds to be
# known to every frontend.
retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 30 ]; then
      echo "giving up after $attempt attempts: $*" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
}

cli() {
  temporal "$@" --address "$TEMPORAL_ADDRESS"
}

echo "waiting for Temporal at $TEMPORAL_ADDRESS"
retry cli operator cluster health

if cli operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "namespace $TEMPORAL_NAMESPACE exists"
else
  echo "creating namespace $TEMPORAL_NAMESPACE (retention $RETENTION)"
  cli operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$RETENTION"
fi

for attribute in CaseId=Keyword ChainId=Keyword ModelVersion=Int CurrentPartners=KeywordList; do
  name="${attribute%=*}"
  type="${attribute#*=}"
  existing="$(retry cli operator search-attribute list --namespace "$TEMPORAL_NAMESPACE")"
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "search attribute $name exists"
  else
    echo "registering search attribute $name ($type)"
    retry cli operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type "$type"
  fi
done
echo "namespace $TEMPORAL_NAMESPACE is ready for Schakel"
