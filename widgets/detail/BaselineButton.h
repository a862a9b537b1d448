#pragma once

#include "store/BaselinesRepository.h"

#include <QByteArray>
#include <QString>
#include <QPushButton>

class QAction;
class QActionGroup;

namespace bengal {

class Database;

// The "vs baseline" reference of the build detail, chosen by the user and kept in the local
// store (BaselinesRepository, group "*": every metric of the history): pin the shown build, or
// the rolling median of the last N comparable builds; "default" removes the setting.
class BaselineButton : public QPushButton
{
    Q_OBJECT
public:
    // The rolling windows the menu offers (the default, 20, among them).
    static constexpr int kWindows[] = {5, 10, 20, 50, 100};

    explicit BaselineButton(QWidget* parent = nullptr);

    void setDatabase(Database* database);
    // The history and the build shown; an empty key disables pinning.
    void setBuild(const QString& historyPath, const QByteArray& buildKey, int buildIndex);

    // The stored setting for every metric of the history (the default when none).
    BaselineSetting setting() const;
    // The text of the button: what the baseline is now.
    QString describe() const;

public slots:
    bool pinShownBuild();
    bool useRollingMedian(int builds);
    bool useDefault();

signals:
    // A new setting was stored: the changes against the baseline must be computed again.
    void baselineChanged();
    void failed(const QString& message);

private:
    bool store(const std::optional<BaselineSetting>& setting);
    void updateText();

    Database* m_database = nullptr;
    QString m_historyPath;
    QByteArray m_buildKey;
    int m_buildIndex = 0;
    QAction* m_pin;
    QAction* m_otherWindow; // any N, asked for
    QActionGroup* m_group;
};

} // namespace bengal
