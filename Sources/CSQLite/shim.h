#ifndef EVENTGRAPH_CSQLITE_SHIM_H
#define EVENTGRAPH_CSQLITE_SHIM_H
// The system SQLite, for the fragment store (EventGraphStore). Nothing else includes it.
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro that casts -1 to a destructor pointer, which Swift cannot import:
/// binding through this function tells SQLite to copy the bytes, which Swift frees afterwards.
static inline int eventgraph_sqlite3_bind_blob_copy(sqlite3_stmt *statement, int index, const void *bytes, int count) {
    return sqlite3_bind_blob(statement, index, bytes, count, SQLITE_TRANSIENT);
}

static inline int eventgraph_sqlite3_bind_text_copy(sqlite3_stmt *statement, int index, const char *text, int count) {
    return sqlite3_bind_text(statement, index, text, count, SQLITE_TRANSIENT);
}
#endif
