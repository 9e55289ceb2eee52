#include "ui/PassphraseKeychain.h"

#include "ui/UiLogging.h"

#include <qt6keychain/keychain.h>

#include <QCryptographicHash>
#include <QSettings>
#include <QTimer>

#include <memory>
#include <utility>

namespace callsnare::ui {

namespace {

// A keychain service that neither answers nor fails (a hung D-Bus service)
// must not keep the app from starting.
constexpr int kKeychainTimeoutMs = 15000;

// Runs `job` and calls `done` exactly once: with the job's error text (empty
// on success), or with a timeout sentence when the guard fires first.
template <typename Done> void runGuarded(QObject* owner, QKeychain::Job* job, Done done)
{
    auto settled = std::make_shared<bool>(false);
    auto* guard = new QTimer(owner);
    guard->setSingleShot(true);
    QObject::connect(guard, &QTimer::timeout, owner, [settled, guard, done] {
        if (!*settled) {
            *settled = true;
            guard->deleteLater();
            done(PassphraseKeychain::tr("the keychain did not answer in time"));
        }
    });
    QObject::connect(job, &QKeychain::Job::finished, owner, [settled, guard, done, job] {
        if (*settled) {
            return;
        }
        *settled = true;
        guard->deleteLater();
        done(job->error() == QKeychain::NoError ? QString() : job->errorString());
    });
    guard->start(kKeychainTimeoutMs);
    job->start();
}

} // namespace

PassphraseKeychain::PassphraseKeychain(QString profilePath, QObject* parent)
    : QObject(parent), m_profilePath(std::move(profilePath))
{
}

QString PassphraseKeychain::key() const
{
    return QStringLiteral("profile-passphrase/") + m_profilePath;
}

QString PassphraseKeychain::settingsKey(const QString& profilePath)
{
    // A path may hold characters QSettings treats as separators.
    const QByteArray digest = QCryptographicHash::hash(profilePath.toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("profiles/%1/passphraseInKeychain")
        .arg(QString::fromLatin1(digest.toHex().left(16)));
}

bool PassphraseKeychain::isRemembered(const QString& profilePath)
{
    return QSettings().value(settingsKey(profilePath), false).toBool();
}

void PassphraseKeychain::setRemembered(const QString& profilePath, bool remembered)
{
    QSettings settings;
    if (remembered) {
        settings.setValue(settingsKey(profilePath), true);
    } else {
        settings.remove(settingsKey(profilePath));
    }
}

void PassphraseKeychain::store(const QString& passphrase)
{
    auto* job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key());
    job->setTextData(passphrase);
    runGuarded(this, job, [this](const QString& error) {
        if (!error.isEmpty()) {
            qCInfo(lcUi) << "the passphrase was not remembered; no keychain answered:" << error;
            emit failed(tr("The passphrase could not be kept in the system keychain (%1); you will be "
                           "asked for it at every start.")
                            .arg(error));
            return;
        }
        setRemembered(m_profilePath, true);
        emit stored();
    });
}

void PassphraseKeychain::load()
{
    auto* job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key());
    runGuarded(this, job, [this, job](const QString& error) {
        if (!error.isEmpty()) {
            emit failed(tr("The system keychain did not give the passphrase back: %1").arg(error));
            return;
        }
        emit loaded(job->textData());
    });
}

void PassphraseKeychain::forget()
{
    setRemembered(m_profilePath, false);
    auto* job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kService), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key());
    job->start();
}

} // namespace callsnare::ui
