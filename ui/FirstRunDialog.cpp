#include "ui/FirstRunDialog.h"

#include "ui/DialogParts.h"

#include "client/SyncClient.h"
#include "store/Profile.h"
#include "ui/PassphraseStrength.h"
#include "ui/ProfileLocation.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSysInfo>
#include <QUrl>
#include <QVBoxLayout>

#include <utility>

namespace callsnare::ui {

using syncclient::SyncClient;

FirstRunDialog::FirstRunDialog(QString profilePath, syncclient::DeviceCredentials::Storage tokenStorage,
                               QWidget* parent)
    : QDialog(parent), m_profilePath(std::move(profilePath)), m_tokenStorage(tokenStorage),
      m_deviceName(QSysInfo::machineHostName())
{
    setObjectName(QStringLiteral("firstRunDialog"));
    setWindowTitle(tr("Welcome to CallSnare"));

    auto* intro = new QLabel(tr("CallSnare keeps your leads in an encrypted profile on this computer:\n%1\n"
                                "Choose the passphrase that unlocks it. Nobody can recover a forgotten "
                                "passphrase, not even CallSnare.")
                                 .arg(QDir::toNativeSeparators(m_profilePath)));
    intro->setWordWrap(true);

    m_passphrase = new QLineEdit;
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_passphraseAgain = new QLineEdit;
    m_passphraseAgain->setObjectName(QStringLiteral("passphraseAgain"));
    m_passphraseAgain->setEchoMode(QLineEdit::Password);
    m_passphraseAgain->setAccessibleName(tr("Passphrase again"));
    m_strength = new QLabel;
    m_strength->setObjectName(QStringLiteral("strengthHint"));
    m_strength->setWordWrap(true);
    m_strength->setAccessibleName(tr("Passphrase strength"));
    m_remember = new QCheckBox(tr("&Remember the passphrase in the system keychain"));
    m_remember->setObjectName(QStringLiteral("rememberPassphrase"));

    auto* profileBox = new QGroupBox(tr("Encrypted profile"));
    auto* profileForm = new QFormLayout(profileBox);
    profileForm->addRow(tr("&Passphrase:"), m_passphrase);
    profileForm->addRow(tr("&Again:"), m_passphraseAgain);
    profileForm->addRow(QString(), m_strength);
    profileForm->addRow(QString(), m_remember);

    m_relayUrl = relayUrlField();
    m_code = enrollmentCodeField();
    auto* relayBox = new QGroupBox(tr("Your organization's relay"));
    auto* relayForm = new QFormLayout(relayBox);
    auto* relayHint = new QLabel(tr("Your CallSnare administrator gives you the relay's address and a "
                                    "one-time enrollment code for this computer."));
    relayHint->setWordWrap(true);
    relayForm->addRow(relayHint);
    relayForm->addRow(tr("Relay &URL:"), m_relayUrl);
    relayForm->addRow(tr("Enrollment &code:"), m_code);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Message"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto* buttons = new QDialogButtonBox;
    m_createButton = buttons->addButton(tr("Create profile and &enroll"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(QStringLiteral("createButton"));
    m_createButton->setDefault(true);
    m_laterButton = buttons->addButton(tr("Enroll &later"), QDialogButtonBox::ActionRole);
    m_laterButton->setObjectName(QStringLiteral("enrollLaterButton"));
    m_laterButton->setToolTip(tr("Create the profile now and work offline; enroll from the Sync menu later"));
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    // The buttons act through their own handlers; the box must not accept on its own.
    disconnect(buttons, nullptr, this, nullptr);
    connect(m_createButton, &QPushButton::clicked, this, &FirstRunDialog::createAndEnroll);
    connect(m_laterButton, &QPushButton::clicked, this, &FirstRunDialog::enrollLater);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(profileBox);
    layout->addWidget(relayBox);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_passphrase, &QLineEdit::textChanged, this, &FirstRunDialog::updateStrength);
    updateStrength();
}

FirstRunDialog::~FirstRunDialog()
{
    // The enrollment client holds the profile's connection: it goes first.
    delete m_client;
    m_client = nullptr;
    m_passphrase->clear();
    m_passphraseAgain->clear();
}

void FirstRunDialog::setRelayUrl(const QString& url)
{
    m_relayUrl->setText(url);
}

std::unique_ptr<store::Profile> FirstRunDialog::takeProfile()
{
    return std::move(m_profile);
}

QString FirstRunDialog::takePassphraseToRemember()
{
    return takeSecret(m_passphraseToRemember);
}

QString FirstRunDialog::message() const
{
    return shownText(m_message);
}

void FirstRunDialog::updateStrength()
{
    if (m_passphrase->text().isEmpty()) {
        m_strength->setText(tr("Use a long passphrase: a few unrelated words work well."));
        return;
    }
    const auto estimate = PassphraseStrength::estimate(m_passphrase->text());
    m_strength->setText(
        tr("Strength: %1. %2").arg(PassphraseStrength::levelName(estimate.level), estimate.hint));
}

void FirstRunDialog::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    QFont font = m_message->font();
    font.setBold(isError);
    m_message->setFont(font);
    m_message->setAccessibleDescription(text);
    m_message->show();
}

void FirstRunDialog::setBusy(bool busy)
{
    m_createButton->setEnabled(!busy);
    m_laterButton->setEnabled(!busy);
    m_relayUrl->setEnabled(!busy);
    m_code->setEnabled(!busy);
}

bool FirstRunDialog::ensureProfile()
{
    if (m_profile) {
        return true;
    }
    const QString passphrase = m_passphrase->text();
    if (passphrase != m_passphraseAgain->text()) {
        showMessage(tr("The two passphrases differ. Type the same passphrase in both fields."), true);
        m_passphraseAgain->clear();
        m_passphraseAgain->setFocus();
        return false;
    }
    const auto estimate = PassphraseStrength::estimate(passphrase);
    if (!estimate.acceptable()) {
        showMessage(tr("This passphrase is too weak to protect your leads. %1").arg(estimate.hint), true);
        m_passphrase->setFocus();
        return false;
    }
    QString error;
    if (!ProfileLocation::prepareFolder(m_profilePath, &error)) {
        showMessage(error, true);
        return false;
    }
    m_profile = store::Profile::create(m_profilePath, passphrase, &error);
    if (!m_profile) {
        showMessage(tr("The profile could not be created: %1").arg(error), true);
        return false;
    }
    if (m_remember->isChecked()) {
        m_passphraseToRemember = passphrase;
    }
    // The profile exists: its passphrase is settled and leaves the form.
    m_passphrase->clear();
    m_passphraseAgain->clear();
    m_passphrase->setEnabled(false);
    m_passphraseAgain->setEnabled(false);
    m_remember->setEnabled(false);
    m_strength->setText(tr("The encrypted profile is created."));
    return true;
}

void FirstRunDialog::enrollLater()
{
    if (ensureProfile()) {
        accept();
    }
}

void FirstRunDialog::createAndEnroll()
{
    const QString url = m_relayUrl->text().trimmed();
    const QString code = m_code->text().trimmed();
    if (url.isEmpty() || code.isEmpty()) {
        showMessage(tr("Enter the relay's URL and the enrollment code, or choose \"Enroll later\"."), true);
        (url.isEmpty() ? m_relayUrl : m_code)->setFocus();
        return;
    }
    if (!ensureProfile()) {
        return;
    }
    delete m_client;
    SyncClient::Options options;
    options.tokenStorage = m_tokenStorage;
    m_client = new SyncClient(m_profile->database(), options, this);
    connect(m_client, &SyncClient::enrolled, this,
            [this](const QString& orgId, const QString& orgName, const QString&, const QString& status) {
                m_orgId = orgId;
                m_enrollmentStatus = tr("Enrolled with %1; %2.").arg(orgName, status);
                showMessage(m_enrollmentStatus, false);
                setBusy(false);
                accept();
            });
    connect(m_client, &SyncClient::failed, this, [this](const QString& error) {
        setBusy(false);
        m_createButton->setText(tr("Try &enrolling again"));
        showMessage(tr("%1\nThe profile is created; check the address and the code and try again, or "
                       "choose \"Enroll later\" to work offline.")
                        .arg(error),
                    true);
    });
    setBusy(true);
    showMessage(tr("Enrolling with %1…").arg(url), false);
    m_client->enroll(QUrl::fromUserInput(url), code, m_deviceName);
}

} // namespace callsnare::ui
