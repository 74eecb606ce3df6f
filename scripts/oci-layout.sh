# Sourced by the scripts that build images here: writes OCI image layout archives that
# `ctr images import` takes, one layer per image, reproducibly (sorted names, owner 0, mtime 0).
# Expects $out (where archives go), $work (scratch) and a log function from the sourcing script.

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }

# layer <rootfs dir> <layout dir>: adds the rootfs as one gzip layer; prints "<diff id> <digest> <size>".
layer() {
  local rootfs=$1 layout=$2 tarball
  tarball=$(mktemp "$work/layer.XXXXXX")
  tar -C "$rootfs" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$tarball" .
  local diff; diff=$(sha "$tarball")
  gzip -n -9 "$tarball"
  local digest; digest=$(sha "$tarball.gz")
  local bytes; bytes=$(size "$tarball.gz")
  mv "$tarball.gz" "$layout/blobs/sha256/$digest"
  echo "$diff $digest $bytes"
}

# blob <layout dir> <content>: stores the content as a blob; prints "<digest> <size>".
blob() {
  local layout=$1 content=$2 file
  file=$(mktemp "$work/blob.XXXXXX")
  printf '%s' "$content" > "$file"
  local digest; digest=$(sha "$file")
  local bytes; bytes=$(size "$file")
  mv "$file" "$layout/blobs/sha256/$digest"
  echo "$digest $bytes"
}

# image <archive name> <rootfs dir> <image name> then pairs of <tag> <config JSON fragment>:
# one layer, one manifest per tag, all in one archive.
image() {
  local archive=$1 rootfs=$2 name=$3; shift 3
  if [ -s "$out/$archive.tar" ]; then log "$archive: present"; return; fi
  log "$archive: building"
  local layout; layout=$(mktemp -d "$work/layout.XXXXXX")
  mkdir -p "$layout/blobs/sha256"
  local diff digest bytes
  read -r diff digest bytes < <(layer "$rootfs" "$layout")
  local manifests=()
  while [ $# -gt 0 ]; do
    local tag=$1 config=$2; shift 2
    local config_json="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{$config},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$diff\"]}}"
    local cdigest csize
    read -r cdigest csize < <(blob "$layout" "$config_json")
    local manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$cdigest\",\"size\":$csize},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$digest\",\"size\":$bytes}]}"
    local mdigest msize
    read -r mdigest msize < <(blob "$layout" "$manifest")
    manifests+=("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:$mdigest\",\"size\":$msize,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"},\"annotations\":{\"io.containerd.image.name\":\"$name:$tag\",\"org.opencontainers.image.ref.name\":\"$tag\"}}")
  done
  local joined; joined=$(IFS=,; echo "${manifests[*]}")
  printf '{"schemaVersion":2,"manifests":[%s]}' "$joined" > "$layout/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
  tar -C "$layout" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$out/$archive.tar.tmp" .
  mv "$out/$archive.tar.tmp" "$out/$archive.tar"
  rm -rf "$layout"
}

