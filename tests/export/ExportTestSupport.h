#pragma once

// Helpers for the export tests: reading CSV back, running the external validators
// (rsvg-convert, pdftoppm) and lowering the file size limit. Core only; images: ImageChecks.h.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace bengal::test {

// RFC 4180: fields separated by commas, records by CRLF (LF accepted), quoted fields may hold
// commas, line breaks and doubled quotes. Written independently of the exporter.
inline QList<QList<QByteArray>> parseCsv(const QByteArray& text)
{
    QList<QList<QByteArray>> records;
    QList<QByteArray> record;
    QByteArray field;
    bool quoted = false;
    bool fieldStarted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && field.isEmpty()) {
            quoted = true;
            fieldStarted = true;
        } else if (c == ',') {
            record << field;
            field.clear();
            fieldStarted = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            record << field;
            records << record;
            record.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (fieldStarted || !field.isEmpty()) {
        record << field;
        records << record;
    }
    return records;
}

struct ToolResult
{
    bool found = false;
    int exitCode = -1;
    QByteArray output;
};

// Runs an external tool by name (searched on PATH); found=false when it is not installed.
inline ToolResult runTool(const QString& name, const QStringList& args, int timeoutMs = 60000)
{
    ToolResult r;
    const QString program = QStandardPaths::findExecutable(name);
    if (program.isEmpty())
        return r;
    r.found = true;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (p.waitForFinished(timeoutMs) && p.exitStatus() == QProcess::NormalExit)
        r.exitCode = p.exitCode();
    r.output = p.readAll();
    return r;
}

// CI (the README's test command installs librsvg2-bin and poppler-utils) sets
// BENGAL_REQUIRE_IMAGE_TOOLS: there a missing validator fails the test instead of skipping it.
inline bool imageToolsRequired()
{
    return qEnvironmentVariableIsSet("BENGAL_REQUIRE_IMAGE_TOOLS");
}

// A character device like /dev/full (every write fails with ENOSPC). Root gets its own node
// in `dir`, so a writer that renamed a file over its target could not replace the system's;
// where no usable node can be made (no CAP_MKNOD, a nodev mount) it is /dev/full itself.
inline QString fullDevice(const QString& dir)
{
    if (::geteuid() == 0) {
        const QString path = dir + QStringLiteral("/full");
        const QByteArray name = QFile::encodeName(path);
        if (::mknod(name.constData(), S_IFCHR | 0666, makedev(1, 7)) == 0) {
            if (const int fd = ::open(name.constData(), O_WRONLY | O_CLOEXEC); fd >= 0) {
                ::close(fd);
                return path;
            }
            ::unlink(name.constData());
        }
    }
    return QStringLiteral("/dev/full");
}

// Everything in `dir` (hidden files included), to prove that nothing was left behind.
inline QStringList folderEntries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                               QDir::NoDotAndDotDot);
}

// Lowers RLIMIT_FSIZE for the scope (a full disk, as far as write(2) is concerned); SIGXFSZ is
// ignored so the write fails with EFBIG instead of killing the process.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_ok = getrlimit(RLIMIT_FSIZE, &m_saved) == 0;
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        m_ok = m_ok && setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    bool ok() const { return m_ok; }

private:
    rlimit m_saved{};
    void (*m_handler)(int) = nullptr;
    bool m_ok = false;
};

} // namespace bengal::test
