#include "store/SearchText.h"

#include <QStringList>
#include <QVector>

#include <algorithm>

namespace callsnare::store {

namespace {

// More than a dispatcher ever types; bounds the work a pasted page can cause.
constexpr qsizetype kMaxTerms = 32;

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isAllDigits(const QString& text)
{
    for (const QChar c : text) {
        if (!isAsciiDigit(c)) {
            return false;
        }
    }
    return !text.isEmpty();
}

// The characters unicode61 keeps inside a token: letters, numbers, and the
// combining marks it folds away.
bool isTokenChar(QChar c)
{
    return c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing;
}

// A North American number written without separators, as its digit groups;
// empty for any other run of digits.
QStringList phoneGroups(const QString& digits)
{
    QString national = digits;
    if (national.size() == 11 && national.front() == QLatin1Char('1')) {
        national.remove(0, 1);
    }
    if (national.size() == 10) {
        return {national.left(3), national.mid(3, 3), national.mid(6)};
    }
    if (digits.size() == 7) {
        return {digits.left(3), digits.mid(3)};
    }
    return {};
}

QStringList tokensOf(const QString& text)
{
    QStringList tokens;
    QString current;
    const auto flush = [&] {
        if (current.isEmpty()) {
            return;
        }
        const QStringList groups = isAllDigits(current) ? phoneGroups(current) : QStringList();
        tokens += groups.isEmpty() ? QStringList{current.toLower()} : groups;
        current.clear();
    };
    for (const QChar c : text) {
        if (isTokenChar(c)) {
            current += c;
        } else {
            flush();
        }
    }
    flush();
    return tokens;
}

struct Term {
    QStringList tokens;
    bool quoted = false;
};

bool isDigitTerm(const Term& term)
{
    if (term.quoted) {
        return false;
    }
    for (const QString& token : term.tokens) {
        if (!isAllDigits(token)) {
            return false;
        }
    }
    return true;
}

QVector<Term> termsOf(const QString& typed)
{
    QVector<Term> terms;
    const qsizetype n = typed.size();
    qsizetype i = 0;
    while (i < n && terms.size() < kMaxTerms) {
        const QChar c = typed.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('"')) {
            // An unbalanced quote runs to the end of the text.
            qsizetype end = typed.indexOf(QLatin1Char('"'), i + 1);
            if (end < 0) {
                end = n;
            }
            Term term{tokensOf(typed.mid(i + 1, end - i - 1)), true};
            if (!term.tokens.isEmpty()) {
                terms.append(term);
            }
            i = end + 1;
            continue;
        }
        qsizetype end = i;
        while (end < n && !typed.at(end).isSpace() && typed.at(end) != QLatin1Char('"')) {
            ++end;
        }
        Term term{tokensOf(typed.mid(i, end - i)), false};
        if (!term.tokens.isEmpty()) {
            // "(512) 555": neighbouring digit groups are one number.
            if (!terms.isEmpty() && isDigitTerm(terms.back()) && isDigitTerm(term)) {
                terms.back().tokens += term.tokens;
            } else {
                terms.append(term);
            }
        }
        i = end;
    }
    return terms;
}

} // namespace

QString indexableText(const QString& text)
{
    QString out;
    out.reserve(text.size() + 8);
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (!isAsciiDigit(text.at(i))) {
            out += text.at(i++);
            continue;
        }
        qsizetype end = i;
        while (end < n && isAsciiDigit(text.at(end))) {
            ++end;
        }
        const QString digits = text.mid(i, end - i);
        const bool standsAlone
            = (i == 0 || !isTokenChar(text.at(i - 1))) && (end == n || !isTokenChar(text.at(end)));
        const QStringList groups = standsAlone ? phoneGroups(digits) : QStringList();
        if (groups.size() == 3) {
            if (digits.size() == 11) {
                out += QStringLiteral("1 ");
            }
            out += QStringLiteral("(%1) %2-%3").arg(groups.at(0), groups.at(1), groups.at(2));
        } else if (groups.size() == 2) {
            out += groups.join(QLatin1Char('-'));
        } else {
            out += digits;
        }
        i = end;
    }
    return out;
}

std::optional<std::string> indexableUtf8(std::string_view text)
{
    const bool hasDigit = std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!hasDigit) {
        return std::nullopt;
    }
    const QString wide = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    return indexableText(wide).toStdString();
}

QString ftsMatchExpression(const QString& typed)
{
    const QVector<Term> terms = termsOf(typed);
    QStringList parts;
    for (qsizetype t = 0; t < terms.size(); ++t) {
        const Term& term = terms.at(t);
        QString phrase = term.tokens.join(QLatin1Char(' '));
        // Only the word being typed is unfinished; quoted text is exact.
        if (t == terms.size() - 1 && !term.quoted) {
            phrase += QLatin1Char('*');
        }
        parts += QLatin1Char('"') + phrase + QLatin1Char('"');
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace callsnare::store
