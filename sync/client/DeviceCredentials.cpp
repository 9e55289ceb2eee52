#include "client/DeviceCredentials.h"

#include "client/SyncLogging.h"
#include "store/SyncStateRepository.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

#include <memory>
#include <utility>

namespace callsnare::syncclient {

namespace {

// A keychain service that neither answers nor fails (a D-Bus service that
// hangs) must not stall enrollment forever.
constexpr int kKeychainTimeoutMs = 15000;

} // namespace

DeviceCredentials::DeviceCredentials(QSqlDatabase db, QString orgId, Storage storage, QObject* parent)
    : QObject(parent), m_db(std::move(db)), m_orgId(std::move(orgId)), m_storage(storage)
{
}

QString DeviceCredentials::keychainKey() const
{
    return QStringLiteral("device-token/") + m_orgId;
}

QString DeviceCredentials::describe(const QString& tokenStore)
{
    if (tokenStore == QLatin1String("keychain")) {
        return tr("the device token is kept in the system keychain");
    }
    if (tokenStore == QLatin1String("profile")) {
        return tr("the device token is kept in the encrypted profile (no keychain service answered)");
    }
    return tr("no device token is stored");
}

void DeviceCredentials::saveInProfile(const QString& token, const QString& note)
{
    QString error;
    if (!store::SyncStateRepository(m_db, m_orgId).setToken(QStringLiteral("profile"), token, &error)) {
        emit failed(tr("The device token could not be saved in the profile: %1").arg(error));
        return;
    }
    emit saved(QStringLiteral("profile"), note);
}

void DeviceCredentials::save(const QString& token)
{
    if (m_storage == Storage::ProfileOnly) {
        saveInProfile(token, QString());
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(QString::fromLatin1(kKeychainService), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keychainKey());
    job->setTextData(token);
    auto settled = std::make_shared<bool>(false);
    auto* guard = new QTimer(this);
    guard->setSingleShot(true);
    const auto fallBack = [this, token, settled, guard](const QString& why) {
        if (*settled) {
            return;
        }
        *settled = true;
        guard->deleteLater();
        qCInfo(lcSync) << "no keychain service answered; keeping the device token in the profile:" << why;
        saveInProfile(token, why);
    };
    connect(guard, &QTimer::timeout, this,
            [fallBack] { fallBack(tr("the keychain did not answer in time")); });
    connect(job, &QKeychain::Job::finished, this, [this, job, settled, guard, fallBack, token] {
        if (job->error() != QKeychain::NoError) {
            fallBack(job->errorString());
            return;
        }
        if (*settled) {
            return;
        }
        *settled = true;
        guard->deleteLater();
        QString error;
        if (!store::SyncStateRepository(m_db, m_orgId)
                 .setToken(QStringLiteral("keychain"), QString(), &error)) {
            emit failed(tr("The profile could not record where the device token is: %1").arg(error));
            return;
        }
        emit saved(QStringLiteral("keychain"), QString());
    });
    guard->start(kKeychainTimeoutMs);
    job->start();
}

void DeviceCredentials::load()
{
    store::SyncStateRepository state(m_db, m_orgId);
    QString where;
    QString error;
    if (!state.tokenStore(&where, &error)) {
        emit failed(error);
        return;
    }
    if (where == QLatin1String("profile")) {
        QString token;
        if (!state.deviceToken(&token, &error)) {
            emit failed(error);
            return;
        }
        if (token.isEmpty()) {
            emit failed(tr("The profile has no device token; enroll this device again."));
            return;
        }
        emit loaded(token);
        return;
    }
    if (where != QLatin1String("keychain")) {
        emit failed(tr("This device is not enrolled with the relay; enroll it with a code first."));
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kKeychainService), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keychainKey());
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() != QKeychain::NoError) {
            emit failed(tr("The device token is in the system keychain, which did not give it back: %1")
                            .arg(job->errorString()));
            return;
        }
        emit loaded(job->textData());
    });
    job->start();
}

} // namespace callsnare::syncclient
