# Turns a pinset export (ipfs-cluster-ctl --enc=json pin ls: one indented JSON object per pin, Go's
# MarshalIndent: '{' and '}' alone on a line, top-level fields indented by four spaces, metadata
# entries by eight) into one line per pin: cid, type, mode, replication min, replication max, name,
# metadata (key=value pairs), separated by the unit separator `us` (pairs by the record separator
# `rs`). JSON strings are unescaped; control characters become spaces.
#
#   awk -v us="$(printf '\037')" -v rs="$(printf '\036')" -f pinset-lines.awk EXPORT
function jstring(s, i,    out, c) {
  out = ""
  for (i = i + 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == "\"") { jend = i + 1; return out }
    if (c == "\\") {
      i++
      c = substr(s, i, 1)
      if (c == "u") { out = out unicode(substr(s, i + 1, 4)); i += 4; continue }
      if (c == "n" || c == "t" || c == "r" || c == "b" || c == "f") { out = out " "; continue }
    }
    out = out c
  }
  jend = i
  return out
}
function unicode(h,    n, k, d) {
  n = 0
  for (k = 1; k <= 4; k++) {
    d = index("0123456789abcdef", tolower(substr(h, k, 1))) - 1
    if (d < 0) return "?"
    n = n * 16 + d
  }
  if (n < 32) return " "
  if (n < 128) return sprintf("%c", n)
  return "\\u" h
}
function field(line,    rest) {
  fkey = jstring(line, index(line, "\""))
  rest = substr(line, jend + 2)
  if (substr(rest, 1, 1) == "\"") { fval = jstring(rest, 1); return }
  sub(/,$/, "", rest)
  fval = rest == "null" ? "" : rest
}
/^\{$/ { cid = ""; type = ""; mode = ""; rmin = ""; rmax = ""; name = ""; meta = ""; inmeta = 0; next }
inmeta && /^    \}/ { inmeta = 0; next }
inmeta && /^        "/ { field($0); meta = meta (meta == "" ? "" : rs) fkey "=" fval; next }
/^    "/ {
  field($0)
  if (fkey == "cid") cid = fval
  else if (fkey == "type") type = fval
  else if (fkey == "mode") mode = fval
  else if (fkey == "replication_factor_min") rmin = fval
  else if (fkey == "replication_factor_max") rmax = fval
  else if (fkey == "name") name = fval
  else if (fkey == "metadata" && fval == "{") inmeta = 1
  next
}
/^\}$/ { print cid us type us mode us rmin us rmax us name us meta }
