#pragma once

#include "domain/Lead.h"
#include "domain/Time.h"
#include "protocol/SyncMutations.h"

#include <QSqlDatabase>
#include <QString>

#include <chrono>
#include <optional>

namespace callsnare::syncclient {

// What a dispatcher does on the desktop, offline or not. Each action writes
// its local effect (the text as queued, the note, the lead's new state, the
// booking) and the matching mutation to the outbox in ONE transaction, so the
// inbox shows it at once and the relay is told exactly once, in order, when
// the client next flushes. Mutations that edit a lead or booking carry the
// version the store holds as their base version.
//
// Every action returns false with a sentence a dispatcher can read in
// `error` and changes nothing when it fails (an illegal lifecycle move, an
// opted-out homeowner, an unknown lead).
class DispatcherActions {
public:
    // `author` is who the notes are by (the dispatcher's display name).
    DispatcherActions(QSqlDatabase db, QString orgId, QString author);

    // The new text's id (also the relay's message id) goes to `messageId`.
    bool sendMessage(const QString& leadId, const QString& body, domain::Instant at, QString* messageId,
                     QString* error);
    bool addNote(const QString& leadId, const QString& body, domain::Instant at, QString* noteId,
                 QString* error);
    bool setState(const QString& leadId, domain::LeadState state, std::optional<domain::CloseOutcome> outcome,
                  domain::Instant at, QString* error);
    // Take over pauses the automation on the lead; release resumes it.
    bool takeOver(const QString& leadId, domain::Instant at, QString* error);
    bool release(const QString& leadId, domain::Instant at, QString* error);

    struct Visit {
        domain::Instant startsAt{};
        std::chrono::minutes duration{std::chrono::hours{2}};
        QString technician;
        QString address;
    };
    bool createBooking(const QString& leadId, const Visit& visit, domain::Instant at, QString* bookingId,
                       QString* error);
    bool changeBooking(const QString& bookingId, const Visit& visit, domain::Instant at, QString* error);
    bool cancelBooking(const QString& bookingId, domain::Instant at, QString* error);

    // An owner's change of the organization's settings (protocol/OrgSettings.h:
    // unset fields stay), based on the settings version the store holds.
    // Refused with the field's problem when a value is out of range, and
    // when the relay's settings have not arrived yet.
    bool changeSettings(const protocol::SettingsChange& change, domain::Instant at, QString* error);

    // The outbox payload of a mutation: its item of a mutation batch as JSON,
    // so a flush joins queued items into a batch without re-encoding them.
    static QString outboxPayload(const protocol::Mutation& mutation);
    static QString newId();

private:
    bool setPaused(const QString& leadId, bool paused, domain::Instant at, QString* error);
    bool enqueue(const protocol::Mutation& mutation, domain::Instant at, QString* error);

    QSqlDatabase m_db;
    QString m_orgId;
    QString m_author;
};

} // namespace callsnare::syncclient
