#!/usr/bin/env bash
# Takes the README's screenshots of the labelling pages (docs/labelling.png, docs/labelling-search.png,
# docs/label-review.png), of the rounds page (docs/rounds.png) and of the data scientists' console (docs/models.png,
# docs/metrics.png, docs/rules.png) in headless Chromium, on real products: an
# even sample of ../shared/data/fashion-44k when it is there (read in place, never copied into the repository),
# else the generated demo catalogue.
# The real path end to end, on a throwaway PostgreSQL cluster and temporary folders removed at the end:
# import the data set with its true labels (evaluation only: the rounds' oracle and before/after figures), train a
# quick model (text and attribute members) on the rule labels, write its predictions with a worker, run two
# labelling rounds from the true labels (open, oracle, finish) and open a third, then
# `ProductClassifier.Benchmarks screenshots`.
# Usage: scripts/screenshots.sh [PRODUCTS]   (default 300)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
products="${1:-300}"
export PRODUCTCLASSIFIER_ROOT="$root" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
"$root/scripts/ensure-chromium.sh"
command -v chromium >/dev/null 2>&1 || { echo "screenshots need Chromium (sudo apt-get install chromium)" >&2; exit 1; }
"$root/scripts/build.sh"
release="$root/ProductClassifier.%s/bin/Release/net10.0/ProductClassifier.%s.dll"
pc() { dotnet "$(printf "$release" Training Training)" "$@"; }

tmp="$(mktemp -d /tmp/productclassifier-screenshots.XXXXXX)"
chmod 755 "$tmp"
worker=""
cleanup() {
  if [ -n "$worker" ]; then kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true; fi
  pc db stop --data-dir "$tmp/postgres" --destroy >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
ConnectionStrings__Postgres="$(pc db start --data-dir "$tmp/postgres" --port 0 --throwaway)"
export ConnectionStrings__Postgres Images__Root="$tmp/images" Models__Root="$tmp/models"

fashion="$root/../shared/data/fashion-44k"
if [ -f "$fashion/dataset.json" ]; then
  catalogue=fashion-44k
  dataset="$tmp/$catalogue"
  mkdir -p "$dataset/images"
  cp "$fashion/dataset.json" "$fashion/rules.json" "$dataset/"
  total="$(zcat "$fashion/products.jsonl.gz" | wc -l)"
  step=$(( total / products > 0 ? total / products : 1 ))
  # awk reads to the end (no early exit): under pipefail a cut-short zcat would fail the script.
  zcat "$fashion/products.jsonl.gz" | awk -v step="$step" -v n="$products" 'NR % step == 1 && k < n { print; k++ }' > "$dataset/products.jsonl"
  grep -o '"image_path": "[^"]*"' "$dataset/products.jsonl" | cut -d'"' -f4 | while read -r image; do
    if [ -f "$fashion/$image" ]; then cp "$fashion/$image" "$dataset/$image"; fi
  done
  gzip "$dataset/products.jsonl"
  echo "data: $products of fashion-44k's $total products (every ${step}th), with their images"
else
  catalogue=demo
  dataset="$tmp/demo"
  pc demo --products "$products" --out "$dataset" --no-import
  echo "data: ../shared/data/fashion-44k is not here; the generated demo catalogue ($products products)"
fi

pc import-dataset "$dataset" --catalogue "$catalogue" --ground-truth
pc train --catalogue "$catalogue" --models linear,fasttext,wide-deep --folds 0
pc jobs predict --catalogue "$catalogue"
# The worker itself, not a subshell around it, so that $! is the process to stop.
dotnet "$(printf "$release" Training Training)" worker --kinds predict-all >"$tmp/worker.log" 2>&1 &
worker=$!
until grep -qE "\(predict-all\): (Succeeded|Failed|Cancelled)" "$tmp/worker.log"; do
  kill -0 "$worker" 2>/dev/null || { tail -n 40 "$tmp/worker.log" >&2; exit 1; }
  sleep 2
done
kill "$worker"; wait "$worker" 2>/dev/null || true; worker=""
grep -q "(predict-all): Succeeded" "$tmp/worker.log" || { grep -A5 "(predict-all)" "$tmp/worker.log" >&2; exit 1; }
# Two rounds finished from the data set's true labels, for the rounds page's history and curve; the third is labelled.
for round in 1 2; do
  pc round open --catalogue "$catalogue" --batch 60
  pc round oracle --catalogue "$catalogue"
  pc round finish --catalogue "$catalogue"
done
pc round open --catalogue "$catalogue" --batch 60
dotnet "$(printf "$release" Benchmarks Benchmarks)" screenshots --catalogue "$catalogue" --out "$root/docs"
