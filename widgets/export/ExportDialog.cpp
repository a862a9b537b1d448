#include "export/ExportDialog.h"

#include "charts/TrendChart.h"
#include "export/ChartExporter.h"
#include "export/DataExport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>

namespace bengal {

namespace {

enum What
{
    WhatDashboard,
    WhatPhases,
    WhatMemory,
    WhatTotal,
    WhatData
};

ChartTarget targetOf(int what)
{
    switch (what) {
    case WhatPhases:
        return ChartTarget::Phases;
    case WhatMemory:
        return ChartTarget::Memory;
    case WhatTotal:
        return ChartTarget::Total;
    default:
        break;
    }
    return ChartTarget::Dashboard;
}

} // namespace

ExportDialog::ExportDialog(TrendChart* phases, TrendChart* memory, const QString& sourcePath,
                           QWidget* parent)
    : QDialog(parent), m_phases(phases), m_memory(memory), m_sourcePath(sourcePath),
      m_format(new QComboBox(this)), m_what(new QComboBox(this)), m_width(new QSpinBox(this)),
      m_height(new QSpinBox(this)), m_ratio(new QDoubleSpinBox(this)), m_theme(new QComboBox(this)),
      m_range(new QComboBox(this)), m_path(new QLineEdit(this)), m_hint(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Export"));
    // Names for tests and accessibility tools.
    m_what->setObjectName(QStringLiteral("what"));
    m_format->setObjectName(QStringLiteral("format"));
    m_width->setObjectName(QStringLiteral("width"));
    m_height->setObjectName(QStringLiteral("height"));
    m_ratio->setObjectName(QStringLiteral("pixelRatio"));
    m_theme->setObjectName(QStringLiteral("theme"));
    m_range->setObjectName(QStringLiteral("range"));
    m_path->setObjectName(QStringLiteral("path"));
    m_what->addItem(tr("Dashboard (both charts and a summary)"), WhatDashboard);
    m_what->addItem(tr("Phase timings chart"), WhatPhases);
    if (memory)
        m_what->addItem(tr("Memory chart"), WhatMemory);
    m_what->addItem(tr("Build time chart"), WhatTotal);
    m_what->addItem(tr("Data of the builds"), WhatData);
    for (QSpinBox* side : {m_width, m_height}) {
        side->setRange(kMinExportSide, kMaxExportSide);
        side->setSuffix(tr(" px"));
    }
    m_width->setValue(1600);
    m_height->setValue(1000);
    m_ratio->setRange(0.5, kMaxPixelRatio);
    m_ratio->setSingleStep(0.5);
    m_ratio->setDecimals(1);
    m_ratio->setValue(1.0);
    m_theme->addItem(tr("Current colours"), int(ExportTheme::Current));
    m_theme->addItem(tr("Light, for printing"), int(ExportTheme::Light));
    m_theme->setCurrentIndex(1);
    m_range->addItem(tr("Visible builds (filters and zoom)"), true);
    m_range->addItem(tr("Every build"), false);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);

    const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString folder =
        !pictures.isEmpty() && QFileInfo(pictures).isDir() ? pictures : QDir::homePath();
    m_path->setText(QDir(folder).filePath(QStringLiteral("bengal-perf-dashboard.png")));
    m_path->setMinimumWidth(m_path->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 48);
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch();

    auto* form = new QFormLayout(this);
    form->addRow(tr("&What:"), m_what);
    form->addRow(tr("&Format:"), m_format);
    // Rows holding a layout get labels with explicit buddies, or the mnemonic shows as "&".
    auto* sizeLabel = new QLabel(tr("&Size:"), this);
    sizeLabel->setBuddy(m_width);
    form->addRow(sizeLabel, sizeRow);
    // As narrow as the size boxes: a ratio is a short number.
    auto* ratioRow = new QHBoxLayout;
    ratioRow->addWidget(m_ratio);
    ratioRow->addStretch();
    auto* ratioLabel = new QLabel(tr("&Pixel ratio:"), this);
    ratioLabel->setBuddy(m_ratio);
    form->addRow(ratioLabel, ratioRow);
    form->addRow(tr("&Colours:"), m_theme);
    form->addRow(tr("&Builds:"), m_range);
    auto* pathLabel = new QLabel(tr("F&ile:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    form->addRow(m_hint);
    form->addRow(m_buttons);

    connect(m_what, &QComboBox::currentIndexChanged, this, &ExportDialog::updateControls);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        fitSuffix();
        m_ratio->setEnabled(m_format->currentData().toString() == QLatin1String("png"));
    });
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    updateControls();
}

