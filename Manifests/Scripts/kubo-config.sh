#!/bin/sh
# Makes this pod's kubo node the peer of its ordinal and applies the stack's settings, at every
# start (IPFS_PROFILE acts only at first init), in one pass over the repo's config file without
# starting kubo: the settings file lists each key as `ipfs config --json` would set it, and
# json-set.awk writes them all at once, keeping every other key. Runs after 010-kubo-repo.sh.
#
# Values (C# supplies them; nothing here depends on the stack):
#   /container-init.d/kubo-settings  lines "ordinal-or-*<TAB>key<TAB>JSON": the keys to set;
#                                    {host} stands for HOST_IP's /ip4|ip6/ address and {nodeport}
#                                    for SWARM_NODE_PORT_BASE + ordinal
#   /peers/kubo-peers                lines "ordinal peerID": Peering.Peers, with the address from
#   /peers/kubo-address              whose {ordinal} and {id} stand for a line's fields
#   /identities/kubo-N.key           this ordinal's private key (Identity.PrivKey)
#   /swarm/swarm.key                 the private swarm's key, installed when LIBP2P_FORCE_PNET=1
# Tools beside this script: peer-list.awk (directory lines to a JSON list), json-set.awk.
set -eu
init=/container-init.d
peers=/peers/kubo-peers
repo="${IPFS_PATH:-/data/ipfs}"
config="$repo/config"

ordinal="${POD_NAME##*-}"
case "$ordinal" in
  '' | *[!0-9]*) echo "ipfs-infra: cannot read an ordinal from POD_NAME='${POD_NAME}'" >&2; exit 1 ;;
esac

peer_id="$(awk -v o="$ordinal" '$1 == o { print $2 }' "$peers")"
key_file="/identities/kubo-$ordinal.key"
if [ -z "$peer_id" ] || [ ! -r "$key_file" ]; then
  echo "ipfs-infra: no kubo identity for ordinal $ordinal" >&2
  exit 1
fi

umask 077
settings="$repo/.ipfs-infra-settings"
next="$repo/.ipfs-infra-config"
trap 'rm -f "$settings" "$next"' EXIT
{
  printf 'Identity.PeerID\t"%s"\n' "$peer_id"
  printf 'Identity.PrivKey\t"%s"\n' "$(cat "$key_file")"
  awk -F '\t' -v o="$ordinal" '$1 == "*" || $1 == o { print $2 "\t" $3 }' "$init/kubo-settings"
  # Peering.Peers: every other node of the directory (multicast discovery finds nothing on a pod network).
  awk -v o="$ordinal" -v template="$(cat /peers/kubo-address)" -v prefix=Peering.Peers -v kubo=1 -f "$init/peer-list.awk" "$peers"
} > "$settings"

if grep -q '{host}' "$settings"; then
  host_ip="${HOST_IP:-}"
  if [ -z "$host_ip" ]; then
    echo "ipfs-infra: HOST_IP (status.hostIP) is not set; cannot announce the node port" >&2
    exit 1
  fi
  case "$host_ip" in
    *:*) host="ip6/$host_ip" ;;
    *) host="ip4/$host_ip" ;;
  esac
  sed -i "s|{host}|$host|g" "$settings"
fi
if grep -q '{nodeport}' "$settings"; then
  sed -i "s|{nodeport}|$((${SWARM_NODE_PORT_BASE:?} + ordinal))|g" "$settings"
fi

awk -f "$init/json-set.awk" "$settings" "$config" > "$next"
mv -f "$next" "$config"

# The swarm key decides the network as much as the config does: present only in private mode.
rm -f "$repo/swarm.key"
if [ "${LIBP2P_FORCE_PNET:-}" = 1 ]; then
  cp /swarm/swarm.key "$repo/swarm.key"
  chmod 0400 "$repo/swarm.key"
fi
echo "ipfs-infra: kubo identity of ordinal $ordinal is $peer_id; $(grep -c . "$settings") settings applied"
