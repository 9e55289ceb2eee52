#pragma once

#include <QString>

namespace callsnare::cli {

// Where callsnare-cli gets passphrases from, in the order the tool tries them:
// a file named on the command line (its first line), the CALLSNARE_PASSPHRASE
// environment variable, then a prompt on the terminal without echo. Nothing
// read here is ever printed or logged.
class PassphraseInput {
public:
    static constexpr const char* kEnvironmentVariable = "CALLSNARE_PASSPHRASE";

    // The first line of `path`, without its line ending. An unreadable or
    // empty file is an error.
    static bool fromFile(const QString& path, QString* passphrase, QString* error);
    // The environment variable's value, when set and not empty.
    static bool fromEnvironment(QString* passphrase);
    // Asks on the terminal with echo off. Refused (with a sentence saying what
    // to do instead) when standard input is not a terminal.
    static bool prompt(const QString& question, QString* passphrase, QString* error);

    // Overwrites the characters before the string is released, so the secret
    // does not linger in freed memory (best effort: Qt may hold copies).
    static void wipe(QString& passphrase);
};

} // namespace callsnare::cli
