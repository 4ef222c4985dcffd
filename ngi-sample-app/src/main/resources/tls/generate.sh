#!/bin/sh
# Makes the sample's DEVELOPMENT certificate for the echo-tls listener: a self-signed
# EC P-256 certificate for localhost and 127.0.0.1, valid for 100 years, and its
# unencrypted private key. The key is public (it is in the repository): never use this
# certificate, or this way of making one, in production.
set -eu
cd "$(dirname "$0")"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 \
	-subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
	-keyout dev.key -out dev.crt 2>/dev/null
