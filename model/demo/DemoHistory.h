#pragma once

#include "demo/DemoBuildModel.h"
#include "demo/DemoOptions.h"

#include <QByteArray>
#include <QString>
#include <string>
#include <vector>

namespace bengal {

// Writes realistic synthetic Bengal histories for demos, tests and benchmarks (docs/DEMO.md):
// one site, growing slowly, built full and incremental, parallel and sequential, with noise,
// drift, memory figures and known step changes, in the record layouts Bengal has written.
// Deterministic: the same options give the same bytes.
class DemoHistoryGenerator
{
public:
    // Steps on metrics demoStepMetricNames() does not know are left out (see validate).
    explicit DemoHistoryGenerator(DemoOptions options);

    // The next history line, '\n' included, as Python's json.dumps would have written it.
    // May be called beyond options.builds: the history goes on in the last layout.
    QByteArray nextLine();
    // The same, appended to `out`: no allocation per line when writing large files.
    void appendNextLine(std::string& out);

    qsizetype produced() const;
    // Every step in force (the default ones and the extra ones), sorted by buildIndex: the
    // ground truth a detector is measured against.
    const std::vector<DemoStep>& steps() const;

    // A translated reason why the options cannot be used, or an empty string.
    static QString validate(const DemoOptions& options);

private:
    std::vector<DemoStep> m_steps;
    DemoBuildSimulator m_simulator;
};

// The default steps for a history of `builds` builds (empty when it is too short for them).
std::vector<DemoStep> defaultDemoSteps(qsizetype builds);

// Streams options.builds lines to `path` through a temporary file renamed into place at the end,
// so readers never see a half-written history. On failure returns false and sets *error (if
// given) to a translated reason naming the path.
bool writeDemoHistory(const QString& path, const DemoOptions& options, QString* error);

} // namespace bengal
