# Turns peer directory lines "ordinal peerID" into one settings line for json-set.awk:
# prefix<TAB>[…] with one entry per line except ordinal o (every line when o is unset). An entry is
# the template with {ordinal} and {id} filled in, as a JSON string, or with kubo=1 as a kubo
# Peering.Peers entry {"ID": id, "Addrs": [address]}.
#
#   awk -v o=ORDINAL -v template=TEMPLATE -v prefix=KEY [-v kubo=1] -f peer-list.awk DIRECTORY

function fill(text, placeholder, value,    at) {
  while ((at = index(text, placeholder)) > 0)
    text = substr(text, 1, at - 1) value substr(text, at + length(placeholder))
  return text
}

BEGIN { printf "%s\t[", prefix }

NF == 2 && ($1 "") != (o "") {
  address = fill(fill(template, "{ordinal}", $1), "{id}", $2)
  if (kubo) printf "%s{\"ID\":\"%s\",\"Addrs\":[\"%s\"]}", sep, $2, address
  else printf "%s\"%s\"", sep, address
  sep = ","
}

END { print "]" }
