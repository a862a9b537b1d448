#include "regressions/RegressionNotifier.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QToolButton>

namespace bengal {

NotificationBar::NotificationBar(QWidget* parent) : QFrame(parent), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("notificationBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // A warm background that reads in light and dark palettes alike.
    QPalette p = palette();
    const bool dark = p.color(QPalette::Window).lightness() < 128;
    p.setColor(QPalette::Window, dark ? QColor(0x5a, 0x3a, 0x12) : QColor(0xff, 0xf1, 0xd6));
    p.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xe8, 0xc2) : QColor(0x4a, 0x2f, 0x00));
    setPalette(p);
    m_label->setTextFormat(Qt::PlainText); // metric names come from the history
    m_label->setWordWrap(true);
    auto* show = new QToolButton(this);
    show->setText(tr("Show"));
    auto* close = new QToolButton(this);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Dismiss"));
    close->setAutoRaise(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(show);
    layout->addWidget(close);
    connect(show, &QToolButton::clicked, this, [this] {
        hide();
        emit showRequested();
    });
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void NotificationBar::showMessage(const QString& title, const QString& message)
{
    m_label->setText(title + QStringLiteral(" — ") + message);
    show();
}

QString NotificationBar::text() const
{
    return m_label->text();
}

RegressionNotifier::RegressionNotifier(NotificationBar* bar, QObject* parent)
    : QObject(parent), m_bar(bar)
{
    if (bar)
        connect(bar, &NotificationBar::showRequested, this, &RegressionNotifier::activated);
}

bool RegressionNotifier::usesTray() const
{
    return m_tray != nullptr;
}

void RegressionNotifier::notify(const QString& title, const QString& message)
{
    if (!m_trayChecked) {
        m_trayChecked = true;
        if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
            m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
            m_tray->setToolTip(tr("Bengal Perf"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, &RegressionNotifier::activated);
            m_tray->show();
        }
    }
    if (m_tray)
        m_tray->showMessage(title, message, QSystemTrayIcon::Warning, 10000);
    else if (m_bar)
        m_bar->showMessage(title, message);
    emit notified(title, message, m_tray != nullptr);
}

} // namespace bengal
