#pragma once

#include <QCoreApplication>
#include <QString>

namespace callsnare::ui {

// A rough strength estimate for a new profile passphrase, from its length and
// the variety of its characters (bits = length × log2(alphabet)), so the first
// run can hint while the user types and refuse what an attacker holding the
// file would guess at once. It is a hint, not a promise: it knows no
// dictionary beyond a few notorious choices.
class PassphraseStrength {
    Q_DECLARE_TR_FUNCTIONS(callsnare::ui::PassphraseStrength)

public:
    enum class Level { VeryWeak, Weak, Fair, Strong };

    static constexpr int kMinimumLength = 8;

    struct Estimate {
        Level level = Level::VeryWeak;
        double bits = 0.0;
        QString hint; // one sentence for the user
        bool acceptable() const { return level != Level::VeryWeak; }
    };

    static Estimate estimate(const QString& passphrase);
    // The level in words ("very weak", "strong"...), translated.
    static QString levelName(Level level);
};

} // namespace callsnare::ui
