#include "client/DispatcherActions.h"

#include "domain/Booking.h"
#include "domain/Message.h"
#include "domain/Note.h"
#include "protocol/JsonFields.h"
#include "store/BookingRepository.h"
#include "store/ContactRepository.h"
#include "store/LeadRepository.h"
#include "store/MessageRepository.h"
#include "store/NoteRepository.h"
#include "store/OrgSettingsRepository.h"
#include "store/OutboxRepository.h"
#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <Poco/JSON/Array.h>

#include <QCoreApplication>
#include <QTimeZone>
#include <QUuid>

#include <utility>

namespace callsnare::syncclient {

namespace {

using store::refuse;
using store::toQString;

// What the relay accepts (protocol/SyncMutations.cpp checks the same).
constexpr qsizetype kMaxTextBytes = 1600;
constexpr qsizetype kMaxNoteBytes = 10000;

QString tr(const char* text)
{
    return QCoreApplication::translate("callsnare::syncclient::DispatcherActions", text);
}

bool checkText(const QString& body, qsizetype maxBytes, const QString& what, QString* error)
{
    if (body.trimmed().isEmpty()) {
        return refuse(error, tr("The %1 is empty.").arg(what));
    }
    if (body.toUtf8().size() > maxBytes) {
        return refuse(error, tr("The %1 is too long (at most %2 bytes).").arg(what).arg(maxBytes));
    }
    return true;
}

} // namespace

DispatcherActions::DispatcherActions(QSqlDatabase db, QString orgId, QString author)
    : m_db(std::move(db)), m_orgId(std::move(orgId)), m_author(std::move(author))
{
}

QString DispatcherActions::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString DispatcherActions::outboxPayload(const protocol::Mutation& mutation)
{
    const auto batch = protocol::parseObject(protocol::encodeMutationBatch({mutation}), "mutation");
    const auto item = batch.value()->getArray("mutations")->getObject(0);
    return QString::fromStdString(protocol::stringify(*item));
}

bool DispatcherActions::enqueue(const protocol::Mutation& mutation, domain::Instant at, QString* error)
{
    return store::OutboxRepository(m_db, m_orgId)
        .enqueue(toQString(mutation.id), toQString(mutation.kind), outboxPayload(mutation), at, nullptr,
                 error);
}

bool DispatcherActions::sendMessage(const QString& leadId, const QString& body, domain::Instant at,
                                    QString* messageId, QString* error)
{
    if (!checkText(body, kMaxTextBytes, tr("text"), error)) {
        return false;
    }
    QString lookupError;
    const auto lead = store::LeadRepository(m_db, m_orgId).find(leadId, &lookupError);
    if (!lead) {
        return refuse(error,
                      lookupError.isEmpty() ? tr("This organization has no lead \"%1\".").arg(leadId)
                                            : lookupError);
    }
    const auto contact
        = store::ContactRepository(m_db, m_orgId).find(toQString(lead->lead.contactId), &lookupError);
    if (contact && contact->optOut.optedOut) {
        return refuse(error, tr("The homeowner opted out of texts; nothing was sent."));
    }
    domain::Message message;
    message.id = newId().toStdString();
    message.orgId = m_orgId.toStdString();
    message.leadId = leadId.toStdString();
    message.direction = domain::Direction::Outbound;
    message.author = domain::MessageAuthor::Dispatcher;
    message.body = body.toStdString();
    message.status = domain::DeliveryStatus::Queued;
    message.createdAt = at;
    const protocol::Mutation mutation{newId().toStdString(), "message.send", std::nullopt,
                                      protocol::SendMessage{message.id, message.leadId, message.body}};
    const bool done = store::inTransaction(m_db, error, [&] {
        return store::MessageRepository(m_db, m_orgId).insert(message, error) && enqueue(mutation, at, error);
    });
    if (done && messageId) {
        *messageId = toQString(message.id);
    }
    return done;
}

bool DispatcherActions::addNote(const QString& leadId, const QString& body, domain::Instant at,
                                QString* noteId, QString* error)
{
    if (!checkText(body, kMaxNoteBytes, tr("note"), error)) {
        return false;
    }
    const domain::Note note{newId().toStdString(),  m_orgId.toStdString(), leadId.toStdString(),
                            m_author.toStdString(), body.toStdString(),    at};
    const protocol::Mutation mutation{newId().toStdString(), "note.add", std::nullopt,
                                      protocol::AddNote{note.id, note.leadId, note.author, note.body}};
    const bool done = store::inTransaction(m_db, error, [&] {
        return store::NoteRepository(m_db, m_orgId).insert(note, error) && enqueue(mutation, at, error);
    });
    if (done && noteId) {
        *noteId = toQString(note.id);
    }
    return done;
}

bool DispatcherActions::setState(const QString& leadId, domain::LeadState state,
                                 std::optional<domain::CloseOutcome> outcome, domain::Instant at,
                                 QString* error)
{
    store::LeadRepository leads(m_db, m_orgId);
    QString lookupError;
    const auto stored = leads.find(leadId, &lookupError);
    if (!stored) {
        return refuse(error,
                      lookupError.isEmpty() ? tr("This organization has no lead \"%1\".").arg(leadId)
                                            : lookupError);
    }
    const auto moved = domain::applyTransition(stored->lead, {state, at, outcome});
    if (!moved) {
        return refuse(error, QString::fromStdString(moved.error().message));
    }
    const protocol::Mutation mutation{newId().toStdString(), "lead.set_state", stored->version,
                                      protocol::SetLeadState{stored->lead.id, state, outcome}};
    return store::inTransaction(m_db, error, [&] {
        return leads.update(moved.value(), stored->version, nullptr, error) && enqueue(mutation, at, error);
    });
}

bool DispatcherActions::takeOver(const QString& leadId, domain::Instant at, QString* error)
{
    return setPaused(leadId, true, at, error);
}

bool DispatcherActions::release(const QString& leadId, domain::Instant at, QString* error)
{
    return setPaused(leadId, false, at, error);
}

bool DispatcherActions::setPaused(const QString& leadId, bool paused, domain::Instant at, QString* error)
{
    store::LeadRepository leads(m_db, m_orgId);
    QString lookupError;
    const auto stored = leads.find(leadId, &lookupError);
    if (!stored) {
        return refuse(error,
                      lookupError.isEmpty() ? tr("This organization has no lead \"%1\".").arg(leadId)
                                            : lookupError);
    }
    // A no-op would still move the version here but not on the relay.
    if (stored->lead.automationPaused == paused) {
        return refuse(error,
                      paused ? tr("The lead is already taken over.")
                             : tr("The automation already runs on this lead."));
    }
    domain::Lead lead = stored->lead;
    lead.automationPaused = paused;
    const protocol::Mutation mutation{newId().toStdString(), paused ? "lead.take_over" : "lead.release",
                                      stored->version, protocol::TakeOver{lead.id, paused}};
    return store::inTransaction(m_db, error, [&] {
        return leads.update(lead, stored->version, nullptr, error) && enqueue(mutation, at, error);
    });
}

bool DispatcherActions::createBooking(const QString& leadId, const Visit& visit, domain::Instant at,
                                      QString* bookingId, QString* error)
{
    domain::Booking booking;
    booking.id = newId().toStdString();
    booking.orgId = m_orgId.toStdString();
    booking.leadId = leadId.toStdString();
    booking.startsAt = visit.startsAt;
    booking.duration = visit.duration;
    booking.technician = visit.technician.toStdString();
    booking.address = visit.address.toStdString();
    const protocol::Mutation mutation{newId().toStdString(), "booking.create", std::nullopt,
                                      protocol::BookingWrite{booking.id, booking.leadId, booking.startsAt,
                                                             visit.duration.count(), booking.technician,
                                                             booking.address}};
    const bool done = store::inTransaction(m_db, error, [&] {
        return store::BookingRepository(m_db, m_orgId).insert(booking, error) && enqueue(mutation, at, error);
    });
    if (done && bookingId) {
        *bookingId = toQString(booking.id);
    }
    return done;
}

bool DispatcherActions::changeBooking(const QString& bookingId, const Visit& visit, domain::Instant at,
                                      QString* error)
{
    store::BookingRepository bookings(m_db, m_orgId);
    QString lookupError;
    const auto stored = bookings.find(bookingId, &lookupError);
    if (!stored) {
        return refuse(error,
                      lookupError.isEmpty() ? tr("This organization has no booking %1.").arg(bookingId)
                                            : lookupError);
    }
    if (stored->status == domain::BookingStatus::Canceled) {
        return refuse(error, tr("The booking is canceled; make a new one instead."));
    }
    domain::Booking booking = *stored;
    booking.startsAt = visit.startsAt;
    booking.duration = visit.duration;
    booking.technician = visit.technician.toStdString();
    booking.address = visit.address.toStdString();
    const protocol::Mutation mutation{newId().toStdString(), "booking.change", stored->version,
                                      protocol::BookingWrite{booking.id,
                                                             {},
                                                             booking.startsAt,
                                                             visit.duration.count(),
                                                             booking.technician,
                                                             booking.address}};
    return store::inTransaction(m_db, error, [&] {
        return bookings.update(booking, stored->version, nullptr, error) && enqueue(mutation, at, error);
    });
}

bool DispatcherActions::cancelBooking(const QString& bookingId, domain::Instant at, QString* error)
{
    store::BookingRepository bookings(m_db, m_orgId);
    QString lookupError;
    const auto stored = bookings.find(bookingId, &lookupError);
    if (!stored) {
        return refuse(error,
                      lookupError.isEmpty() ? tr("This organization has no booking %1.").arg(bookingId)
                                            : lookupError);
    }
    if (stored->status == domain::BookingStatus::Canceled) {
        return refuse(error, tr("The booking is already canceled."));
    }
    domain::Booking booking = *stored;
    booking.status = domain::BookingStatus::Canceled;
    const protocol::Mutation mutation{newId().toStdString(), "booking.cancel", stored->version,
                                      protocol::BookingCancel{booking.id}};
    return store::inTransaction(m_db, error, [&] {
        return bookings.update(booking, stored->version, nullptr, error) && enqueue(mutation, at, error);
    });
}

bool DispatcherActions::changeSettings(const protocol::SettingsChange& change, domain::Instant at,
                                       QString* error)
{
    if (const auto problem = protocol::checkSettingsChange(change)) {
        return refuse(
            error,
            problem->field.empty()
                ? tr("The change %1.").arg(toQString(problem->problem))
                : tr("The setting %1 %2.").arg(toQString(problem->field), toQString(problem->problem)));
    }
    // The relay checks the zone against its own zoneinfo; refusing an unknown
    // one here keeps the optimistic edit from outliving a 422.
    if (change.timeZone && !QTimeZone::isTimeZoneIdAvailable(QByteArray::fromStdString(*change.timeZone))) {
        return refuse(
            error,
            tr("The setting time_zone \"%1\" is not a known time zone.").arg(toQString(*change.timeZone)));
    }
    store::OrgSettingsRepository repository(m_db, m_orgId);
    QString lookupError;
    const auto stored = repository.find(&lookupError);
    if (!stored) {
        return refuse(error,
                      lookupError.isEmpty() ? tr("This profile has no organization \"%1\".").arg(m_orgId)
                                            : lookupError);
    }
    if (stored->version < 1) {
        return refuse(error,
                      tr("The organization's settings have not arrived from the relay yet; "
                         "connect and sync before changing them."));
    }
    store::OrgSettingsRecord next = *stored;
    if (change.timeZone) {
        next.timeZone = *change.timeZone;
    }
    if (change.quietStartMinutes) {
        next.quietHours.start = std::chrono::minutes{*change.quietStartMinutes};
    }
    if (change.quietEndMinutes) {
        next.quietHours.end = std::chrono::minutes{*change.quietEndMinutes};
    }
    if (change.quietPolicy) {
        next.quietHours.policy = *change.quietPolicy == "skip" ? domain::QuietHoursPolicy::Skip
                                                               : domain::QuietHoursPolicy::Defer;
    }
    if (change.dedupeWindowMinutes) {
        next.dedupeWindow = std::chrono::minutes{*change.dedupeWindowMinutes};
    }
    for (const auto& [name, text] : change.templates) {
        next.templates.insert_or_assign(name, text);
    }
    if (change.intakeQuestions) {
        next.intakeQuestions = *change.intakeQuestions;
    }
    if (change.onCallNumber) {
        next.onCallNumber.reset();
        if (*change.onCallNumber) {
            next.onCallNumber = domain::PhoneNumber::parse(**change.onCallNumber).value(); // checked above
        }
    }
    if (change.businessHours || change.holidays) {
        protocol::WeeklyHours weekly{};
        for (unsigned day = 0; day < 7; ++day) {
            weekly[day] = next.hours.day(std::chrono::weekday{day});
        }
        auto hours = domain::BusinessHours::create(change.businessHours.value_or(weekly),
                                                   change.holidays.value_or(next.hours.holidays()));
        next.hours = std::move(hours).value(); // checked above
    }
    if (change.reminderOffsetsMinutes) {
        next.reminderOffsets.clear();
        for (const std::int64_t offset : *change.reminderOffsetsMinutes) {
            next.reminderOffsets.push_back(std::chrono::minutes{offset});
        }
    }
    if (change.responseTargetMinutes) {
        next.responseTarget = std::chrono::minutes{*change.responseTargetMinutes};
    }
    const protocol::Mutation mutation{newId().toStdString(), "settings.change", stored->version, change};
    return store::inTransaction(m_db, error, [&] {
        return repository.saveLocal(next, stored->version, error) && enqueue(mutation, at, error);
    });
}

} // namespace callsnare::syncclient
