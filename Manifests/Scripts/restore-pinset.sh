#!/bin/sh
# Re-imports a pinset export through the REST API: every pin of type "pin" is added again with its
# CID, name, mode, replication factors and metadata. Pinning is idempotent: pins already in the
# pinset stay as they are. Expiry dates and user allocations are not restored. Start it with
#   kubectl -n NAMESPACE create job --from=cronjob/RESTORE-CRONJOB RESTORE-CRONJOB-$(date +%s)
#
# Values: CLUSTER_API (the REST API multiaddress), PINSET_EXPORT (a file name, or latest).
set -euf
dir=/backups/pinsets
host="${CLUSTER_API:?}"
export_name="${PINSET_EXPORT:?}"
if [ "$export_name" = latest ]; then
  export_name="$(find "$dir" -maxdepth 1 -name 'pinset-*.json' 2>/dev/null | sed 's|.*/||' | grep -E '^pinset-[0-9]{8}-[0-9]{6}\.json$' | sort -r | head -n 1 || true)"
  if [ -z "$export_name" ]; then
    echo "ipfs-infra: no pinset export in $dir to restore" >&2
    exit 1
  fi
fi
file="$dir/$export_name"
if [ ! -r "$file" ]; then
  echo "ipfs-infra: $file does not exist" >&2
  exit 1
fi
echo "ipfs-infra: re-importing the pinset from $file"
us="$(printf '\037')"
rs="$(printf '\036')"
pins="${TMPDIR:-/tmp}/pins"
awk -v us="$us" -v rs="$rs" -f /scripts/pinset-lines.awk "$file" > "$pins"
added=0
failed=0
skipped=0
while IFS="$us" read -r cid type mode rmin rmax name meta; do
  if [ "$type" != pin ] || [ -z "$cid" ]; then
    skipped=$((skipped + 1))
    continue
  fi
  set -- --host "$host" --force-http pin add --no-status --mode "${mode:-recursive}" --name "$name"
  if [ -n "$rmin" ]; then set -- "$@" "--replication-min=$rmin"; fi
  if [ -n "$rmax" ]; then set -- "$@" "--replication-max=$rmax"; fi
  if [ -n "$meta" ]; then
    saved_ifs="$IFS"
    IFS="$rs"
    for pair in $meta; do set -- "$@" --metadata "$pair"; done
    IFS="$saved_ifs"
  fi
  if ipfs-cluster-ctl "$@" "$cid" < /dev/null > /dev/null; then
    added=$((added + 1))
  else
    failed=$((failed + 1))
    echo "ipfs-infra: could not re-pin $cid" >&2
  fi
done < "$pins"
echo "ipfs-infra: re-pinned $added pins from $export_name ($skipped entries of other types skipped, $failed failed)"
[ "$failed" -eq 0 ]
