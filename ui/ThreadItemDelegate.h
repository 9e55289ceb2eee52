#pragma once

#include <QStyledItemDelegate>

namespace callsnare::ui {

// One fact of a lead's timeline: a small header line (who, when, delivery
// status) over the wrapped body, on the row's background tint, aligned like
// a conversation (the office's texts right, the homeowner's left, events
// centered). It measures wrapped text itself, for the width it will paint at,
// so long texts are never cut.
class ThreadItemDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit ThreadItemDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int textWidth(const QStyleOptionViewItem& option) const;
};

} // namespace callsnare::ui
