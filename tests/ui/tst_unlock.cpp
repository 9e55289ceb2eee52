// Later starts: the unlock dialog opens the profile with the right
// passphrase; a wrong one shows the store's own sentence, clears the field,
// leaves the file byte for byte as it was and lets the user try again.

#include "store/Profile.h"
#include "ui/UnlockDialog.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace callsnare;
using callsnare::ui::UnlockDialog;

namespace {

const QString rightPassphrase = QStringLiteral("copper kettle winter 42");

QByteArray fingerprint(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestUnlock : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void rightPassphraseOpensTheProfile();
    void wrongPassphraseShowsTheStoreMessageAndLeavesTheFile_data();
    void wrongPassphraseShowsTheStoreMessageAndLeavesTheFile();
    void emptyPassphraseAsksForOne();
    void noteIsShownBeforeTyping();

private:
    static void typeAndUnlock(UnlockDialog& dialog, const QString& passphrase);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestUnlock::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>(qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath())
                                            + QStringLiteral("/unlock-XXXXXX"));
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("profile.callsnare"));
    QString error;
    QVERIFY2(store::Profile::create(m_path, rightPassphrase, &error), qPrintable(error));
}

void TestUnlock::typeAndUnlock(UnlockDialog& dialog, const QString& passphrase)
{
    auto* field = dialog.findChild<QLineEdit*>(QStringLiteral("passphrase"));
    QVERIFY(field);
    QTest::keyClicks(field, passphrase);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("unlockButton")), Qt::LeftButton);
}

void TestUnlock::rightPassphraseOpensTheProfile()
{
    UnlockDialog dialog(m_path);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typeAndUnlock(dialog, rightPassphrase);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    auto profile = dialog.takeProfile();
    QVERIFY(profile);
    QVERIFY(profile->database().isOpen());
    QCOMPARE(dialog.failedAttempts(), 0);
    QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("passphrase"))->text().isEmpty());
}

void TestUnlock::wrongPassphraseShowsTheStoreMessageAndLeavesTheFile_data()
{
    QTest::addColumn<QString>("wrong");
    QTest::newRow("one letter off") << QStringLiteral("copper kettle winter 43");
    QTest::newRow("different") << QStringLiteral("something else entirely");
    QTest::newRow("case") << QStringLiteral("COPPER KETTLE WINTER 42");
}

void TestUnlock::wrongPassphraseShowsTheStoreMessageAndLeavesTheFile()
{
    QFETCH(QString, wrong);
    const QByteArray before = fingerprint(m_path);
    const QDateTime modified = QFileInfo(m_path).lastModified();
    QVERIFY(!before.isEmpty());
    // The sentence the store gives for this passphrase is what the user sees.
    QString storeMessage;
    QVERIFY(!store::Profile::open(m_path, wrong, store::Profile::Access::ReadOnly, &storeMessage));
    QVERIFY(!storeMessage.isEmpty());

    UnlockDialog dialog(m_path);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typeAndUnlock(dialog, wrong);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    auto* message = dialog.findChild<QLabel*>(QStringLiteral("message"));
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), storeMessage);
    QCOMPARE(dialog.failedAttempts(), 1);
    QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("passphrase"))->text().isEmpty());
    QVERIFY(!dialog.takeProfile());
    QCOMPARE(fingerprint(m_path), before);
    QCOMPARE(QFileInfo(m_path).lastModified(), modified);

    // The user tries again with the right one.
    typeAndUnlock(dialog, rightPassphrase);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.takeProfile());
}

void TestUnlock::emptyPassphraseAsksForOne()
{
    UnlockDialog dialog(m_path);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typeAndUnlock(dialog, QString());
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.message().contains(QStringLiteral("Enter the passphrase")), qPrintable(dialog.message()));
    QCOMPARE(dialog.failedAttempts(), 0);
}

void TestUnlock::noteIsShownBeforeTyping()
{
    UnlockDialog dialog(m_path);
    dialog.setNote(QStringLiteral("The system keychain did not give the passphrase back."));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("message"))->isVisible());
    QCOMPARE(dialog.message(), QStringLiteral("The system keychain did not give the passphrase back."));
}

QTEST_MAIN(TestUnlock)
#include "tst_unlock.moc"
