#include "history/HistoryFile.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bengal {

HistoryFile::~HistoryFile()
{
    close();
}

void HistoryFile::setError(const char* what, int error)
{
    m_error = QCoreApplication::translate("bengal::HistoryFile", "%1: cannot %2: %3")
                  .arg(m_path, QCoreApplication::translate("bengal::HistoryFile", what),
                       QString::fromLocal8Bit(std::strerror(error)));
}

bool HistoryFile::open(const QString& path)
{
    close();
    m_path = path;
    const QByteArray native = QFile::encodeName(path);
    int fd;
    do {
        fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        setError(QT_TRANSLATE_NOOP("bengal::HistoryFile", "open it"), errno);
        return false;
    }
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        setError(QT_TRANSLATE_NOOP("bengal::HistoryFile", "read its attributes"), errno);
        ::close(fd);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        setError(QT_TRANSLATE_NOOP("bengal::HistoryFile", "read it"), EISDIR);
        ::close(fd);
        return false;
    }
    m_fd = fd;
    m_identity = {std::uint64_t(st.st_dev), std::uint64_t(st.st_ino)};
    m_error.clear();
    return true;
}

void HistoryFile::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

std::int64_t HistoryFile::size()
{
    struct stat st;
    if (m_fd < 0)
        return -1;
    if (::fstat(m_fd, &st) != 0) {
        setError(QT_TRANSLATE_NOOP("bengal::HistoryFile", "read its attributes"), errno);
        return -1;
    }
    return std::int64_t(st.st_size);
}

std::int64_t HistoryFile::readAt(std::int64_t offset, char* buffer, std::size_t size)
{
    if (m_fd < 0)
        return -1;
    ssize_t n;
    do {
        n = ::pread(m_fd, buffer, size, off_t(offset));
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        setError(QT_TRANSLATE_NOOP("bengal::HistoryFile", "read it"), errno);
    return std::int64_t(n);
}

std::unique_ptr<ByteSource> HistoryFile::openAnother() const
{
    auto other = std::make_unique<HistoryFile>();
    other->open(m_path);
    return other;
}

std::optional<QByteArray> HistoryFile::readLineAt(const QString& path, std::int64_t offset,
                                                  std::size_t maxBytes, bool* cut, QString* error)
{
    HistoryFile file;
    if (!file.open(path)) {
        *error = file.errorString();
        return std::nullopt;
    }
    QByteArray bytes(qsizetype(maxBytes + 1), Qt::Uninitialized);
    const std::int64_t got = file.readAt(offset, bytes.data(), maxBytes + 1);
    if (got < 0) {
        *error = file.errorString();
        return std::nullopt;
    }
    bytes.truncate(qsizetype(got));
    const qsizetype newline = bytes.indexOf('\n');
    *cut = newline < 0 && bytes.size() > qsizetype(maxBytes);
    bytes.truncate(newline >= 0 ? newline : std::min<qsizetype>(bytes.size(), qsizetype(maxBytes)));
    return bytes;
}

std::optional<FileIdentity> HistoryFile::identityOf(const QString& path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return FileIdentity{std::uint64_t(st.st_dev), std::uint64_t(st.st_ino)};
}

} // namespace bengal
