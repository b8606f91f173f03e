// libpq, opened when seam first talks to PostgreSQL. Linking it would make every command pay
// for loading and initialising its dependencies (Kerberos, LDAP, GnuTLS, OpenSSL): 6 of the
// 9 ms that `seam --version` took, though only the server with a PostgreSQL URL needs it.
// The declarations still come from libpq-fe.h, so the types and signatures are libpq's own.
#pragma once

#include <libpq-fe.h>

#include "util/result.h"

namespace seam::store {

// Every libpq function seam calls; a new call needs its name here.
#define SEAM_LIBPQ_FUNCTIONS(X)                                                                        \
  X(PQconnectdb) X(PQconnectdbParams) X(PQfinish) X(PQstatus) X(PQerrorMessage) X(PQsetNoticeProcessor) \
  X(PQsetClientEncoding) X(PQtransactionStatus) X(PQsocket) X(PQconsumeInput) X(PQnotifies)            \
  X(PQfreemem) X(PQexec) X(PQprepare) X(PQexecPrepared) X(PQresultStatus) X(PQresultErrorMessage)     \
  X(PQcmdStatus) X(PQntuples) X(PQnfields) X(PQgetvalue) X(PQgetlength) X(PQgetisnull) X(PQclear)

struct Libpq {
#define SEAM_LIBPQ_MEMBER(name) decltype(&::name) name = nullptr;
  SEAM_LIBPQ_FUNCTIONS(SEAM_LIBPQ_MEMBER)
#undef SEAM_LIBPQ_MEMBER
};

// Loads libpq once per process (thread-safe); an Io error says which library is missing.
Result<const Libpq*> load_libpq();
// The loaded library: call only after load_libpq succeeded, as every connection does first.
const Libpq& pq();

}  // namespace seam::store
