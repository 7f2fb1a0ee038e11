#!/usr/bin/env bash
# Install the Debian packages the tests drive for real, when they are missing:
#   chromium   - the headless browser of tests/browser (Playwright cannot download browsers here)
#   postgresql - the server the database tests start a throwaway cluster of
#   gdal-bin   - ogrinfo, which opens the GeoJSON and KML exports
# Idempotent: installs nothing when every command is already there.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v ogrinfo >/dev/null 2>&1 || missing+=(gdal-bin)

if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages present: chromium, postgresql, gdal-bin"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "setup_system.sh: missing ${missing[*]}, and we are not root and sudo is not" \
         "available; install them with: apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
echo "installed: ${missing[*]}"
