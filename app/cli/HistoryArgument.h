#pragma once

#include "history/HistoryStore.h"

#include <QCommandLineParser>
#include <QString>

namespace bengal::cli {

// Resolves the PATH positional argument (file or site folder) and loads it.
// On failure prints the reason (naming the paths tried) and returns false.
bool loadHistoryArgument(const QString& path, HistoryStore& store, QString* resolvedFile);

// The single positional PATH of a command; prints a usage error when it is not exactly one.
bool singlePath(const QCommandLineParser& parser, QString* path);

} // namespace bengal::cli
