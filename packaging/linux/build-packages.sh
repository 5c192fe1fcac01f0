#!/usr/bin/env bash
# Wrap the PyInstaller one-folder bundle into a .deb and a .tar.gz, with SHA-256 sums.
#
#   packaging/linux/build-packages.sh BUNDLE_DIR OUT_DIR
#
# BUNDLE_DIR is PyInstaller's output folder (it holds the `sosdesk` program and `_internal/`).
# The .deb installs the bundle in /usr/lib/sosdesk, links /usr/bin/sosdesk to it, and adds the
# menu entry and the icon. Its Depends are worked out from the bundle itself: every shared
# library a bundled program or library loads from the system (ldd), mapped to the Debian
# package that holds it (dpkg -S), libc6 at least the newest GLIBC symbol version used.
# Nothing is ever written into the user's data folder, and nothing removes it: uninstalling
# (even purging) the package leaves every desk database where it was.
set -euo pipefail

BUNDLE=$(readlink -f "$1")
OUT=$(readlink -f "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
for tool in dpkg-deb dpkg ldd objdump file sha256sum tar gzip; do
  command -v "$tool" >/dev/null || {
    echo "build-packages: $tool is missing (run 'make package-deps' or apt-get install dpkg binutils)" >&2
    exit 2
  }
done
[ -x "$BUNDLE/sosdesk" ] || { echo "build-packages: no bundle in $BUNDLE (run PyInstaller first)" >&2; exit 2; }

VERSION=$("$BUNDLE/sosdesk" --version | awk '{print $2}')
ARCH=$(dpkg --print-architecture)
case "$(uname -m)" in x86_64) TARCH=x86_64 ;; *) TARCH=$(uname -m) ;; esac
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# -- Depends -----------------------------------------------------------------------------------
mapfile -t ELVES < <(find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' -o -name sosdesk \) |
  sort)
LIBDIRS="$BUNDLE/_internal:$BUNDLE/_internal/PySide6/Qt/lib"
: >"$WORK/system-libs"
: >"$WORK/missing-libs"
for elf in "${ELVES[@]}"; do
  file -b "$elf" 2>/dev/null | grep -q '^ELF' || continue
  LD_LIBRARY_PATH="$LIBDIRS" ldd "$elf" 2>/dev/null | while read -r name arrow path _; do
    if [ "$arrow" = "=>" ] && [ "$path" = "not" ]; then
      echo "$name" >>"$WORK/missing-libs"
    elif [ "$arrow" = "=>" ] && [ -n "$path" ] && [[ $path != "$BUNDLE"/* ]]; then
      echo "$path" >>"$WORK/system-libs"
    fi
  done
done
if [ -s "$WORK/missing-libs" ]; then
  echo "build-packages: the bundle loads libraries this machine does not have:" >&2
  sort -u "$WORK/missing-libs" | sed 's/^/  /' >&2
  echo "Install the Debian packages that provide them (make package-deps does), then retry." >&2
  exit 2
fi
: >"$WORK/packages"
for lib in $(sort -u "$WORK/system-libs"); do
  owner=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || true)
  [ -n "$owner" ] || { echo "build-packages: no Debian package owns $lib" >&2; exit 2; }
  echo "${owner%%:*}" >>"$WORK/packages"
done
GLIBC=$(for elf in "${ELVES[@]}"; do objdump -T "$elf" 2>/dev/null; done |
  grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
DEPENDS=""
for pkg in $(sort -u "$WORK/packages"); do
  if [ "$pkg" = libc6 ]; then pkg="libc6 (>= $GLIBC)"; fi
  DEPENDS="${DEPENDS:+$DEPENDS, }$pkg"
done
# Not linked, read at run time: the bundled fontconfig reads /etc/fonts (fontconfig-config).
DEPENDS="$DEPENDS, fontconfig-config"
echo "Depends: $DEPENDS"

# -- .deb ----------------------------------------------------------------------------------------
PKG="$WORK/deb"
install -d "$PKG/DEBIAN" "$PKG/usr/lib" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/scalable/apps" \
  "$PKG/usr/share/doc/sosdesk"
cp -a "$BUNDLE" "$PKG/usr/lib/sosdesk"
ln -s ../lib/sosdesk/sosdesk "$PKG/usr/bin/sosdesk"
install -m 0644 "$HERE/sosdesk.desktop" "$PKG/usr/share/applications/sosdesk.desktop"
install -m 0644 "$ROOT/packaging/icons/sosdesk.png" "$PKG/usr/share/icons/hicolor/256x256/apps/sosdesk.png"
install -m 0644 "$ROOT/packaging/icons/sosdesk.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/sosdesk.svg"
install -m 0644 "$ROOT/resources/fonts/LICENSE-DejaVu.txt" "$PKG/usr/share/doc/sosdesk/LICENSE-DejaVu.txt"
[ -f "$ROOT/docs/install.md" ] && install -m 0644 "$ROOT/docs/install.md" "$PKG/usr/share/doc/sosdesk/install.md"
# Files 0644, folders and programs 0755, whatever the umask of the build.
find "$PKG" -type d -exec chmod 0755 {} +
find "$PKG/usr" -type f -exec chmod 0644 {} +
chmod 0755 "$PKG/usr/lib/sosdesk/sosdesk"
find "$PKG/usr/lib/sosdesk" -type f \( -name '*.so' -o -name '*.so.*' \) -exec chmod 0755 {} +
SIZE_KB=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
cat >"$PKG/DEBIAN/control" <<EOF
Package: sosdesk
Version: $VERSION
Architecture: $ARCH
Maintainer: SOS Desk maintainers <sosdesk@localhost>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Recommends: fonts-dejavu-core
Section: misc
Priority: optional
Description: offline desk for SOS lines for victims of human trafficking
 SOS Desk records calls, clients, follow-ups and court-support documents for
 an SOS line and sends signed, encrypted batches to the office. Everything is
 kept in an encrypted database and works without internet.
 .
 This package holds a self-contained build (Python, Qt and the libraries it
 uses); uninstalling it never removes the desk's data folder.
EOF
(cd "$PKG" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$PKG/DEBIAN/md5sums"
DEB="$OUT/sosdesk_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB" >/dev/null
echo "Wrote $DEB"

# -- .tar.gz -------------------------------------------------------------------------------------
TGZ_DIR="$WORK/sosdesk-$VERSION"
cp -a "$BUNDLE" "$TGZ_DIR"
install -m 0644 "$HERE/sosdesk.desktop" "$ROOT/packaging/icons/sosdesk.png" "$TGZ_DIR/"
[ -f "$ROOT/docs/install.md" ] && install -m 0644 "$ROOT/docs/install.md" "$TGZ_DIR/"
TGZ="$OUT/sosdesk-$VERSION-linux-$TARCH.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$WORK" -cf - "sosdesk-$VERSION" | gzip -n -6 >"$TGZ"
echo "Wrote $TGZ"

# -- sums ----------------------------------------------------------------------------------------
(cd "$OUT" && sha256sum "$(basename "$DEB")" "$(basename "$TGZ")" >SHA256SUMS)
echo "Wrote $OUT/SHA256SUMS"
cat "$OUT/SHA256SUMS"
