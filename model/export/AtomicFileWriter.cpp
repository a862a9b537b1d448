#include "export/AtomicFileWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bengal {

namespace {

constexpr qsizetype kBufferBytes = 1 << 20;
constexpr int kNameAttempts = 16;

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::AtomicFileWriter", text);
}

// write(2) until everything is out; EINTR is retried, anything else is the caller's error.
bool writeAll(int fd, const char* data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, std::size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

} // namespace

AtomicFileWriter::AtomicFileWriter(const QString& path)
    : m_path(path), m_target(QFile::encodeName(path))
{}

AtomicFileWriter::~AtomicFileWriter()
{
    discard();
}

bool AtomicFileWriter::open()
{
    if (m_fd >= 0 || hasFailed())
        return !hasFailed();
    if (m_path.isEmpty()) {
        fail(tr("no file name given"));
        return false;
    }
    const QFileInfo asked(m_path);
    if (asked.isDir()) {
        fail(tr("it is a folder"));
        return false;
    }
    // A device, pipe or socket (/dev/stdout, /dev/full, a FIFO) is written in place: there is
    // no file to be left half-written, and renaming over it would replace the node itself.
    struct stat node
    {};
    if (::stat(m_target.constData(), &node) == 0 && !S_ISREG(node.st_mode)) {
        m_fd = ::open(m_target.constData(), O_WRONLY | O_CLOEXEC);
        if (m_fd < 0)
            return failWithErrno(errno);
        m_inPlace = true;
        m_buffer.reserve(kBufferBytes);
        return true;
    }
    // A symbolic link stays a link: the file it points to is the one replaced.
    if (asked.isSymLink()) {
        const QString canonical = asked.canonicalFilePath();
        m_target = QFile::encodeName(canonical.isEmpty() ? asked.symLinkTarget() : canonical);
    }
    const QFileInfo info(QFile::decodeName(m_target));
    // A hidden name in the same folder: the rename stays on one file system.
    const QByteArray folder = QFile::encodeName(info.absolutePath());
    const QByteArray stem = QFile::encodeName(info.fileName());
    for (int attempt = 0; attempt < kNameAttempts; ++attempt) {
        const QByteArray candidate =
            folder + "/." + stem + '.' +
            QByteArray::number(QRandomGenerator::global()->generate(), 16) + ".tmp";
        // 0666 so the umask decides, as for any other new file.
        m_fd = ::open(candidate.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd >= 0) {
            m_temporary = candidate;
            break;
        }
        if (errno != EEXIST)
            return failWithErrno(errno);
    }
    if (m_fd < 0)
        return failWithErrno(EEXIST);
    // Replacing a file keeps its permissions.
    struct stat existing
    {};
    if (::stat(m_target.constData(), &existing) == 0 && S_ISREG(existing.st_mode))
        ::fchmod(m_fd, existing.st_mode & 07777);
    m_buffer.reserve(kBufferBytes);
    return true;
}

bool AtomicFileWriter::write(QByteArrayView bytes)
{
    if (hasFailed() || (m_fd < 0 && !open()))
        return false;
    if (m_buffer.size() + bytes.size() > kBufferBytes && !flushBuffer())
        return false;
    if (bytes.size() >= kBufferBytes) {
        if (!writeAll(m_fd, bytes.data(), bytes.size()))
            return failWithErrno(errno);
        return true;
    }
    m_buffer.append(bytes.data(), bytes.size());
    return true;
}

bool AtomicFileWriter::flushBuffer()
{
    if (m_buffer.isEmpty())
        return true;
    if (!writeAll(m_fd, m_buffer.constData(), m_buffer.size()))
        return failWithErrno(errno);
    m_buffer.clear();
    return true;
}

bool AtomicFileWriter::commit()
{
    if (hasFailed() || (m_fd < 0 && !open()))
        return false;
    if (!flushBuffer())
        return false;
    if (m_inPlace) {
        const int fd = m_fd;
        m_fd = -1;
        if (::close(fd) != 0)
            return failWithErrno(errno);
        return true;
    }
    // fsync before the rename: after a crash the name points at complete content or the old one.
    if (::fsync(m_fd) != 0)
        return failWithErrno(errno);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) // NFS and some FUSE file systems report a full disk only here
        return failWithErrno(errno);
    if (::rename(m_temporary.constData(), m_target.constData()) != 0)
        return failWithErrno(errno);
    m_temporary.clear();
    // Make the rename itself durable; a failure here loses nothing already visible.
    const QByteArray folder =
        QFile::encodeName(QFileInfo(QFile::decodeName(m_target)).absolutePath());
    if (const int dirFd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return true;
}

void AtomicFileWriter::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temporary.isEmpty()) {
        ::unlink(m_temporary.constData());
        m_temporary.clear();
    }
    m_buffer.clear();
}

void AtomicFileWriter::fail(const QString& reason)
{
    if (m_error.isEmpty())
        m_error = tr("cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), reason);
    discard();
}

bool AtomicFileWriter::failWithErrno(int error)
{
    fail(qt_error_string(error));
    return false;
}

bool writeFileAtomically(const QString& path, QByteArrayView bytes, QString* error)
{
    AtomicFileWriter writer(path);
    if (writer.open() && writer.write(bytes) && writer.commit())
        return true;
    if (error)
        *error = writer.errorString();
    return false;
}

} // namespace bengal
