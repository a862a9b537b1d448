// The Markdown form of a report (GitHub flavour, for pull requests and issues).
#include "export/ReportMarkup.h"

#include <QUrl>

namespace bengal {

namespace {

// Backslash-escapes everything Markdown could read as inline markup, and keeps a cell on one
// line. `lineStart`: the text begins a line, so block markers (# + - =) are escaped too.
QByteArray esc(const QString& text, bool lineStart = false)
{
    QByteArray out;
    const QByteArray bytes = text.toUtf8();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\n' || c == '\r') {
            out += ' ';
            continue;
        }
        const bool inlineMarkup = QByteArrayView("\\`*_{}[]<>|~&!").contains(c);
        const bool blockMarker = lineStart && i == 0 && QByteArrayView("#+-=").contains(c);
        if (inlineMarkup || blockMarker)
            out += '\\';
        out += c;
    }
    return out;
}

void appendTable(QByteArray& out, const ReportTable& table)
{
    out += '|';
    for (const QString& head : table.header)
        out += ' ' + esc(head) + " |";
    out += "\n|";
    for (qsizetype c = 0; c < table.header.size(); ++c) {
        const bool numeric = std::size_t(c) < table.numeric.size() && table.numeric[std::size_t(c)];
        out += numeric ? "---:|" : "---|";
    }
    out += '\n';
    for (const QStringList& row : table.rows) {
        out += '|';
        for (const QString& cell : row)
            out += ' ' + esc(cell) + " |";
        out += '\n';
    }
}

} // namespace

QByteArray reportMarkdown(const ReportDocument& doc, const QString& phasesImage,
                          const QString& memoryImage)
{
    QByteArray out = "# " + esc(doc.title) + "\n\n";
    for (const QString& fact : doc.facts)
        out += "- " + esc(fact) + '\n';
    for (const ReportSection& section : doc.sections) {
        out += "\n## " + esc(section.title) + "\n\n";
        for (const QString& paragraph : section.paragraphs)
            out += esc(paragraph, true) + "\n\n";
        if (section.chart != ReportSection::Chart::None) {
            const QString& image =
                section.chart == ReportSection::Chart::Phases ? phasesImage : memoryImage;
            out += "![" + esc(section.title) + "](" + QUrl::toPercentEncoding(image, "/") + ")\n\n";
        }
        if (!section.table.header.isEmpty() && !section.table.rows.empty())
            appendTable(out, section.table);
    }
    return out;
}

} // namespace bengal
