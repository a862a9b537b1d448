#include "MainWindowAbout.h"

#include "MainWindow.h"

#include <QApplication>
#include <QMessageBox>

namespace bengal {

QMessageBox* createAboutBox(QWidget* parent)
{
    auto* box = new QMessageBox(parent);
    box->setWindowTitle(MainWindow::tr("About Bengal Perf"));
    box->setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
    // Our own fixed text (no history content), so rich text is safe here.
    box->setTextFormat(Qt::RichText);
    box->setText(MainWindow::tr("<h3>Bengal Perf Dashboard %1</h3>"
                                "<p>A dashboard for the build-performance history of the Bengal "
                                "static site generator: phase and memory trends, drill-down, "
                                "comparison and regression detection.</p>"
                                "<p>Built with Qt %2, running on Qt %3.</p>"
                                "<p>&copy; 2026 Bengal Perf Dashboard developers.<br>"
                                "Licensed under the MIT licence.</p>")
                     .arg(QApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR),
                          QString::fromLatin1(qVersion())));
    box->setTextInteractionFlags(Qt::TextSelectableByMouse); // a bug report can quote it
    return box;
}

void MainWindow::showAbout()
{
    QMessageBox* box = createAboutBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace bengal
