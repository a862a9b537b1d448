#pragma once

#include "export/ChartScene.h"

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

namespace bengal {

class TrendChart;

enum class ImageFormat
{
    Png,
    Svg, // vector (QSvgGenerator)
    Pdf  // vector, one page of the chart's size (QPdfWriter)
};

struct ChartExportOptions
{
    ChartTarget target = ChartTarget::Dashboard;
    ImageFormat format = ImageFormat::Png;
    QSize size{1600, 1000}; // logical pixels (1/96 inch in SVG and PDF)
    qreal pixelRatio = 1.0; // PNG only: device pixels per logical pixel
};

// Sizes outside these are refused with a message rather than allocated.
inline constexpr int kMinExportSide = 200;
inline constexpr int kMaxExportSide = 16384;
inline constexpr qreal kMaxPixelRatio = 4.0;

// The reason `options` cannot be used (translated), or an empty string.
QString validateExportOptions(const ChartExportOptions& options);

// The chart as an image of size * pixelRatio device pixels (null when it cannot be allocated).
QImage renderChartImage(const ChartScene& scene, ChartTarget target, const QSize& size,
                        qreal pixelRatio = 1.0);

// The bytes of the file in `options.format`. Empty, with *error set, on failure.
QByteArray renderChartFile(const ChartScene& scene, const ChartExportOptions& options,
                           QString* error);

// Renders and writes `path` atomically (AtomicFileWriter): on failure nothing is left behind
// and *error names the path and the reason.
bool exportChart(const ChartScene& scene, const ChartExportOptions& options, const QString& path,
                 QString* error);

// Ctrl+Shift+C: the chart as the user sees it (its size, screen pixel ratio and palette) onto
// the clipboard as an image.
void copyChartImage(TrendChart& chart);

// "png" / "svg" / "pdf" (any case); false for anything else.
bool imageFormatFromName(const QString& name, ImageFormat* format);
QString imageFormatSuffix(ImageFormat format);

} // namespace bengal
