#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <sys/types.h>

namespace bengal {

// Follows a text file that another process appends to, truncates or replaces: each poll
// returns the complete lines that arrived since the last one. A truncated or replaced file is
// read again from its start; the unfinished last line waits for its newline.
class GrowingFileReader
{
public:
    explicit GrowingFileReader(const QString& path);
    ~GrowingFileReader();
    GrowingFileReader(const GrowingFileReader&) = delete;
    GrowingFileReader& operator=(const GrowingFileReader&) = delete;

    // New complete lines (without the '\n'). Cheap when nothing changed: one stat().
    QList<QByteArray> poll();
    // At the end of the run: what poll() gives plus the unfinished last line, if any.
    QList<QByteArray> pollFinal();

    const QString& path() const { return m_path; }
    // How often the file started over (truncation or replacement) while followed.
    int restarts() const { return m_restarts; }

private:
    void reopen(ino_t inode, dev_t device);

    QString m_path;
    QByteArray m_nativePath;
    int m_fd = -1;
    ino_t m_inode = 0;
    dev_t m_device = 0;
    qint64 m_offset = 0;
    QByteArray m_partial;
    int m_restarts = 0;
};

} // namespace bengal
