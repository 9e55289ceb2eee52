#pragma once

#include "domain/Lead.h"

#include <QStyledItemDelegate>

namespace callsnare::ui {

// One inbox row on two lines: the homeowner's name (or number) with an
// unread badge and a state chip, then the latest text and how long ago the
// call was missed, or how long the homeowner has waited for a person. Urgent
// leads carry a stripe and a tag; overdue ones a tint and a tag. Colors come from
// the palette, or are tints of it, so light and dark themes both read.
class InboxItemDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit InboxItemDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The hue of a state's chip; it is always drawn as a tint over the
    // palette's base color with the palette's text on top.
    static QColor stateHue(domain::LeadState state, const QPalette& palette);
    static QColor urgentColor();
    static QColor overdueColor();
    // `amount` of `over` painted on `under` (0: under, 1: over).
    static QColor blend(const QColor& under, const QColor& over, double amount);
};

} // namespace callsnare::ui
