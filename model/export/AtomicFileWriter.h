#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace bengal {

// Writes a file so that nobody ever sees half of it: the bytes go to a temporary file in the
// same folder (same file system, so the final rename is atomic), which is flushed to disk and
// then renamed over the target. On any failure (no permission, disk full, bad path...) the
// temporary file is removed, an existing target is left as it was, and errorString() names the
// path and the reason. Writes are buffered; the destructor discards an uncommitted file.
// A symbolic link is followed (the link stays, its file is replaced); a device, pipe or socket
// (/dev/stdout, /dev/full) is written in place, so its errors show and the node stays.
class AtomicFileWriter
{
public:
    explicit AtomicFileWriter(const QString& path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    // Creates the temporary file. False (with errorString) when the folder cannot take it.
    bool open();
    // Appends bytes. After the first failure every call returns false and writes nothing.
    bool write(QByteArrayView bytes);
    // Flushes, syncs and renames into place. False (temporary removed) on failure.
    bool commit();
    // Drops the temporary file; the target is untouched.
    void discard();

    const QString& path() const { return m_path; }
    bool hasFailed() const { return !m_error.isEmpty(); }
    // "cannot write <path>: <reason>", translated; empty while all is well.
    const QString& errorString() const { return m_error; }
    // Sets a failure found by the caller (for example a renderer that gave no bytes); discards.
    void fail(const QString& reason);

private:
    bool flushBuffer();
    bool failWithErrno(int error);

    QString m_path;
    QByteArray m_target;    // local 8-bit file names for the system calls
    QByteArray m_temporary; // empty when no temporary file exists
    QByteArray m_buffer;
    QString m_error;
    int m_fd = -1;
    bool m_inPlace = false; // a device or pipe: written directly, never renamed over
};

// One-shot: writes `bytes` to `path` atomically. On failure returns false and sets *error.
bool writeFileAtomically(const QString& path, QByteArrayView bytes, QString* error);

} // namespace bengal
