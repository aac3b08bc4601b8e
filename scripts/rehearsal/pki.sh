#!/bin/bash
# Test certificates, made with openssl (EC P-256 keys: fast to make, read by Go, Python, curl):
#   pki.sh DIR ca NAME                 DIR/NAME.crt, DIR/NAME.key: a CA whose CN is NAME
#   pki.sh DIR server NAME CA SANS     a server certificate signed by DIR/CA.crt with the
#                                      subjectAltName SANS ("IP:10.0.0.1,DNS:kubernetes", or
#                                      "none" for a certificate without any)
#   pki.sh DIR client NAME CA CN [O]   a client certificate (CN, O as an apiserver reads them)
# Every key is 0600. Used by the tests and by scripts/rehearse-migration.sh.
set -euo pipefail
dir=$1 what=$2 name=$3
mkdir -p "$dir"
umask 077
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/$1.key" 2>/dev/null; }
case $what in
ca)
    key "$name"
    openssl req -x509 -new -key "$dir/$name.key" -out "$dir/$name.crt" -days 30 -subj "/CN=$name" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    ;;
server|client)
    ca=$4
    key "$name"
    if [ "$what" = server ]; then
        subject="/CN=$name"
        ext="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth"
        [ "$5" = none ] || ext="$ext
subjectAltName=$5"
    else
        subject="/CN=$5${6:+/O=$6}"
        ext="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
    fi
    openssl req -new -key "$dir/$name.key" -out "$dir/$name.csr" -subj "$subject" 2>/dev/null
    printf '%s\n' "$ext" >"$dir/$name.ext"
    openssl x509 -req -in "$dir/$name.csr" -CA "$dir/$ca.crt" -CAkey "$dir/$ca.key" -CAcreateserial \
        -out "$dir/$name.crt" -days 30 -extfile "$dir/$name.ext" 2>/dev/null
    rm -f "$dir/$name.csr" "$dir/$name.ext"
    ;;
*)
    echo "pki.sh: unknown kind $what" >&2
    exit 2
    ;;
esac
