#include "export/ChartExporter.h"

#include "charts/TrendChart.h"
#include "export/AtomicFileWriter.h"
#include "export/ChartRenderer.h"

#include <QBuffer>
#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>

namespace bengal {

namespace {

// SVG and PDF are laid out at screen resolution, so fonts and line widths match the window.
constexpr int kLogicalDpi = 96;

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::ChartExport", text);
}

// QSvgGenerator states the size in millimetres rounded to 0.001 (211.667mm), which viewers
// round up to one pixel more than asked; the size in pixels is exact.
QByteArray withPixelSize(QByteArray svg, const QSize& size)
{
    static const QRegularExpression header(
        QStringLiteral("<svg width=\"[0-9.]+mm\" height=\"[0-9.]+mm\""));
    const QString head = QString::fromLatin1(svg.left(256));
    const QRegularExpressionMatch m = header.match(head);
    if (m.hasMatch()) {
        svg.replace(m.capturedStart(), m.capturedLength(),
                    QStringLiteral("<svg width=\"%1px\" height=\"%2px\"")
                        .arg(size.width())
                        .arg(size.height())
                        .toLatin1());
    }
    return svg;
}

QByteArray renderSvg(const ChartScene& scene, const ChartExportOptions& options)
{
    ChartRenderer renderer(scene);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(options.size);
    svg.setViewBox(QRect(QPoint(0, 0), options.size));
    svg.setResolution(kLogicalDpi);
    svg.setTitle(renderer.title());
    svg.setDescription(renderer.subtitle());
    QPainter painter;
    if (!painter.begin(&svg))
        return {};
    renderer.paint(painter, QRectF(QPointF(0, 0), QSizeF(options.size)), options.target);
    painter.end();
    return withPixelSize(buffer.data(), options.size);
}

QByteArray renderPdf(const ChartScene& scene, const ChartExportOptions& options)
{
    ChartRenderer renderer(scene);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(kLogicalDpi);
    // One page exactly the chart's size: points are 1/72 inch, the chart's pixels 1/96.
    const QSizeF points = QSizeF(options.size) * (72.0 / kLogicalDpi);
    pdf.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(renderer.title());
    pdf.setCreator(QStringLiteral("bengal-perf %1").arg(QCoreApplication::applicationVersion()));
    QPainter painter;
    if (!painter.begin(&pdf))
        return {};
    const QRectF page(QPointF(0, 0), QSizeF(pdf.width(), pdf.height()));
    renderer.paint(painter, page, options.target);
    painter.end();
    return buffer.data();
}

} // namespace

QString validateExportOptions(const ChartExportOptions& options)
{
    const QSize s = options.size;
    if (s.width() < kMinExportSide || s.height() < kMinExportSide || s.width() > kMaxExportSide ||
        s.height() > kMaxExportSide)
        return tr("the size must be between %1 and %2 pixels a side, not %3x%4")
            .arg(kMinExportSide)
            .arg(kMaxExportSide)
            .arg(s.width())
            .arg(s.height());
    if (!(options.pixelRatio >= 0.5 && options.pixelRatio <= kMaxPixelRatio))
        return tr("the pixel ratio must be between 0.5 and %1").arg(kMaxPixelRatio);
    return QString();
}

QImage renderChartImage(const ChartScene& scene, ChartTarget target, const QSize& size,
                        qreal pixelRatio)
{
    QImage image((QSizeF(size) * pixelRatio).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    image.setDevicePixelRatio(pixelRatio);
    ChartRenderer renderer(scene);
    image.fill(renderer.background());
    QPainter painter(&image);
    renderer.paint(painter, QRectF(QPointF(0, 0), QSizeF(size)), target);
    return image;
}

QByteArray renderChartFile(const ChartScene& scene, const ChartExportOptions& options,
                           QString* error)
{
    const auto failed = [&](const QString& reason) {
        if (error)
            *error = reason;
        return QByteArray();
    };
    if (!scene.store)
        return failed(tr("there is no history to export"));
    if (const QString invalid = validateExportOptions(options); !invalid.isEmpty())
        return failed(invalid);
    QByteArray bytes;
    switch (options.format) {
    case ImageFormat::Png: {
        const QImage image =
            renderChartImage(scene, options.target, options.size, options.pixelRatio);
        if (image.isNull())
            return failed(tr("not enough memory for a %1x%2 image")
                              .arg(qRound(options.size.width() * options.pixelRatio))
                              .arg(qRound(options.size.height() * options.pixelRatio)));
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG"))
            return failed(tr("the PNG encoder failed"));
        break;
    }
    case ImageFormat::Svg:
        bytes = renderSvg(scene, options);
        break;
    case ImageFormat::Pdf:
        bytes = renderPdf(scene, options);
        break;
    }
    if (bytes.isEmpty())
        return failed(tr("the %1 renderer produced nothing")
                          .arg(imageFormatSuffix(options.format).toUpper()));
    return bytes;
}

bool exportChart(const ChartScene& scene, const ChartExportOptions& options, const QString& path,
                 QString* error)
{
    QString reason;
    const QByteArray bytes = renderChartFile(scene, options, &reason);
    if (bytes.isEmpty()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, reason);
        return false;
    }
    return writeFileAtomically(path, bytes, error);
}

void copyChartImage(TrendChart& chart)
{
    const QImage image = chart.toImage(chart.size(), chart.devicePixelRatioF());
    QGuiApplication::clipboard()->setImage(image);
}

bool imageFormatFromName(const QString& name, ImageFormat* format)
{
    const QString n = name.toLower();
    if (n == QLatin1String("png"))
        *format = ImageFormat::Png;
    else if (n == QLatin1String("svg"))
        *format = ImageFormat::Svg;
    else if (n == QLatin1String("pdf"))
        *format = ImageFormat::Pdf;
    else
        return false;
    return true;
}

QString imageFormatSuffix(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Png:
        return QStringLiteral("png");
    case ImageFormat::Svg:
        return QStringLiteral("svg");
    case ImageFormat::Pdf:
        break;
    }
    return QStringLiteral("pdf");
}

} // namespace bengal
