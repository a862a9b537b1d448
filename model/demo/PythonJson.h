#pragma once

#include <QStringView>
#include <string>
#include <string_view>

namespace bengal {

// Writes JSON exactly as Python's json.dumps does with its default settings, so synthetic
// histories are byte-for-byte what Bengal would have written: ", " and ": " separators,
// ensure_ascii, floats as repr() (shortest round-trip digits, ".0" on whole numbers,
// exponent form below 1e-4 and from 1e16 on), ints without a fraction.

// The sink is a std::string: its appends are inlined, which matters at a million lines.
void appendPythonFloat(std::string& out, double value);
void appendPythonInt(std::string& out, qint64 value);
void appendPythonString(std::string& out, QStringView text);
void appendPythonString(std::string& out, std::string_view ascii);

// One JSON object (with at most a few nested objects) written key by key.
class PythonJsonObjectWriter
{
public:
    explicit PythonJsonObjectWriter(std::string& out) : m_out(out) {}

    void begin();                    // '{'
    void end();                      // '}'
    void key(std::string_view name); // separator if needed, then "name":
    // The same with the key already written as `"name": ` (for keys known in advance).
    void quotedKey(std::string_view quotedNameAndColon);
    void intValue(qint64 value) { appendPythonInt(m_out, value); }
    void floatValue(double value) { appendPythonFloat(m_out, value); }
    void boolValue(bool value) { m_out.append(value ? "true" : "false"); }
    void stringValue(std::string_view ascii) { appendPythonString(m_out, ascii); }

private:
    static constexpr int MaxDepth = 8;
    std::string& m_out;
    bool m_first[MaxDepth] = {};
    int m_depth = 0;
};

} // namespace bengal
