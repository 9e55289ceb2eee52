// The desktop app's composition root: the command line, then a DesktopSession
// that unlocks (or creates) the profile, shows the main window and syncs.

#include "cli/PassphraseInput.h"
#include "ui/AppIcon.h"
#include "ui/AppTranslations.h"
#include "ui/DesktopSession.h"
#include "ui/ProfileLocation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

namespace {

int usageError(const QString& message)
{
    std::fprintf(stderr, "callsnare: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CallSnare"));
    QApplication::setApplicationName(QStringLiteral("CallSnare"));
    QApplication::setApplicationDisplayName(QStringLiteral("CallSnare"));
    QApplication::setApplicationVersion(QStringLiteral(CALLSNARE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("callsnare"));
    QApplication::setWindowIcon(callsnare::ui::AppIcon::icon());
    callsnare::ui::AppTranslations::install(QLocale::system());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "CallSnare: missed-call recovery for residential HVAC businesses."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QApplication::translate("main", "The encrypted profile (default: %1, or $%2).")
            .arg(callsnare::ui::ProfileLocation::defaultPath(),
                 QString::fromLatin1(callsnare::ui::ProfileLocation::kEnvironmentVariable)),
        QStringLiteral("PATH"));
    const QCommandLineOption passphraseFileOption(
        QStringLiteral("passphrase-file"),
        QApplication::translate("main",
                                "Read the passphrase from FILE's first line instead of asking "
                                "(else $%1).")
            .arg(QString::fromLatin1(callsnare::cli::PassphraseInput::kEnvironmentVariable)),
        QStringLiteral("FILE"));
    const QCommandLineOption relayOption(QStringLiteral("relay"),
                                         QApplication::translate("main", "The relay's URL, to enroll with."),
                                         QStringLiteral("URL"));
    const QCommandLineOption enrollOption(QStringLiteral("enroll"),
                                          QApplication::translate("main", "A one-time enrollment code."),
                                          QStringLiteral("CODE"));
    const QCommandLineOption deviceNameOption(
        QStringLiteral("device-name"), QApplication::translate("main", "This computer's name on the relay."),
        QStringLiteral("NAME"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main",
                                "Save the main window as a PNG after the first sync round, then exit."),
        QStringLiteral("PATH"));
    const QCommandLineOption quitAfterOption(
        QStringLiteral("quit-after-ms"),
        QApplication::translate("main", "Exit after N milliseconds (saving the screenshot first if asked)."),
        QStringLiteral("N"));
    const QCommandLineOption noKeychainOption(
        QStringLiteral("no-keychain"),
        QApplication::translate("main",
                                "Never use the system keychain (tokens stay in the encrypted profile)."));
    parser.addOptions({profileOption, passphraseFileOption, relayOption, enrollOption, deviceNameOption,
                       screenshotOption, quitAfterOption, noKeychainOption});
    parser.process(app);

    callsnare::ui::DesktopSession::Options options;
    options.profilePath = callsnare::ui::ProfileLocation::resolve(parser.value(profileOption));
    options.relayUrl = parser.value(relayOption);
    options.enrollCode = parser.value(enrollOption);
    options.deviceName = parser.value(deviceNameOption);
    options.screenshotPath = parser.value(screenshotOption);
    if (options.enrollCode.isEmpty() != options.relayUrl.isEmpty() && !options.enrollCode.isEmpty()) {
        return usageError(QApplication::translate("main", "--enroll needs --relay URL as well"));
    }
    if (parser.isSet(quitAfterOption)) {
        bool ok = false;
        options.quitAfterMs = parser.value(quitAfterOption).toInt(&ok);
        if (!ok || options.quitAfterMs <= 0) {
            return usageError(
                QApplication::translate("main", "--quit-after-ms needs a positive number of milliseconds"));
        }
    }
    if (parser.isSet(noKeychainOption)) {
        options.useKeychain = false;
        options.sync.tokenStorage = callsnare::syncclient::DeviceCredentials::Storage::ProfileOnly;
    }
    QString error;
    if (parser.isSet(passphraseFileOption)) {
        if (!callsnare::cli::PassphraseInput::fromFile(parser.value(passphraseFileOption),
                                                       &options.passphrase, &error)) {
            return usageError(error);
        }
    } else {
        callsnare::cli::PassphraseInput::fromEnvironment(&options.passphrase);
    }

    callsnare::ui::DesktopSession session(options);
    callsnare::cli::PassphraseInput::wipe(options.passphrase);
    QObject::connect(&session, &callsnare::ui::DesktopSession::finished, &app, &QApplication::exit,
                     Qt::QueuedConnection);
    QTimer::singleShot(0, &session, &callsnare::ui::DesktopSession::start);
    return QApplication::exec();
}
