#include "parse/RecordParser.h"

#include "core/Hash64.h"
#include "parse/NonFiniteRewriter.h"

#include <QCoreApplication>
#include <simdjson.h>

#include <cmath>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct StringHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept
    {
        return std::hash<std::string_view>{}(s);
    }
};

template <typename Id>
using InternMap = std::unordered_map<std::string, Id, StringHash, std::equal_to<>>;

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

const char* typeName(simdjson::dom::element_type type)
{
    using T = simdjson::dom::element_type;
    switch (type) {
    case T::ARRAY:
        return "array";
    case T::OBJECT:
        return "object";
    case T::STRING:
        return "string";
    case T::BOOL:
        return "boolean";
    case T::NULL_VALUE:
        return "null";
    default:
        return "number";
    }
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.ends_with(suffix);
}

// The five phase fields every Bengal version writes; unattributed time falls back to them
// when a record has no phase ledger.
constexpr std::string_view kClassicPhases[] = {"discovery_time_ms", "taxonomy_time_ms",
                                               "rendering_time_ms", "assets_time_ms",
                                               "postprocess_time_ms"};

} // namespace

struct RecordParser::Impl
{
    simdjson::dom::parser json;
    std::string rewritten;
    std::string nameBuffer;
    InternMap<std::uint32_t> nameIds;
    QStringList names;
    InternMap<std::uint16_t> stringIds;
    QStringList strings;

    // Values that derived metrics need; the last occurrence of a key wins.
    struct Derivation
    {
        double buildTime = kNaN;
        double totalPages = kNaN;
        double classic[5] = {kNaN, kNaN, kNaN, kNaN, kNaN};
        double phaseSum = 0;
        int phaseEntries = 0;
    } derivation;

    // Records of one history repeat the same keys in the same order, so the n-th name of a
    // line is almost always the n-th name of the previous line: a compare instead of a hash.
    std::vector<std::pair<std::string, std::uint32_t>> namesByPosition;
    std::size_t namePosition = 0;

    std::uint32_t nameId(std::string_view name)
    {
        const std::size_t position = namePosition++;
        if (position < namesByPosition.size() && namesByPosition[position].first == name)
            return namesByPosition[position].second;
        std::uint32_t id;
        if (auto it = nameIds.find(name); it != nameIds.end()) {
            id = it->second;
        } else {
            id = std::uint32_t(names.size());
            nameIds.emplace(std::string(name), id);
            names.append(fromUtf8(name));
            roles.push_back(roleOf(name));
        }
        if (position < kRememberedPositions) {
            if (position >= namesByPosition.size())
                namesByPosition.resize(position + 1);
            namesByPosition[position] = {std::string(name), id};
        }
        return id;
    }
    static constexpr std::size_t kRememberedPositions = 256;

    // The environment strings of a history change rarely: check the few last seen first.
    std::pair<std::string, std::uint16_t> recentStrings[4];
    std::size_t nextRecent = 0;

    std::uint16_t stringId(std::string_view text)
    {
        for (const auto& [known, id] : recentStrings) {
            if (known == text && !known.empty())
                return id;
        }
        const std::uint16_t id = internString(text);
        if (id != kNoString && !text.empty()) {
            recentStrings[nextRecent] = {std::string(text), id};
            nextRecent = (nextRecent + 1) % std::size(recentStrings);
        }
        return id;
    }

    std::uint16_t internString(std::string_view text)
    {
        if (auto it = stringIds.find(text); it != stringIds.end())
            return it->second;
        if (strings.size() >= kNoString)
            return kNoString;
        const auto id = std::uint16_t(strings.size());
        stringIds.emplace(std::string(text), id);
        strings.append(fromUtf8(text));
        return id;
    }

    void addValue(BuildBatch& out, std::string_view name, double value)
    {
        addValue(out, nameId(name), value);
    }

    void addValue(BuildBatch& out, std::uint32_t id, double value)
    {
        out.valueName.push_back(id);
        out.value.push_back(value);
    }

    void warn(BuildBatch& out, std::int64_t line, std::int64_t offset, std::string_view key,
              const QString& reason)
    {
        out.problems.push_back({Problem::Kind::Warning, line, offset, fromUtf8(key), reason});
    }

