#!/bin/sh
# Takes one snapshot set: a CSI VolumeSnapshot of every peer's data and state claim, all labelled
# with the set's UTC time (storage.restore.snapshotSet restores from a set). Waits until every new
# snapshot is ready to use, and only then deletes this job's older sets beyond the newest ones per
# claim. Snapshots without the set label (taken by hand) are never deleted.
#
# Values: NAMESPACE, STATEFULSET, PEERS, CLAIM_TEMPLATES (the volume claim templates),
# SNAPSHOT_KEEP (sets kept), SNAPSHOT_READY_TIMEOUT, SET_LABEL and CLAIM_LABEL (label keys), and
# /scripts/volume-snapshot.yaml: the VolumeSnapshot, with ${claim} and ${set_id} to fill in.
set -euf
namespace="${NAMESPACE:?}"
statefulset="${STATEFULSET:?}"
peers="${PEERS:?}"
keep="${SNAPSHOT_KEEP:?}"
set_id="$(date -u +%Y%m%d-%H%M%S)"
taken=""
i=0
while [ "$i" -lt "$peers" ]; do
  for template in ${CLAIM_TEMPLATES:?}; do
    claim="$template-$statefulset-$i"
    if ! kubectl -n "$namespace" get persistentvolumeclaim "$claim" > /dev/null; then
      echo "ipfs-infra: claim $claim does not exist; not snapshotted" >&2
      continue
    fi
    sed -e "s|\${claim}|$claim|g" -e "s|\${set_id}|$set_id|g" /scripts/volume-snapshot.yaml | kubectl -n "$namespace" create -f -
    taken="$taken $claim"
  done
  i=$((i + 1))
done
if [ -z "$taken" ]; then
  echo "ipfs-infra: no claim to snapshot" >&2
  exit 1
fi
set --
for claim in $taken; do set -- "$@" "volumesnapshot/$claim-$set_id"; done
if ! kubectl -n "$namespace" wait --for=jsonpath='{.status.readyToUse}'=true --timeout="${SNAPSHOT_READY_TIMEOUT:?}" "$@"; then
  echo "ipfs-infra: snapshot set $set_id did not become ready; older sets are kept" >&2
  exit 1
fi
echo "ipfs-infra: snapshot set $set_id is ready ($# snapshots)"
for claim in $taken; do
  kubectl -n "$namespace" get volumesnapshots -l "${CLAIM_LABEL:?}=$claim,${SET_LABEL:?}" -o name | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
    kubectl -n "$namespace" delete --wait=false "$old" < /dev/null
  done
done
