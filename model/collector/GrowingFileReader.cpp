#include "collector/GrowingFileReader.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace bengal {

namespace {

constexpr qint64 ChunkBytes = 64 * 1024;
constexpr qsizetype MaxLineBytes = 16 * 1024 * 1024; // a runaway line is dropped, not kept

} // namespace

GrowingFileReader::GrowingFileReader(const QString& path)
    : m_path(path), m_nativePath(QFile::encodeName(path))
{}

GrowingFileReader::~GrowingFileReader()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void GrowingFileReader::reopen(ino_t inode, dev_t device)
{
    if (m_fd >= 0) {
        ::close(m_fd);
        ++m_restarts;
    }
    m_fd = ::open(m_nativePath.constData(), O_RDONLY | O_CLOEXEC);
    m_inode = inode;
    m_device = device;
    m_offset = 0;
    m_partial.clear();
}

QList<QByteArray> GrowingFileReader::poll()
{
    QList<QByteArray> lines;
    struct stat info;
    if (::stat(m_nativePath.constData(), &info) != 0)
        return lines; // not created yet
    if (m_fd < 0 || info.st_ino != m_inode || info.st_dev != m_device)
        reopen(info.st_ino, info.st_dev);
    if (m_fd < 0)
        return lines;
    if (info.st_size < m_offset) { // truncated: the writer started over
        m_offset = 0;
        m_partial.clear();
        ++m_restarts;
    }
    while (m_offset < info.st_size) {
        char buffer[ChunkBytes];
        const ssize_t n = ::pread(m_fd, buffer, sizeof buffer, m_offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        m_offset += n;
        m_partial.append(buffer, n);
    }
    qsizetype begin = 0;
    for (qsizetype newline = m_partial.indexOf('\n'); newline >= 0;
         newline = m_partial.indexOf('\n', begin)) {
        lines.append(m_partial.mid(begin, newline - begin));
        begin = newline + 1;
    }
    m_partial.remove(0, begin);
    if (m_partial.size() > MaxLineBytes)
        m_partial.clear();
    return lines;
}

QList<QByteArray> GrowingFileReader::pollFinal()
{
    QList<QByteArray> lines = poll();
    if (!m_partial.isEmpty()) {
        lines.append(m_partial);
        m_partial.clear();
    }
    return lines;
}

} // namespace bengal
