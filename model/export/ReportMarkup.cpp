// The HTML form of a report.
#include "export/ReportMarkup.h"

#include <QCoreApplication>

namespace bengal {

namespace {

// Print-friendly and readable in a PR attachment; works in light and dark viewers alike
// because the page sets both its colours.
constexpr const char* kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
       background: #ffffff; margin: 2em auto; max-width: 1100px; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #d0d0d5; padding-bottom: 0.2em; }
ul.facts { color: #55555a; padding-left: 1.2em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.6em 0; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #e4e4e8; text-align: left;
         vertical-align: top; }
th { background: #f4f4f6; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 0.6em 0; }
figure svg { width: 100%; height: auto; border: 1px solid #e4e4e8; }
)";

QByteArray esc(const QString& text)
{
    return text.toHtmlEscaped().toUtf8();
}

void appendTable(QByteArray& out, const ReportTable& table)
{
    const auto cls = [&](qsizetype column) {
        return std::size_t(column) < table.numeric.size() && table.numeric[std::size_t(column)]
                   ? QByteArray(" class=\"num\"")
                   : QByteArray();
    };
    out += "<table>\n<thead><tr>";
    for (qsizetype c = 0; c < table.header.size(); ++c)
        out += "<th" + cls(c) + '>' + esc(table.header[c]) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const QStringList& row : table.rows) {
        out += "<tr>";
        for (qsizetype c = 0; c < row.size(); ++c)
            out += "<td" + cls(c) + '>' + esc(row[c]) + "</td>";
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
}

} // namespace

QByteArray svgElement(const QByteArray& svgDocument)
{
    const qsizetype start = svgDocument.indexOf("<svg");
    return start < 0 ? QByteArray() : svgDocument.mid(start);
}

QByteArray reportHtml(const ReportDocument& doc, const QByteArray& phasesSvg,
                      const QByteArray& memorySvg)
{
    QByteArray out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>" +
                     esc(doc.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    out += "<h1>" + esc(doc.title) + "</h1>\n<ul class=\"facts\">\n";
    for (const QString& fact : doc.facts)
        out += "<li>" + esc(fact) + "</li>\n";
    out += "</ul>\n";
    for (const ReportSection& section : doc.sections) {
        out += "<h2>" + esc(section.title) + "</h2>\n";
        for (const QString& paragraph : section.paragraphs)
            out += "<p>" + esc(paragraph) + "</p>\n";
        if (section.chart != ReportSection::Chart::None) {
            const QByteArray svg =
                svgElement(section.chart == ReportSection::Chart::Phases ? phasesSvg : memorySvg);
            out += "<figure role=\"img\" aria-label=\"" + esc(section.title) + "\">\n" + svg +
                   "\n</figure>\n";
        }
        if (!section.table.header.isEmpty() && !section.table.rows.empty())
            appendTable(out, section.table);
    }
    out += "</body>\n</html>\n";
    return out;
}

} // namespace bengal
