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
  5. verifies the cluster formed: ipfs-cluster-ctl lists every peer of the stack (its
     clusterPeerIds output) without an error (cluster or IPFS), and every peer sees all the
     others; otherwise names the failing peers. Departed peers still listed after a scale-down
     are reported as notes.

Options (each also as --option=value):
  --stack NAME       stack to deploy (required), e.g. dev or prod
  --yes              do not ask for confirmation (required when stdin is not a terminal)
  --dry-run          run the checks and the preview only; change nothing
  --timeout SECONDS  how long to wait for readiness and for the cluster to form
                     (1 to 86400, default 900)
  -h, --help         show this help
USAGE
}

fail() { echo "deploy: error: $*" >&2; exit 1; }
step() { echo "==> $*"; }

# A whole number from 1 to MAX, written without leading zeros (bash would read 08 as octal) and
# checked by length before any arithmetic (bash wraps 64-bit overflow silently).
positive_int() { # NAME VALUE MAX
  local name=$1 value=$2 max=$3
  if ! [[ $value =~ ^[1-9][0-9]*$ && ${#value} -le ${#max} ]] || (( value > max )); then
    fail "$name must be a whole number from 1 to $max without leading zeros, got '$value'"
  fi
}

stack="" yes=false dry_run=false timeout=900
while [[ $# -gt 0 ]]; do
  case "$1" in
    --stack|--timeout)
      [[ $# -ge 2 ]] || fail "$1 needs a value"
      value=$2; option=$1; shift 2 ;;
    --stack=*|--timeout=*)
      option=${1%%=*}; value=${1#*=}; shift ;;
    --yes|-y) yes=true; shift; continue ;;
    --dry-run) dry_run=true; shift; continue ;;
    --yes=*|--dry-run=*|--help=*) fail "${1%%=*} takes no value, got '$1'" ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument: $1" ;;
  esac
  case "$option" in
    --stack) [[ -n $value ]] || fail "--stack needs a value"; stack=$value ;;
    --timeout) timeout=$value ;;
  esac
done
[[ -n $stack ]] || { usage >&2; fail "--stack is required"; }
positive_int --timeout "$timeout" 86400

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
[[ $peers =~ ^[1-9][0-9]{0,3}$ ]] || fail "the stack description gave no valid peer count (PEERS='$peers')"
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
ids_json=$(pulumi stack output clusterPeerIds --json --stack "$stack") || fail "cannot read the stack output clusterPeerIds"
ids=$(grep -o '12D3KooW[1-9A-HJ-NP-Za-km-z]*' <<<"$ids_json" | tr '\n' ' ')
[[ $(wc -w <<<"$ids") -eq $peers ]] || fail "the stack output clusterPeerIds holds $(wc -w <<<"$ids") peer IDs, expected $peers"

# `ipfs-cluster-ctl peers ls` (v1.1.6 cmd/ipfs-cluster-ctl/formatters.go, textFormatPrintID) prints
#   <peer id> | <peer name> | Sees <n> other peers      a peer that answered, followed by
#     > IPFS ERROR: <message>                          when its kubo node did not answer
#   <peer id> | ERROR: <message>                       a peer that did not answer (the message may
#                                                      continue on indented lines)
# A peer counts only when it answered, its kubo answered and it sees every other peer. After a
# scale-down, departed peers stay listed (in error) until their ping metric expires; they are
# reported as notes, and the count of peers each live peer sees may include them.
# Prints "note: ..." lines, one line per problem (none when the cluster formed), and "healthy <n>".
check_listing() { # LISTING PEERS STATEFULSET "ID0 ID1 ..." (cluster peer IDs by ordinal)
  awk -v peers="$2" -v sts="$3" -v ids="$4" '
    BEGIN { split(ids, by_ordinal, " "); for (i = 1; i <= peers; i++) ordinal[by_ordinal[i]] = i - 1 }
    function pod(id) { return sts "-" ordinal[id] " (" id ")" }
    function close_peer() {
      if (id == "") return
      if (!(id in ordinal)) problems[++n] = id " (answers but is not one of this stack peers)"
      else if (ipfs_error != "") problems[++n] = pod(id) " (its kubo: " ipfs_error ")"
      else if (sees < peers - 1) problems[++n] = pod(id) " (sees " sees " of " peers - 1 " other peers)"
      else { healthy++; ok[id] = 1 }
      id = ""
    }
    /^12D3KooW[^ ]* \| ERROR: / {
      close_peer(); failed = $1; sub(/^[^|]*\| ERROR: /, "")
      if (failed in ordinal) { problems[++n] = pod(failed) " (ERROR: " $0 ")"; reported[failed] = 1 }
      else notes[++m] = "departed peer " failed " is still listed (ERROR: " $0 "); it ages out when its ping metric expires, or remove it now with ipfs-cluster-ctl peers rm " failed
      next
    }
    /^12D3KooW[^ ]* \| [^|]* \| Sees [0-9]+ other peers$/ {
      close_peer(); split($0, f, / \| /); id = f[1]; reported[id] = 1
      sees = f[3]; sub(/^Sees /, "", sees); sub(/ other peers$/, "", sees); sees += 0; ipfs_error = ""; next
    }
    /^  > IPFS ERROR: / { sub(/^  > IPFS ERROR: /, ""); ipfs_error = $0; next }
    END {
      close_peer()
      for (i = 1; i <= peers; i++) if (!(by_ordinal[i] in reported)) problems[++n] = pod(by_ordinal[i]) " (not listed)"
      for (i = 1; i <= m; i++) print "note: " notes[i]
      for (i = 1; i <= n; i++) print problems[i]
      print "healthy " healthy + 0
    }' <<<"$1"
}

# The credentials never leave the pod: the cluster container already holds them in the form
# ipfs-cluster-ctl's --basic-auth expects. Any peer may answer; the first one that does is asked.
list_peers() {
  local i
  for ((i = 0; i < peers; i++)); do
    # shellcheck disable=SC2016 # expanded inside the pod, where the credentials are
    if kubectl --context "$context" -n "$namespace" exec "$statefulset-$i" -c cluster -- \
        sh -c 'ipfs-cluster-ctl --basic-auth "$CLUSTER_RESTAPI_BASICAUTHCREDENTIALS" peers ls' 2>"$errors"; then
      return 0
    fi
  done
  return 1
}

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
deadline=$((SECONDS + timeout))
while :; do
  if listing=$(list_peers); then
    report=$(check_listing "$listing" "$peers" "$statefulset" "$ids")
  else
    report="no peer's REST API answered: $(tail -n 1 "$errors")"$'\n'"healthy 0"
  fi
  healthy=${report##*healthy }
  notes=$(grep '^note: ' <<<"$report" || true)
  problems=$(grep -v -e '^note: ' -e '^healthy ' <<<"$report" || true)
  [[ -z $problems ]] && break
  remaining=$((deadline - SECONDS))
  if (( remaining <= 0 )); then
    echo "deploy: error: the cluster did not form within ${timeout}s: $healthy of $peers peers healthy; failing:" >&2
    while IFS= read -r line; do echo "  - $line"; done <<<"$problems" >&2
    [[ -z $notes ]] || while IFS= read -r line; do echo "  $line"; done <<<"$notes" >&2
    exit 1
  fi
  sleep $(( remaining < 10 ? remaining : 10 ))
done
[[ -z $notes ]] || while IFS= read -r line; do echo "    $line"; done <<<"$notes"
step "done: $healthy of $peers peers formed the cluster, each seeing the other $((peers - 1))"
