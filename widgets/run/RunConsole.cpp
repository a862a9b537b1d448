#include "run/RunConsole.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>

namespace bengal {

namespace {

QColor errorColour(const QPalette& palette)
{
    // Readable on either background: a lighter red on a dark base.
    return palette.color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x8a, 0x80)
                                                           : QColor(0xb0, 0x24, 0x18);
}

} // namespace

RunConsole::RunConsole(QWidget* parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setMaximumBlockCount(MaxLines);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("The build's output appears here."));
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &RunConsole::flushQueue);
}

void RunConsole::appendOutput(const QByteArray& bytes)
{
    queue(Kind::Output, m_out.feed(bytes));
    if (!m_flushTimer.isActive()) // the unfinished line may have changed
        m_flushTimer.start();
}

void RunConsole::appendError(const QByteArray& bytes)
{
    queue(Kind::Error, m_err.feed(bytes));
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void RunConsole::appendNote(const QString& text)
{
    queue(Kind::Note, text + QLatin1Char('\n'));
}

void RunConsole::finishStreams()
{
    for (auto [stripper, kind] : {std::pair{&m_out, Kind::Output}, {&m_err, Kind::Error}}) {
        const QString rest = stripper->flush();
        if (!rest.isEmpty())
            queue(kind, rest + QLatin1Char('\n'));
    }
    flushQueue();
}

void RunConsole::clearConsole()
{
    m_out.flush();
    m_err.flush();
    m_queue.clear();
    m_flushTimer.stop();
    m_unfinishedBlocks = 0;
    m_shownUnfinished = QStringLiteral("\n");
    clear();
}

QString RunConsole::text() const
{
    QString all = toPlainText();
    for (const auto& [kind, text] : m_queue)
        all += text;
    return all;
}

void RunConsole::removeUnfinishedLines()
{
    if (m_unfinishedBlocks == 0)
        return;
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.movePosition(QTextCursor::StartOfBlock);
    for (int i = 1; i < m_unfinishedBlocks; ++i)
        cursor.movePosition(QTextCursor::PreviousBlock);
    if (cursor.blockNumber() > 0)
        cursor.movePosition(QTextCursor::PreviousCharacter); // the line break before them too
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    m_unfinishedBlocks = 0;
}

void RunConsole::showUnfinishedLines()
{
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat error;
    error.setForeground(errorColour(palette()));
    for (const auto& [line, format] :
         {std::pair{m_out.pendingLine(), QTextCharFormat()}, {m_err.pendingLine(), error}}) {
        if (line.isEmpty())
            continue;
        if (!cursor.atStart())
            cursor.insertBlock();
        cursor.insertText(line, format);
        ++m_unfinishedBlocks;
    }
}

void RunConsole::queue(Kind kind, const QString& text)
{
    if (text.isEmpty())
        return;
    if (!m_queue.isEmpty() && m_queue.last().first == kind)
        m_queue.last().second += text;
    else
        m_queue.append({kind, text});
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void RunConsole::flushQueue()
{
    m_flushTimer.stop();
    const QString unfinished = m_out.pendingLine() + QLatin1Char('\n') + m_err.pendingLine();
    if (m_queue.isEmpty() && unfinished == m_shownUnfinished)
        return;
    QScrollBar* bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2; // keep following unless scrolled up
    removeUnfinishedLines();
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    QTextCharFormat plain;
    QTextCharFormat error;
    error.setForeground(errorColour(palette()));
    QTextCharFormat note;
    note.setForeground(palette().color(QPalette::PlaceholderText));
    note.setFontItalic(true);
    for (auto& [kind, text] : m_queue) {
        // The document starts with one empty block: text after it goes on, so every queued
        // line ends with '\n' and the last, empty block is where the next text lands.
        QString chunk = text;
        if (chunk.endsWith(QLatin1Char('\n')))
            chunk.chop(1);
        if (!cursor.atStart())
            cursor.insertBlock();
        cursor.insertText(chunk, kind == Kind::Error ? error : kind == Kind::Note ? note : plain);
    }
    cursor.endEditBlock();
    m_queue.clear();
    showUnfinishedLines();
    m_shownUnfinished = unfinished;
    if (atEnd)
        bar->setValue(bar->maximum());
}

} // namespace bengal
