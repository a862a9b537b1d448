#include "parse/RecordParser.h"

#include "core/Hash64.h"
#include "parse/EnvironmentStrings.h"
#include "parse/MetricNames.h"
#include "parse/JsonTape.h"
#include "parse/NonFiniteRewriter.h"

#include <QCoreApplication>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>
#include <vector>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::RecordParser", text);
}

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// At most this much of a bad value is echoed back in a message.
QString excerpt(std::string_view s)
{
    constexpr std::size_t kMax = 48;
    if (s.size() <= kMax)
        return fromUtf8(s);
    return fromUtf8(s.substr(0, kMax)) + QStringLiteral("…");
}

// Comparisons with a literal, of a length known when compiling: inlined as a few loads, where
// string_view's == called memcmp (a few percent of a load, once per field).
template <std::size_t N>
[[gnu::always_inline]] inline bool is(std::string_view s, const char (&literal)[N])
{
    return s.size() == N - 1 && std::memcmp(s.data(), literal, N - 1) == 0;
}

template <std::size_t N>
[[gnu::always_inline]] inline bool endsWith(std::string_view s, const char (&suffix)[N])
{
    return s.size() >= N - 1 && std::memcmp(s.data() + s.size() - (N - 1), suffix, N - 1) == 0;
}

} // namespace

struct RecordParser::Impl
{
    simdjson::dom::parser json;
    std::string rewritten;
    std::string nameBuffer;
    EnvironmentStrings environmentStrings;

    // Values that derived metrics need; the last occurrence of a key wins.
    struct Derivation
    {
        double buildTime = kNaN;
        double totalPages = kNaN;
        double classic[5] = {kNaN, kNaN, kNaN, kNaN, kNaN};
        double phaseSum = 0;
        int phaseEntries = 0;
    } derivation;
    std::vector<std::pair<std::uint32_t, double>> ledger; // phase_timings_ms entries by name
    std::vector<std::uint32_t> ledgerSlot; // by name id: its entry in `ledger` + 1, or 0

    // Bounds, so that memory follows the number of builds and not what a line holds (issue 9).
    bool listRejections = true;
    bool listWarnings = true;
    std::size_t lineValues = 0;   // values of the line being parsed
    std::size_t lineWarnings = 0; // warnings listed for it
    bool valuesCut = false;       // it had more values than kMaxValuesPerLine
    bool namesFull = false;       // it had names past kMaxNames

    MetricNames metricNames{kMaxNames};
    static constexpr std::uint32_t kNoName = MetricNames::kNoName;

    void addValue(BuildBatch& out, std::string_view name, double value, bool derived = false)
    {
        if (!derived && lineValues >= kMaxValuesPerLine) {
            valuesCut = true;
            return;
        }
        const std::uint32_t id = metricNames.id({{}, name}, derived);
        if (id == kNoName) {
            namesFull = true;
            return;
        }
        addValue(out, id, value);
    }

    void addValue(BuildBatch& out, std::uint32_t id, double value)
    {
        out.valueName.push_back(id);
        out.value.push_back(value);
        ++lineValues;
    }

    // `reason` is only made for a warning that is listed: past kMaxWarningsPerLine a line's
    // warnings are counted, which keeps a line of a million bad fields cheap.
    template <typename Reason>
    void warn(BuildBatch& out, std::int64_t line, std::int64_t offset, std::string_view key,
              const Reason& reason)
    {
        if (!listWarnings || lineWarnings >= kMaxWarningsPerLine) {
            ++out.unlistedWarnings;
            return;
        }
        ++lineWarnings;
        out.problems.push_back({Problem::Kind::Warning, line, offset, fromUtf8(key), reason()});
    }

    template <typename Reason>
    void reject(BuildBatch& out, std::int64_t line, std::int64_t offset, const Reason& reason)
    {
        if (listRejections)
            out.problems.push_back(rejection(line, offset, reason()));
        else
            ++out.unlistedRejected;
    }

    void trackDerivation(std::uint32_t id, double value)
    {
        const MetricNames::Role role = metricNames.role(id);
        if (role == MetricNames::BuildTime)
            derivation.buildTime = value;
        else if (role == MetricNames::TotalPages)
            derivation.totalPages = value;
        else if (role >= 0)
            derivation.classic[role] = value;
    }

