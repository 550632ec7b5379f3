# Sourced by the ensure-* scripts: fetch .debs from another Debian suite without installing them.
# The mirror is read from this machine's own apt sources, never written anywhere.

# Mirror of the machine's main (non-security) Debian source: first URIs line of that entry.
debian_mirror() {
  local f=/etc/apt/sources.list.d/debian.sources
  if [[ -r "$f" ]]; then
    awk '
      BEGIN { RS = ""; FS = "\n" }
      {
        uri = ""; suites = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/ && uri == "") { uri = $i; sub(/^URIs:[ \t]*/, "", uri); split(uri, u, /[ \t]+/); uri = u[1] }
          if ($i ~ /^Suites:/) { suites = $i }
        }
        if (uri != "" && suites !~ /-security/) { print uri; exit }
      }' "$f"
    return
  fi
  # one-line format fallback
  if [[ -r /etc/apt/sources.list ]]; then
    awk '$1 == "deb" && $0 !~ /-security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list
  fi
}

# apt_download SUITE DEST_DIR PKG...: downloads the packages of SUITE into DEST_DIR with a private apt
# config (own lists and cache), so the machine's apt state is untouched. Output goes to stdout/stderr.
apt_download() {
  local suite="$1" dest="$2"
  shift 2
  local mirror tmp rc=0
  mirror="$(debian_mirror)"
  [[ -n "$mirror" ]] || { echo "no Debian mirror in the apt sources" >&2; return 1; }
  tmp="$(mktemp -d /tmp/repro-ci-apt.XXXXXX)"
  mkdir -p "$tmp/sources.list.d" "$tmp/lists/partial" "$tmp/cache/archives/partial" "$dest"
  : >"$tmp/sources.list"
  printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$mirror" "$suite" >"$tmp/sources.list.d/$suite.sources"
  chmod -R a+rwX "$tmp" "$dest"
  local opts=(
    -o "Dir::Etc::sourcelist=$tmp/sources.list" -o "Dir::Etc::sourceparts=$tmp/sources.list.d"
    -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache"
    -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=" -o "APT::Get::List-Cleanup=0" -o "Debug::NoLocking=1"
  )
  apt-get -q "${opts[@]}" update && (cd "$dest" && apt-get -q "${opts[@]}" download "$@") || rc=$?
  rm -rf "$tmp"
  return "$rc"
}
