#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

namespace bengal {

// Turns a build's output bytes into plain text for a console. Bengal (through Rich) and most
// build tools colour their output when asked to; a plain-text console shows the escape codes as
// garbage. Removed: CSI sequences (colours, cursor movement, erase), OSC/DCS/APC/PM/SOS strings
// (window titles, hyperlinks; ended by BEL or ESC \), other escape sequences, and control
// characters other than tab and newline. A carriage return not followed by a newline starts the
// line again (progress bars redraw that way), so only the line's last version is kept.
//
// Bytes arrive in arbitrary chunks, so a sequence, a UTF-8 character or a "\r\n" may be split
// between two feeds: the stripper keeps its state and hands out complete lines only.
class AnsiStripper
{
public:
    // The lines completed by `bytes`, each ending with '\n'; empty when none was completed.
    QString feed(QByteArrayView bytes);
    // The unfinished last line (end of the stream), without a newline; the state is reset.
    QString flush();
    // The unfinished line as it stands, for a live view.
    const QString& pendingLine() const { return m_line; }

private:
    enum class State
    {
        Text,
        Escape,       // after ESC
        Csi,          // ESC [ parameters, intermediates, then a final byte
        Intermediate, // ESC, intermediates (0x20-0x2F), then a final byte: charset choice etc.
        String,       // OSC/DCS/SOS/PM/APC text up to BEL or ESC \ .
        StringEscape  // ESC inside a string
    };
    void handle(char16_t c, QString& out);
    void text(char16_t c, QString& out);

    QStringDecoder m_decoder{QStringDecoder::Utf8};
    State m_state = State::Text;
    QString m_line;
    bool m_carriageReturn = false;
};

// The one-shot form for a complete text: every line stripped, the unfinished last one kept.
QString stripAnsi(QByteArrayView bytes);

} // namespace bengal