    // A number-or-not value of a time/memory field: stores it or explains why it is left out.
    // The common case, a number that is no negative time, stays inline.
    [[gnu::always_inline]] void timedValue(BuildBatch& out, std::int64_t line, std::int64_t offset,
                                           const NameParts& parts, TapeValue value, bool isTime,
                                           bool warnIfNotNumber)
    {
        if (value.isNumber()) [[likely]] {
            const double number = value.number();
            if (!(isTime && number < 0) && lineValues < kMaxValuesPerLine) [[likely]] {
                const std::uint32_t id = metricNames.id(parts);
                if (id != kNoName) [[likely]] {
                    addValue(out, id, number);
                    trackDerivation(id, number);
                    return;
                }
            }
        }
        unusualValue(out, line, offset, parts, value, isTime, warnIfNotNumber);
    }

    [[gnu::noinline]] void unusualValue(BuildBatch& out, std::int64_t line, std::int64_t offset,
                                        const NameParts& parts, TapeValue value, bool isTime,
                                        bool warnIfNotNumber)
    {
        const auto name = [&] {
            return parts.joined(nameBuffer);
        };
        double number = kNaN;
        if (value.isNumber()) {
            number = value.number();
            if (isTime && number < 0) {
                warn(out, line, offset, name(),
                     [&] { return tr("negative time (%1 ms)").arg(number, 0, 'g', 12); });
                number = kNaN;
            }
        } else if (warnIfNotNumber) {
            std::string_view text;
            if (value.isString() && isNonFiniteMarker(text = value.string())) {
                warn(out, line, offset, name(), [&] {
                    return tr("not a finite number (%1)").arg(fromUtf8(nonFiniteMarkerName(text)));
                });
            } else {
                warn(out, line, offset, name(),
                     [&] { return tr("not a number (%1)").arg(QLatin1String(value.typeName())); });
            }
        } else {
            return; // not a metric, nothing to say
        }
        // NaN is kept as a tombstone so a repeated key's last occurrence wins.
        if (lineValues >= kMaxValuesPerLine) {
            valuesCut = true;
            return;
        }
        const std::uint32_t id = metricNames.id(parts);
        if (id == kNoName) {
            namesFull = true;
            return;
        }
        if (!std::isnan(number) || warnIfNotNumber)
            addValue(out, id, number);
        trackDerivation(id, number);
    }

    void nestedMap(BuildBatch& out, std::int64_t line, std::int64_t offset, std::string_view parent,
                   TapeValue map)
    {
        const bool isTimeMap = endsWith(parent, "_ms");
        const bool isLedger = is(parent, "phase_timings_ms");
        if (isLedger)
            clearLedger();
        for (TapeFields field(map); !field.atEnd(); field.advance()) {
            const std::string_view childKey = field.key();
            const TapeValue child = field.value();
            const std::size_t before = out.value.size();
            timedValue(out, line, offset, {parent, childKey}, child, isTimeMap, isTimeMap);
            if (isLedger && out.value.size() > before)
                setLedgerEntry(out.valueName.back(), out.value.back());
        }
        if (isLedger) {
            derivation.phaseSum = 0;
            derivation.phaseEntries = 0;
            for (const auto& [name, value] : ledger) {
                if (!std::isnan(value)) {
                    derivation.phaseSum += value;
                    ++derivation.phaseEntries;
                }
            }
        }
    }

    void clearLedger()
    {
        for (const auto& entry : ledger)
            ledgerSlot[entry.first] = 0;
        ledger.clear();
    }

    // A phase named twice counts once, with its last value (as the stored metric has it).
    void setLedgerEntry(std::uint32_t name, double value)
    {
        if (name >= ledgerSlot.size())
            ledgerSlot.resize(name + 1, 0);
        if (const std::uint32_t slot = ledgerSlot[name]) {
            ledger[slot - 1].second = value;
            return;
        }
        ledger.emplace_back(name, value);
        ledgerSlot[name] = std::uint32_t(ledger.size());
    }

