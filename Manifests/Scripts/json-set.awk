# Sets keys of a JSON document in one pass, the way `ipfs config --json KEY VALUE` sets one:
# every other key and value is kept as it is, missing parent objects are created, a key's old
# value is replaced whole. Runs under busybox awk (the kubo and ipfs-cluster images have no jq).
#
#   awk -f json-set.awk SETTINGS DOCUMENT > NEW-DOCUMENT
#
# SETTINGS has one line per key: a dot-separated path, a tab, the new value as JSON on one line.
# A later line for the same path wins. A path may not lie inside another path that is set. As in
# kubo's MapSetKV (repo/common), a missing or null parent becomes an object, any other parent that
# is not an object is an error. The output is indented
# like Go's json.MarshalIndent with two spaces, the format kubo and ipfs-cluster write.

function fail(message) {
  print "json-set: " message > "/dev/stderr"
  failed = 1
  exit 2
}

# Appends the tokens of one line of JSON text to tok[]; tokens never span lines in JSON.
function tokenize(line,    pos, n, w, c) {
  n = length(line)
  pos = 1
  while (pos <= n) {
    c = substr(line, pos, 1)
    if (c == " " || c == "\t" || c == "\r") { pos++; continue }
    if (index("{}[]:,", c)) { tok[++ntok] = c; pos++; continue }
    w = substr(line, pos, 4096)
    if (c == "\"") {
      if (!match(w, /^"([^"\\]|\\.)*"/)) {
        w = substr(line, pos)
        if (!match(w, /^"([^"\\]|\\.)*"/)) fail("unterminated string in " FILENAME)
      }
    } else if (!match(w, /^(-?[0-9][-+0-9.eE]*|true|false|null)/)) {
      fail("unexpected text in " FILENAME ": " substr(w, 1, 40))
    }
    tok[++ntok] = substr(w, 1, RLENGTH)
    pos += RLENGTH
  }
}

function indent(depth,    s) {
  s = ""
  while (depth-- > 0) s = s "  "
  return s
}

# Index just after the value starting at token i; -1 when it does not end.
function skip(i,    depth) {
  if (tok[i] != "{" && tok[i] != "[") return i + 1
  depth = 0
  do {
    if (tok[i] == "{" || tok[i] == "[") depth++
    else if (tok[i] == "}" || tok[i] == "]") depth--
    i++
  } while (depth > 0 && i <= ntok)
  return depth > 0 ? -1 : i
}

# Prints the value starting at token i, found at path p ("" inside arrays and settings:
# nothing is set there); returns the index just after it.
function value(i, p, depth,    t, k, count, child, s, seen) {
  if (p != "" && (p in setting)) {
    value(first[setting[p]], "", depth)
    return skip(i)
  }
  t = tok[i]
  if (p != "" && (p in parent) && t == "null") { created(p, depth); return i + 1 }
  if (p != "" && (p in parent) && t != "{") fail(p " is not an object, so " parent[p] " cannot be set")
  if (t == "[") {
    i++
    if (tok[i] == "]") { printf "[]"; return i + 1 }
    printf "[\n"
    while (1) {
      printf "%s", indent(depth + 1)
      i = value(i, "", depth + 1)
      if (tok[i] == ",") { printf ",\n"; i++; continue }
      break
    }
    printf "\n%s]", indent(depth)
    return i + 1
  }
  if (t != "{") { printf "%s", t; return i + 1 }
  i++
  printf "{"
  count = 0
  while (tok[i] != "}") {
    k = substr(tok[i], 2, length(tok[i]) - 2)
    seen[k] = 1
    printf "%s\n%s%s: ", (count++ ? "," : ""), indent(depth + 1), tok[i]
    child = (p == "" ? "" : p ".") k
    i = value(i + 2, (p != "" || depth == 0) ? child : "", depth + 1)
    if (tok[i] == ",") i++
  }
  # Keys set below this object that it does not have yet, in the order they were given.
  if (p != "" || depth == 0) {
    for (s = 1; s <= nset; s++) {
      k = path[s]
      if (p != "") { if (index(k, p ".") != 1) continue; k = substr(k, length(p) + 2) }
      sub(/\..*/, "", k)
      if (k in seen) continue
      seen[k] = 1
      printf "%s\n%s\"%s\": ", (count++ ? "," : ""), indent(depth + 1), k
      created((p == "" ? "" : p ".") k, depth + 1)
    }
  }
  if (count) printf "\n%s", indent(depth)
  printf "}"
  return i + 1
}

# Prints a value that is not in the document yet: a setting, or an object of settings below p.
function created(p, depth,    s, k, count, done) {
  if (p in setting) { value(first[setting[p]], "", depth); return }
  printf "{"
  count = 0
  for (s = 1; s <= nset; s++) {
    if (index(path[s], p ".") != 1) continue
    k = substr(path[s], length(p) + 2)
    sub(/\..*/, "", k)
    if (k in done) continue
    done[k] = 1
    printf "%s\n%s\"%s\": ", (count++ ? "," : ""), indent(depth + 1), k
    created(p "." k, depth + 1)
  }
  printf "\n%s}", indent(depth)
}

FILENAME == ARGV[1] {
  tab = index($0, "\t")
  if ($0 == "") next
  if (tab < 2) fail("line " FNR " of " FILENAME " is not 'path<TAB>json'")
  p = substr($0, 1, tab - 1)
  if (!(p in setting)) path[++nset] = p
  first[++nvalues] = ntok + 1
  tokenize(substr($0, tab + 1))
  if (skip(first[nvalues]) != ntok + 1) fail("the value of " p " in " FILENAME " is not one JSON value")
  setting[p] = nvalues
  next
}

{ if (!started) { started = 1; doc = ntok + 1 }; tokenize($0) }

END {
  if (failed) exit 2
  if (!started || tok[doc] != "{") fail("the document is not a JSON object")
  for (s = 1; s <= nset; s++) {
    k = path[s]
    while (sub(/\.[^.]*$/, "", k)) {
      if (k in setting) fail(path[s] " lies inside " k ", which is set too")
      parent[k] = path[s]
    }
  }
  if (skip(doc) != ntok + 1) fail("the document has text after its end")
  value(doc, "", 0)
  printf "\n"
}
