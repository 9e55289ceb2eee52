#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace callsnare::test {

// Runs the relay binary to completion with `arguments` (e.g. "admin",
// "--data-dir", DIR, "org", "create", ...) as an operator would, without the
// test's own CALLSNARE_RELAY_* variables. Its stdout (never null) when it
// exits 0; otherwise a null array and *error naming the command, the exit
// code and its stderr.
QByteArray runRelayCommand(const QString& program, const QStringList& arguments, QString* error,
                           int timeoutMs = 600000);

// Writes `content` to a file only its owner may read (auth tokens for
// `--auth-token-file`); false when it cannot.
bool writePrivateFile(const QString& path, const QByteArray& content);

} // namespace callsnare::test
