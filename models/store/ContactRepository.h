#pragma once

#include "domain/Contact.h"
#include "domain/PhoneNumber.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <optional>

namespace callsnare::store {

// The homeowners of one organization (table contacts). Every statement is
// filtered on the organization: another organization's contacts can be
// neither read nor changed through this object. Names and numbers are kept in
// the full-text index (SearchKind::Contact) in the same transaction.
//
// Failures return false / nullopt with a readable sentence in `error`; a
// lookup that finds nothing returns nullopt and leaves `error` empty.
class ContactRepository {
public:
    ContactRepository(QSqlDatabase db, QString orgId);

    // Inserts the contact or updates the one with its id. A number belongs to
    // one contact per organization: a second contact with it is refused.
    bool save(const domain::Contact& contact, QString* error);
    // Stores a contact the caller found absent by id and by number (a sync
    // snapshot's new contact): no lookups first; the keys still refuse a
    // clash.
    bool insert(const domain::Contact& contact, QString* error);

    std::optional<domain::Contact> find(const QString& id, QString* error) const;
    std::optional<domain::Contact> findByPhone(const domain::PhoneNumber& phone, QString* error) const;

    bool setOptOut(const QString& contactId, const domain::OptOutState& state, QString* error);

    // What the search index holds for a contact: the name, the E.164 number
    // and, for NANP numbers, the ten national digits, so "5125550142",
    // "(512) 555-0142" and "555 0142" all find it.
    static QString searchText(const domain::Contact& contact);

private:
    // The row's values in INSERT and UPDATE order (phone ... time zone, id, org).
    QVariantList rowValues(const domain::Contact& contact) const;
    // INSERT of the row and its new search document.
    bool insertRow(const domain::Contact& contact, QString* error);
    std::optional<domain::Contact> selectOne(const QString& where, const QVariantList& values,
                                             QString* error) const;

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