    void addDerived(BuildBatch& out)
    {
        const Derivation& d = derivation;
        if (!std::isnan(d.buildTime)) {
            double attributed = 0;
            if (d.phaseEntries > 0) {
                attributed = d.phaseSum;
            } else {
                for (double phase : d.classic) {
                    if (!std::isnan(phase))
                        attributed += phase;
                }
            }
            addValue(out, "unattributed_ms", d.buildTime - attributed, true);
            if (d.totalPages > 0)
                addValue(out, "ms_per_page", d.buildTime / d.totalPages, true);
        }
    }
};

namespace {
// The parser's buffers start small and grow to the longest line seen (at most kMaxLineBytes):
// simdjson needs about 15 bytes per byte of capacity, so a parser sized for the 1 MiB limit up
// front would hold ~16 MiB per reading thread for lines that are ~1 KB (and a reader made for
// a small file, as the tests and fuzz targets make thousands of, would map and fault it in).
constexpr std::size_t kInitialCapacity = 4 * 1024;
} // namespace

RecordParser::RecordParser() : d(std::make_unique<Impl>())
{
    // Never fails for this size short of out-of-memory, which we cannot recover from anyway.
    // simdjson counts the document itself as a level: one more admits 64 nested objects.
    if (d->json.allocate(kInitialCapacity, kMaxDepth + 1) != simdjson::SUCCESS)
        qFatal("out of memory for the JSON parser");
}

RecordParser::~RecordParser() = default;

Problem RecordParser::rejection(std::int64_t line, std::int64_t offset, const QString& reason)
{
    return {Problem::Kind::Rejected, line, offset, QString(), reason};
}

void RecordParser::setListRejections(bool list)
{
    d->listRejections = list;
}

void RecordParser::setListWarnings(bool list)
{
    d->listWarnings = list;
}

void RecordParser::publishTables(BuildBatch& out) const
{
    out.names = d->metricNames.names();
    out.strings = d->environmentStrings.strings();
}

void RecordParser::parse(std::string_view line, std::int64_t lineNumber, std::int64_t offset,
                         BuildBatch& out)
{
    if (!d->listRejections) {
        // Unlisted, a rejection needs no reason: a line that cannot start an object is counted
        // without parsing it (a file of short garbage lines then costs what its bytes cost).
        const std::size_t first = line.find_first_not_of(" \t\r\n");
        if (first == std::string_view::npos || line[first] != '{') {
            ++out.unlistedRejected;
            return;
        }
    }
    parseJson(line, lineNumber, offset, out);
}

