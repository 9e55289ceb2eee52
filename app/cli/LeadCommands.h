#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QTextStream>

namespace callsnare::cli {

// `callsnare-cli lead list|show`: the inbox and one lead's thread as the
// desktop store holds them, as text, for scripts and for support.
class LeadCommands {
public:
    LeadCommands(QSqlDatabase db, QTextStream& out);

    // The newest `limit` leads of every organization in the profile.
    bool list(int limit, QString* error);
    // One lead: its contact and state, then every fact of its thread, oldest first.
    bool show(const QString& leadId, QString* error);

private:
    QSqlDatabase m_db;
    QTextStream& m_out;
};

} // namespace callsnare::cli
