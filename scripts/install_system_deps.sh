#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium and a CJK font for the browser tests (else Chinese shows
# as boxes; the PDF briefing embeds it), poppler-utils (pdftoppm: the tests look at printed pages as images),
# and LibreOffice without its GUI for the .doc/.wps/.et tests (etl/readers/convert.py; a build without it
# still runs and reports such files), and nginx for tests/deploy (several dashboard processes behind it;
# skipped without it). Installed with apt-get when running as root and missing; nothing is
# downloaded by the tests themselves. `make run` needs none of them.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)  # print and briefing tests: PDF pages -> PNG
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
lo=/usr/lib/libreoffice/program
[ -e "$lo/libswlo.so" ] && command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)  # .doc .wps
[ -e "$lo/libsclo.so" ] || missing+=(libreoffice-calc-nogui)  # .et
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)  # tests/deploy: processes behind nginx
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
else
  echo "warning: missing ${missing[*]} and not root: install them (apt-get install ${missing[*]}) for the tests" >&2
fi
