#include "MainWindow.h"

#include "store/Database.h"

#include <QDir>
#include <QMessageBox>

namespace bengal {

// How the local store opened, told to the user: a store that cannot be used (notes, baselines,
// views and recent files are then not kept), or a damaged file that was moved aside. The box is
// window-modal and does not block: the history loads behind it (and --screenshot still works).
QMessageBox* MainWindow::reportStoreState(const Database& database, bool opened)
{
    QString text;
    QMessageBox::Icon icon = QMessageBox::Information;
    if (!opened) {
        icon = QMessageBox::Warning;
        text = tr("Notes, baselines, saved views and recent files cannot be kept: %1")
                   .arg(database.errorString());
    } else if (!database.recoveryMessage().isEmpty()) {
        text = database.recoveryMessage();
    } else {
        return nullptr;
    }
    auto* box = new QMessageBox(icon, tr("Local store"), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("storeMessage"));
    box->setTextFormat(Qt::PlainText); // paths are never markup
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return box;
}

} // namespace bengal
