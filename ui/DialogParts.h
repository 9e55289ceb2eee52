#pragma once

#include <QString>

class QLabel;
class QLineEdit;

namespace callsnare::ui {

// Pieces the profile and enrollment dialogs share.

// The relay URL and one-time code fields, named and described the same in
// every form that enrolls (first run, Sync > Enroll).
QLineEdit* relayUrlField();
QLineEdit* enrollmentCodeField();

// Hands a secret over and wipes the holder's copy.
QString takeSecret(QString& secret);

// What a dialog's message label says while it is shown; empty when hidden.
QString shownText(const QLabel* label);

// The first list index in a settings field's wire name ("holidays[2]" -> 2);
// -1 when it has none.
int fieldIndex(const QString& field);

} // namespace callsnare::ui
