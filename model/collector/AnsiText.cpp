#include "collector/AnsiText.h"

namespace bengal {

namespace {

constexpr char16_t Esc = 0x1b;
constexpr char16_t Bel = 0x07;
constexpr char16_t Csi8Bit = 0x9b; // the one-character CSI of 8-bit terminals
constexpr char16_t Osc8Bit = 0x9d;

bool isStringIntroducer(char16_t c)
{
    // OSC ']', DCS 'P', SOS 'X', PM '^', APC '_'
    return c == u']' || c == u'P' || c == u'X' || c == u'^' || c == u'_';
}

} // namespace

QString AnsiStripper::feed(QByteArrayView bytes)
{
    QString out;
    const QString decoded = m_decoder.decode(bytes);
    for (const QChar c : decoded)
        handle(c.unicode(), out);
    return out;
}

QString AnsiStripper::flush()
{
    // A UTF-8 character cut by the end of the stream is dropped with the decoder's state.
    QString out = m_line;
    m_line.clear();
    m_state = State::Text;
    m_carriageReturn = false;
    m_decoder.resetState();
    return out;
}

void AnsiStripper::handle(char16_t c, QString& out)
{
    switch (m_state) {
    case State::Text:
        text(c, out);
        return;
    case State::Escape:
        if (c == u'[') {
            m_state = State::Csi;
        } else if (isStringIntroducer(c)) {
            m_state = State::String;
        } else if (c >= 0x20 && c <= 0x2f) {
            m_state = State::Intermediate;
        } else if (c >= 0x30 && c <= 0x7e) {
            m_state = State::Text; // a two-character sequence (ESC 7, ESC M, ESC =, ...)
        } else if (c != Esc) {
            m_state = State::Text; // not a sequence after all: the character counts as text
            text(c, out);
        }
        return;
    case State::Csi:
        if (c >= 0x40 && c <= 0x7e) {
            m_state = State::Text;
        } else if (c < 0x20 || c > 0x3f) {
            m_state = State::Text; // broken sequence: never let it swallow the output
            text(c, out);
        }
        return;
    case State::Intermediate:
        if (c >= 0x30 && c <= 0x7e) {
            m_state = State::Text;
        } else if (c < 0x20 || c > 0x2f) {
            m_state = State::Text;
            text(c, out);
        }
        return;
    case State::String:
        if (c == Bel) {
            m_state = State::Text;
        } else if (c == Esc) {
            m_state = State::StringEscape;
        } else if (c == u'\n') {
            m_state = State::Text; // unterminated: a title never spans lines
            text(c, out);
        }
        return;
    case State::StringEscape:
        if (c == u'\\') {
            m_state = State::Text;
        } else {
            m_state = State::Escape; // ESC ended the string and starts a new sequence
            handle(c, out);
        }
        return;
    }
}

void AnsiStripper::text(char16_t c, QString& out)
{
    if (c == Esc) {
        m_state = State::Escape;
        return;
    }
    if (c == Csi8Bit) {
        m_state = State::Csi;
        return;
    }
    if (c == Osc8Bit) {
        m_state = State::String;
        return;
    }
    if (c == u'\n') {
        out += m_line;
        out += u'\n';
        m_line.clear();
        m_carriageReturn = false;
        return;
    }
    if (c == u'\r') {
        m_carriageReturn = true; // "\r\n" ends the line; "\r" then text rewrites it
        return;
    }
    if (c == u'\b') {
        m_line.chop(1);
        return;
    }
    const bool control = (c < 0x20 && c != u'\t') || c == 0x7f || (c >= 0x80 && c <= 0x9f);
    if (control)
        return;
    if (m_carriageReturn) {
        m_line.clear();
        m_carriageReturn = false;
    }
    m_line += QChar(c);
}

QString stripAnsi(QByteArrayView bytes)
{
    AnsiStripper stripper;
    QString text = stripper.feed(bytes);
    return text + stripper.flush();
}

} // namespace bengal
