#include "collector/CommandWords.h"

#include <QCoreApplication>

namespace bengal {

QStringList splitCommandWords(const QString& line, QString* error)
{
    QStringList words;
    QString word;
    bool inWord = false; // a quoted empty word is still a word
    enum class Quote
    {
        None,
        Single,
        Double
    } quote = Quote::None;
    qsizetype quoteStart = -1;

    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        switch (quote) {
        case Quote::Single:
            if (c == QLatin1Char('\''))
                quote = Quote::None;
            else
                word += c;
            break;
        case Quote::Double:
            if (c == QLatin1Char('"')) {
                quote = Quote::None;
            } else if (c == QLatin1Char('\\') && i + 1 < line.size() &&
                       QStringLiteral("\"\\$`").contains(line.at(i + 1))) {
                word += line.at(++i);
            } else {
                word += c;
            }
            break;
        case Quote::None:
            if (c.isSpace()) {
                if (inWord)
                    words << word;
                word.clear();
                inWord = false;
            } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
                quote = c == QLatin1Char('\'') ? Quote::Single : Quote::Double;
                quoteStart = i;
                inWord = true;
            } else if (c == QLatin1Char('\\') && i + 1 < line.size()) {
                word += line.at(++i);
                inWord = true;
            } else {
                word += c;
                inWord = true;
            }
            break;
        }
    }
    if (quote != Quote::None) {
        if (error) {
            *error = QCoreApplication::translate("bengal::CommandWords",
                                                 "The command has an unclosed %1 quote "
                                                 "(opened at character %2).")
                         .arg(quote == Quote::Single ? QStringLiteral("'") : QStringLiteral("\""))
                         .arg(quoteStart + 1);
        }
        return {};
    }
    if (inWord)
        words << word;
    if (error)
        error->clear();
    return words;
}

} // namespace bengal
