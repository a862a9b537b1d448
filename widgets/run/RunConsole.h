#pragma once

#include "collector/AnsiText.h"

#include <QPlainTextEdit>
#include <QTimer>

namespace bengal {

// A live console of a build's output: stdout and stderr as plain text (escape codes stripped,
// never interpreted as markup), stderr in a warning colour, capped to the last lines so a
// chatty build cannot eat memory. Output is coalesced and appended at most every 100 ms. A line
// still being written (a prompt, a progress bar redrawn with "\r") shows as it stands, and is
// replaced when it changes or ends.
class RunConsole : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr int MaxLines = 5000;

    explicit RunConsole(QWidget* parent = nullptr);

    void appendOutput(const QByteArray& bytes);
    void appendError(const QByteArray& bytes);
    // A line of our own (run started, outcome), set apart from the build's output.
    void appendNote(const QString& text);
    // End of a run: unfinished last lines are shown, the streams start afresh.
    void finishStreams();
    void clearConsole();

    // Everything shown plus what is still waiting for the next flush, for tests.
    QString text() const;

private:
    enum class Kind
    {
        Output,
        Error,
        Note
    };
    void queue(Kind kind, const QString& text);
    void flushQueue();
    void removeUnfinishedLines();
    void showUnfinishedLines();

    AnsiStripper m_out;
    AnsiStripper m_err;
    QList<QPair<Kind, QString>> m_queue;
    QTimer m_flushTimer;
    int m_unfinishedBlocks = 0; // the last blocks of the document show unfinished lines
    QString m_shownUnfinished{
        QStringLiteral("\n")}; // stdout's, '\n', stderr's: unchanged, not redrawn
};

} // namespace bengal
