#pragma once

#include <QByteArray>
#include <QString>

namespace bengal {

struct LineAppendResult
{
    bool ok = false;
    int errorCode = 0;           // errno of the failure (ENOSPC, EFBIG, EACCES, ...)
    QString message;             // "<path>: <strerror>" with what was attempted, translated
    bool startedNewLine = false; // the file ended mid-line, so a '\n' went first
};

// Appends one record line to a JSON-lines file without ever corrupting it:
// - the whole line goes out in one write() on an O_APPEND descriptor held under flock(LOCK_EX),
//   so concurrent collectors never interleave (Bengal itself appends without a lock, but its
//   lines are small single writes that O_APPEND keeps whole);
// - when the file's last byte is not '\n' (a writer died mid-line) the record starts with '\n';
//   the broken line is left exactly as it was;
// - on a short write (disk full, file size limit) the file is cut back to its old length and
//   the failure reported, so no half line is left;
// - missing parent folders are created.
// `line` must be one JSON value; a trailing '\n' is added when absent.
LineAppendResult appendRecordLine(const QString& path, QByteArray line);

} // namespace bengal
