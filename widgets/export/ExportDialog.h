#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace bengal {

class TrendChart;

// Ctrl+E: exports the current charts (PNG, SVG, PDF), or the builds behind them (CSV, JSON).
// The user picks what (phases, memory, build time, dashboard, data), the size and pixel ratio,
// the colours (current or print-friendly light), the range (visible or everything) and the
// file. The export runs when OK is pressed; a failure is shown with the path and the reason
// (plain text) and the dialog stays open, so another file can be chosen.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    // `memory` may be null; `sourcePath` is the history file (named in the dashboard title).
    ExportDialog(TrendChart* phases, TrendChart* memory, const QString& sourcePath,
                 QWidget* parent = nullptr);

    // The path of the last successful export (empty before).
    QString exportedPath() const { return m_exportedPath; }
    // For tests: runs the export as OK would, without message boxes. Returns the error text.
    QString exportNow();

    void accept() override;

private:
    bool isDataFormat() const;
    void updateControls();
    void browse();
    void fitSuffix();

    TrendChart* m_phases;
    TrendChart* m_memory;
    QString m_sourcePath;
    QString m_exportedPath;
    QComboBox* m_format;
    QComboBox* m_what;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QDoubleSpinBox* m_ratio;
    QComboBox* m_theme;
    QComboBox* m_range;
    QLineEdit* m_path;
    QLabel* m_hint;
    QDialogButtonBox* m_buttons;
};

} // namespace bengal
