#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace bengal {

// One value of a document simdjson's DOM parser has validated, read straight off its tape (the
// documented layout of `simdjson::dom::document::tape`, doc/tape.md). Walking the tape cost half
// of what the element and object iterators did: they re-read a value's type word for every
// question asked of it.
struct TapeValue
{
    const std::uint64_t* word; // the value's tape word; numbers keep their bits in the next one
    const std::uint64_t* tape; // the document's tape: an object's end is an index into it
    const std::uint8_t* strings;

    char type() const { return char(*word >> 56); }
    bool isNumber() const
    {
        const char t = type();
        return t == 'd' || t == 'l' || t == 'u';
    }
    bool isString() const { return type() == '"'; }
    bool isObject() const { return type() == '{'; }
    bool isBool() const { return type() == 't' || type() == 'f'; }
    double number() const // isNumber() only
    {
        switch (type()) {
        case 'd':
            return std::bit_cast<double>(word[1]);
        case 'l':
            return double(std::bit_cast<std::int64_t>(word[1]));
        default:
            return double(word[1]);
        }
    }
    std::string_view string() const { return stringAt(strings, *word); }
    // Past this value: the next key of its object, or its object's end.
    const std::uint64_t* next() const
    {
        switch (type()) {
        case 'd':
        case 'l':
        case 'u':
            return word + 2;
        case '{':
        case '[':
            return tape + std::uint32_t(*word); // the word after the matching end
        default:
            return word + 1;
        }
    }
    const char* typeName() const
    {
        switch (type()) {
        case '[':
            return "array";
        case '{':
            return "object";
        case '"':
            return "string";
        case 't':
        case 'f':
            return "boolean";
        case 'n':
            return "null";
        default:
            return "number";
        }
    }

    static std::string_view stringAt(const std::uint8_t* strings, std::uint64_t word)
    {
        const std::uint8_t* at = strings + (word & kPayload);
        std::uint32_t length;
        std::memcpy(&length, at, sizeof length);
        return {reinterpret_cast<const char*>(at + sizeof length), length};
    }
    static constexpr std::uint64_t kPayload = (std::uint64_t(1) << 56) - 1;
};

// The fields of an object on the tape, in order: each key (a string word), then its value.
// A plain iterator: a callback per field kept the loop's state in memory, not in registers.
class TapeFields
{
public:
    explicit TapeFields(TapeValue object)
        : m_at(object.word + 1), m_end(object.next() - 1), m_tape(object.tape),
          m_strings(object.strings)
    {}
    bool atEnd() const { return m_at >= m_end; }
    std::string_view key() const { return TapeValue::stringAt(m_strings, *m_at); }
    TapeValue value() const { return {m_at + 1, m_tape, m_strings}; }
    void advance() { m_at = value().next(); }

private:
    const std::uint64_t* m_at;
    const std::uint64_t* m_end;
    const std::uint64_t* m_tape;
    const std::uint8_t* m_strings;
};

} // namespace bengal
