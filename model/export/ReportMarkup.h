#pragma once

#include "export/ReportContent.h"

#include <QByteArray>
#include <QString>

namespace bengal {

// A report as one self-contained HTML file (UTF-8, inline CSS, no scripts, nothing fetched):
// the charts are the SVG documents given, inlined where the document places them. Every piece of
// text from the history is escaped; only the SVG bytes (our own renderer's output) go in as is.
QByteArray reportHtml(const ReportDocument& doc, const QByteArray& phasesSvg,
                      const QByteArray& memorySvg);

// A report as GitHub-flavoured Markdown; the charts are image files beside it, given by their
// names relative to the Markdown file. Table cells are escaped so no text becomes markup.
QByteArray reportMarkdown(const ReportDocument& doc, const QString& phasesImage,
                          const QString& memoryImage);

// The SVG element of an SVG document: the XML declaration and anything before <svg dropped.
QByteArray svgElement(const QByteArray& svgDocument);

} // namespace bengal
