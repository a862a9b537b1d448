#pragma once

#include "history/ByteSource.h"

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <optional>

namespace bengal {

// Which file a path names right now: a replacement (atomic rename, rotation) has another
// identity even when the path stays the same.
struct FileIdentity
{
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    bool operator==(const FileIdentity&) const = default;
};

// A read-only handle on a history file (POSIX, so identity and positional reads are exact).
class HistoryFile final : public ByteSource
{
public:
    HistoryFile() = default;
    ~HistoryFile() override;
    HistoryFile(const HistoryFile&) = delete;
    HistoryFile& operator=(const HistoryFile&) = delete;

    bool open(const QString& path);
    void close();
    bool isOpen() const { return m_fd >= 0; }

    // Current size of the open file (it may have grown or shrunk), or -1 on error.
    std::int64_t size() override;
    FileIdentity identity() const { return m_identity; }
    // Reads up to `size` bytes at `offset`; returns bytes read, or -1 on error.
    std::int64_t readAt(std::int64_t offset, char* buffer, std::size_t size) override;

    QString path() const { return m_path; }
    // The last error, naming the file and the reason.
    QString errorString() const override { return m_error; }
    // Opens the path again (what it names now). Never nullptr: when the open fails, the handle's
    // reads fail with that open's error.
    std::unique_ptr<ByteSource> openAnother() const override;

    // The line starting at `offset` (without its newline), at most `maxBytes` of it; sets
    // *cut when the line is longer. nullopt with *error (path and reason) when unreadable.
    static std::optional<QByteArray> readLineAt(const QString& path, std::int64_t offset,
                                                std::size_t maxBytes, bool* cut, QString* error);

    // Identity of whatever the path names now, without opening it; nullopt if absent.
    static std::optional<FileIdentity> identityOf(const QString& path);

private:
    void setError(const char* what, int error);

    int m_fd = -1;
    FileIdentity m_identity;
    QString m_path;
    QString m_error;
};

} // namespace bengal
