#!/usr/bin/env bash
# Validates the deployment files without a Docker engine or a cluster (part of `npm test`, after both
# builds): the Dockerfile with hadolint and against the build output, the shell scripts the containers
# run with shellcheck, the compose file against the compose specification's JSON schema, and every
# Kubernetes manifest, rendered from its kustomization, with kubernetes-validate against the oldest and
# newest Kubernetes versions targeted (docs/deployment.md). The wiring and the Haven rules are checked
# by test/compose-file.e2e-spec.ts and test/kubernetes-manifests.e2e-spec.ts. Tools: scripts/setup.sh
# pins them in .tools.
set -euo pipefail
cd "$(dirname "$0")/.."

KUBERNETES_VERSIONS="1.35.0 1.37.0"

echo "  hadolint Dockerfile"
.tools/bin/hadolint Dockerfile

echo "  shellcheck: the scripts the containers and this check run"
.tools/bin/shellcheck deploy/compose/*.sh deploy/kubernetes/base/temporal/*.sh scripts/lint-deploy.sh

echo "  Dockerfile paths and entry points"
node -r @swc-node/register scripts/deploy/check-image-paths.ts

echo "  docker-compose.yml against the compose specification"
.tools/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml

rendered="$(mktemp -d)"
trap 'rm -rf "$rendered"' EXIT
for kustomization in deploy/kubernetes/base deploy/kubernetes/overlays/*/; do
  name="$(echo "${kustomization%/}" | tr / -)"
  node -r @swc-node/register scripts/deploy/kustomize.ts "$kustomization" > "$rendered/$name.yaml"
done
cp deploy/kubernetes/base/schakel-secrets.template.yaml "$rendered/"
for version in $KUBERNETES_VERSIONS; do
  echo "  Kubernetes manifests against Kubernetes $version"
  .tools/bin/kubernetes-validate --strict --quiet -k "$version" "$rendered"/*.yaml
done
