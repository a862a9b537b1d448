#pragma once

#include <QGroupBox>
#include <QList>

class QGridLayout;
class QLabel;

namespace bengal {

class RunRssChart;
struct CollectedRun;

// What `bengal-perf run` measured about the run that produced a build (collector.jsonl): wall
// and CPU time, the process tree's peak RSS, host, load, git state, and the tree's RSS over
// time with the phases as bands.
class CollectedRunPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit CollectedRunPanel(QWidget* parent = nullptr);

    void setRun(const CollectedRun& run);
    void clear();

    RunRssChart* rssChart() const { return m_chart; }
    // "Wall: 1.23 s" lines, in display order (for tests).
    QStringList figureTexts() const;

private:
    void addFigure(const QString& name, const QString& value, const QString& tip = {});

    QWidget* m_figures;
    QGridLayout* m_grid;
    QList<QPair<QLabel*, QLabel*>> m_labels;
    RunRssChart* m_chart;
};

} // namespace bengal
