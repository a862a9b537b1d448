#include "collector/PythonStyleJson.h"

#include <QDateTime>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace bengal {

void PythonStyleJson::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_firstInContainer.isEmpty())
        return;
    if (!m_firstInContainer.last())
        m_text += ", ";
    m_firstInContainer.last() = false;
}

PythonStyleJson& PythonStyleJson::beginObject()
{
    separate();
    m_text += '{';
    m_firstInContainer.append(true);
    return *this;
}

PythonStyleJson& PythonStyleJson::endObject()
{
    m_text += '}';
    m_firstInContainer.removeLast();
    return *this;
}

PythonStyleJson& PythonStyleJson::beginArray()
{
    separate();
    m_text += '[';
    m_firstInContainer.append(true);
    return *this;
}

PythonStyleJson& PythonStyleJson::endArray()
{
    m_text += ']';
    m_firstInContainer.removeLast();
    return *this;
}

PythonStyleJson& PythonStyleJson::key(const char* name)
{
    value(QString::fromUtf8(name));
    m_text += ": ";
    m_afterKey = true;
    return *this;
}

PythonStyleJson& PythonStyleJson::value(const QString& text)
{
    separate();
    m_text += '"';
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case '"':
            m_text += "\\\"";
            break;
        case '\\':
            m_text += "\\\\";
            break;
        case '\n':
            m_text += "\\n";
            break;
        case '\r':
            m_text += "\\r";
            break;
        case '\t':
            m_text += "\\t";
            break;
        case '\b':
            m_text += "\\b";
            break;
        case '\f':
            m_text += "\\f";
            break;
        default:
            if (u < 0x20 || u > 0x7e) { // ensure_ascii, as Bengal writes its lines
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(u));
                m_text += escaped;
            } else {
                m_text += char(u);
            }
        }
    }
    m_text += '"';
    return *this;
}

PythonStyleJson& PythonStyleJson::value(double number)
{
    if (!std::isfinite(number))
        return null();
    separate();
    m_text += pythonFloat(number);
    return *this;
}

PythonStyleJson& PythonStyleJson::value(qint64 number)
{
    separate();
    m_text += QByteArray::number(number);
    return *this;
}

PythonStyleJson& PythonStyleJson::value(bool flag)
{
    separate();
    m_text += flag ? "true" : "false";
    return *this;
}

PythonStyleJson& PythonStyleJson::null()
{
    separate();
    m_text += "null";
    return *this;
}

PythonStyleJson& PythonStyleJson::value(const QStringList& texts)
{
    beginArray();
    for (const QString& text : texts)
        value(text);
    return endArray();
}

QByteArray pythonFloat(double number)
{
    char buffer[64];
    const double magnitude = std::fabs(number);
    // Python switches to exponent notation below 1e-4 and from 1e16.
    const bool scientific = magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e16);
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, number,
                      scientific ? std::chars_format::scientific : std::chars_format::fixed);
    QByteArray text(buffer, result.ptr - buffer);
    if (!scientific && !text.contains('.'))
        text += ".0";
    return text;
}

qint64 epochMicroseconds()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

QString utcTimestamp()
{
    return utcTimestamp(epochMicroseconds());
}

QString utcTimestamp(qint64 epochUs)
{
    const qint64 ms = epochUs / 1000;
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return when.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) +
           QStringLiteral(".%1+00:00").arg(epochUs % 1000000, 6, 10, QLatin1Char('0'));
}

} // namespace bengal
