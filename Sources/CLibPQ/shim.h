// PostgreSQL's client library (Debian: libpq-dev), for `--engine postgres://…`.
#include <libpq-fe.h>
