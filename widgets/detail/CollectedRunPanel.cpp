#include "detail/CollectedRunPanel.h"

#include "charts/RunRssChart.h"
#include "report/MetricUnits.h"
#include "runs/CollectedRun.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

namespace bengal {

namespace {

constexpr int kPairsPerRow = 2;

QString orDash(const QString& text)
{
    return text.isEmpty() ? QStringLiteral("–") : text;
}

QString milliseconds(double ms)
{
    return std::isfinite(ms) ? formatValue(ms, MetricUnit::Milliseconds) : QString();
}

QString megabytes(double mb)
{
    return std::isfinite(mb) ? formatValue(mb, MetricUnit::Megabytes) : QString();
}

} // namespace

CollectedRunPanel::CollectedRunPanel(QWidget* parent)
    : QGroupBox(tr("Measured by bengal-perf run"), parent)
{
    setObjectName(QStringLiteral("collectedRunPanel"));
    setToolTip(tr("From collector.jsonl beside the history: the whole process tree of the "
                  "build, measured from outside"));
    m_figures = new QWidget(this);
    m_grid = new QGridLayout(m_figures);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(8);
    m_grid->setVerticalSpacing(2);
    m_chart = new RunRssChart(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_figures);
    layout->addWidget(m_chart, 1);
}

void CollectedRunPanel::addFigure(const QString& name, const QString& value, const QString& tip)
{
    const int index = int(m_labels.size());
    auto* key = new QLabel(name, m_figures);
    key->setForegroundRole(QPalette::PlaceholderText);
    auto* text = new QLabel(orDash(value), m_figures);
    text->setTextFormat(Qt::PlainText); // host names, labels and commands come from the file
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setToolTip(tip);
    const int row = index / kPairsPerRow, column = (index % kPairsPerRow) * 2;
    m_grid->addWidget(key, row, column);
    m_grid->addWidget(text, row, column + 1);
    m_grid->setColumnStretch(column + 1, 1);
    m_labels.append(qMakePair(key, text));
}

void CollectedRunPanel::clear()
{
    for (const auto& [key, value] : std::as_const(m_labels)) {
        delete key;
        delete value;
    }
    m_labels.clear();
    m_chart->clear();
}

void CollectedRunPanel::setRun(const CollectedRun& run)
{
    clear();
    addFigure(tr("Wall"), milliseconds(run.wallMs));
    const QString cpu =
        std::isfinite(run.cpuUserMs) && std::isfinite(run.cpuSysMs)
            ? tr("%1 user · %2 sys").arg(milliseconds(run.cpuUserMs), milliseconds(run.cpuSysMs))
            : QString();
    addFigure(tr("CPU"), cpu, tr("CPU time of the whole process tree"));
    addFigure(tr("Tree peak RSS"), megabytes(run.peakRssMb),
              tr("Highest resident memory of the build and all its processes together"));
    addFigure(tr("Samples"),
              run.sampleIntervalMs > 0
                  ? tr("%1 every %2 ms").arg(run.rssSamplesMb.size()).arg(run.sampleIntervalMs)
                  : QString());
    addFigure(tr("Host"), run.cpus > 0 ? tr("%1 (%2 CPUs)").arg(run.host).arg(run.cpus) : run.host);
    addFigure(tr("Load (1 min)"),
              std::isfinite(run.loadAverage1m) ? QString::number(run.loadAverage1m, 'f', 2)
                                               : QString(),
              tr("Load average of the machine when the run started"));
    QString git;
    if (run.gitCommit)
        git = run.gitCommit->left(10) + (run.gitDirty ? tr(" (dirty)") : QString());
    addFigure(tr("Git"), git, run.gitCommit ? *run.gitCommit : tr("not in a git work tree"));
    QString kind = run.warmup ? tr("warm-up %1").arg(run.repeatIndex + 1)
                              : tr("run %1").arg(run.repeatIndex + 1);
    if (!run.label.isEmpty())
        kind += QStringLiteral(" · ") + run.label;
    addFigure(tr("Run"), kind);
    addFigure(tr("Command"), run.command.join(QLatin1Char(' ')), run.cwd);
    m_chart->setRun(run);
}

QStringList CollectedRunPanel::figureTexts() const
{
    QStringList out;
    for (const auto& [key, value] : m_labels)
        out << key->text() + QStringLiteral(": ") + value->text();
    return out;
}

} // namespace bengal
