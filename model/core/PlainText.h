#pragma once

#include <QString>

namespace bengal {

// Tool tips are drawn as rich text whenever Qt guesses the text is markup
// (Qt::mightBeRichText), so history text such as "<b>x</b>" would turn bold. Item models give
// tool tips that may hold text from a history file through this: text with a '<' becomes
// escaped rich text that shows exactly as typed; any other text is returned unchanged.
inline QString plainToolTip(const QString& text)
{
    if (!text.contains(QLatin1Char('<')))
        return text;
    return QStringLiteral("<p style='white-space:pre-wrap'>") + text.toHtmlEscaped() +
           QStringLiteral("</p>");
}

} // namespace bengal
