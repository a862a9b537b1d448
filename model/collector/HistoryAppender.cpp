#include "collector/HistoryAppender.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace bengal {

namespace {

LineAppendResult failure(const QString& path, int code, const char* what)
{
    LineAppendResult result;
    result.errorCode = code;
    result.message =
        QCoreApplication::translate("bengal", "%1: %2 failed: %3")
            .arg(path, QString::fromLatin1(what), QString::fromLocal8Bit(std::strerror(code)));
    return result;
}

// mkdir -p that keeps errno (QDir::mkpath only says true or false).
int makeDirectories(const QByteArray& directory)
{
    struct stat info;
    if (directory.isEmpty() || ::stat(directory.constData(), &info) == 0)
        return 0;
    const qsizetype slash = directory.lastIndexOf('/');
    if (slash > 0) {
        if (const int error = makeDirectories(directory.left(slash)))
            return error;
    }
    if (::mkdir(directory.constData(), 0755) != 0 && errno != EEXIST)
        return errno;
    return 0;
}

ssize_t writeRetrying(int fd, const char* data, size_t size)
{
    for (;;) {
        const ssize_t n = ::write(fd, data, size);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

// True when the file ends without a newline (a record cut by a crash).
bool endsMidLine(int fd, off_t size)
{
    if (size <= 0)
        return false;
    char last = '\n';
    return ::pread(fd, &last, 1, size - 1) == 1 && last != '\n';
}

} // namespace

LineAppendResult appendRecordLine(const QString& path, QByteArray line)
{
    if (!line.endsWith('\n'))
        line += '\n';
    const QByteArray nativePath = QFile::encodeName(path);
    const QByteArray directory = QFile::encodeName(QFileInfo(path).absolutePath());
    if (const int error = makeDirectories(directory))
        return failure(QFileInfo(path).absolutePath(), error, "mkdir");

    int fd = ::open(nativePath.constData(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return failure(path, errno, "open");
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            const int error = errno;
            ::close(fd);
            return failure(path, error, "flock");
        }
    }
    LineAppendResult result;
    struct stat info;
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        return failure(path, error, "fstat");
    }
    const off_t before = info.st_size;
    result.startedNewLine = endsMidLine(fd, before);
    const QByteArray data = result.startedNewLine ? '\n' + line : line;

    const ssize_t size = data.size();
    ssize_t written = writeRetrying(fd, data.constData(), size_t(size));
    int error = written < 0 ? errno : 0;
    if (written >= 0 && written < size) {
        // Short write: the rest either fits now (interrupted) or tells us why it cannot.
        const ssize_t rest = writeRetrying(fd, data.constData() + written, size_t(size - written));
        if (rest > 0)
            written += rest;
        if (written < size)
            error = rest < 0 ? errno : ENOSPC;
    }
    if (error != 0 && written > 0) {
        // Cut our partial line off again, unless an unlocked writer appended after it.
        if (::fstat(fd, &info) == 0 && info.st_size == before + written)
            (void)::ftruncate(fd, before);
    }
    ::close(fd); // releases the lock
    if (error != 0)
        return failure(path, error, "write");
    result.ok = true;
    return result;
}

} // namespace bengal
