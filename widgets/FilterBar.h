#pragma once

#include "models/BuildFilter.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QSpinBox;

namespace bengal {

class HistoryStore;

// Kind (full/incremental), mode (parallel/sequential) and range (last 7/30/90 days, all,
// last N builds, custom dates) for the table and the charts alike. Day ranges count back
// from the newest build, so an old history still shows something.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    enum class Range
    {
        All,
        Days7,
        Days30,
        Days90,
        LastN,
        Custom
    };

    explicit FilterBar(QWidget* parent = nullptr);

    // The filter for the store as it is now (day ranges depend on its newest build).
    BuildFilter filterFor(const HistoryStore& store) const;
    QJsonObject toJson() const;
    void fromJson(const QJsonObject& json);

signals:
    void changed();

private:
    void updateVisibility();

    QComboBox* m_kind;
    QComboBox* m_mode;
    QComboBox* m_range;
    QSpinBox* m_lastN;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
};

} // namespace bengal