    // What a metric is to the derived figures, decided once per name rather than per value.
    enum Role : std::int8_t
    {
        NoRole = -1,
        BuildTime = 5,
        TotalPages = 6 // 0..4: the classic phases
    };
    std::vector<std::int8_t> roles; // by name id

    static std::int8_t roleOf(std::string_view name)
    {
        if (name == "build_time_ms")
            return BuildTime;
        if (name == "total_pages")
            return TotalPages;
        for (int i = 0; i < 5; ++i) {
            if (name == kClassicPhases[i])
                return std::int8_t(i);
        }
        return NoRole;
    }

    void trackDerivation(std::uint32_t id, double value)
    {
        const std::int8_t role = roles[id];
        if (role == BuildTime)
            derivation.buildTime = value;
        else if (role == TotalPages)
            derivation.totalPages = value;
        else if (role >= 0)
            derivation.classic[role] = value;
    }

    // A number-or-not value of a time/memory field: stores it or explains why it is left out.
    void timedValue(BuildBatch& out, std::int64_t line, std::int64_t offset, std::string_view name,
                    simdjson::dom::element value, bool isTime, bool warnIfNotNumber)
    {
        double number = kNaN;
        if (value.is_number()) {
            number = value.get_double().value_unsafe();
            if (isTime && number < 0) {
                warn(out, line, offset, name, tr("negative time (%1 ms)").arg(number, 0, 'g', 12));
                number = kNaN;
            }
        } else if (warnIfNotNumber) {
            std::string_view text;
            if (value.is_string() && isNonFiniteMarker(text = value.get_string().value_unsafe())) {
                warn(out, line, offset, name,
                     tr("not a finite number (%1)").arg(fromUtf8(nonFiniteMarkerName(text))));
            } else {
                warn(out, line, offset, name,
                     tr("not a number (%1)").arg(QLatin1String(typeName(value.type()))));
            }
        } else {
            return; // not a metric, nothing to say
        }
        // NaN is kept as a tombstone so a repeated key's last occurrence wins.
        const std::uint32_t id = nameId(name);
        if (!std::isnan(number) || warnIfNotNumber)
            addValue(out, id, number);
        trackDerivation(id, number);
    }

    void nestedMap(BuildBatch& out, std::int64_t line, std::int64_t offset, std::string_view parent,
                   simdjson::dom::object map)
    {
        const bool isTimeMap = endsWith(parent, "_ms");
        const bool isLedger = parent == "phase_timings_ms";
        if (isLedger) {
            derivation.phaseSum = 0;
            derivation.phaseEntries = 0;
        }
        for (auto [childKey, child] : map) {
            nameBuffer.assign(parent);
            nameBuffer += '.';
            nameBuffer += childKey;
            const std::size_t before = out.value.size();
            timedValue(out, line, offset, nameBuffer, child, isTimeMap, isTimeMap);
            if (isLedger && out.value.size() > before && !std::isnan(out.value.back())) {
                derivation.phaseSum += out.value.back();
                ++derivation.phaseEntries;
            }
        }
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
            addValue(out, "unattributed_ms", d.buildTime - attributed);
            if (d.totalPages > 0)
                addValue(out, "ms_per_page", d.buildTime / d.totalPages);
        }
    }
};

RecordParser::RecordParser() : d(std::make_unique<Impl>())
{
    // Never fails for these sizes short of out-of-memory, which we cannot recover from anyway.
    // simdjson counts the document itself as a level: one more admits 64 nested objects.
    if (d->json.allocate(kMaxLineBytes + kPadding, kMaxDepth + 1) != simdjson::SUCCESS)
        qFatal("out of memory for the JSON parser");
}

RecordParser::~RecordParser() = default;

Problem RecordParser::rejection(std::int64_t line, std::int64_t offset, const QString& reason)
{
    return {Problem::Kind::Rejected, line, offset, QString(), reason};
}

void RecordParser::publishTables(BuildBatch& out) const
{
    out.names = d->names;
    out.strings = d->strings;
}

