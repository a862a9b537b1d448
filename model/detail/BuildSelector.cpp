#include "detail/BuildSelector.h"

#include "core/Timestamp.h"
#include "history/HistoryStore.h"

#include <algorithm>
#include <tuple>

namespace bengal {

namespace {

constexpr TimestampUs kSecondUs = 1000000;

bool allDigits(const QString& text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

// The rows whose timestamp lies in [from, to), by binary search over the time order.
std::pair<qsizetype, qsizetype> rowsBetween(const HistoryStore& store, TimestampUs from,
                                            TimestampUs to)
{
    const auto times = store.timestamps();
    const auto first = std::lower_bound(times.begin(), times.end(), from);
    const auto last = std::lower_bound(first, times.end(), to);
    return {qsizetype(first - times.begin()), qsizetype(last - times.begin())};
}

} // namespace

std::optional<BuildSelection> BuildSelector::parse(const QString& rawText,
                                                   const HistoryStore& store, QString* error)
{
    const QString text = rawText.trimmed();
    BuildSelection selection;
    selection.text = rawText;
    const qsizetype count = store.size();
    auto fail = [&](const QString& message) -> std::optional<BuildSelection> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (count == 0)
        return fail(tr("build \"%1\": the history has no builds").arg(rawText));

    if (text == QLatin1String("latest") || text == QLatin1String("previous")) {
        selection.row = count - (text == QLatin1String("latest") ? 1 : 2);
        if (selection.row < 0)
            return fail(tr("build \"%1\": the history has only one build").arg(rawText));
        return selection;
    }
    if (text.startsWith(QLatin1String("median:"))) {
        const QString n = text.mid(7);
        bool ok = false;
        const int requested = allDigits(n) ? n.toInt(&ok) : 0;
        if (!ok || requested < 1)
            return fail(
                tr("build \"%1\": median:N needs a whole number N of at least 1").arg(rawText));
        if (count < 2)
            return fail(tr("build \"%1\": there is no build before the latest one").arg(rawText));
        selection.kind = BuildSelection::Kind::Median;
        selection.requested = requested;
        selection.end = count - 1;
        selection.first = std::max<qsizetype>(0, selection.end - requested);
        return selection;
    }
    if (const qsizetype dots = text.indexOf(QLatin1String("..")); dots > 0) {
        const QString from = text.left(dots);
        const QString to = text.mid(dots + 2);
        bool okFrom = false;
        bool okTo = false;
        const qlonglong i = allDigits(from) ? from.toLongLong(&okFrom) : 0;
        const qlonglong j = allDigits(to) ? to.toLongLong(&okTo) : 0;
        if (!okFrom || !okTo || i < 1 || j < i)
            return fail(
                tr("build \"%1\": a window is I..J with build indices 1 <= I <= J").arg(rawText));
        if (j > count)
            return fail(tr("build \"%1\": the history has builds 1 to %2")
                            .arg(rawText, QString::number(count)));
        selection.kind = BuildSelection::Kind::Median;
        selection.range = true;
        selection.first = qsizetype(i - 1);
        selection.end = qsizetype(j);
        selection.requested = int(j - i + 1);
        return selection;
    }
    if (allDigits(text)) {
        bool ok = false;
        const qlonglong index = text.toLongLong(&ok);
        if (!ok || index < 1 || index > count)
            return fail(tr("build \"%1\": no build with that index (the history has builds 1 "
                           "to %2)")
                            .arg(rawText, QString::number(count)));
        selection.row = qsizetype(index - 1);
        return selection;
    }
    // The window and the Markdown show times as "2025-10-16 16:52:03 UTC": accept them as
    // pasted (a space for the T, a trailing UTC for Z).
    QString iso = text;
    if (iso.endsWith(QLatin1String(" UTC")))
        iso = iso.chopped(4) + QLatin1Char('Z');
    if (iso.size() > 10 && iso[10] == QLatin1Char(' '))
        iso[10] = QLatin1Char('T');
    const QByteArray utf8 = iso.toUtf8();
    TimestampError why = TimestampError::None;
    const auto timestamp = parseTimestamp(std::string_view(utf8.constData(), utf8.size()), &why);
    if (!timestamp)
        return fail(tr("unknown build \"%1\": expected a timestamp, a 1-based build index, "
                       "latest, previous, median:N or a window I..J")
                        .arg(rawText));
    auto [first, last] = rowsBetween(store, *timestamp, *timestamp + 1);
    // Without a fraction, a timestamp also names the build within that second.
    if (first == last && !iso.contains(QLatin1Char('.')))
        std::tie(first, last) = rowsBetween(store, *timestamp, *timestamp + kSecondUs);
    if (first == last)
        return fail(tr("build \"%1\": no build at that time").arg(rawText));
    if (last - first > 1)
        return fail(tr("build \"%1\": %2 builds match that time; use a build index (%3 to %4)")
                        .arg(rawText, QString::number(last - first), QString::number(first + 1),
                             QString::number(last)));
    selection.row = first;
    return selection;
}

} // namespace bengal