bool ExportDialog::isDataFormat() const
{
    return m_what->currentData().toInt() == WhatData;
}

void ExportDialog::updateControls()
{
    const bool data = isDataFormat();
    const QString previous = m_format->currentData().toString();
    const QSignalBlocker blocker(m_format);
    m_format->clear();
    if (data) {
        m_format->addItem(tr("CSV (one row per build)"), QStringLiteral("csv"));
        m_format->addItem(tr("JSON"), QStringLiteral("json"));
    } else {
        m_format->addItem(tr("PNG image"), QStringLiteral("png"));
        m_format->addItem(tr("SVG (vector)"), QStringLiteral("svg"));
        m_format->addItem(tr("PDF (vector)"), QStringLiteral("pdf"));
    }
    if (const int keep = m_format->findData(previous); keep >= 0)
        m_format->setCurrentIndex(keep);
    for (QWidget* w : std::initializer_list<QWidget*>{m_width, m_height, m_theme})
        w->setEnabled(!data);
    m_ratio->setEnabled(!data && m_format->currentData().toString() == QLatin1String("png"));
    m_hint->setText(data ? tr("Every metric of the builds, with timestamps in UTC; a missing "
                              "value is an empty cell (CSV) or left out (JSON).")
                         : tr("Charts are drawn again at the chosen size, with the current "
                              "series, scale and markers."));
    fitSuffix();
}

void ExportDialog::fitSuffix()
{
    const QString suffix = m_format->currentData().toString();
    QString path = m_path->text().trimmed();
    if (path.isEmpty() || suffix.isEmpty())
        return;
    const QFileInfo info(path);
    const QString stem = info.suffix().isEmpty() ? path : path.chopped(info.suffix().size() + 1);
    m_path->setText(stem + QLatin1Char('.') + suffix);
}

void ExportDialog::browse()
{
    const QString suffix = m_format->currentData().toString();
    const QString filter = tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix);
    const QString chosen =
        QFileDialog::getSaveFileName(this, tr("Export to"), m_path->text(), filter);
    if (!chosen.isEmpty()) {
        m_path->setText(chosen);
        if (QFileInfo(chosen).suffix().isEmpty())
            fitSuffix();
    }
}

QString ExportDialog::exportNow()
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty())
        return tr("Choose a file to export to.");
    if (!m_phases || !m_phases->store())
        return tr("There is no history to export.");
    const bool visibleOnly = m_range->currentData().toBool();
    ChartScene scene = sceneFromCharts(*m_phases, m_memory, visibleOnly, m_sourcePath);
    if (!visibleOnly)
        scene.filter = BuildFilter();
    scene.theme = ExportTheme(m_theme->currentData().toInt());

    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    QString error;
    bool ok = false;
    const QString format = m_format->currentData().toString();
    if (isDataFormat()) {
        const std::vector<std::uint32_t> rows = sceneRows(scene);
        ok = exportData(*scene.store, rows,
                        format == QLatin1String("json") ? DataFormat::Json : DataFormat::Csv, path,
                        &error, m_sourcePath);
    } else {
        ChartExportOptions options;
        options.target = targetOf(m_what->currentData().toInt());
        imageFormatFromName(format, &options.format);
        options.size = QSize(m_width->value(), m_height->value());
        options.pixelRatio = options.format == ImageFormat::Png ? m_ratio->value() : 1.0;
        ok = exportChart(scene, options, path, &error);
    }
    QGuiApplication::restoreOverrideCursor();
    if (ok)
        m_exportedPath = path;
    return ok ? QString() : error;
}

void ExportDialog::accept()
{
    const QString error = exportNow();
    if (error.isEmpty()) {
        QDialog::accept();
        return;
    }
    // Plain text: the path and the reason may contain anything.
    QMessageBox box(QMessageBox::Warning, tr("Export failed"), error, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

} // namespace bengal