void RecordParser::parse(std::string_view line, std::int64_t lineNumber, std::int64_t offset,
                         BuildBatch& out)
{
    using namespace simdjson;
    dom::element root;
    auto error = d->json.parse(line.data(), line.size(), false).get(root);
    if (error && error != DEPTH_ERROR && error != UTF8_ERROR &&
        rewriteNonFinite(line, d->rewritten)) {
        error = d->json.parse(d->rewritten.data(), d->rewritten.size(), true).get(root);
    }
    if (error) {
        QString reason;
        if (error == DEPTH_ERROR)
            reason = tr("nesting deeper than %1 levels").arg(kMaxDepth);
        else if (error == UTF8_ERROR)
            reason = tr("invalid JSON: not valid UTF-8");
        else
            reason = tr("invalid JSON: %1").arg(QString::fromLatin1(error_message(error)));
        out.problems.push_back(rejection(lineNumber, offset, reason));
        return;
    }
    dom::object object;
    if (root.get_object().get(object)) {
        out.problems.push_back(rejection(lineNumber, offset, tr("not a JSON object")));
        return;
    }

    const std::size_t valueMark = out.value.size();
    const std::size_t problemMark = out.problems.size();
    d->derivation = Impl::Derivation{};
    d->namePosition = 0;
    std::uint8_t flags = 0;
    std::uint16_t env[kEnvFieldCount] = {kNoString, kNoString, kNoString};
    bool haveTimestamp = false;
    dom::element timestampValue;

    for (auto [key, value] : object) {
        const auto type = value.type();
        if (key == "timestamp") {
            haveTimestamp = true;
            timestampValue = value;
            continue;
        }
        if (type == dom::element_type::BOOL) {
            const bool on = value.get_bool().value_unsafe();
            if (key == "parallel")
                flags = (flags & ~(BuildFlag::ParallelKnown | BuildFlag::Parallel)) |
                        BuildFlag::ParallelKnown | (on ? BuildFlag::Parallel : 0);
            else if (key == "incremental")
                flags = (flags & ~(BuildFlag::IncrementalKnown | BuildFlag::Incremental)) |
                        BuildFlag::IncrementalKnown | (on ? BuildFlag::Incremental : 0);
            else if (key == "skipped")
                flags = (flags & ~(BuildFlag::SkippedKnown | BuildFlag::Skipped)) |
                        BuildFlag::SkippedKnown | (on ? BuildFlag::Skipped : 0);
        } else if (type == dom::element_type::STRING && !endsWith(key, "_ms") &&
                   !endsWith(key, "_mb")) {
            const std::string_view text = value.get_string().value_unsafe();
            if (key == "python_version")
                env[int(EnvField::PythonVersion)] = d->stringId(text);
            else if (key == "platform")
                env[int(EnvField::Platform)] = d->stringId(text);
            else if (key == "completion_policy")
                env[int(EnvField::CompletionPolicy)] = d->stringId(text);
            continue;
        } else if (type == dom::element_type::OBJECT) {
            d->nestedMap(out, lineNumber, offset, key, value.get_object().value_unsafe());
            continue;
        }
        const bool isTime = endsWith(key, "_ms");
        d->timedValue(out, lineNumber, offset, key, value, isTime, isTime || endsWith(key, "_mb"));
    }

    auto rollback = [&](const QString& reason) {
        out.value.resize(valueMark);
        out.valueName.resize(valueMark);
        out.problems.resize(problemMark);
        out.problems.push_back(rejection(lineNumber, offset, reason));
    };
    if (!haveTimestamp) {
        rollback(tr("no timestamp"));
        return;
    }
    std::string_view timestampText;
    if (timestampValue.get_string().get(timestampText)) {
        rollback(tr("timestamp is a %1, not a string")
                     .arg(QLatin1String(typeName(timestampValue.type()))));
        return;
    }
    TimestampError why;
    const auto timestamp = parseTimestamp(timestampText, &why);
    if (!timestamp) {
        rollback(why == TimestampError::BadDate
                     ? tr("timestamp \"%1\" is not a real calendar date and time")
                           .arg(excerpt(timestampText))
                     : tr("timestamp \"%1\" is not of the form "
                          "YYYY-MM-DDTHH:MM:SS[.ffffff][Z|±HH:MM]")
                           .arg(excerpt(timestampText)));
        return;
    }

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
