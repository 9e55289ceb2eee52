#include "store/ContactRepository.h"

#include "domain/EntityWireNames.h"
#include "store/SearchIndex.h"
#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QSqlQuery>

#include <utility>

namespace callsnare::store {

namespace {

constexpr char kSelectContact[] = "SELECT id, org_id, phone, name, opted_out, opt_out_changed_at, "
                                  "opt_out_source, time_zone_override FROM contacts";

QVariant consentSourceValue(const std::optional<domain::ConsentSource>& source)
{
    return source ? QVariant(toQString(domain::nameIn(domain::kConsentSourceNames, *source)))
                  : QVariant(QMetaType::fromType<QString>());
}

std::optional<domain::Contact> contactFrom(const QSqlQuery& query, QString* error)
{
    auto phone = domain::PhoneNumber::parse(toStdString(query.value(2)));
    std::optional<domain::ConsentSource> source;
    if (!query.value(6).isNull()) {
        source = domain::valueIn(domain::kConsentSourceNames, toStdString(query.value(6)));
    }
    if (!phone || (!query.value(6).isNull() && !source)) {
        refuse(error,
               QStringLiteral("The stored contact \"%1\" is unreadable.").arg(query.value(0).toString()));
        return std::nullopt;
    }
    domain::Contact contact{
        .id = toStdString(query.value(0)),
        .orgId = toStdString(query.value(1)),
        .phone = phone.value(),
        .name = toStdString(query.value(3)),
        .optOut = {.optedOut = query.value(4).toBool(),
                   .changedAt = optionalInstantFrom(query.value(5)),
                   .source = source},
        .timeZoneOverride = std::nullopt,
    };
    if (!query.value(7).isNull()) {
        contact.timeZoneOverride = toStdString(query.value(7));
    }
    return contact;
}

} // namespace

ContactRepository::ContactRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

QString ContactRepository::searchText(const domain::Contact& contact)
{
    QStringList parts{toQString(contact.name), toQString(contact.phone.e164())};
    if (contact.phone.isNanp()) {
        parts.append(toQString(contact.phone.e164()).mid(2)); // without "+1"
    }
    return parts.join(QLatin1Char(' ')).trimmed();
}

bool ContactRepository::save(const domain::Contact& contact, QString* error)
{
    if (!checkOrg(contact.orgId, m_orgId, QStringLiteral("contact"), error)) {
        return false;
    }
    if (contact.id.empty()) {
        return refuse(error, QStringLiteral("A contact needs an id."));
    }
    const QString id = toQString(contact.id);
    const QString phone = toQString(contact.phone.e164());
    return writeAtomically(m_db, error, [&] {
        QSqlQuery taken(m_db);
        taken.setForwardOnly(true);
        if (!execute(taken,
                     QStringLiteral("SELECT id FROM contacts WHERE org_id = ? AND phone = ? AND id <> ?"),
                     {m_orgId, phone, id}, error)) {
            return false;
        }
        if (taken.next()) {
            return refuse(error,
                          QStringLiteral("Another contact of this organization already has the number %1.")
                              .arg(toQString(contact.phone.display())));
        }
        taken.finish();

        QSqlQuery update(m_db);
        if (!execute(update,
                     QStringLiteral(
                         "UPDATE contacts SET phone = ?, name = ?, opted_out = ?, opt_out_changed_at = ?, "
                         "opt_out_source = ?, time_zone_override = ? WHERE id = ? AND org_id = ?"),
                     rowValues(contact), error)) {
            return false;
        }
        if (update.numRowsAffected() > 0) {
            return SearchIndex(m_db, m_orgId)
                .index(SearchKind::Contact, id, QString(), searchText(contact), error);
        }
        // The id is either new or another organization's: the primary key
        // refuses the latter.
        return insertRow(contact, error);
    });
}

bool ContactRepository::insert(const domain::Contact& contact, QString* error)
{
    if (!checkOrg(contact.orgId, m_orgId, QStringLiteral("contact"), error)) {
        return false;
    }
    if (contact.id.empty()) {
        return refuse(error, QStringLiteral("A contact needs an id."));
    }
    return writeAtomically(m_db, error, [&] { return insertRow(contact, error); });
}

QVariantList ContactRepository::rowValues(const domain::Contact& contact) const
{
    return {
        toQString(contact.phone.e164()),
        toQString(contact.name),
        contact.optOut.optedOut,
        instantValue(contact.optOut.changedAt),
        consentSourceValue(contact.optOut.source),
        textOrNull(contact.timeZoneOverride),
        toQString(contact.id),
        m_orgId,
    };
}

bool ContactRepository::insertRow(const domain::Contact& contact, QString* error)
{
    return execute(m_db,
                   QStringLiteral(
                       "INSERT INTO contacts (phone, name, opted_out, opt_out_changed_at, "
                       "opt_out_source, time_zone_override, id, org_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                   rowValues(contact), error)
        && SearchIndex(m_db, m_orgId)
               .indexNew(SearchKind::Contact, toQString(contact.id), QString(), searchText(contact), error);
}

std::optional<domain::Contact> ContactRepository::find(const QString& id, QString* error) const
{
    return selectOne(QStringLiteral("id = ?"), {id}, error);
}

std::optional<domain::Contact> ContactRepository::findByPhone(const domain::PhoneNumber& phone,
                                                              QString* error) const
{
    return selectOne(QStringLiteral("phone = ?"), {toQString(phone.e164())}, error);
}

std::optional<domain::Contact> ContactRepository::selectOne(const QString& where, const QVariantList& values,
                                                            QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    QVariantList bound{m_orgId};
    bound.append(values);
    if (!execute(query,
                 QString::fromLatin1(kSelectContact) + QStringLiteral(" WHERE org_id = ? AND ") + where,
                 bound, error)) {
        return std::nullopt;
    }
    if (!query.next()) {
        if (error) {
            error->clear();
        }
        return std::nullopt;
    }
    return contactFrom(query, error);
}

bool ContactRepository::setOptOut(const QString& contactId, const domain::OptOutState& state, QString* error)
{
    QSqlQuery query(m_db);
    if (!execute(
            query,
            QStringLiteral("UPDATE contacts SET opted_out = ?, opt_out_changed_at = ?, opt_out_source = ? "
                           "WHERE id = ? AND org_id = ?"),
            {state.optedOut, instantValue(state.changedAt), consentSourceValue(state.source), contactId,
             m_orgId},
            error)) {
        return false;
    }
    if (query.numRowsAffected() == 0) {
        return refuse(error, QStringLiteral("This organization has no contact \"%1\".").arg(contactId));
    }
    return true;
}

} // namespace callsnare::store
