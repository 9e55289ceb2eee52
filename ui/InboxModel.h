#pragma once

#include "store/InboxQuery.h"
#include "ui/Clock.h"
#include "ui/ResponseTarget.h"

#include <QAbstractListModel>
#include <QSqlDatabase>
#include <QString>
#include <QTimeZone>
#include <QVector>

namespace callsnare::ui {

// The inbox's lead list. Without a search it pages from the store with
// InboxQuery's keyset pages: the view asks for more (canFetchMore /
// fetchMore) as it scrolls, so 100k leads cost one page at a time, never all
// at once. With a search it holds the best matches of the full-text index
// (their snippet as the preview), filtered like the pages.
// Pages list the leads that need attention first: urgent ones, then those
// waiting longest for a person's answer (InboxQuery's attention tiers over
// the last kAttentionDays); a lead is overdue once it waited longer than the
// response target in business hours.
class InboxModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        LeadIdRole = Qt::UserRole + 1,
        StateRole, // int, domain::LeadState
        StateTextRole,
        NameRole, // the contact's name, may be empty
        PhoneRole, // E.164
        PreviewRole,
        UnreadRole, // int
        UrgentRole, // bool
        AutomationPausedRole, // bool
        MissedAtRole, // qint64 seconds since the epoch
        LastActivityRole, // qint64 seconds since the epoch
        AgeTextRole, // "missed 3 min ago", against the model's clock
        AwaitingSinceRole, // qint64 seconds since the epoch, or null when nobody waits
        OverdueRole, // bool: a lead of the attention tiers that waited past the target (business hours)
        WaitingTextRole, // "waiting 7 min" while a homeowner waits (attention tiers), else empty
    };

    // How far back the attention tiers look: older leads keep their plain place.
    static constexpr int kAttentionDays = 7;

    InboxModel(QSqlDatabase db, QString orgId, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    store::InboxFilter filter() const { return m_filter; }
    void setFilter(store::InboxFilter filter);
    QString searchText() const { return m_searchText; }
    void setSearchText(const QString& text);
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows);
    void setClock(Clock clock);
    // The organization's zone: where "today" starts and business hours are counted.
    void setTimeZone(const QTimeZone& zone);
    // The response target (5 minutes unless set) and the business hours it is
    // counted in (weekdays 08:00-17:00 unless set).
    void setResponseTarget(std::chrono::minutes target);
    void setBusinessHours(domain::BusinessHours hours);
    const ResponseTarget& responseTarget() const { return m_target; }
    bool isOverdue(const store::InboxRow& row) const;
    // Whether the row shows how long its homeowner has waited (only the
    // attention tiers' rows do).
    bool waits(const store::InboxRow& row) const;
    Clock clock() const { return m_clock; }

    // Reads the store again, keeping as many rows loaded as before (so the
    // list does not jump back to its first page when sync applies an event).
    void refresh();
    // Loads pages until the lead is in the list or the list ends (at most
    // `maxRows` rows); its row or -1.
    int loadUntil(const QString& leadId, int maxRows);

    int rowOfLead(const QString& leadId) const;
    QString leadIdAt(int row) const;
    const store::InboxRow& rowAt(int row) const { return m_rows.at(row); }
    // The last failure to read the store, empty when the last read worked.
    QString lastError() const { return m_lastError; }

signals:
    void loadFailed(const QString& error);

private:
    bool searching() const { return !m_searchText.trimmed().isEmpty(); }
    store::InboxPageRequest request(int limit) const;
    domain::Instant todayStartsAt() const;
    bool readPage(int limit, QVector<store::InboxRow>* rows);
    void readSearch(QVector<store::InboxRow>* rows);
    bool passesFilter(const store::InboxRow& row) const;
    void fail(const QString& error);
    void reload(int keepRows);
    void timesChanged();

    QSqlDatabase m_db;
    QString m_orgId;
    store::InboxQuery m_query;
    QVector<store::InboxRow> m_rows;
    store::InboxFilter m_filter = store::InboxFilter::All;
    QString m_searchText;
    int m_pageSize = 50;
    bool m_atEnd = false;
    Clock m_clock = systemClock();
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    ResponseTarget m_target;
    // Fixed at each reload, so the pages that follow keep the same tiers.
    domain::Instant m_attentionSince{};
    QString m_lastError;
};

} // namespace callsnare::ui
