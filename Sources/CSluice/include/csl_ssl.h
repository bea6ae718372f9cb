#ifndef CSL_SSL_H
#define CSL_SSL_H
/* OpenSSL macros and cast-defined constants, one thin wrapper each (filled by SluiceTLS work). */
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

long csl_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version);
#endif
