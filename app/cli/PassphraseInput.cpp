#include "cli/PassphraseInput.h"

#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <string>

#include <termios.h>
#include <unistd.h>

namespace callsnare::cli {

namespace {

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

void wipeBytes(QByteArray& bytes)
{
    bytes.fill('\0');
    bytes.clear();
}

// Restores the terminal's settings however the prompt ends.
class EchoOff {
public:
    EchoOff()
    {
        m_active = tcgetattr(STDIN_FILENO, &m_saved) == 0;
        if (m_active) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            quiet.c_lflag |= static_cast<tcflag_t>(ECHONL);
            m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoOff()
    {
        if (m_active) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
        }
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

bool PassphraseInput::fromFile(const QString& path, QString* passphrase, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(error,
                    QStringLiteral("cannot read the passphrase file %1: %2").arg(path, file.errorString()));
    }
    QByteArray line = file.readLine();
    while (line.endsWith('\n') || line.endsWith('\r')) {
        line.chop(1);
    }
    if (line.isEmpty()) {
        return fail(
            error,
            QStringLiteral("the passphrase file %1 is empty (the passphrase is its first line)").arg(path));
    }
    *passphrase = QString::fromUtf8(line);
    wipeBytes(line);
    return true;
}

bool PassphraseInput::fromEnvironment(QString* passphrase)
{
    QByteArray value = qgetenv(kEnvironmentVariable);
    if (value.isEmpty()) {
        return false;
    }
    *passphrase = QString::fromUtf8(value);
    wipeBytes(value);
    return true;
}

bool PassphraseInput::prompt(const QString& question, QString* passphrase, QString* error)
{
    if (!isatty(STDIN_FILENO)) {
        return fail(error,
                    QStringLiteral("no passphrase given and standard input is not a terminal: use "
                                   "--passphrase-file FILE or set %1")
                        .arg(QString::fromLatin1(kEnvironmentVariable)));
    }
    std::fputs(question.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    std::string line;
    {
        const EchoOff echoOff;
        int character = 0;
        while ((character = std::fgetc(stdin)) != EOF && character != '\n') {
            line.push_back(static_cast<char>(character));
        }
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    const bool empty = line.empty();
    *passphrase = QString::fromStdString(line);
    std::fill(line.begin(), line.end(), '\0');
    if (empty) {
        return fail(error, QStringLiteral("no passphrase was entered"));
    }
    return true;
}

void PassphraseInput::wipe(QString& passphrase)
{
    passphrase.fill(QChar(u'\0'));
    passphrase.clear();
}

} // namespace callsnare::cli
