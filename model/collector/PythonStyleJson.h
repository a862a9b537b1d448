#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace bengal {

// Writes one JSON value the way Python's json.dumps does by default (", " and ": "
// separators, ensure_ascii), keys in the order given. Records we add to Bengal's history then
// look like Bengal's own lines, and key order (timestamp first) is kept for human readers.
class PythonStyleJson
{
public:
    PythonStyleJson& beginObject();
    PythonStyleJson& endObject();
    PythonStyleJson& beginArray();
    PythonStyleJson& endArray();
    PythonStyleJson& key(const char* name);

    PythonStyleJson& value(const QString& text);
    PythonStyleJson& value(const char* text) { return value(QString::fromUtf8(text)); }
    PythonStyleJson& value(double number); // NaN and infinities are written as null
    PythonStyleJson& value(qint64 number);
    PythonStyleJson& value(int number) { return value(qint64(number)); }
    PythonStyleJson& value(bool flag);
    PythonStyleJson& null();
    PythonStyleJson& value(const QStringList& texts);

    const QByteArray& text() const { return m_text; }

private:
    void separate();

    QByteArray m_text;
    QList<bool> m_firstInContainer;
    bool m_afterKey = false;
};

// Python's float repr for finite numbers: shortest round-trip digits, always with a '.'.
QByteArray pythonFloat(double number);

// Now (or `epochUs` microseconds after the epoch) as "YYYY-MM-DDTHH:MM:SS.ffffff+00:00", the
// form of Bengal's timestamps since v0.1.9 (datetime.now(UTC).isoformat()).
QString utcTimestamp();
QString utcTimestamp(qint64 epochUs);
qint64 epochMicroseconds();

} // namespace bengal
