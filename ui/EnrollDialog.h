#pragma once

#include "client/DeviceCredentials.h"

#include <QDialog>
#include <QSqlDatabase>
#include <QString>

class QLabel;
class QLineEdit;
class QPushButton;

namespace callsnare::syncclient {
class SyncClient;
}

namespace callsnare::ui {

// Sync > Enroll with a relay, for a profile made with "Enroll later": the
// relay's URL and a one-time code; a refused code or an unreachable relay is
// shown and can be retried.
class EnrollDialog : public QDialog {
    Q_OBJECT

public:
    EnrollDialog(QSqlDatabase db, syncclient::DeviceCredentials::Storage tokenStorage, QString deviceName,
                 QWidget* parent = nullptr);
    ~EnrollDialog() override;

    QString enrolledOrgId() const { return m_orgId; }
    QString enrollmentStatus() const { return m_status; }
    QString message() const;

private:
    void enroll();

    QSqlDatabase m_db;
    syncclient::DeviceCredentials::Storage m_tokenStorage;
    QString m_deviceName;
    QLineEdit* m_relayUrl = nullptr;
    QLineEdit* m_code = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_enrollButton = nullptr;
    syncclient::SyncClient* m_client = nullptr;
    QString m_orgId;
    QString m_status;
};

} // namespace callsnare::ui
