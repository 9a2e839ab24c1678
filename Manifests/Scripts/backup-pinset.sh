#!/bin/sh
# Exports the cluster pinset through the REST API into a dated file on the backup volume and keeps
# the newest exports. ipfs-cluster-ctl reads the credentials (user:password) from CLUSTER_CREDENTIALS,
# which comes from the REST API Secret; --force-http because the API is plain HTTP inside the cluster.
#
# Values: CLUSTER_API (the REST API multiaddress), BACKUP_KEEP (exports kept).
set -eu
dir=/backups/pinsets
keep="${BACKUP_KEEP:?}"
host="${CLUSTER_API:?}"
mkdir -p "$dir"
stamp="$(date -u +%Y%m%d-%H%M%S)"
file="$dir/pinset-$stamp.json"
partial="$dir/.pinset-$stamp.json.partial"
trap 'rm -f "$partial"' EXIT
if ! ipfs-cluster-ctl --host "$host" --force-http --enc=json pin ls > "$partial"; then
  echo "ipfs-infra: the pinset export failed; earlier exports are kept" >&2
  exit 1
fi
mv "$partial" "$file"
pins="$(grep -c '^    "cid": ' "$file" || true)"
echo "ipfs-infra: exported $pins pins to $file"
# Export names (pinset-YYYYMMDD-HHMMSS.json, UTC) sort by time.
find "$dir" -maxdepth 1 -name 'pinset-*.json' | sed 's|.*/||' | grep -E '^pinset-[0-9]{8}-[0-9]{6}\.json$' | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
  rm -f "${dir:?}/$old"
  echo "ipfs-infra: removed $old (keeping the newest $keep)"
done
