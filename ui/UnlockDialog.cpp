#include "ui/UnlockDialog.h"

#include "ui/DialogParts.h"

#include "store/Profile.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

namespace callsnare::ui {

UnlockDialog::UnlockDialog(QString profilePath, QWidget* parent)
    : QDialog(parent), m_profilePath(std::move(profilePath))
{
    setObjectName(QStringLiteral("unlockDialog"));
    setWindowTitle(tr("Unlock CallSnare"));

    auto* intro = new QLabel(tr("Enter the passphrase of your encrypted profile:\n%1")
                                 .arg(QDir::toNativeSeparators(m_profilePath)));
    intro->setWordWrap(true);
    m_passphrase = new QLineEdit;
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_remember = new QCheckBox(tr("&Remember the passphrase in the system keychain"));
    m_remember->setObjectName(QStringLiteral("rememberPassphrase"));
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setAccessibleName(tr("Message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Passphrase:"), m_passphrase);
    form->addRow(QString(), m_remember);

    auto* buttons = new QDialogButtonBox;
    m_unlockButton = buttons->addButton(tr("&Unlock"), QDialogButtonBox::AcceptRole);
    m_unlockButton->setObjectName(QStringLiteral("unlockButton"));
    m_unlockButton->setDefault(true);
    QPushButton* quit = buttons->addButton(tr("&Quit"), QDialogButtonBox::RejectRole);
    quit->setObjectName(QStringLiteral("quitButton"));
    connect(m_unlockButton, &QPushButton::clicked, this, &UnlockDialog::unlock);
    connect(quit, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    m_passphrase->setFocus();
}

UnlockDialog::~UnlockDialog()
{
    m_passphrase->clear();
    m_passphraseToRemember.fill(QChar(u'\0'));
}

void UnlockDialog::setNote(const QString& note)
{
    m_message->setText(note);
    m_message->setAccessibleDescription(note);
    m_message->setVisible(!note.isEmpty());
}

std::unique_ptr<store::Profile> UnlockDialog::takeProfile()
{
    return std::move(m_profile);
}

QString UnlockDialog::takePassphraseToRemember()
{
    return takeSecret(m_passphraseToRemember);
}

QString UnlockDialog::message() const
{
    return shownText(m_message);
}

void UnlockDialog::unlock()
{
    const QString passphrase = m_passphrase->text();
    m_passphrase->clear();
    if (passphrase.isEmpty()) {
        setNote(tr("Enter the passphrase."));
        m_passphrase->setFocus();
        return;
    }
    QString error;
    m_profile = store::Profile::open(m_profilePath, passphrase, store::Profile::Access::ReadWrite, &error);
    if (!m_profile) {
        ++m_failedAttempts;
        setNote(error);
        m_passphrase->setFocus();
        return;
    }
    if (m_remember->isChecked()) {
        m_passphraseToRemember = passphrase;
    }
    accept();
}

} // namespace callsnare::ui
