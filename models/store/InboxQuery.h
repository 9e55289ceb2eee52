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

// The parts of the inbox order when a page request asks for attention first
// (InboxPageRequest::attentionSince): open urgent leads active since then,
// newest first; then the other open leads whose homeowner has waited for a
// person's answer since then, the longest waiting first (so every overdue
// lead comes before one still within its target); then the rest newest first.
enum class InboxTier { Urgent = 0, AwaitingReply = 1, Rest = 2 };

// Where a page ended: its last row's tier and its place in that tier
// ((last_activity_at, id) for Urgent and Rest, (awaitingSince, id) for
// AwaitingReply). The next page starts strictly after it, so rows never
// repeat or go missing between pages even when many leads share a second.
struct InboxCursor {
    domain::Instant lastActivityAt{};
    QString leadId;
    InboxTier tier = InboxTier::Rest;
    domain::Instant awaitingSince{}; // AwaitingReply only
};

struct InboxPageRequest {
    InboxFilter filter = InboxFilter::All;
    std::optional<InboxCursor> after; // none: the first page
    int limit = 50; // capped at 500; 0 or less: an empty page
    domain::Instant todayStartsAt{}; // for InboxFilter::Today
    // When set, the urgent leads active and the leads waiting for a person
    // since this instant come first (see InboxTier). The caller keeps it
    // fixed while it pages (the tiers, and so the cursors, depend on it).
    // None: one plain newest-first order.
    std::optional<domain::Instant> attentionSince;
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
    // The first homeowner text after the last text a person sent (automatic
    // texts do not answer anyone); none when nobody is waiting, or the lead
    // is booked, with the office or closed.
    std::optional<domain::Instant> awaitingReplySince;
    InboxTier tier = InboxTier::Rest;

    InboxCursor cursor() const
    {
        return {lastActivityAt, leadId, tier, awaitingReplySince.value_or(domain::Instant{})};
    }
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

// How far a count in steps (InboxQuery::countStep) has got.
struct InboxCountProgress {
    int state = 0; // the domain::LeadState being counted; past Closed: the unread sums
    std::optional<InboxCursor> after; // within that state
    InboxCounts counts;
    bool done = false;
};

// Read-only queries behind the desktop's inbox, thread and sidebar; every one
// is scoped to the organization given at construction.
class InboxQuery {
public:
    InboxQuery(QSqlDatabase db, QString orgId);

    // Newest activity first, (last_activity_at DESC, id DESC), after the
    // attention tiers when request.attentionSince is set; at most
    // request.limit rows. Keyset paging: pass the last row's cursor() as
    // request.after for the next page; an empty page is the end.
    bool page(const InboxPageRequest& request, QVector<InboxRow>* rows, QString* error) const;

    // Every fact of one lead, oldest first; facts at the same second in the
    // order call, automation decision, message, other lifecycle fact, note,
    // booking, then as they were stored: a decision comes before the text it
    // caused, a state change after the reply that caused it.
    // A lead of another organization has no thread here.
    bool thread(const QString& leadId, QVector<ThreadItem>* items, QString* error) const;

    bool countsByState(InboxCounts* counts, QString* error) const;
    // The same counts in steps of at most `rows` index entries each, so a
    // caller on the UI thread can count a cold 100k-lead profile between
    // paints: call until progress->done. Each step starts after the last
    // entry the previous one counted; a change between steps shows in the
    // next count.
    bool countStep(InboxCountProgress* progress, int rows, QString* error) const;

    // SQLite's EXPLAIN QUERY PLAN for page(request), one step per line: lets
    // tests and the benchmark check that pages come straight off an index.
    // With request.attentionSince: the plan of the cursor's tier (the
    // urgent tier's without a cursor).
    QString pagePlan(const InboxPageRequest& request, QString* error) const;
    // The same for thread(leadId): each table should be read through its
    // lead index, never through an org-wide one.
    QString threadPlan(const QString& leadId, QString* error) const;

private:
    QString pageStatement(const InboxPageRequest& request, QVariantList* values) const;
    QString urgentStatement(const InboxPageRequest& request, QVariantList* values) const;
    QString awaitingStatement(const InboxPageRequest& request, QVariantList* values) const;
    bool readRows(const QString& sql, const QVariantList& values, QVector<InboxRow>* rows,
                  QString* error) const;
    QString threadStatement(const QString& leadId, QVariantList* values) const;
    QString planOf(const QString& sql, const QVariantList& values, QString* error) const;

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
