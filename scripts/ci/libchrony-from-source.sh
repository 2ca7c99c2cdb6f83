#!/usr/bin/env bash
# Build and install upstream libchrony inside the manylinux_2_28 container
# (AlmaLinux 8: no libchrony package; EPEL 8 has none either), with what
# bindgen needs. Used as maturin-action's before-script-linux.
#   LIBCHRONY_REF  upstream tag or commit to build (default v0.2; "0.2" is
#                  tried too, as the tag's exact spelling is unconfirmed)
set -euo pipefail
ref=${LIBCHRONY_REF:-v0.2}
dnf install -y -q clang-devel libtool git make pkgconf-pkg-config
src=$(mktemp -d)
git clone --quiet https://gitlab.com/chrony/libchrony.git "$src"
git -C "$src" checkout --quiet "$ref" 2>/dev/null || git -C "$src" checkout --quiet "${ref#v}"
make -C "$src" -j"$(nproc)" libchrony.la
make -C "$src" install prefix=/usr/local
# auditwheel repair must find libchrony.so.0 to bundle it: put /usr/local/lib
# on the loader path for the rest of the container's life.
echo /usr/local/lib > /etc/ld.so.conf.d/libchrony.conf
ldconfig
export PKG_CONFIG_PATH=/usr/local/lib/pkgconfig
pkg-config --modversion libchrony
