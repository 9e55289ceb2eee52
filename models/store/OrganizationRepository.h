#pragma once

#include "domain/Organization.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace callsnare::store {

// The organizations a profile syncs (tables organizations, org_numbers,
// business_hours, holidays, templates). Unlike the other repositories it is
// not scoped to one organization: it manages the organizations themselves.
//
// Failures return false / nullopt with a readable sentence in `error`; a
// lookup that finds nothing returns nullopt and leaves `error` empty.
class OrganizationRepository {
public:
    explicit OrganizationRepository(QSqlDatabase db);

    // Inserts the organization or replaces everything stored about it (its
    // numbers, hours, holidays and templates included), all or nothing.
    bool save(const domain::Organization& organization, QString* error);

    // Numbers come back in E.164 order, holidays in date order.
    std::optional<domain::Organization> find(const QString& id, QString* error) const;
    // Every organization, by name.
    bool list(std::vector<domain::Organization>* organizations, QString* error) const;

private:
    bool saveDetails(const domain::Organization& organization, QString* error);
    bool loadDetails(domain::Organization* organization, QString* error) const;

    QSqlDatabase m_db;
};

} // namespace callsnare::store
