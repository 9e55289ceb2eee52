#pragma once

#include "cli/CommandLine.h"

#include <QSqlDatabase>
#include <QString>
#include <QTextStream>

namespace callsnare::cli {

// `callsnare-cli sync`: the desktop's sync client run headless over an open
// profile (for support and tests). Enrolls when given a code, then runs one
// round (--once, printing a one-line summary) or follows the relay until the
// process is stopped (--follow; every page is one transaction, so stopping
// it at any moment loses nothing).
class SyncCommand {
public:
    SyncCommand(QSqlDatabase db, const CommandLine& line, QTextStream& out);

    // false with one sentence in `error` when the run failed.
    bool run(QString* error);

private:
    // The organization this profile syncs with the relay URL.
    bool enrolledOrg(QString* orgId, QString* error) const;

    QSqlDatabase m_db;
    const CommandLine& m_line;
    QTextStream& m_out;
};

} // namespace callsnare::cli
