#pragma once

#include "core/BuildBatch.h"

#include <QStringList>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace bengal {

// Turns one history line into a build (appended to a BuildBatch) or a rejection, following
// the line rules in docs/HISTORY-FORMAT.md. Pure: no I/O, no Qt objects beyond strings.
// Not thread-safe; use one parser per thread.
class RecordParser
{
public:
    static constexpr std::size_t kMaxLineBytes = 1024 * 1024;
    static constexpr std::size_t kMaxDepth = 64;
    // Bytes that must be readable after a line handed to parse() (their content is ignored).
    static constexpr std::size_t kPadding = 64;
    // Bounds that keep memory in line with the number of builds whatever a line holds: values
    // past these are left out with one warning; warnings past these are counted, not listed.
    static constexpr std::size_t kMaxValuesPerLine = 1024;
    static constexpr std::size_t kMaxNames = 1024; // different metric names in one file
    static constexpr std::size_t kMaxWarningsPerLine = 16;

    RecordParser();
    ~RecordParser();
    RecordParser(const RecordParser&) = delete;
    RecordParser& operator=(const RecordParser&) = delete;

    // `line` is already trimmed (no CR/LF, no trailing blanks) and not blank.
    void parse(std::string_view line, std::int64_t lineNumber, std::int64_t offset,
               BuildBatch& out);

    // Whether rejected lines are listed with their reason (true) or only counted in
    // BuildBatch::unlistedRejected (cheap: no reason is made). HistoryReader stops listing past
    // HistoryReader::kMaxListedRejections.
    void setListRejections(bool list);
    // The same for warnings (BuildBatch::unlistedWarnings), past
    // HistoryReader::kMaxListedWarnings.
    void setListWarnings(bool list);

    // Gives the batch the parser's current name tables (call before handing a batch over).
    void publishTables(BuildBatch& out) const;

    static Problem rejection(std::int64_t line, std::int64_t offset, const QString& reason);

private:
    // The line as JSON. Kept out of parse(): its frame is large, and a file of garbage lines
    // that parse() counts without parsing should not pay for it per line (under ASan, setting
    // up that frame cost four times the whole read of such a file).
    void parseJson(std::string_view line, std::int64_t lineNumber, std::int64_t offset,
                   BuildBatch& out);

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace bengal
