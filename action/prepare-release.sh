#!/usr/bin/env bash
# Prepares a release of the GitHub Action: builds the reproducible jar, and pins its SHA-256 in action/dist in a
# release commit of its own, which only the tag points to. Branches never carry the pin: on a branch ref the action
# builds its jar from source, so `@main` and `uses: ./action` always run the code they are on.
#
#   action/prepare-release.sh v1.2.0 your-org/evidence-sync   # on a clean checkout of the commit to release
#   git push origin v1.2.0
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
if [ -n "$(git status --porcelain)" ]; then
  echo "the working tree has changes; release from a clean checkout" >&2
  exit 1
fi
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  echo "tag $tag exists already" >&2
  exit 1
fi
mvn -B -q -pl action -am package -DskipTests
jar=action/target/evidence-sync.jar
if command -v sha256sum >/dev/null 2>&1; then sum="$(sha256sum "$jar" | cut -d' ' -f1)"; else sum="$(shasum -a 256 "$jar" | cut -d' ' -f1)"; fi
branch="$(git symbolic-ref --quiet --short HEAD || true)"
start="$(git rev-parse HEAD)"
# whatever happens from here, the checkout ends where it started, without the pin
back() {
  git reset --quiet --hard
  if [ -n "$branch" ]; then git switch --quiet "$branch"; else git switch --quiet --detach "$start"; fi
}
trap back EXIT
git switch --quiet --detach
printf '%s  evidence-sync.jar\n' "$sum" > action/dist/evidence-sync.jar.sha256
printf 'repository=%s\ntag=%s\n' "$repository" "$tag" > action/dist/release.properties
git add action/dist/evidence-sync.jar.sha256 action/dist/release.properties
git commit --quiet -m "release $tag: pin evidence-sync.jar (SHA-256 $sum)"
git tag "$tag"
echo "tagged $tag (not on any branch) pinning $jar ($sum) as $repository@$tag; now push the tag and create the release"
