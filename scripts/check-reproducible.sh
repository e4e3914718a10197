#!/usr/bin/env bash
# Builds every jar twice from clean and checks that the two builds are byte-identical (the
# timestamps come from project.build.outputTimestamp in pom.xml). Run from a clean clone: it runs
# `mvn clean` in this working tree. Extra arguments go to Maven (e.g. -o for offline).
set -euo pipefail
cd "$(dirname "$0")/.."

first=$(mktemp -d)
trap 'rm -rf "$first"' EXIT

build() {
  mvn -B -q "$@" clean package -DskipTests -Dmaven.javadoc.skip=false
}

jars() {
  find . -path ./node_modules -prune -o -path '*/target/*.jar' -print | sort
}

build "$@"
for jar in $(jars); do
  mkdir -p "$first/$(dirname "$jar")"
  cp "$jar" "$first/$jar"
done
build "$@"

differing=0
count=0
for jar in $(jars); do
  count=$((count + 1))
  if ! cmp -s "$jar" "$first/$jar"; then
    echo "not reproducible: $jar ($(sha256sum < "$first/$jar" | cut -c1-12) then $(sha256sum < "$jar" | cut -c1-12))"
    differing=$((differing + 1))
  fi
done
if [[ $count -eq 0 ]]; then
  echo "no jars were built" >&2
  exit 1
fi
if [[ $differing -gt 0 ]]; then
  echo "$differing of $count jars differ between two builds of the same sources" >&2
  exit 1
fi
echo "reproducible: $count jars byte-identical across two clean builds"
