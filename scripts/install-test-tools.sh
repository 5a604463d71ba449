#!/usr/bin/env bash
# Installs the real programs some tests check Dealbench's output against: headless Chromium
# (the HTML report opens in a browser) and pdftotext from poppler-utils (the PDF report reads
# back). Debian packages; idempotent: does nothing when both are there. .ci/run calls it
# before the tests; run it once on a new machine (as root, or with sudo available).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
if ((${#need[@]} == 0)); then
  exit 0
fi
sudo=()
if [[ $(id -u) != 0 ]]; then sudo=(sudo); fi
echo "installing ${need[*]} for the report tests"
"${sudo[@]}" apt-get update -qq || true
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
