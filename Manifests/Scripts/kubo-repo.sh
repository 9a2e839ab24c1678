#!/bin/sh
# First init script of every kubo start (kubo's entrypoint runs `ipfs init` before it on a first
# start only). Brings the repo to the version this kubo binary expects before anything edits its
# config: `ipfs config` and the daemon refuse a repo that needs a migration (fsrepo
# ErrNeedMigration). A repo written by a newer kubo (a rollback across a repo version) stops here
# with one line naming both versions instead of crash-looping on config errors.
# Starts two kubo processes: `ipfs version --all` and `ipfs repo migrate` (offline, no daemon).
set -eu
repo="${IPFS_PATH:-/data/ipfs}"

if [ ! -r "$repo/version" ]; then
  echo "ipfs-infra: $repo/version is missing: $repo is not a kubo repo" >&2
  exit 1
fi
repo_version="$(cat "$repo/version")"
versions="$(ipfs version --all)"
kubo_version="$(printf '%s\n' "$versions" | sed -n 's/^Kubo version: //p')"
supported="$(printf '%s\n' "$versions" | sed -n 's/^Repo version: //p')"
case "$repo_version:$supported" in
  *[!0-9:]* | :* | *:)
    echo "ipfs-infra: cannot compare repo version '$repo_version' of $repo with kubo $kubo_version's repo version '$supported'" >&2
    exit 1 ;;
esac

if [ "$repo_version" -gt "$supported" ]; then
  echo "ipfs-infra: the repo at $repo is at version $repo_version, newer than version $supported that kubo $kubo_version supports; roll forward to the kubo that wrote it, or migrate the repo down with that kubo first (docs/upgrades.md)" >&2
  exit 1
fi

# A no-op when the versions match; kubo v0.37+ carries the migrations from repo version 16 on.
ipfs repo migrate
