#!/usr/bin/env bash
# Prepares a release of the GitHub Action: builds the reproducible jar and pins its SHA-256 in action/dist.
#
#   action/prepare-release.sh v1.2.0 your-org/evidence-sync
#   git add action/dist && git commit -m "release v1.2.0" && git tag v1.2.0 && git push --tags
#   gh release create v1.2.0 action/target/evidence-sync.jar      # the asset the action downloads
#   git tag -f v1 v1.2.0 && git push -f origin v1                   # move the major tag
#
# The jar is reproducible (fixed project.build.outputTimestamp), so anyone can rebuild the tag with the same JDK
# and compare the checksum.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 <tag> <owner/repo>" >&2; exit 2; }
tag="$1"
repository="$2"
cd "$(dirname "$0")/.."
mvn -B -q -pl action -am package -DskipTests
jar=action/target/evidence-sync.jar
if command -v sha256sum >/dev/null 2>&1; then sum="$(sha256sum "$jar" | cut -d' ' -f1)"; else sum="$(shasum -a 256 "$jar" | cut -d' ' -f1)"; fi
printf '%s  evidence-sync.jar\n' "$sum" > action/dist/evidence-sync.jar.sha256
printf 'repository=%s\ntag=%s\n' "$repository" "$tag" > action/dist/release.properties
echo "pinned $jar ($sum) as $repository@$tag"
