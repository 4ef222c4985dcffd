#!/bin/sh
# Makes the certificates the TLS tests use (checked in; run again only to change them):
# two CAs, a server certificate for localhost / 127.0.0.1 / ::1, a client certificate,
# a client certificate from the other CA, an expired server certificate and one for
# another host. PEM for openssl and Python, PKCS12 (password "secret") for Java.
# Test fixtures only: the keys are public.
set -eu
cd "$(dirname "$0")"
days=36500
ca() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.crt" \
		-days $days -subj "/CN=$2" 2>/dev/null
}
leaf() { # name ca subject san [startdate enddate]
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.csr" \
		-subj "/CN=$3" 2>/dev/null
	printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$4" > "$1.ext"
	if [ $# -gt 4 ]; then
		mkdir -p ca.db && : > ca.db/index && echo 01 > ca.db/serial
		cat > ca.db/conf <<CONF
[ca]
default_ca = d
[d]
database = ca.db/index
serial = ca.db/serial
new_certs_dir = ca.db
default_md = sha256
policy = p
copy_extensions = none
[p]
commonName = supplied
CONF
		openssl ca -batch -config ca.db/conf -cert "$2.crt" -keyfile "$2.key" -in "$1.csr" -out "$1.crt" \
			-startdate "$5" -enddate "$6" -extfile "$1.ext" -notext 2>/dev/null
		rm -rf ca.db
	else
		openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -CAcreateserial -out "$1.crt" \
			-days $days -extfile "$1.ext" 2>/dev/null
	fi
	rm -f "$1.csr" "$1.ext" "$2.srl"
	openssl pkcs12 -export -in "$1.crt" -inkey "$1.key" -certfile "$2.crt" -name "$1" \
		-out "$1.p12" -passout pass:secret
}
ca ca "NGI test CA"
ca other-ca "NGI other test CA"
leaf server ca localhost "DNS:localhost,IP:127.0.0.1,IP:::1"
leaf client ca "NGI test client" "DNS:client.test"
leaf other-client other-ca "NGI other client" "DNS:client.test"
leaf expired ca localhost "DNS:localhost,IP:127.0.0.1,IP:::1" 20200101000000Z 20200102000000Z
leaf wrong-host ca example.com "DNS:example.com"
rm -f trust.p12 other-trust.p12
keytool -importcert -noprompt -alias ca -file ca.crt -keystore trust.p12 -storetype PKCS12 -storepass secret >/dev/null
keytool -importcert -noprompt -alias ca -file other-ca.crt -keystore other-trust.p12 -storetype PKCS12 \
	-storepass secret >/dev/null
