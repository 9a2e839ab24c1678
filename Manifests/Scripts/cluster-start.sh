#!/bin/sh
# Starts this pod's ipfs-cluster peer as the peer of its ordinal. The identity comes in CLUSTER_ID
# and CLUSTER_PRIVATEKEY (envconfig overrides identity.json at every start); the peer addresses
# and trusted peers, lists that grow with the cluster, are written into service.json's
# cluster.peer_addresses and consensus.crdt.trusted_peers instead of variables, which Linux caps
# at 128 KiB each.
#
# Values (C# supplies them; nothing here depends on the stack):
#   /peers/cluster-peers       lines "ordinal peerID", with the address from
#   /peers/cluster-address     whose {ordinal} and {id} stand for a line's fields
#   /peers/trusted-peers       "*" to trust every peer, or nothing to trust exactly the cluster's peers
#   /identities/cluster-N.key  this ordinal's private key
# Tools beside this script: peer-list.awk (directory lines to a JSON list), json-set.awk.
set -eu
scripts=/scripts
peers_file=/peers/cluster-peers
config="${IPFS_CLUSTER_PATH:-/data/ipfs-cluster}/service.json"

ordinal="${POD_NAME##*-}"
case "$ordinal" in
  '' | *[!0-9]*) echo "ipfs-infra: cannot read an ordinal from POD_NAME='${POD_NAME}'" >&2; exit 1 ;;
esac

CLUSTER_ID="$(awk -v o="$ordinal" '$1 == o { print $2 }' "$peers_file")"
key_file="/identities/cluster-$ordinal.key"
if [ -z "$CLUSTER_ID" ] || [ ! -r "$key_file" ]; then
  echo "ipfs-infra: no cluster identity for ordinal $ordinal" >&2
  exit 1
fi
CLUSTER_PRIVATEKEY="$(cat "$key_file")"
export CLUSTER_ID CLUSTER_PRIVATEKEY

if [ ! -e "$config" ]; then
  # What the image's entrypoint would do on a first start; done here so the lists can be written.
  ipfs-cluster-service init --consensus crdt
fi

umask 077
settings="$config.ipfs-infra-settings"
next="$config.ipfs-infra-next"
trap 'rm -f "$settings" "$next"' EXIT
{
  awk -v o="$ordinal" -v template="$(cat /peers/cluster-address)" -v prefix='cluster.peer_addresses' -f "$scripts/peer-list.awk" "$peers_file"
  if [ "$(cat /peers/trusted-peers)" = "*" ]; then
    printf 'consensus.crdt.trusted_peers\t["*"]\n'
  else
    awk -v template='{id}' -v prefix='consensus.crdt.trusted_peers' -f "$scripts/peer-list.awk" "$peers_file"
  fi
} > "$settings"
awk -f "$scripts/json-set.awk" "$settings" "$config" > "$next"
mv -f "$next" "$config"
rm -f "$settings"
trap - EXIT

echo "ipfs-infra: cluster peer of ordinal $ordinal is $CLUSTER_ID"
exec /usr/local/bin/entrypoint.sh daemon
