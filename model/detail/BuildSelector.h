#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace bengal {

class HistoryStore;

// One build named on the command line or in a search field:
//   an ISO timestamp        2025-10-16T16:52:03.787162 (naive = UTC; without a fraction it
//                           also matches the one build within that second)
//   a 1-based build index   1 is the oldest build, in time order
//   latest / previous       the newest build / the one before it
//   median:N                the rolling median of the N builds before the latest (synthetic)
//   I..J                    the builds with 1-based indices I to J (a window: compared by its
//                           median, and with Mann-Whitney against another window)
struct BuildSelection
{
    enum class Kind
    {
        Build,
        Median
    };
    Kind kind = Kind::Build;
    QString text;        // as given
    qsizetype row = -1;  // Build: the store row
    qsizetype first = 0; // Median: the window is rows [first, end)
    qsizetype end = 0;   //   (end = the latest build, not included, for median:N)
    int requested = 0;   // Median: N as given (the window may hold fewer builds)
    bool range = false;  // Median: given as I..J
};

class BuildSelector
{
    Q_DECLARE_TR_FUNCTIONS(BuildSelector)

public:
    // nullopt with `error` naming the selector when it does not name a build of `store`.
    static std::optional<BuildSelection> parse(const QString& text, const HistoryStore& store,
                                               QString* error);
};

} // namespace bengal
