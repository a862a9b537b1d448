#pragma once

// Helpers for the offscreen tests of the detail and compare views.

#include "history/HistorySession.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace bengal::test {

// A session with `path` loaded (the loading runs on the session's worker thread).
inline std::unique_ptr<HistorySession> openSession(const QString& path)
{
    auto session = std::make_unique<HistorySession>();
    QSignalSpy finished(session.get(), &HistorySession::loadFinished);
    session->open(path);
    if (finished.isEmpty() && !finished.wait(20000))
        return nullptr;
    return session;
}

} // namespace bengal::test
