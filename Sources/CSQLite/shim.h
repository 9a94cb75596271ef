// The system SQLite (Debian: libsqlite3-dev), for the engine's SQL backend.
#include <sqlite3.h>
