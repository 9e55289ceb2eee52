#include "ui/EnrollDialog.h"

#include "ui/DialogParts.h"

#include "client/SyncClient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

#include <utility>

namespace callsnare::ui {

using syncclient::SyncClient;

EnrollDialog::EnrollDialog(QSqlDatabase db, syncclient::DeviceCredentials::Storage tokenStorage,
                           QString deviceName, QWidget* parent)
    : QDialog(parent), m_db(std::move(db)), m_tokenStorage(tokenStorage), m_deviceName(std::move(deviceName))
{
    setObjectName(QStringLiteral("enrollDialog"));
    setWindowTitle(tr("Enroll with a relay"));
    m_relayUrl = relayUrlField();
    m_code = enrollmentCodeField();
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setAccessibleName(tr("Message"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("Relay &URL:"), m_relayUrl);
    form->addRow(tr("Enrollment &code:"), m_code);
    auto* buttons = new QDialogButtonBox;
    m_enrollButton = buttons->addButton(tr("&Enroll"), QDialogButtonBox::AcceptRole);
    m_enrollButton->setObjectName(QStringLiteral("enrollButton"));
    m_enrollButton->setDefault(true);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_enrollButton, &QPushButton::clicked, this, &EnrollDialog::enroll);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    auto* hint = new QLabel(tr("Your CallSnare administrator gives you the relay's address and a one-time "
                               "enrollment code for this computer."));
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
}

EnrollDialog::~EnrollDialog()
{
    delete m_client; // it holds the profile's connection
}

QString EnrollDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void EnrollDialog::enroll()
{
    const QString url = m_relayUrl->text().trimmed();
    const QString code = m_code->text().trimmed();
    if (url.isEmpty() || code.isEmpty()) {
        m_message->setText(tr("Enter the relay's URL and the enrollment code."));
        m_message->show();
        return;
    }
    delete m_client;
    SyncClient::Options options;
    options.tokenStorage = m_tokenStorage;
    m_client = new SyncClient(m_db, options, this);
    connect(m_client, &SyncClient::enrolled, this,
            [this](const QString& orgId, const QString& orgName, const QString&, const QString& status) {
                m_orgId = orgId;
                m_status = tr("Enrolled with %1; %2.").arg(orgName, status);
                accept();
            });
    connect(m_client, &SyncClient::failed, this, [this](const QString& error) {
        m_enrollButton->setEnabled(true);
        m_message->setText(error);
        m_message->show();
    });
    m_enrollButton->setEnabled(false);
    m_message->setText(tr("Enrolling with %1…").arg(url));
    m_message->show();
    m_client->enroll(QUrl::fromUserInput(url), code, m_deviceName);
}

} // namespace callsnare::ui
