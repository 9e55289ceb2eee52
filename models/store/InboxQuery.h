#pragma once

#include "domain/Lead.h"
#include "domain/Time.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>
#include <QVector>

#include <array>
#include <optional>

namespace callsnare::store {

// The inbox's views over one organization's leads.
enum class InboxFilter {
    All,
    New, // missed or texted, no reply yet
    NeedsReply, // unread inbound texts, or the homeowner replied
    Booked,
    Office,
    Closed,
    Today, // any activity since the local midnight the caller passes
};

// Where a page ended: its last row's (last_activity_at, id). The next page
// starts strictly after it, so rows never repeat or go missing between pages
// even when many leads share a last_activity_at.
struct InboxCursor {
    domain::Instant lastActivityAt{};
    QString leadId;
};

struct InboxPageRequest {
    InboxFilter filter = InboxFilter::All;
    std::optional<InboxCursor> after; // none: the first page
    int limit = 50; // capped at 500; 0 or less: an empty page
    domain::Instant todayStartsAt{}; // for InboxFilter::Today
};

// One line of the inbox list.
struct InboxRow {
    QString leadId;
    domain::LeadState state = domain::LeadState::Missed;
    std::optional<domain::CloseOutcome> outcome;
    QString contactName;
    QString contactPhone; // E.164
    domain::Instant missedAt{};
    domain::Instant lastActivityAt{};
    int unreadCount = 0;
    bool urgent = false;
    bool automationPaused = false;
    QString preview; // the latest message, on one line, shortened with "…"; empty without messages

    InboxCursor cursor() const { return {lastActivityAt, leadId}; }
};

// One fact in a lead's thread. Fields a kind does not have stay empty.
struct ThreadItem {
    enum class Kind { Call, Message, Lifecycle, Note, Booking };

    Kind kind = Kind::Message;
    QString id;
    domain::Instant at{}; // when it happened (a booking: when the lead was booked, else its start)
    // Call: outcome ("missed" | "answered"); Message: direction ("inbound" | "outbound");
    // Lifecycle: its kind ("state_changed", ...); Booking: status ("scheduled" | "canceled").
    QString type;
    // Call: the carrier's status; Message: the delivery status wire name.
    QString status;
    // Message: "homeowner" | "automation" | "dispatcher"; Note: the writer; Booking: the technician.
    QString author;
    // Message and Note: the body; Lifecycle: the detail; Booking: the address; Call: the caller's number.
    QString text;
    std::optional<int> carrierErrorCode; // Message
    std::optional<domain::Instant> startsAt; // Booking
    int durationMinutes = 0; // Booking
};

struct InboxCounts {
    std::array<int, 6> byState{}; // indexed by domain::LeadState
    int total = 0;
    int unreadMessages = 0; // sum of every lead's unread count
    int unreadLeads = 0; // leads with at least one unread message

    int count(domain::LeadState state) const { return byState.at(static_cast<std::size_t>(state)); }
};

// Read-only queries behind the desktop's inbox, thread and sidebar; every one
// is scoped to the organization given at construction.
class InboxQuery {
public:
    InboxQuery(QSqlDatabase db, QString orgId);

    // Newest activity first, (last_activity_at DESC, id DESC); at most
    // request.limit rows. Keyset paging: pass the last row's cursor() as
    // request.after for the next page; an empty page is the end.
    bool page(const InboxPageRequest& request, QVector<InboxRow>* rows, QString* error) const;

    // Every fact of one lead, oldest first; facts at the same second in the
    // order call, message, lifecycle, note, booking, then as they were stored.
    // A lead of another organization has no thread here.
    bool thread(const QString& leadId, QVector<ThreadItem>* items, QString* error) const;

    bool countsByState(InboxCounts* counts, QString* error) const;

    // SQLite's EXPLAIN QUERY PLAN for page(request), one step per line: lets
    // tests and the benchmark check that pages come straight off an index.
    QString pagePlan(const InboxPageRequest& request, QString* error) const;
    // The same for thread(leadId): each table should be read through its
    // lead index, never through an org-wide one.
    QString threadPlan(const QString& leadId, QString* error) const;

private:
    QString pageStatement(const InboxPageRequest& request, QVariantList* values) const;
    QString threadStatement(const QString& leadId, QVariantList* values) const;
    QString planOf(const QString& sql, const QVariantList& values, QString* error) const;

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
