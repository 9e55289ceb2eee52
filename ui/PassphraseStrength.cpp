#include "ui/PassphraseStrength.h"

#include <QSet>
#include <QStringList>

#include <cmath>

namespace callsnare::ui {

namespace {

// Whole passphrases (ignoring case, digits and punctuation) that are tried
// first by anyone guessing.
bool isNotorious(const QString& passphrase)
{
    static const QStringList notorious{
        QStringLiteral("password"), QStringLiteral("passphrase"), QStringLiteral("qwerty"),
        QStringLiteral("letmein"),  QStringLiteral("welcome"),    QStringLiteral("callsnare"),
        QStringLiteral("admin"),    QStringLiteral("iloveyou"),   QStringLiteral("abc"),
    };
    QString letters;
    for (const QChar character : passphrase) {
        if (character.isLetter()) {
            letters += character.toLower();
        }
    }
    return letters.isEmpty() || notorious.contains(letters);
}

} // namespace

PassphraseStrength::Estimate PassphraseStrength::estimate(const QString& passphrase)
{
    bool lower = false;
    bool upper = false;
    bool digit = false;
    bool symbol = false;
    bool other = false;
    QSet<QChar> distinct;
    for (const QChar character : passphrase) {
        distinct.insert(character);
        if (character.unicode() > 0x7f) {
            other = true;
        } else if (character.isLower()) {
            lower = true;
        } else if (character.isUpper()) {
            upper = true;
        } else if (character.isDigit()) {
            digit = true;
        } else {
            symbol = true;
        }
    }
    const int alphabet
        = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
    Estimate result;
    result.bits = alphabet > 0 ? static_cast<double>(passphrase.size()) * std::log2(alphabet) : 0.0;

    if (passphrase.size() < kMinimumLength) {
        result.hint
            = tr("Too short: use at least %n characters (a few words work well).", nullptr, kMinimumLength);
        return result;
    }
    if (distinct.size() < 4) {
        result.hint = tr("Too repetitive: use more different characters.");
        return result;
    }
    if (isNotorious(passphrase)) {
        result.hint = tr("Too easy to guess: this is one of the first passphrases anyone tries.");
        return result;
    }
    if (result.bits < 40.0) {
        result.hint = tr("Too weak: make it longer, or mix words, digits and punctuation.");
        return result;
    }
    if (result.bits < 60.0) {
        result.level = Level::Weak;
        result.hint = tr("Weak: a few more characters or another word would make it much stronger.");
    } else if (result.bits < 80.0) {
        result.level = Level::Fair;
        result.hint = tr("Fair: good enough; longer is stronger.");
    } else {
        result.level = Level::Strong;
        result.hint = tr("A good choice.");
    }
    return result;
}

QString PassphraseStrength::levelName(Level level)
{
    switch (level) {
    case Level::VeryWeak:
        return tr("very weak");
    case Level::Weak:
        return tr("weak");
    case Level::Fair:
        return tr("fair");
    case Level::Strong:
        return tr("strong");
    }
    return {};
}

} // namespace callsnare::ui
