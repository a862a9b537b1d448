#pragma once

#include <QFrame>
#include <QObject>
#include <QPointer>

class QLabel;
class QSystemTrayIcon;

namespace bengal {

// An in-window notification: a bar over the charts with a message, "Show" and a close button.
// Used when the desktop has no system tray.
class NotificationBar : public QFrame
{
    Q_OBJECT
public:
    explicit NotificationBar(QWidget* parent = nullptr);
    void showMessage(const QString& title, const QString& message);
    QString text() const;

signals:
    void showRequested();

private:
    QLabel* m_label;
};

// Tells the user about a flagged live build: a desktop notification through the system tray
// when there is one, else the in-window bar. `notified` fires either way (tests listen to it).
class RegressionNotifier : public QObject
{
    Q_OBJECT
public:
    RegressionNotifier(NotificationBar* bar, QObject* parent = nullptr);

    // Uses the tray when the desktop has one (decided at the first notification).
    void notify(const QString& title, const QString& message);
    bool usesTray() const;

signals:
    void notified(const QString& title, const QString& message, bool viaTray);
    // The user clicked the desktop notification or "Show" on the bar.
    void activated();

private:
    QPointer<NotificationBar> m_bar;
    QSystemTrayIcon* m_tray = nullptr;
    bool m_trayChecked = false;
};

} // namespace bengal
