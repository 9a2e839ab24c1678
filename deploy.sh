#!/usr/bin/env bash
# Deploys one stack with Pulumi and verifies that the IPFS cluster formed.
# Run `./deploy.sh --help` for usage. Exits non-zero with a clear message at the first failure.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: deploy.sh --stack NAME [--yes] [--dry-run] [--timeout SECONDS]

Deploys the stack NAME (Pulumi.NAME.yaml) and verifies the result:
  1. checks prerequisites: dotnet, pulumi (logged in), kubectl and the stack's kube context
  2. selects the stack and runs `pulumi preview --diff`
  3. asks for confirmation (skipped with --yes), then runs `pulumi up`
  4. waits until every peer of the StatefulSet is ready
  5. verifies the cluster formed: the peer count reported by the cluster API equals the
     configured peers

Options:
  --stack NAME       stack to deploy (required), e.g. dev or prod
  --yes              do not ask for confirmation (required when stdin is not a terminal)
  --dry-run          run the checks and the preview only; change nothing
  --timeout SECONDS  how long to wait for readiness and for the cluster to form (default 900)
  -h, --help         show this help
USAGE
}

fail() { echo "deploy: error: $*" >&2; exit 1; }
step() { echo "==> $*"; }

stack="" yes=false dry_run=false timeout=900
while [[ $# -gt 0 ]]; do
  case "$1" in
    --stack) [[ $# -ge 2 ]] || fail "--stack needs a value"; stack=$2; shift 2 ;;
    --stack=*) stack=${1#--stack=}; shift ;;
    --yes|-y) yes=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    --timeout) [[ $# -ge 2 ]] || fail "--timeout needs a value"; timeout=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument: $1" ;;
  esac
done
[[ -n $stack ]] || { usage >&2; fail "--stack is required"; }
[[ $timeout =~ ^[0-9]+$ && $timeout -gt 0 ]] || fail "--timeout must be a positive number of seconds, got '$timeout'"

cd "$(dirname "$0")"
[[ -f "Pulumi.$stack.yaml" ]] || fail "no stack file Pulumi.$stack.yaml in $(pwd)"

step "checking prerequisites"
for tool in dotnet pulumi kubectl; do
  command -v "$tool" >/dev/null || fail "$tool is not installed or not on PATH"
done
pulumi whoami >/dev/null 2>&1 || fail "pulumi is not logged in (run: pulumi login)"

facts=$(dotnet run --project Cli -- describe --stack "$stack") || fail "the stack configuration is invalid (see above)"
namespace=$(sed -n 's/^NAMESPACE=//p' <<<"$facts")
statefulset=$(sed -n 's/^STATEFULSET=//p' <<<"$facts")
peers=$(sed -n 's/^PEERS=//p' <<<"$facts")
context=$(sed -n 's/^KUBE_CONTEXT=//p' <<<"$facts")
if [[ -z $context ]]; then
  context=$(kubectl config current-context 2>/dev/null) || fail "no kube context: set ipfs-infra:kubernetes.context in Pulumi.$stack.yaml"
fi
kubectl config get-contexts "$context" >/dev/null 2>&1 || fail "kube context '$context' does not exist in your kubeconfig"
kubectl --context "$context" version >/dev/null 2>&1 || fail "cannot reach the Kubernetes API of context '$context'"
echo "    stack $stack: $peers peers, StatefulSet $statefulset in namespace $namespace, context $context"

step "selecting stack $stack"
pulumi stack select "$stack" || fail "cannot select stack '$stack' (create it with: pulumi stack init $stack)"

step "previewing"
pulumi preview --diff --stack "$stack" || fail "pulumi preview failed"

if $dry_run; then
  step "dry run: nothing deployed"
  exit 0
fi

if ! $yes; then
  [[ -t 0 ]] || fail "stdin is not a terminal: pass --yes to deploy without confirmation"
  read -r -p "Deploy stack '$stack' to context '$context'? [y/N] " answer
  [[ $answer == y || $answer == Y || $answer == yes ]] || fail "deployment cancelled"
fi

step "deploying"
pulumi up --yes --skip-preview --stack "$stack" || fail "pulumi up failed"

step "waiting for $peers peers to be ready"
kubectl --context "$context" -n "$namespace" rollout status "statefulset/$statefulset" --timeout="${timeout}s" \
  || fail "statefulset/$statefulset did not become ready within ${timeout}s"

step "verifying that the cluster formed"
# The credentials never leave the pod: the cluster container already holds them in the form
# ipfs-cluster-ctl's --basic-auth expects.
deadline=$((SECONDS + timeout)) seen=0
while :; do
  listing=$(kubectl --context "$context" -n "$namespace" exec "$statefulset-0" -c cluster -- \
    sh -c 'ipfs-cluster-ctl --basic-auth "$CLUSTER_RESTAPI_BASICAUTHCREDENTIALS" peers ls' 2>/dev/null) || listing=""
  seen=$(grep -c '^12D3KooW' <<<"$listing" || true)
  [[ $seen -eq $peers ]] && break
  remaining=$((deadline - SECONDS))
  (( remaining > 0 )) || fail "the cluster API reports $seen peers, expected $peers (after ${timeout}s)"
  sleep $(( remaining < 10 ? remaining : 10 ))
done
step "done: $seen of $peers peers formed the cluster"
