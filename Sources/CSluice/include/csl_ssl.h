#ifndef CSL_SSL_H
#define CSL_SSL_H
/*
 * OpenSSL function-like macros and cast-defined constants Swift cannot import: one thin wrapper each,
 * named csl_ + the original name. No logic lives here; SluiceTLS is the only caller.
 */
#include <stdint.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <openssl/evp.h>
#include <openssl/ec.h>

/* Macro over SSL_CTX_ctrl: the TLS 1.2 floor for both directions. */
long csl_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version);
/* Macro over SSL_CTX_ctrl: caps the version (tests pin TLS 1.2 to cover both protocol versions). */
long csl_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version);
/* Macro over SSL_CTX_ctrl: sets SSL_MODE_* flags (RELEASE_BUFFERS keeps idle sessions small). */
long csl_SSL_CTX_set_mode(SSL_CTX *ctx, long mode);
/* Macro over SSL_ctrl: puts the SNI host name into the ClientHello. */
long csl_SSL_set_tlsext_host_name(SSL *ssl, const char *name);
/* Macro over BIO_ctrl: makes an empty memory BIO say "retry" (-1) or EOF (0) to OpenSSL. */
long csl_BIO_set_mem_eof_return(BIO *bio, int value);
/* Macro assigning ctx->db: extensions are built from literal values, never from a config database. */
void csl_X509V3_set_ctx_nodb(X509V3_CTX *ctx);
/* Macro over EVP_PKEY_Q_keygen (variadic): a fresh EC key on the named curve. */
EVP_PKEY *csl_EVP_EC_gen(const char *curve);
/* Cast-defined constant (SSL_OP_BIT): refuse TLS 1.2 renegotiation, a CPU-exhaustion vector. */
uint64_t csl_SSL_OP_NO_RENEGOTIATION(void);
/* Composite flag macro Swift cannot evaluate: RFC 2253 name printing for `ca show` and errors. */
unsigned long csl_XN_FLAG_RFC2253(void);
/* Macro over CRYPTO_free with file/line: frees OpenSSL-allocated strings. */
void csl_OPENSSL_free(void *pointer);
/* Macros over OPENSSL_sk_*: walks the GENERAL_NAMES of a subjectAltName extension. */
int csl_sk_GENERAL_NAME_num(const GENERAL_NAMES *names);
GENERAL_NAME *csl_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index);
void csl_GENERAL_NAMES_free(GENERAL_NAMES *names);
#endif
