#pragma once

#include <QString>

namespace bengal {

struct KeptRunLines;
struct RunFiling;

// What the window says about a finished run, as plain text.

// "exit 0 in 4.21 s · tree peak RSS 165.2 MiB · CPU 3.90 s · 8 phases"; a run ended by a
// signal says which (and that it was cancelled, when it was).
QString describeRunOutcome(const RunFiling& filing);

// Where the run's lines went: empty when both were appended as they should; otherwise which
// file refused, why, and what became of the line (kept in the local store to be written later,
// or, when the store could not take it either, that it is lost but for the console), one
// sentence a line.
QString describeFilingProblems(const RunFiling& filing, const KeptRunLines& kept, bool haveStore);

} // namespace bengal