[[gnu::noinline]] void RecordParser::parseJson(std::string_view line, std::int64_t lineNumber,
                                               std::int64_t offset, BuildBatch& out)
{
    using namespace simdjson;
    if (line.size() > d->json.capacity() &&
        d->json.allocate(std::min(std::max(line.size(), 2 * d->json.capacity()), kMaxLineBytes + 1),
                         kMaxDepth + 1) != SUCCESS) {
        d->reject(out, lineNumber, offset, [] { return tr("out of memory for this line"); });
        return;
    }
    auto error = d->json.parse(line.data(), line.size(), false).error();
    if (error && error != DEPTH_ERROR && error != UTF8_ERROR &&
        rewriteNonFinite(line, d->rewritten)) {
        error = d->json.parse(d->rewritten.data(), d->rewritten.size(), true).error();
    }
    if (error) {
        d->reject(out, lineNumber, offset, [&] {
            if (error == DEPTH_ERROR)
                return tr("nesting deeper than %1 levels").arg(kMaxDepth);
            if (error == UTF8_ERROR)
                return tr("invalid JSON: not valid UTF-8");
            return tr("invalid JSON: %1").arg(QString::fromLatin1(error_message(error)));
        });
        return;
    }
    // tape[0] is the document's root word, tape[1] its value.
    const std::uint8_t* const strings = d->json.doc.string_buf.get();
    const std::uint64_t* const tape = d->json.doc.tape.get();
    const TapeValue root{tape + 1, tape, strings};
    if (!root.isObject()) {
        d->reject(out, lineNumber, offset, [] { return tr("not a JSON object"); });
        return;
    }

    const std::size_t valueMark = out.value.size();
    const std::size_t problemMark = out.problems.size();
    const std::int64_t unlistedMark = out.unlistedWarnings;
    d->derivation = Impl::Derivation{};
    d->metricNames.startLine();
    d->lineValues = 0;
    d->lineWarnings = 0;
    d->valuesCut = false;
    d->namesFull = false;
    std::uint8_t flags = 0;
    std::uint16_t env[kEnvFieldCount] = {kNoString, kNoString, kNoString};
    bool haveTimestamp = false;
    TapeValue timestampValue = root;

    for (TapeFields field(root); !field.atEnd(); field.advance()) {
        const std::string_view key = field.key();
        const TapeValue value = field.value();
        if (is(key, "timestamp")) {
            haveTimestamp = true;
            timestampValue = value;
            continue;
        }
        if (value.isBool()) {
            const bool on = value.type() == 't';
            if (is(key, "parallel"))
                flags = (flags & ~(BuildFlag::ParallelKnown | BuildFlag::Parallel)) |
                        BuildFlag::ParallelKnown | (on ? BuildFlag::Parallel : 0);
            else if (is(key, "incremental"))
                flags = (flags & ~(BuildFlag::IncrementalKnown | BuildFlag::Incremental)) |
                        BuildFlag::IncrementalKnown | (on ? BuildFlag::Incremental : 0);
            else if (is(key, "skipped"))
                flags = (flags & ~(BuildFlag::SkippedKnown | BuildFlag::Skipped)) |
                        BuildFlag::SkippedKnown | (on ? BuildFlag::Skipped : 0);
        } else if (value.isString() && !endsWith(key, "_ms") && !endsWith(key, "_mb")) {
            const std::string_view text = value.string();
            if (is(key, "python_version"))
                env[int(EnvField::PythonVersion)] = d->environmentStrings.id(text);
            else if (is(key, "platform"))
                env[int(EnvField::Platform)] = d->environmentStrings.id(text);
            else if (is(key, "completion_policy"))
                env[int(EnvField::CompletionPolicy)] = d->environmentStrings.id(text);
            continue;
        } else if (value.isObject()) {
            d->nestedMap(out, lineNumber, offset, key, value);
            continue;
        }
        const bool isTime = endsWith(key, "_ms");
        d->timedValue(out, lineNumber, offset, {{}, key}, value, isTime,
                      isTime || endsWith(key, "_mb"));
    }

    auto rollback = [&](const auto& reason) {
        out.value.resize(valueMark);
        out.valueName.resize(valueMark);
        out.problems.resize(problemMark);
        out.unlistedWarnings = unlistedMark;
        d->reject(out, lineNumber, offset, reason);
    };
    if (!haveTimestamp) {
        rollback([] { return tr("no timestamp"); });
        return;
    }
    if (!timestampValue.isString()) {
        rollback([&] {
            return tr("timestamp is a %1, not a string")
                .arg(QLatin1String(timestampValue.typeName()));
        });
        return;
    }
    const std::string_view timestampText = timestampValue.string();
    TimestampError why;
    const auto timestamp = parseTimestamp(timestampText, &why);
    if (!timestamp) {
        rollback([&] {
            return why == TimestampError::BadDate
                       ? tr("timestamp \"%1\" is not a real calendar date and time")
                             .arg(excerpt(timestampText))
                       : tr("timestamp \"%1\" is not of the form "
                            "YYYY-MM-DDTHH:MM:SS[.ffffff][Z|±HH:MM]")
                             .arg(excerpt(timestampText));
        });
        return;
    }

    if (d->valuesCut)
        d->warn(out, lineNumber, offset, {}, [] {
            return tr("more than %1 numeric fields: the rest are left out").arg(kMaxValuesPerLine);
        });
    if (d->namesFull)
        d->warn(out, lineNumber, offset, {}, [] {
            return tr("more than %1 different field names in the file: new ones are left out")
                .arg(kMaxNames);
        });
    d->addDerived(out);
    out.timestampUs.push_back(*timestamp);
    out.line.push_back(lineNumber);
    out.offset.push_back(offset);
    out.hash.push_back(hashLine(line));
    out.flags.push_back(flags);
    out.env.insert(out.env.end(), env, env + kEnvFieldCount);
    out.valueBegin.push_back(std::uint32_t(valueMark));
    out.warningBegin.push_back(std::uint32_t(problemMark));
}

} // namespace bengal
