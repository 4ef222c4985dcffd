#!/bin/sh
# The TLS fixtures of the starter's tests. ca.*, server.*, client.* and trust.p12 are
# copies of ngi-core/src/test/resources/tls (made by its generate.sh): a CA, a server
# certificate for localhost / 127.0.0.1 / ::1 and a client certificate signed by it;
# PKCS12 files have the password "secret". This script adds server-2, a second server
# certificate from the same CA (another key, another serial), which the reload test
# writes over server.* to see new connections get it.
# Test fixtures only: the keys are public.
set -eu
cd "$(dirname "$0")"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server-2.key -out server-2.csr \
	-subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth,clientAuth\n' > server-2.ext
openssl x509 -req -in server-2.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server-2.crt -days 36500 \
	-extfile server-2.ext 2>/dev/null
rm -f server-2.csr server-2.ext ca.srl
