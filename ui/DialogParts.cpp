#include "ui/DialogParts.h"

#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>

namespace callsnare::ui {

QLineEdit* relayUrlField()
{
    auto* field = new QLineEdit;
    field->setObjectName(QStringLiteral("relayUrl"));
    field->setAccessibleName(QCoreApplication::translate("callsnare::ui::DialogParts", "Relay URL"));
    field->setPlaceholderText(QStringLiteral("https://relay.example.com"));
    return field;
}

QLineEdit* enrollmentCodeField()
{
    auto* field = new QLineEdit;
    field->setObjectName(QStringLiteral("enrollmentCode"));
    field->setAccessibleName(QCoreApplication::translate("callsnare::ui::DialogParts", "Enrollment code"));
    field->setPlaceholderText(QStringLiteral("7KQ2-M9XD-PA4T"));
    return field;
}

QString takeSecret(QString& secret)
{
    QString taken = secret;
    secret.fill(QChar(u'\0'));
    secret.clear();
    return taken;
}

QString shownText(const QLabel* label)
{
    return label->isHidden() ? QString() : label->text();
}

int fieldIndex(const QString& field)
{
    const qsizetype open = field.indexOf(QLatin1Char('['));
    const qsizetype close = field.indexOf(QLatin1Char(']'), open + 1);
    if (open < 0 || close < 0) {
        return -1;
    }
    bool ok = false;
    const int index = field.mid(open + 1, close - open - 1).toInt(&ok);
    return ok ? index : -1;
}

} // namespace callsnare::ui
