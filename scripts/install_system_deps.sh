#!/usr/bin/env bash
# System packages the browser tests need: Debian's Chromium, a CJK font (else Chinese shows as boxes; the
# PDF briefing embeds it) and poppler-utils (pdftoppm: the tests look at printed pages as images).
# Installed with apt-get when running as root and missing; nothing is downloaded by the tests themselves.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)  # print and briefing tests: PDF pages -> PNG
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
else
  echo "warning: missing ${missing[*]} and not root: install them (apt-get install ${missing[*]}) for browser tests" >&2
fi
