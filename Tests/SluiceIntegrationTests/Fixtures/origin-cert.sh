#!/usr/bin/env bash
# origin-cert.sh DIR: a throw-away CA (DIR/origin-ca.pem) and a leaf for the test origin's names
# (DIR/origin.pem, DIR/origin.key), so the proxy can verify the loopback origin via --upstream-ca.
set -euo pipefail
cd "$1"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=Sluice test origin CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout origin-ca.key -out origin-ca.pem 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=test origin" \
  -keyout origin.key -out origin.csr 2>/dev/null
printf 'subjectAltName=DNS:api.openai.com,DNS:chat.deepseek.com,DNS:openrouter.ai,DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' > ext.cnf
openssl x509 -req -in origin.csr -CA origin-ca.pem -CAkey origin-ca.key -CAcreateserial -days 2 -extfile ext.cnf -out origin.pem 2>/dev/null
echo ok
